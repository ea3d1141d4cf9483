"""The cells of a published 自评表 as ``selfeval`` reads them: the known column and row names of its fund block and
indicator table, the reading position over a page's cells (:class:`State`) and the small readers both tables share
(a header run of known column names, a figure). Moved out of ``selfeval`` unchanged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from assistant.domain.amounts import figure_problem
from assistant.domain.cycle import FundKind
from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.cells import label_key
from assistant.ingest.web_cells import WebCell

FUND_HEADER = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "全年预算数": "full_year_budget",
    "调整后预算数": "full_year_budget",
    "预算数": "full_year_budget",  # 黄石: 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 — one budget, the year's
    "全年执行数": "executed",
    "预算执行数": "executed",
    "执行数": "executed",
    "执行率": "rate",
    "预算执行率": "rate",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "原因": "reason",
    # 新疆's (阜康): … | 分值权重 | 执行率 | 得分 (云南's 昌宁 has 预算数(A), above)
    "分值权重": "weight",
}
# The fund block's columns as the template names them, for notes (a field of `FundLine` → its column's name)
FUND_COLUMN_NAMES = {
    "initial_budget": "年初预算数",
    "full_year_budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}
FUND_ROWS = {
    "年度资金总额": FundKind.TOTAL,
    "总额": FundKind.TOTAL,
    "资金总额": FundKind.TOTAL,
    "年度财政资金总额": FundKind.TOTAL,  # 云南 (昌宁) and 黄石: the total row of a form whose funds are all fiscal
    "当年财政拨款": FundKind.FISCAL,
    "本年财政拨款": FundKind.FISCAL,
    "财政拨款": FundKind.FISCAL,
    "财政资金": FundKind.FISCAL,
    "中央财政资金": FundKind.FISCAL,  # a transfer's 自评表: 其中：中央财政资金 / 地方资金
    "地方资金": FundKind.OTHER,
    "上年结转资金": FundKind.CARRYOVER,
    "其他资金": FundKind.OTHER,
    "单位资金": FundKind.OTHER,
    "财政专户管理资金": FundKind.OTHER,
}
INDICATOR_HEADER = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标性质": "nature",
    "指标方向": "direction",  # 内蒙古: 指标性质 (正向/反向) | 指标方向 (大于等于/等于/小于等于) | 年度指标值
    "指标值": "target",
    "年度指标值": "target",
    "年初目标值": "target",  # 黄石 and 云南 (昌宁): 年初目标值(A) | 实际完成值(B) | 得分
    "度量单位": "unit",
    "计量单位": "unit",
    "完成值": "actual",
    "实际完成值": "actual",
    "实际完成指标值": "actual",  # 安居's 区域绩效目标自评表: 年度指标值 | 实际完成指标值
    "全年实际值": "actual",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation",
    "未完成原因分析": "deviation",
    "偏差原因分析": "deviation",
    "未完成原因及拟采取的改进措施": "deviation",
    "全年完成值": "actual",  # 旺苍's transfer 自评表: 年度指标值 | 全年完成值 | 未完成原因和改进措施
    "未完成原因和改进措施": "deviation",
    "未完成原因及改进措施": "deviation",
    # 新疆 (阜康): 指标值 | 指标值设置依据 | 上年完成值 | 指标分值权重 | 指标赋分规则 | 佐证资料 | 指标实际完成值 | 完成率 |
    # 指标得分 | 偏差原因…: the columns the model has no field for are named in a note (`selfeval_columns`)
    "指标值设置依据": "basis",
    "上年完成值": "last_year",
    "指标分值权重": "weight",
    "指标赋分规则": "rule",
    "得分计算方法": "method",  # 宁夏 (原州): 分值 | 指标值(A) | 全年实际值(B) | 得分计算方法 | 得分 | 未完成原因分析
    "佐证资料": "evidence",
    "指标实际完成值": "actual",
    "完成率": "completion",
    "指标得分": "score",
}
TEXTS = {"评价结论": "conclusion", "存在问题": "problems", "改进措施": "improvements"}
SECTION = re.compile(r"^(?:绩效指标|年度绩效指标|项目绩效指标)")
NUMERIC = re.compile(r"^[+-]?\d+(?:\.\d+)?%?$")
BLANKS = frozenset({"/", "-", "—", "——"})
MARK = re.compile(r"[（(][A-Z/]{1,3}[)）]$")  # 全年预算数(A), 执行率(B/A): the column's letter


def cell_key(text: str) -> str:
    return MARK.sub("", re.sub(r"^其中[：:]", "", label_key(text)))


@dataclass
class State:
    tokens: list[WebCell | None]
    notes: list[ParseNote] = field(default_factory=list)
    i: int = 0
    lossy: bool = False
    ran: bool = False  # the cells ran together and were cut at labels (selfeval_run): figures may be glued
    unit: str = "元"  # the fund block's unit as its header says (项目资金(万元)); 元 where it says none

    def note(self, code: str, message: str, cell: WebCell | None, level: NoteLevel = NoteLevel.WARNING) -> None:
        line = cell.line if cell else None
        fragment = cell.text if cell and cell.text else None
        self.notes.append(ParseNote(level=level, code=code, message=message, line=line, fragment=fragment))


def header_row(state: State, first: WebCell, names: dict[str, str]) -> list[str]:
    """The column names of a header run starting at ``first`` (known to ``names``), reading on while the next filled
    cells are known names, a name followed by what the column holds (``执行率(全年执行数/全年预算数)``) included."""
    columns = [names[column_key(first.text, names) or ""]]
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        name = column_key(token.text, names) if token is not None and token.text else None
        if token is not None and name is None and _FORMULA.match(token.text):
            state.i += 1  # 得分 / (20分*执行率): how the column is computed, in a cell of its own under its name
            continue
        if token is None or (token.text and name is None):
            break
        if name is not None:
            columns.append(names[name])
        state.i += 1
    return columns


_FORMULA = re.compile(r"^[（(][^()（）]*[*×＊/÷][^()（）]*[)）]$")  # (20分*执行率), (B/A×100%)
_TRAILING_NOTE = re.compile(r"[（(][^()（）]*[)）]$")  # 执行率(全年执行数/全年预算数): what the column holds


def column_key(text: str, names: dict[str, str]) -> str | None:
    """The key of ``text`` in ``names``: as written, else without a trailing explanation in parentheses."""
    key = cell_key(text)
    if key in names:
        return key
    bare = _TRAILING_NOTE.sub("", key)
    return bare if bare != key and bare in names else None


_WITH_UNIT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(万元|元)$")  # 620.82万元: a figure with its unit in the cell


def is_figure(text: str) -> bool:
    """``text`` is a figure as a fund cell writes it: digits (a rate with %), or digits and 万元/元."""
    bare = text.replace(",", "").replace("，", "").strip()
    return bool(NUMERIC.match(bare) or _WITH_UNIT.match(bare))


def number_in(cell: WebCell, state: State) -> Decimal | None:
    """The figure in ``cell`` in the form's unit (``state.unit``); a figure written with its own unit (上饶:
    ``620.82万元``) converted to the form's where the two differ (noted); None, noted, for a cell that is not one."""
    text = cell.text.replace(",", "").replace("，", "").strip().removesuffix("%")
    if text in {"", "/", "-", "—", "——"}:
        return None
    if (written := _WITH_UNIT.match(text)) is not None:
        return _converted(Decimal(written[1]), written[2], cell, state)
    try:
        value = Decimal(text)
    except InvalidOperation:
        state.note("selfeval.bad_number", f"「{cell.text}」不是数字，按空白处理", cell)
        return None
    if (problem := figure_problem(value, negative_ok=True)) is not None:
        state.note("selfeval.bad_number", f"「{cell.text[:40]}」{problem}，按空白处理", cell)
        return None
    return value


def _converted(value: Decimal, unit: str, cell: WebCell, state: State) -> Decimal:
    if unit == state.unit:
        return value
    factor = Decimal(10000)
    converted = value * factor if unit == "万元" else value / factor
    state.note(
        "selfeval.cell_unit",
        f"「{cell.text}」写明了单位{unit}，表的金额单位是{state.unit}，已换算为 {converted.normalize():f}{state.unit}",
        cell,
        NoteLevel.INFO,
    )
    return converted
