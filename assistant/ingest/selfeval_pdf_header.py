"""A flattened PDF 自评表 whose two-line cells the text interleaved (广水 2021: ``项目名称 项目主管单 位 自评总分: 95 …
中央 省、地 本级 其他 合计 执行数 执行 (万元) … 率 309 309 来源 项目年度目 标 单位领导审签: 乡村道路建设养护项目 项目属性 项目资金
日 309 100 % …``): the 项目名称 label has no name beside it and the fund figures stand apart from their columns.

Only what the page proves is read. The name: a cell of the form's head (before its indicator table) shaped like a
project's name (six characters or more, ending in 项目/工程/资金/经费/补助/专项, no figure, no label) that the page writes
a second time after a numbering (``项目年度目标 1:乡村道路建设养护项目``), and only where exactly one cell is so. The
funds: where the 执行率 is 100% and every figure before it in the fund block is one same figure, that figure is the
年度资金总额's 全年预算数 and 全年执行数 (a 100% rate makes them equal, and both stand among those figures); any other
spread of figures is not read. Each reading is noted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from assistant.domain.cycle import FundKind, FundLine
from assistant.domain.model import NoteLevel
from assistant.ingest import selfeval_words as words
from assistant.ingest.selfeval_cells import FUND_HEADER, State, cell_key
from assistant.ingest.web_cells import WebCell

_NAME_SHAPE = re.compile(r"^[^\d\s]{4,}(?:项目|工程|资金|经费|补助|专项)$")
_NUMBERED = re.compile(r"^(?:[\u4e00-\u9fff]{0,8})?\d{1,2}\s*[:：.、]\s*")  # 1: / 目标1： / 2、
_TABLE_START = frozenset({"一级指标", "一级", "二级指标", "三级指标"})
_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def _head(state: State) -> list[WebCell]:
    cells = [t for t in state.tokens if t is not None and t.text.strip()]
    end = next((k for k, c in enumerate(cells) if cell_key(c.text) in _TABLE_START), len(cells))
    return cells[:end]


def name_written_twice(state: State, is_label: Callable[[str], bool]) -> str | None:
    """The project's name where the 项目名称 label has none beside it and the page proves one (see the module's
    docstring), noted; None otherwise. ``is_label``: the reader's test for a label's text."""
    numbered: dict[str, WebCell] = {}  # what follows a numbering (1:乡村道路建设养护项目 → 乡村道路建设养护项目)
    for token in state.tokens:
        if token is not None and (match := _NUMBERED.match(token.text.strip())) and match.end() > 0:
            numbered.setdefault(token.text.strip()[match.end() :], token)
    found: dict[str, tuple[WebCell, WebCell]] = {}
    for cell in _head(state):
        text = cell.text.strip()
        if not _NAME_SHAPE.match(text) or words.is_title(text) or is_label(text):
            continue
        if (witness := numbered.get(text)) is not None:
            found.setdefault(text, (cell, witness))
    if len(found) != 1:
        return None
    ((name, (cell, witness)),) = found.items()
    state.note(
        "selfeval.name_written_twice",
        f"「项目名称」栏旁没有名称（PDF 文字中栏目与内容分开）；表头中只有「{name}」像项目名称，且页面在"
        f"「{witness.text.strip()}」处再次写明，读作项目名称；请对照原表核对",
        cell,
    )
    return name


def funds_all_equal(state: State) -> list[FundLine]:
    """The 年度资金总额 line where the fund block's rate is 100% and every figure before it is the same (see the
    module's docstring), noted; [] otherwise."""
    head = _head(state)
    start = next((k for k, c in enumerate(head) if cell_key(c.text) in FUND_HEADER), None)
    if start is None:
        return []
    figures: list[WebCell] = []
    for k in range(start, len(head)):
        text = head[k].text.strip().replace(",", "")
        nxt = head[k + 1].text.strip() if k + 1 < len(head) else ""
        rate = text.removesuffix("%") if text.endswith("%") else (text if nxt == "%" else None)
        if rate is not None and _FIGURE.match(rate):
            return _equal_line(state, figures, Decimal(rate))
        if _FIGURE.match(text):
            figures.append(head[k])
    return []


def _equal_line(state: State, figures: list[WebCell], rate: Decimal) -> list[FundLine]:
    try:
        values = {Decimal(c.text.strip().replace(",", "")) for c in figures}
    except InvalidOperation:
        return []
    if rate != 100 or len(figures) < 2 or len(values) != 1 or not next(iter(values)) > 0:
        return []
    (value,) = values
    state.note(
        "selfeval.fund_all_equal",
        f"资金栏目与数字在 PDF 文字中分开：执行率 {rate.normalize():f}% 之前的 {len(figures)} 个资金数字都是 {figures[0].text}，"
        f"执行率 100% 说明全年预算数与全年执行数相等且都在其中，读作年度资金总额的全年预算数和全年执行数 {figures[0].text}；"
        "各资金来源栏分不出，未读取；请对照原表核对",
        figures[0],
        NoteLevel.WARNING,
    )
    return [FundLine(kind=FundKind.TOTAL, full_year_budget=value, executed=value, rate=rate)]


def late_field(state: State, is_field_label: Callable[[str], bool], is_label: Callable[[str], bool]) -> str | None:
    """A header field whose label a flattened copy put inside a later block (昆明池: ``一级指标 年度财政 资金总额
    项目实施单位 投资促进中心 □ …``, after the indicator reading had started): the filled cell right after its label,
    where it is text and no label, figure or tick box; noted. None otherwise."""
    cells = [t for t in state.tokens if t is not None and t.text.strip()]
    for k, cell in enumerate(cells[:-1]):
        if not is_field_label(cell_key(cell.text)):
            continue
        value = cells[k + 1].text.strip()
        if is_label(value) or _FIGURE.match(value) or not re.search(r"[\u4e00-\u9fff]{2}", value) or "□" in value:
            return None
        state.note(
            "selfeval.late_field",
            f"「{cell.text.strip()}」在复制的文字中夹在其他栏目之间，按其后的「{value}」读取；请核对",
            cells[k + 1],
            NoteLevel.INFO,
        )
        return value
    return None
