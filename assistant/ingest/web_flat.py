"""Forms whose table cells ran together when the page was copied (``项目名称农村义务教育薄弱学校改造补助资金``,
``产出指标数量指标农村义务教育学校改造覆盖率100%``).

Such a copy keeps a table row per line but loses the edges between its cells. It can be read only where the
words themselves show the edges: labels the readers know (项目名称, 年度资金总额, 项目执行单位…), the framework's
categories at the start of an indicator row, and a value at its end (``100%``, ``≥90%``, ``2023年12月31日``,
or a short wording after a name ending such as 情况/率/度). A whole table run onto one line is cut before each
category word. A row that does not split this way is a warning quoting it, not a row; a table with columns besides
一级/二级/三级/指标值 is not split at all (a warning says what to do). Nothing is guessed: a row split in the wrong
place would be a row invented.

``read_flat`` gives the rows to the Word/Excel reader as a grid, as the other page readers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.model import Declaration
from assistant.errors import NotADeclarationError
from assistant.ingest.cells import clean_inline, label_key, undecorated
from assistant.ingest.titles import is_page_chrome
from assistant.ingest.web_cost_total import cost_total_field, table_start
from assistant.ingest.web_flat_explained import explained_rows, explained_table
from assistant.ingest.web_flat_places import PlaceColumns, place_columns, place_rows, places_note, region_of
from assistant.ingest.web_flat_rows import (
    OCR_EQUALS,
    ROW_LEVEL,
    indicator_cells,
    leading_levels,
    one_level,
    worded_cells,
)
from assistant.ingest.web_flat_scored import is_scored_table, scored_rows
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes
from assistant.office.reader import is_title_text, label_words

_HEADER = re.compile(
    r"一级(?:指标|目标)\s*二级(?:指标|目标)\s*(?P<name>三级(?:指标|目标)|指标内容|指标名称)\s*"
    r"(?P<value>指标值|目标值|指标目标值)(?P<rest>.*)$"
)
_RUN_HEADER = re.compile(r"一级(?:指标|目标)二级(?:指标|目标)")
_SOURCE = re.compile(r"^\s*source\s*[:：]", re.IGNORECASE)
_ENDS = re.compile(r"^(?:附件\s*\d*\s*[:：]?|注\s*\d?\s*[:：].*|.*(?:审核意见|审批意见|初审意见).*)$")
_FORM_LINE_MAX = 6000
_LABEL_UNIT = re.compile(r"[（(](?:万元|元)[)）]")
_FORM_TITLE = re.compile(r"绩效目标(?:申报|批复|审批)?表(?:[（(]\d{4}年度?[)）]|\d{4}年度?)?")
_ROW_LEVEL_LONGEST = sorted(set(ROW_LEVEL), key=len, reverse=True)
_NEXT_TITLE = re.compile(r"(?:[省市县区]级)?(?:部门预算)?(?:项目支出)?绩效目标(?:申报)?表")
_FURNITURE = re.compile(r"(?:索\s*引\s*号|发布机构|发布时间|发布日期|发布单位|字号|标\s*题|有\s*效\s*性)")


@dataclass
class FlatPage:
    """The lines of a page whose indicator header ran together, and where that header is."""

    lines: list[str]
    header: int  # index in ``lines``
    extra: str  # columns after 指标值 in the header, '' when none


def find_flat(lines: list[str]) -> FlatPage | None:
    """The page when its indicator header's cells ran together on one line, else None."""
    for i, line in enumerate(lines):
        key = re.sub(r"\s+", "", line)
        if not _RUN_HEADER.search(key):
            continue
        found = _HEADER.search(key)
        return FlatPage(lines, i, found["rest"] if found else key)
    return None


def read_flat(page: FlatPage, name: str, sha256: str) -> list[Declaration]:
    """The declaration of a run-together page, read where the words show the cells' edges: a row that cannot be
    split without guessing is a warning quoting it (web.flat_unsplit), a table with columns besides
    一级/二级/三级/指标值 a warning saying what to do (web.flat_columns); never a guessed row."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    header_line = re.sub(r"\s+", "", page.lines[page.header])
    start = _RUN_HEADER.search(header_line).start()  # type: ignore[union-attr]
    at = header_line[start:]
    rest = page.extra.removesuffix("备注")
    notes = OfficeNotes()
    notes.info(
        "web.flat",
        "网页复制时表格单元格连在了一起：按已知栏目名称、指标类别和行末的指标值分开各栏读取；请逐项核对",
    )
    rows: list[GridRow] = []
    for number, text in _form_lines([*page.lines[: page.header], header_line[:start]]):
        rows.extend(r for row in _form_rows(number, text) for r in _with_region(row))
    table = _table_lines(page.lines[page.header + 1 :], page.header + 1)
    one_line = _one_line_table(header_line, rest)
    placed = _place_table(at)
    scored = placed is None and one_line is None and is_scored_table(rest)
    explained = explained_table(header_line) if placed is None and one_line is None and not scored else None
    if placed is not None:
        table = [(page.header + 1, placed[1])]
    elif one_line is not None:
        table = [(page.header + 1, one_line)]
    elif explained is not None:  # Hubei's 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值, the rows on the same line
        pieces = [(term, piece[len(term) :]) for piece in _segments(explained) if (term := _level_prefix(piece))]
        rows.extend(explained_rows(pieces, page.header + 1, notes))
        scored, table = True, []
    elif scored:  # Hunan's 指标值内容 | 评(扣分标准) | 度量单位 | 指标值类型 after 指标值
        wan = any("万元" in text for _, text in _form_lines(page.lines[: page.header]))
        rows.extend(scored_rows(table, page.header + 1, notes, wan=wan))
        table = []
    elif rest or not _HEADER.search(header_line):
        notes.warn(
            "web.flat_columns",
            f"网页复制时表格的单元格连在了一起，指标表「{at[:40]}」除一级/二级/三级/指标值外还有其他栏目，"
            "分不出各栏的分界，指标行未读取（不猜测）；请在原网页中选中表格重新复制，或另存为 .html/.docx/.xlsx 后再导入",
            line=page.header + 1,
        )
        table = []
    if not scored:
        rows.append(_grid(page.header + 1, ["一级指标", "二级指标", "三级指标", "指标值"]))
    for number, text in table:
        for segment in _segments(text) if one_line is not None or placed is not None else [text]:
            if placed is not None:
                rows += _place_grid(segment, placed[0], notes, number)
                continue
            cells = indicator_cells(segment) or worded_cells(segment, notes, number)
            if cells is None:
                if (levels := leading_levels(segment)) is not None:
                    rows.append(_grid(number, levels))  # its categories still head the rows after it
                notes.warn(
                    "web.flat_unsplit",
                    f"网页复制时单元格连在了一起，「{segment[:40]}」分不出指标名称和指标值的分界，未作为指标行读取"
                    "（不猜测）；请对照原表补录",
                    line=number,
                )
                continue
            if cells[3].startswith(OCR_EQUALS):
                notes.warn(
                    "web.ocr_operator",
                    f"「{cells[2]}」的指标值写作「{cells[3]}」：开头的「{OCR_EQUALS}」可能是「=」识别错误，按原文保留；请对照原表核对",
                    line=number,
                )
            rows.append(_grid(number, cells))
    if cost := cost_total_field("".join(t for _, t in _form_lines([*page.lines[: page.header], header_line[:start]]))):
        rows.append(_grid(page.header, [cost[0], cost[1]]))  # 鄂州: the amount is its cost table's 合计
        notes.warn("web.cost_total", cost[2], line=page.header)
    try:
        first = read_declaration(rows, source_file=name, sha256=sha256, notes=notes)
        return [first, *_next_forms(page, header_line, one_line, name, sha256)]
    except NotADeclarationError as nothing:  # neither a name nor a row could be told apart
        why = "指标表除一级/二级/三级/指标值外还有其他栏目" if not table else "分不出各栏的分界"
        raise NotADeclarationError(
            f"文件 {name} 第 {page.header + 1} 行「{at[:40]}」：网页复制时表格的单元格连在了一起，{why}，"
            "读不出项目名称和指标行，未读取（不猜测各栏的分界）",
            hint="请在原网页中选中表格重新复制（或把网页另存为 .html、把表格另存为 .docx/.xlsx）后再导入",
        ) from nothing


def read_flat_form(lines: list[str], name: str, sha256: str, *, first_line: int = 1) -> list[Declaration]:
    """The form's fields when a line holds a form's title and, run together after it, at least two labels the
    readers know, and no indicator header follows (the copy ends before the table: ``…区域绩效目标表资金名称…
    主管部门…年度金额(万元)158.18总体目标…``); the declaration has no rows and a warning says so. [] otherwise."""
    from assistant.office.importer import read_declaration

    for number, line in enumerate(lines, start=first_line):
        key = undecorated(re.sub(r"\s+", "", line))
        if len(key) > _FORM_LINE_MAX:  # labels are sought at every position: a form's header is far shorter
            continue
        title = next((m for m in _FORM_TITLE.finditer(key) if _label_at(key, m.end())), None)
        if title is None or _labels_in(key[title.end() :]) < 2:
            continue
        notes = OfficeNotes()
        notes.warn(
            "web.flat_form",
            "网页复制时单元格连在了一起，复制的文字在指标表之前就结束了：按已知栏目名称读取了表头各栏，没有指标行；"
            "请逐项核对，并对照原表补录指标",
            line=number,
        )
        rows = [_grid(number, [key[: title.end()]]), *_form_rows(number, key[title.end() :])]
        try:
            decl = read_declaration(rows, source_file=name, sha256=sha256, notes=notes)
        except NotADeclarationError:
            return []
        return [decl] if decl.header.name else []
    return []


def _labels_in(key: str) -> int:
    return sum(1 for j in range(len(key)) if _label_at(key, j, longer=4))


def _one_line_table(header_line: str, rest: str) -> str | None:
    """The indicator rows when the whole table ran onto the header's line (``…指标目标值产出指标数量指标免费开放
    天数=300天质量指标…``), cut where another form's title starts on the same line; else None."""
    found = _HEADER.search(header_line)
    tail = found["rest"] if found else None
    if not tail or not any(term in tail for term in ROW_LEVEL):
        return None
    title = _NEXT_TITLE.search(tail)
    return tail[: title.start()] if title else tail


def _next_forms(page: FlatPage, header_line: str, table: str | None, name: str, sha256: str) -> list[Declaration]:
    """The forms after a one-line table on the same line (嘉峪关: the next 绩效目标表 starts where the first one's
    last row ends), read by `read_flat_form` from there to the page's end: their fields, each with a warning that its
    rows are not there to read; [] when none follows."""
    if table is None:
        return []
    found = _HEADER.search(header_line)
    tail = found["rest"][len(table) :] if found else ""
    if not tail:
        return []
    following = page.lines[page.header + 1 :]
    run = next((i for i, line in enumerate(following) if not line.strip()), len(following))
    joined = tail + "".join(line.strip() for line in following[:run])  # the copy's line breaks fall inside cells
    return read_flat_form([joined, *following[run:]], name, sha256, first_line=page.header + 1)


def _segments(text: str) -> list[str]:
    """A run-together table cut before each category word, so that each piece holds one row's categories and
    the name and value after them (``产出指标数量指标免费开放天数=300天`` | ``质量指标博物馆…完成率=100百分比``)."""
    cuts = [0]
    i = 0
    while i < len(text):
        term = next((t for t in _ROW_LEVEL_LONGEST if text.startswith(t, i)), None)
        if term is None:
            i += 1
            continue
        if i > cuts[-1] and not _only_terms(text[cuts[-1] : i]):
            cuts.append(i)
        i += len(term)
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True) if text[a:b]]


def _level_prefix(text: str) -> str | None:
    """The category words a piece of a one-line table starts with (``数量指标``), else None."""
    found = ""
    while term := next((t for t in _ROW_LEVEL_LONGEST if text.startswith(t, len(found))), None):
        found += term
    return found or None


def _only_terms(text: str) -> bool:
    while text:
        term = next((t for t in _ROW_LEVEL_LONGEST if text.startswith(t)), None)
        if term is None:
            return False
        text = text[len(term) :]
    return True


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)


def _form_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) of the form part: page furniture dropped, a unit line ``(万元)`` joined to its label."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        text = clean_inline(raw.strip())
        if not text or _SOURCE.match(raw) or is_page_chrome([text]) or _FURNITURE.search(text):
            continue
        if re.fullmatch(r"[（(]\s*(?:万元|元)\s*[)）]", text) and out:
            out[-1] = (out[-1][0], out[-1][1] + text)
            continue
        out.append((number, text))
    return out


def _form_rows(number: int, text: str) -> list[GridRow]:
    """A form line split at the labels it holds: one row per label and its value; a line that starts with no
    label (a title, a sentence of a section) is one cell."""
    key = undecorated(re.sub(r"\s+", "", text))
    rows: list[GridRow] = []
    start = 0
    title = next((m for m in _FORM_TITLE.finditer(key) if _label_at(key, m.end(), longer=4)), None)
    if title:  # 嘉峪关: the title, then the form's labels run on after it (秀屿: after a notice on the same line)
        begins = _sentence_start(key, title.start())
        rows = [_grid(number, [key[:begins]])] if begins else []
        rows, start = [*rows, _grid(number, [key[begins : title.end()]])], title.end()
    elif is_title_text(key) or not _label_at(key, 0):
        return [_grid(number, [text])]
    while start < len(key):
        label = _label_at(key, start)
        assert label is not None
        end = start + len(label)
        if unit := _LABEL_UNIT.match(key, end):  # 年度金额(万元)158.18: the unit belongs to the label
            label, end = label + unit[0], unit.end()
        following = next(
            (j for j in range(end, len(key)) if _label_at(key, j, longer=4) and not _YEAR_BEFORE.search(key, 0, j)),
            len(key),
        )
        value = _trimmed(key[end:following].lstrip(":："))
        if cut := table_start(value):  # 立项依据…项目预算成本构成金额…: the value stops at the next table's header
            rows += [_grid(number, [label, value[:cut]]), _grid(number, [value[cut:]])]
        else:
            rows.append(_grid(number, [label, value]))
        start = following
    return rows


_LABELS = label_words()
_SENTENCE_END = re.compile(r"[。；;，,：:]|附件\s*\d*|\d{4}年\d{1,2}月\d{1,2}日")


def _sentence_start(key: str, at: int) -> int:
    """Where the title ending the text before ``at`` starts: after the last sentence end, attachment mark or date
    (a notice's ``…2025年9月19日附件2秀屿区2025年…绩效目标表``), else 0."""
    ends = [m.end() for m in _SENTENCE_END.finditer(key, 0, at)]
    return ends[-1] if ends else 0


def _with_region(row: GridRow) -> list[GridRow]:
    """A 项目名称 that ran into the form's 区域 field (龙岩: ``宗教管理经费补助区域新罗区、永定区…``) as the name's row
    and the 区域's row."""
    if len(row.cells) != 2 or label_key(row.cells[0].text) != "项目名称":
        return [row]
    split = region_of(row.cells[1].text)
    if split is None:
        return [row]
    label, value = row.cells
    number = label.row + 1
    return [_grid(number, [label.text, split[0]]), _grid(number, ["区域", split[1]])]


def _place_table(at: str) -> tuple[PlaceColumns, str] | None:
    """(the place columns, the table's rows) of a run-together header with a value column per place, else None."""
    begin = len("一级指标二级指标三级指标")
    first = min((k for t in ROW_LEVEL if (k := at.find(t, begin)) >= 0), default=len(at))
    columns = place_columns(at, first)
    return (columns, at[first:]) if columns is not None and first < len(at) else None


def _place_grid(text: str, columns: PlaceColumns, notes: OfficeNotes, number: int) -> list[GridRow]:
    """The grid rows of a piece of a table with a value column per place (`web_flat_places`): its rows (the ones
    after the first, without a category of their own, under the same categories), each place's value noted; what
    does not split one way only is a warning quoting it."""
    levels: list[str] = []
    rest = text
    while len(levels) < 2 and (term := next((t for t in ROW_LEVEL if rest.startswith(t)), None)):
        levels.append(term)
        rest = rest[len(term) :]
    first, second = (levels + ["", ""])[:2] if len(levels) == 2 else one_level(levels[0]) if levels else ("", "")
    read, left = place_rows(rest, columns)
    out: list[GridRow] = []
    for k, row in enumerate(read):
        out.append(_grid(number, [first, second, row.name, row.value] if k == 0 else ["", "", row.name, row.value]))
        notes.info("web.place_columns", places_note(row, columns), line=number)
    if not read and levels:
        out.append(_grid(number, [first, second, "", ""]))  # its categories still head the rows after it
    if left:
        notes.warn(
            "web.flat_unsplit",
            f"网页复制时单元格连在了一起，「{(left if read else text)[:40]}」分不出指标名称、指标解释和各地点的指标值的分界，未作为指标行读取"
            "（不猜测）；请对照原表补录",
            line=number,
        )
    return out


# What the run-together cells around a value leave on it: ``6923.3552万元(`` before 其中:, ``0万元)二、`` before the next
# numbered item, ``;`` between two amounts.
_VALUE_EDGES = re.compile(r"^[)）;；,，、]+|(?:[(（;；,，、]|[一二三四五六七八九十]、)+$")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}$")  # 起止时间2021年度资金总额…: 年度 is the year's, not a label's start


def _trimmed(value: str) -> str:
    """``value`` without what the neighbouring cells left on its edges (``_VALUE_EDGES``), and without a closing
    bracket it never opened (``0万元)`` before ``二、自有资金``)."""
    value = _VALUE_EDGES.sub("", value)
    while value.endswith((")", "）")) and not re.search(r"[(（]", value):
        value = _VALUE_EDGES.sub("", value[:-1])
    return value


def _label_at(key: str, start: int, *, longer: int = 0) -> str | None:
    """The longest known label (``其中：`` allowed before it) that starts at ``start``; with ``longer``, only
    labels of at least that many characters (a short word inside a value is no label)."""
    prefix = re.match(r"其中[:：]?", key[start:])
    offset = prefix.end() if prefix else 0
    for label in _LABELS:
        if len(label) >= max(longer, 2) and key.startswith(label, start + offset):
            return key[start : start + offset + len(label)]
    other = _NUMBERED_OTHER.match(key, start)  # ``…自有资金:0万元三、其他:3683.3970万元``: the rest of the total
    return other["label"] if other and len(other["label"]) >= longer else None


# A numbered funding line with no label of its own in the readers' vocabulary (三、其他: after 财政拨款 and 自有资金),
# taken as a label only where an amount or a colon follows it: 其他 alone is a common word.
_NUMBERED_OTHER = re.compile(r"(?P<label>[一二三四五六七八九十]+、其他(?:资金|来源)?)(?=[:：]|\d)")


def _table_lines(lines: list[str], before: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=before + 1):
        text = re.sub(r"\s+", "", raw)
        if not text:
            continue
        if _ENDS.match(text) or is_page_chrome([raw.strip()]):
            break
        out.append((number, text))
    return out
