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
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from assistant.domain import framework
from assistant.domain.cycle import FundKind, FundLine, IndicatorLink, SelfEvalRow, SelfEvaluation, SourceRef
from assistant.domain.model import NoteLevel, ParseNote
from assistant.domain.values import parse_value
from assistant.errors import NotADeclarationError
from assistant.ingest.cells import label_key
from assistant.ingest.web_cells import WebCell, source_address, web_rows
from assistant.ingest.web_slots import level_term

_TITLE = re.compile(r"绩效自评表")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_FUND_HEADER = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "全年预算数": "full_year_budget",
    "调整后预算数": "full_year_budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "执行数": "executed",
    "执行率": "rate",
    "预算执行率": "rate",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "原因": "reason",
}
_FUND_ROWS = {
    "年度资金总额": FundKind.TOTAL,
    "总额": FundKind.TOTAL,
    "资金总额": FundKind.TOTAL,
    "当年财政拨款": FundKind.FISCAL,
    "财政拨款": FundKind.FISCAL,
    "财政资金": FundKind.FISCAL,
    "上年结转资金": FundKind.CARRYOVER,
    "其他资金": FundKind.OTHER,
    "单位资金": FundKind.OTHER,
    "财政专户管理资金": FundKind.OTHER,
}
_INDICATOR_HEADER = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标性质": "nature",
    "指标值": "target",
    "年度指标值": "target",
    "度量单位": "unit",
    "计量单位": "unit",
    "完成值": "actual",
    "实际完成值": "actual",
    "全年实际值": "actual",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation",
    "未完成原因分析": "deviation",
    "偏差原因分析": "deviation",
}
_TEXTS = {"评价结论": "conclusion", "存在问题": "problems", "改进措施": "improvements"}
_SECTION = re.compile(r"^(?:绩效指标|年度绩效指标|项目绩效指标)")
# The form's own instruction left in a cell (对照年度目标，说明…(100字以内)): the cell was not filled in.
_INSTRUCTION = re.compile(r"[（(]\s*\d+\s*字以内\s*[)）]\s*$")


def _key(text: str) -> str:
    return re.sub(r"^其中[：:]", "", label_key(text))


@dataclass
class _State:
    tokens: list[WebCell | None]
    notes: list[ParseNote] = field(default_factory=list)
    i: int = 0

    def note(self, code: str, message: str, cell: WebCell | None, level: NoteLevel = NoteLevel.WARNING) -> None:
        line = cell.line if cell else None
        fragment = cell.text if cell and cell.text else None
        self.notes.append(ParseNote(level=level, code=code, message=message, line=line, fragment=fragment))


def read_self_evaluation_text(text: str, source_file: str) -> tuple[SelfEvaluation, list[ParseNote]]:
    """The 自评表 on a page copied as text, and notes on what could not be placed; `NotADeclarationError` when
    the text holds no 自评表 (no title with 绩效自评表 and no indicator table with 完成值/得分)."""
    lines = text.split("\n")
    _, rows = web_rows(lines)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = SourceRef(file=source_file, sha256=sha, url=source_address(lines))
    return read_self_evaluation_cells([row.cells for row in rows], source)


def read_self_evaluation_cells(rows: list[list[WebCell]], source: SourceRef) -> tuple[SelfEvaluation, list[ParseNote]]:
    """The 自评表 in ``rows`` of cells (a page's, a workbook's, a PDF's; empty cells kept where a row has them),
    with notes; `NotADeclarationError` when they hold none."""
    source_file = source.file
    sha = source.sha256 or ""
    state = _State([t for row in rows for t in [*row, None]])
    header: dict[str, object] = {}
    funds: list[FundLine] = []
    evaluation_rows: list[SelfEvalRow] = []
    texts: dict[str, str] = {}
    unit = "元"
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        state.i += 1
        if token is None or not token.text:
            continue
        key = _key(token.text)
        if _TITLE.search(token.text) and (year := _YEAR.search(token.text)):
            header.setdefault("year", int(year[1]))
        elif key == "项目名称":
            header.setdefault("project_name", _next_value(state))
        elif key == "主管部门":
            header.setdefault("department", _next_value(state))
        elif key.startswith("实施单位"):
            header.setdefault("implementer", _next_value(state))
        elif key in {"项目年度目标", "年度总体目标", "预期目标"}:
            _goals(state, texts)
        elif "万元" in key and funds == [] and ("预算" in key or "资金" in key):
            unit = "万元"
        elif key in _FUND_HEADER and not funds and _run(state, token, _FUND_HEADER):
            funds = _funds(state, token)
        elif key in _INDICATOR_HEADER and _INDICATOR_HEADER[key] == "level1":
            evaluation_rows = _indicators(state, token)
        elif key in _TEXTS:
            if (value := _next_value(state)) is not None:
                texts[_TEXTS[key]] = value
    if not header.get("project_name") and not evaluation_rows:
        raise NotADeclarationError(
            f"文件 {source_file} 中没有找到项目支出绩效自评表（没有“项目名称”，也没有含“完成值/得分”的指标表）",
            hint="请确认文件是绩效自评表的网页或文本导出",
        )
    evaluation = SelfEvaluation(
        id=f"selfeval-{sha[:10]}",
        project_name=str(header.get("project_name") or ""),
        department=header.get("department"),
        implementer=header.get("implementer"),
        year=header.get("year"),
        amount_unit=unit,
        funds=funds,
        goal_planned=texts.get("goal_planned"),
        goal_achieved=texts.get("goal_achieved"),
        rows=evaluation_rows,
        conclusion=texts.get("conclusion"),
        problems=texts.get("problems"),
        improvements=texts.get("improvements"),
        source=source,
    )
    return evaluation, state.notes


def _next_value(state: _State) -> str | None:
    """The next filled cell, unless it is itself a label or the form's instruction left unfilled (noted)."""
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        state.i += 1
        if token is None or not token.text:
            continue
        if _key(token.text) in _FUND_HEADER | _INDICATOR_HEADER | _TEXTS:
            state.i -= 1
            return None
        if _INSTRUCTION.search(token.text):
            state.note("selfeval.unfilled", "该栏只有表样的填写说明，未填写内容，按空白处理", token)
            return None
        return token.text
    return None


def _goals(state: _State, texts: dict[str, str]) -> None:
    """项目年度目标 | 年度目标完成情况 | <planned> | <achieved>: two labels, then their two values."""
    if state.i < len(state.tokens) and (nxt := state.tokens[state.i]) is not None and "完成情况" in nxt.text:
        state.i += 1
    planned = _next_value(state)
    achieved = _next_value(state)
    if planned:
        texts["goal_planned"] = planned
    if achieved:
        texts["goal_achieved"] = achieved


def _run(state: _State, first: WebCell, names: dict[str, str]) -> bool:
    """``first`` and the filled cells right after it are a header of at least three known column names."""
    count, j = 1, state.i
    while j < len(state.tokens) and (t := state.tokens[j]) is not None and (not t.text or _key(t.text) in names):
        count += bool(t.text)
        j += 1
    return count >= 3


def _header(state: _State, first: WebCell, names: dict[str, str]) -> list[str]:
    columns = [names[_key(first.text)]]
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        if token is None or (token.text and _key(token.text) not in names):
            break
        if token.text:
            columns.append(names[_key(token.text)])
        state.i += 1
    return columns


def _funds(state: _State, first: WebCell) -> list[FundLine]:
    columns = _header(state, first, _FUND_HEADER)
    lines: list[FundLine] = []
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        if token is None or not token.text:
            state.i += 1
            continue
        kind = _FUND_ROWS.get(_key(token.text))
        if kind is None:
            break
        state.i += 1
        values: dict[str, Decimal | None] = {}
        for column in columns:
            nxt = state.tokens[state.i] if state.i < len(state.tokens) else None
            if nxt is None or (nxt.text and (_key(nxt.text) in _FUND_ROWS or _SECTION.match(nxt.text))):
                break
            state.i += 1
            if column == "reason":
                if nxt.text:
                    state.note("selfeval.fund_reason", "资金执行原因说明已保留在提示中", nxt, NoteLevel.INFO)
                continue
            values[column] = _number(nxt, state)
        label = token.text if _key(token.text) != kind.value else None
        lines.append(FundLine(kind=kind, label=label, **values))
    return lines


def _number(cell: WebCell, state: _State) -> Decimal | None:
    text = cell.text.replace(",", "").replace("，", "").strip().removesuffix("%")
    if text in {"", "/", "-", "—", "——"}:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        state.note("selfeval.bad_number", f"「{cell.text}」不是数字，按空白处理", cell)
        return None


def _indicators(state: _State, first: WebCell) -> list[SelfEvalRow]:
    columns = _header(state, first, _INDICATOR_HEADER)
    rest = [c for c in columns if c not in {"level1", "level2"}]
    rows: list[SelfEvalRow] = []
    levels: dict[str, str] = {}
    chunk: list[WebCell] = []

    def flush() -> None:
        nonlocal chunk
        filled = [c for c in chunk if c.text]
        if filled:
            rows.append(_row(dict(zip(rest, [c.text for c in chunk], strict=False)), levels, filled[0], state))
        chunk = []

    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        if token is not None and token.text and (_key(token.text) in _TEXTS or _key(token.text) in {"合计", "总分"}):
            break
        state.i += 1
        if token is None:
            flush()
        elif token.text and level_term(token.text) and not chunk:
            is_one = framework.is_level1_term(token.text) and ("level1" not in levels or "level2" in levels)
            if is_one:
                levels = {"level1": token.text}
            else:
                levels["level2"] = token.text
        elif token.text or chunk:
            chunk.append(token)
            if len(chunk) == len(rest):
                flush()
    flush()
    return rows


def _row(values: dict[str, str], levels: dict[str, str], anchor: WebCell, state: _State) -> SelfEvalRow:
    level1, level2 = levels.get("level1"), levels.get("level2")
    placement = framework.normalise(level1, level2)
    target = values.get("target", "")
    nature = values.get("nature") or None
    operator = nature if nature and parse_value(f"{nature}1").operator is not None else ""
    unit = values.get("unit") or None
    written = f"{operator}{target}{unit or ''}" if target else ""
    if not values.get("name"):
        state.note("selfeval.name_missing", "自评表指标行缺少三级指标名称", anchor)
    return SelfEvalRow(
        link=IndicatorLink(
            level1_written=level1,
            level2_written=level2,
            level1=placement.level1,
            level2=placement.level2,
            name=values.get("name", ""),
        ),
        target=written,
        target_value=parse_value(written) if written else None,
        actual=values.get("actual") or None,
        weight=_number(WebCell(values.get("weight", ""), anchor.line), state),
        score=_number(WebCell(values.get("score", ""), anchor.line), state),
        deviation=values.get("deviation") or None,
        nature=nature,
        unit=unit,
    )
