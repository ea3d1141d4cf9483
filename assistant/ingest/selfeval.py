"""Published 项目支出绩效自评表 (final-account disclosures) read into :class:`SelfEvaluation` (issue 25 item 4).

The page's cells are read in order (``web_cells``: one per line, ``|`` rows, or space-separated rows), empty
cells kept, since a 自评表's columns are placed by position: the 项目资金 block (年初预算数 | 全年预算数 |
全年执行数 | 执行率 | 分值 | 得分 …) row by row under its header, the indicator table (一级 | 二级 | 三级 | 指标值 |
实际完成值 | 分值 | 得分 | 偏差原因…) in chunks of its header's width, categories merged down their rows. What
cannot be placed is a parse note, returned beside the model (the model has no notes of its own).
"""

from __future__ import annotations

import hashlib
import re

from assistant.domain.cycle import FundLine, SelfEvalRow, SelfEvaluation, SourceRef
from assistant.domain.model import NoteLevel, ParseNote
from assistant.errors import NotADeclarationError
from assistant.ingest import selfeval_words as words
from assistant.ingest.cells import strip_unit_code
from assistant.ingest.doc_number import name_with_doc_number
from assistant.ingest.selfeval_cells import (
    FUND_HEADER,
    INDICATOR_HEADER,
    TEXTS,
    State,
    cell_key,
    column_key,
    is_figure,
)
from assistant.ingest.selfeval_columns import table_unread_message
from assistant.ingest.selfeval_flat_rows import flattened_rows
from assistant.ingest.selfeval_forms import predecessor_tail, split_forms, tail_note
from assistant.ingest.selfeval_fund_block import BLOCK_LABELS, RUN_LABELS, read_funds
from assistant.ingest.selfeval_indicators import read_indicators, row_of
from assistant.ingest.selfeval_label_amount import label_amount, no_fund_figure
from assistant.ingest.selfeval_labels import joined_labels
from assistant.ingest.selfeval_mirror import funds_by_rate
from assistant.ingest.selfeval_name import name_after_year, named_by_title, with_year_before
from assistant.ingest.selfeval_pdf_header import funds_all_equal, late_field, name_written_twice
from assistant.ingest.selfeval_pdf_interleaved import interleaved_rows
from assistant.ingest.selfeval_pdf_runs import column_runs
from assistant.ingest.selfeval_published import published
from assistant.ingest.selfeval_region import region_funds, without_blank_rows
from assistant.ingest.selfeval_rowshapes import joined_categories
from assistant.ingest.selfeval_run import split_runs
from assistant.ingest.selfeval_total import stated_total
from assistant.ingest.selfeval_wrapped import wrapped_rows
from assistant.ingest.web_cells import Shape, WebCell, source_address, web_rows

# A title's year: ``2021年度``, or a bare year in brackets (``自评表 (2021)``); a date (``发布日期: 2022年04月02日``, a
# page's furniture run into the title's line) is no form's year.
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月)|[（(]\s*((?:19|20)\d{2})\s*[)）]")
_YEAR_ONLY = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$")
_SOURCE_LINE = re.compile(r"^\s*source\s*[:：]", re.IGNORECASE)
_BRACKET_YEAR = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*年度\s*[)）]$")  # a title's year line: (2021年度)
_UNIT_ONLY = re.compile(r"^[（(]万元[)）]$")  # 项目资金 / (万元): the block's unit in a cell of its own
_UNIT_AT_END = re.compile(r"[（(:：]?万元[)）]?$")  # 资金情况(万元), 预算执行情况（万元）, 单位:万元
# The form's own instruction left in a cell (对照年度目标，说明…(100字以内)): the cell was not filled in.
_TABLE_WORDS = re.compile(r"三级指标|指标值|完成值")  # the indicator table's header words, wherever they stand
_INSTRUCTION = re.compile(r"[（(]\s*\d+\s*字以内\s*[)）]\s*$")


def read_self_evaluation_text(text: str, source_file: str) -> tuple[SelfEvaluation, list[ParseNote]]:
    """The first 自评表 on a page copied as text, and notes on what could not be placed (a page holding more says so
    in a note: `read_self_evaluations_text` reads them all); `NotADeclarationError` when the text holds no 自评表 (no
    title with 绩效自评表 and no indicator table with 完成值/得分)."""
    forms = read_self_evaluations_text(text, source_file)
    first, notes = forms[0]
    if len(forms) > 1:
        others = "、".join(f"「{form.project_name or '（未读到名称）'}」" for form, _ in forms[1:])
        notes = [*notes, ParseNote(level=NoteLevel.WARNING, code="selfeval.more_forms", message=_MORE.format(others))]
    return first, notes


_MORE = "本页还有 {} 的自评表，这里只导入第一张；请把其余各张分别保存为文件再导入"


def read_self_evaluations_text(text: str, source_file: str) -> list[tuple[SelfEvaluation, list[ParseNote]]]:
    """Every 自评表 on a page copied as text, in order, each with its notes (a page of a PDF may hold two, 普陀: a
    title with its own 项目名称 after the first form starts the next); `NotADeclarationError` when it holds none."""
    lines = text.split("\n")
    shape, rows = web_rows(lines)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = SourceRef(file=source_file, sha256=sha, url=source_address(lines))
    cells, ran = split_runs([row.cells for row in rows], RUN_LABELS, (*_NAME_LABELS, *_RUN_NAMES, "一级指标二级指标"))
    if shape is Shape.LINES:  # a cell per line and no row ends (廊坊): rows are counted by their header's columns
        cells = [[cell for row in cells for cell in row]]
    tail, cells = predecessor_tail(cells, _is_name_key)  # 大英: an earlier form's last rows before the title
    forms = []
    refused: list[NotADeclarationError] = []
    for index, part in enumerate(split_forms(cells, _is_name_key), start=1):
        try:
            evaluation, notes = read_self_evaluation_cells(
                part, source, lossy=shape is Shape.PLAIN or ran, ran=ran, index=index
            )
        except NotADeclarationError as error:  # a part that holds no form of its own: the others still count
            refused.append(error)
            continue
        forms.append((evaluation, [_RUN_NOTE, *notes] if ran else notes))
    if not forms:
        raise refused[0]
    if tail:
        first, notes = forms[0]
        forms[0] = (first, [tail_note(tail), *notes])
    if refused:
        first, notes = forms[0]
        unread = ParseNote(level=NoteLevel.WARNING, code="selfeval.part_unread", message=_PART.format(len(refused)))
        forms[0] = (first, [*notes, unread])
    return forms


_PART = "本页另有 {} 段以自评表标题开始的内容没有读出项目名称和指标表，未作为自评表读取；请对照原页面核对"


def _is_name_key(text: str) -> bool:
    key = cell_key(text)
    return key in _NAME_LABELS or words.is_name_label(key)


def read_self_evaluation_cells(
    rows: list[list[WebCell]], source: SourceRef, *, lossy: bool = False, ran: bool = False, index: int = 1
) -> tuple[SelfEvaluation, list[ParseNote]]:
    """The 自评表 in ``rows`` of cells (a page's, a workbook's, a PDF's; empty cells kept where a row has them),
    with notes; `NotADeclarationError` when they hold none. ``lossy``: the copy dropped its empty cells (cells
    separated by spaces, a whole table on one line), so an indicator row is read as the cells up to its 得分 and
    kept only where its 分值/得分 fall on numbers (`_indicators`)."""
    source_file = source.file
    sha = source.sha256 or ""
    tokens = joined_categories(joined_labels([t for row in rows for t in [*row, None]]))
    state = State(tokens, lossy=lossy, ran=ran)
    header: dict[str, object] = {}
    funds: list[FundLine] = []
    evaluation_rows: list[SelfEvalRow] = []
    texts: dict[str, str] = {}
    titles: list[str] = []
    page = "".join(t.text for t in state.tokens if t is not None)
    unit = "元"
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        state.i += 1
        if token is None or not token.text:
            continue
        key = cell_key(token.text)
        if words.is_title(token.text):
            titles.append(token.text)
        if words.is_title(token.text) and (year := _YEAR.search(with_year_before(state.tokens, state.i - 1))):
            header.setdefault("year", int(year[1] or year[2]))
        elif words.is_title(token.text):
            header.setdefault("title", token.text)
        elif "title" in header and "year" not in header and (year := _YEAR_ONLY.match(token.text)):
            header["year"] = int(year[1])  # 项目支出绩效自评表 / (2022年度): the year in a cell of its own
        elif not header and _BRACKET_YEAR.match(token.text) and _first_text(state.tokens, state.i - 1):
            header["year_untitled"] = token  # (2021年度) first, its title cut off above: read at the end, noted
        elif key in _NAME_LABELS or words.is_name_label(key):
            value = _next_value(state)
            if value is None and state.lossy and not header.get("project_name"):
                value = _name_before(state, state.i - 1)
            if value is not None and not header.get("project_name"):
                value, state.i = name_after_year(state.tokens, state.i, value)
                value, state.i, numbered = name_with_doc_number(state.tokens, state.i, value, _is_label_text)
                state.notes.extend([numbered] if numbered else [])
            words.keep_first(header, "project_name", value)
            if value is None and titles and not header.get("project_name"):
                header.setdefault("name_unread", token)
        elif words.is_department_label(key):
            words.keep_first(header, "department", _unit_name(state, _next_value(state)))
        elif words.is_implementer_label(key):
            value = words.paired_value(key, _next_value(state), words.is_implementer_label)
            words.keep_first(header, "implementer", _unit_name(state, value))
        elif key in {"项目年度目标", "年度总体目标", "预期目标"}:
            _goals(state, texts)
        elif (
            "万元" in key
            and funds == []
            and (
                "预算" in key
                or "资金" in key
                or "金额单位" in key
                or _UNIT_ONLY.match(key)
                or _wrapped_unit(state, key)
            )
        ):
            unit = state.unit = "万元"
        elif key == "金额单位" and funds == [] and _next_is(state, "万元"):
            unit = state.unit = "万元"  # 河北: 一、基本情况 … 金额单位: 万元, the unit a cell of its own
        elif key == "预算数" and not funds and (region := region_funds(state, token)) is not None:
            funds, unit = region  # 区域绩效目标自评表: 预算数: 2.38 执行数: 2.38, no column header
        elif key in FUND_HEADER and not funds and _run(state, token, FUND_HEADER):
            funds = read_funds(state, token, wan=unit == "万元")
            unit = state.unit  # the block's unit may stand at the start of its first row (项目资金 / (万元))
        elif key in INDICATOR_HEADER and INDICATOR_HEADER[key] == "level1" and "indicators" not in header:
            header["indicators"] = True  # one indicator table: 一级指标 in a footnote under it starts none
            evaluation_rows = _column_runs(state) if state.lossy else []
            evaluation_rows = evaluation_rows or read_indicators(state, token)
        elif key in TEXTS:
            if (value := _next_value(state)) is not None:
                texts[TEXTS[key]] = value
    if not header.get("project_name") and header.get("name_unread"):
        header["project_name"] = name_written_twice(state, _is_label_text)  # 广水: a name the page writes twice
    if not header.get("project_name") and isinstance(unread := header.get("name_unread"), WebCell):
        state.note(
            "selfeval.name_unread",
            "自评表的「项目名称」栏旁没有名称（PDF 文字中栏目与内容分开，按顺序分不出哪段文字是名称），未读取（不猜测）；"
            "请对照原表补录项目名称",
            unread,
        )
    elif not header.get("project_name") and not evaluation_rows:
        raise NotADeclarationError(
            f"文件 {source_file} 中没有找到项目支出绩效自评表（没有“项目名称”，也没有含“完成值/得分”的指标表）",
            hint="请确认文件是绩效自评表的网页或文本导出",
        )
    table = any(t is not None and _TABLE_WORDS.search(t.text) for t in state.tokens)
    evaluation_rows = evaluation_rows or (flattened_rows(state) if table else [])  # 衡山: a table run into text
    evaluation_rows = evaluation_rows or (wrapped_rows(state) if table and state.lossy else [])  # a .doc flattened
    evaluation_rows = evaluation_rows or (interleaved_rows(state) if table and state.lossy else [])  # 广水: a PDF
    if not evaluation_rows and table:
        state.note(
            "selfeval.table_unread",
            table_unread_message(
                header_read="indicators" in header and state.i >= len(state.tokens) - 3,
                unsplit=any(n.code == "selfeval.row_unsplit" for n in state.notes),
            ),
            None,
        )
    if titles and (corrected := named_by_title(str(header.get("project_name") or ""), titles[0], page, None)):
        header["project_name"] = corrected[0]
        state.notes.append(corrected[1])
    if not funds and state.lossy:  # fund labels and figures apart: what the rate, or figures all one, prove
        funds = funds_by_rate(state) or funds_all_equal(state)
    if no_fund_figure(funds) and (stated_fund := label_amount(state, unit)) is not None:  # 年度资金总额:38.75万元
        funds = [stated_fund, *(line for line in funds if line.kind is not stated_fund.kind)]
    if state.lossy and not header.get("implementer"):
        header["implementer"] = late_field(state, words.is_implementer_label, _is_label_text)
    evaluation_rows = without_blank_rows(evaluation_rows, state)
    funds, evaluation_rows, stated = published(funds, evaluation_rows)
    _untitled_year(header, state)
    total_score, total_notes = stated_total(state.tokens)
    evaluation = SelfEvaluation(
        id=f"selfeval-{sha[:10]}" if index == 1 else f"selfeval-{sha[:10]}-{index}",
        project_name=str(header.get("project_name") or ""),
        department=header.get("department"),
        implementer=header.get("implementer"),
        year=header.get("year"),
        amount_unit=unit,
        funds=funds,
        goal_planned=texts.get("goal_planned"),
        goal_achieved=texts.get("goal_achieved"),
        rows=evaluation_rows,
        total_score=total_score,
        conclusion=texts.get("conclusion"),
        problems=texts.get("problems"),
        improvements=texts.get("improvements"),
        source=source,
    )
    return evaluation, state.notes + stated + total_notes


def _first_text(tokens: list[WebCell | None], at: int) -> bool:
    """Whether ``tokens[at]`` is the page's first text (its source line aside)."""
    return not any(t is not None and t.text.strip() and not _SOURCE_LINE.match(t.text) for t in tokens[:at])


def _untitled_year(header: dict[str, object], state: State) -> None:
    """The year of a form whose copy starts at its title's year line (``(2021年度)``, the title cut off above it) and
    that names no other: read from that line, noted (炉霍)."""
    token = header.get("year_untitled")
    if header.get("year") is not None or not isinstance(token, WebCell):
        return
    header["year"] = int(re.sub(r"\D", "", token.text))
    state.notes.append(
        ParseNote(
            level=NoteLevel.INFO,
            code="selfeval.year_untitled",
            message=f"复制的文字从表题下的「{token.text.strip()}」开始（表题在复制中丢失），按 {header['year']} 年读作自评年度；请核对",
            line=token.line,
            fragment=token.text,
        )
    )


# Labels cut out of a page whose cells ran together (selfeval_run): the ones read here and the block labels around them.
_NAME_LABELS = frozenset({"项目名称", "转移支付(项目)名称", "转移支付（项目）名称", "项目支出名称"})
_RUN_NAMES = ("专项资金名称", "转移(项目)名称")  # other names' labels a run-together page is cut at
_RUN_NOTE = ParseNote(
    level=NoteLevel.WARNING,
    code="selfeval.run_together",
    message="网页或 PDF 复制时单元格连在了一起：只在已知栏目名称和指标类别处分开，连在一起的数字和指标行未拆分"
    "（不猜测各栏的分界，见其后的提示）；请对照原表核对、补录",
)


def _unit_name(state: State, value: str | None) -> str | None:
    """The unit's name without the budget code written before it (``219001-池州市贵池区棠溪镇人民政府``,
    ``【812033】宁夏…``), the code noted: the declaration readers' `strip_unit_code`."""
    if not value:
        return value
    name, code = strip_unit_code(value)
    if code:
        state.note(
            "header.unit_code",
            f"单位名称旁的编码「{code}」不是名称的一部分，已去掉",
            state.tokens[state.i - 1],
            NoteLevel.INFO,
        )
    return name


def _name_before(state: State, label: int) -> str | None:
    """A PDF's text where the name's run came before its label (普陀: ``(2022 年度) 普陀体育中心与委托运营方结 算费用 项目名称
    主管部门 …``): the text cells right before the label, back to the title or its year, joined (the space was the PDF's
    line wrap); noted. None where a label, a figure or nothing stands there."""
    found: list[WebCell] = []
    k = label - 1
    while k >= 0 and len(found) < 3 and (token := state.tokens[k]) is not None and token.text:
        if words.is_title(token.text) or _YEAR_ONLY.match(token.text):
            break
        key = cell_key(token.text)
        if key in BLOCK_LABELS or words.is_header_label(key) or is_figure(token.text) or _is_unit_label(key):
            return None
        found.insert(0, token)
        k -= 1
    if not found or k < 0 or state.tokens[k] is None:
        return None
    name = "".join(c.text for c in found)
    state.note(
        "selfeval.name_before_label",
        f"PDF 文字中项目名称在「项目名称」栏目之前：按其前面的文字读作项目名称「{name}」（换行处的空格已去掉）；请核对",
        found[0],
        NoteLevel.INFO,
    )
    return name


def _is_label_text(text: str) -> bool:
    """``text`` is a label of the form (a header field, a block, a column): where a name cut at spaces ends."""
    key = cell_key(text)
    return key in BLOCK_LABELS or key in FUND_HEADER | INDICATOR_HEADER | TEXTS or words.is_header_label(key)


def _wrapped_unit(state: State, key: str) -> bool:
    """``key`` is the end of the fund block's unit label a line wrap cut (``预算执行`` / ``情况(万元)``): it ends with the
    unit and the cell before it on the same row completes a 预算/资金 label."""
    before = state.tokens[state.i - 2] if state.i >= 2 else None
    if before is None or not _UNIT_AT_END.search(key) or len(key) > 12 or re.search(r"\d", key + before.text):
        return False
    return _is_unit_label(cell_key(before.text) + key)


def _is_unit_label(key: str) -> bool:
    """``key`` labels the fund block's unit (``资金情况(万元)``, ``预算执行情况（万元）``, ``(万元)``): a label, never a
    header field's value (an empty 资金使用单位 is followed by it on 广西's pages)."""
    if _UNIT_ONLY.match(key):
        return True
    return len(key) <= 20 and bool(_UNIT_AT_END.search(key)) and ("预算" in key or "资金" in key)


_COLUMN_WORDS = frozenset({"金额", "序号", "备注", "合计", "小计", "总计"})  # another table's header (新民)


def _is_label(key: str) -> bool:
    return words.is_header_label(key) or _is_unit_label(key)


def _next_value(state: State) -> str | None:
    """The next filled cell, unless it is itself a label or the form's instruction left unfilled (noted)."""
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        state.i += 1
        if token is None or not token.text:
            continue
        key = cell_key(token.text)
        if key in FUND_HEADER | INDICATOR_HEADER | TEXTS or key in _COLUMN_WORDS or _is_label(key):
            state.i -= 1
            return None
        if words.is_title(token.text) or (len(key) <= 10 and token.text.rstrip().endswith((":", "："))):
            state.i -= 1  # 广水: ``项目主管单位 自评总分: 95``: another label, the field's own value is elsewhere
            return None
        if _INSTRUCTION.search(token.text):
            state.note("selfeval.unfilled", "该栏只有表样的填写说明，未填写内容，按空白处理", token)
            return None
        return token.text
    return None


def _next_is(state: State, text: str) -> bool:
    nxt = state.tokens[state.i] if state.i < len(state.tokens) else None
    return nxt is not None and nxt.text.strip() == text


def _goals(state: State, texts: dict[str, str]) -> None:
    """项目年度目标 | 年度目标完成情况 | <planned> | <achieved>: two labels, then their two values."""
    while state.i < len(state.tokens) and (nxt := state.tokens[state.i]) is not None and _goal_label(nxt.text):
        state.i += 1  # the block's column labels: 预期目标 / 实际完成情况 (年度目标完成情况, 年初设定目标 …)
    planned = _next_value(state)
    achieved = _next_value(state)
    if planned:
        texts["goal_planned"] = planned
    if achieved:
        texts["goal_achieved"] = achieved


def _goal_label(text: str) -> bool:
    key = cell_key(text)
    return key in {"预期目标", "年初设定目标", "年度目标"} or ("完成情况" in key and len(key) <= 12)


def _run(state: State, first: WebCell, names: dict[str, str]) -> bool:
    """``first`` and the filled cells right after it are a header of at least three known column names."""
    count, j = 1, state.i
    while j < len(state.tokens) and (t := state.tokens[j]) is not None and (not t.text or column_key(t.text, names)):
        count += bool(t.text)
        j += 1
    return count >= 3


def _column_runs(state: State) -> list[SelfEvalRow]:
    """The indicator rows of a PDF's text whose columns came as runs of their own (`selfeval_pdf_runs`), noted; []
    where they do not pair one way (the table is then read as cells)."""
    read = column_runs(state.tokens, state.i)
    if read is None:
        return []
    found, state.i = read
    levels = [{"level1": r["level1"], "level2": r["level2"]} for r in found]
    anchor = next(t for t in state.tokens[state.i - 1 :: -1] if t is not None)
    state.note(
        "selfeval.column_runs",
        f"PDF 文字中指标表按栏分开（先是各行的数值，再是类别和名称）：按顺序把 {len(found)} 组数值、{len(found)} 个指标名称和 "
        f"{len(found)} 个二级指标一一对应读取；请对照原表核对",
        anchor,
        NoteLevel.INFO,
    )
    return [row_of(values, level, anchor, state) for values, level in zip(found, levels, strict=True)]
