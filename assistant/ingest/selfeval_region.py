"""A 区域绩效目标自评表 (a transfer's regional self-evaluation, batch 9: 安居区 食品监管补助资金) copied one cell per
line, read where the self-evaluation reader's column-by-column chunks do not fit it.

* Its fund block has no column header: ``预算数:`` / ``2.38`` / ``执行数:`` / ``2.38`` / ``20`` (the block's score), then
  ``其中:中央补助`` / ``2.38 万元`` twice (budget, executed). `region_funds` reads the two labelled figures as the
  年度资金总额 line's 全年预算数 and 全年执行数, and the 中央补助 figures as the 财政拨款 line; the unit is 万元 where a
  cell of the block says so.
* Its indicator rows are numbered (``指标1:食品安全监管人员培训`` / ``已完成`` / ``已完成`` / ``5``) and carry a 得分
  that no column header names. `read_numbered` reads a row from each numbered cell to the next numbered cell or
  category: the name, then the header's columns in order; cells the header does not name (the trailing score, the
  block's own score after the header) are set aside and counted in one note, never made into rows.
* On every 自评表 (`without_blank_rows`): a row with no name and no value is not a row; how many were set aside is noted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain import framework
from assistant.domain.cycle import FundKind, FundLine, SelfEvalRow
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import State, cell_key, is_figure, number_in
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_NUMBERED = re.compile(r"^指标\s*\d{1,2}\s*[:：]")
_BLOCK_END = frozenset({"年度目标完成情况", "预期目标", "年度总体目标", "年度绩效指标完成情况", "一级指标"})
_CENTRAL = frozenset({"中央补助", "中央资金", "中央财政资金"})
_LOCAL = frozenset({"地方资金/其他", "地方资金", "其他资金"})
_SPAN = 30  # cells the fund block may span after its 预算数 label


def region_funds(state: State, label: WebCell) -> tuple[list[FundLine], str] | None:
    """(fund lines, unit) of a block starting at ``label`` (``预算数:``, just consumed: ``state.i`` is after it) when
    a figure follows it and ``执行数:`` and a figure follow that; None (nothing consumed) otherwise — a ``预算数`` column
    header (黄石: ``预算数(A) | 执行数(B)``) is not this block."""
    cells = _filled(state, state.i, _SPAN)
    if len(cells) < 3 or not is_figure(cells[0][1].text):
        return None
    if cell_key(cells[1][1].text) == "到位数" and len(cells) >= 5 and is_figure(cells[2][1].text):
        cells = [cells[0], *cells[3:]]  # 河北: 预算数 6.84 到位数 6.84 执行数 6.84: the funds received are not kept
    if cell_key(cells[1][1].text) != "执行数" or not is_figure(cells[2][1].text):
        return None
    end = next((k for k, (_, c) in enumerate(cells) if _ends_block(c.text)), len(cells))
    block = cells[:end]
    # the unit in the block, else where the form's header gave it (河北: 一、基本情况 … 金额单位: 万元)
    unit = "万元" if any("万元" in c.text for _, c in block) or state.unit == "万元" else "元"
    state.unit = unit
    total = FundLine(
        kind=FundKind.TOTAL,
        full_year_budget=number_in(cells[0][1], state),
        executed=number_in(cells[2][1], state),
    )
    lines = [total]
    central = [k for k, (_, c) in enumerate(block) if cell_key(c.text) in _CENTRAL]
    figures = [c for k in central[:2] if k + 1 < len(block) and _figure(c := block[k + 1][1])]
    if figures:
        values = [number_in(WebCell(_bare(c.text), c.line), state) for c in figures]
        lines.append(
            FundLine(
                kind=FundKind.FISCAL,
                label=block[central[0]][1].text,
                full_year_budget=values[0],
                executed=values[1] if len(values) > 1 else None,
            )
        )
    state.i = block[-1][0] + 1 if block else state.i
    return lines, unit


_SECTION_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")


def _ends_block(text: str) -> bool:
    """A cell after the fund block: a label of the next block, or the next numbered section (``三、目标完成情况``)."""
    return cell_key(text) in _BLOCK_END or bool(_SECTION_NUMBER.match(text.strip()))


def _filled(state: State, start: int, span: int) -> list[tuple[int, WebCell]]:
    out: list[tuple[int, WebCell]] = []
    k = start
    while k < len(state.tokens) and len(out) < span:
        token = state.tokens[k]
        if token is not None and token.text.strip():
            out.append((k, token))
        k += 1
    return out


def _bare(text: str) -> str:
    return re.sub(r"\s*万?元$", "", text.strip())


def _figure(cell: WebCell) -> bool:
    return is_figure(_bare(cell.text)) and bool(re.search(r"\d", cell.text))


def is_numbered(text: str) -> bool:
    """``text`` starts with a row's ``指标1:`` numbering."""
    return bool(_NUMBERED.match(text.strip()))


Make = Callable[[dict[str, str], dict[str, str], WebCell, State], SelfEvalRow]


def read_numbered(state: State, rest: list[str], stop: Callable[[str], bool], make: Make) -> list[SelfEvalRow] | None:
    """The indicator rows from ``state.i`` (just after the header) read by their ``指标N:`` numbering, when the
    table is a run of filled cells (one per line: no row end, no empty cell, which would be placed by position), its
    rows are numbered and chunking by the header's width (``rest``: its columns from 三级指标 on) would shift them;
    None (nothing consumed) otherwise. ``stop``: a cell's key that ends the table; ``make``: the reader's
    row builder (values by column, levels, anchor cell, state)."""
    end = state.i
    cells: list[WebCell] = []
    while end < len(state.tokens):
        token = state.tokens[end]
        if token is not None and token.text and stop(cell_key(token.text)):
            break
        if token is not None and token.text and level_term(token.text) is None:
            cells.append(token)
        end += 1
    inside = [t for t in state.tokens[state.i : end]]
    while inside and inside[-1] is None:
        inside.pop()  # the page's (or the run's) own end
    if any(t is None or not t.text.strip() for t in inside):
        return None  # rows that end or keep empty cells are placed by position, as before
    starts = [k for k, c in enumerate(cells) if is_numbered(c.text)]
    bounds = [*starts, len(cells)]
    if len(starts) < 2 or (
        starts[0] == 0 and all(b - a == len(rest) for a, b in zip(bounds, bounds[1:], strict=False))
    ):
        return None
    rows: list[SelfEvalRow] = []
    levels: dict[str, str] = {}
    row: list[WebCell] = []
    aside: list[WebCell] = []

    def flush() -> None:
        nonlocal row
        if row:
            values = dict(zip(rest, [c.text for c in row], strict=False))
            aside.extend(row[len(rest) :])
            rows.append(make(values, levels, row[0], state))
        row = []

    for token in state.tokens[state.i : end]:
        if token is None or not token.text:
            continue
        term = level_term(token.text)
        if term is not None:
            flush()
            is_one = framework.is_level1_term(term) and ("level1" not in levels or "level2" in levels)
            if is_one and framework.is_level2_term(term) and "level2" in levels:
                is_one = False
            levels = {"level1": term} if is_one else {**levels, "level2": term}
        elif is_numbered(token.text):
            flush()
            row = [token]
        elif row:
            row.append(token)
        else:
            aside.append(token)
    flush()
    state.i = end
    state.note(
        "selfeval.numbered_rows",
        f"指标表按「指标N:」编号分行读取（{len(rows)} 行）：每行依次读三级指标和表头各栏；"
        f"不在表头栏目下的 {len(aside)} 个单元格（如未标栏目的得分）已放在一边，未作为指标行读取："
        + " ".join(c.text for c in aside)[:80],
        aside[0] if aside else None,
        NoteLevel.INFO,
    )
    return rows


def without_blank_rows(rows: list[SelfEvalRow], state: State) -> list[SelfEvalRow]:
    """``rows`` less those with no name and no value (指标值, 完成值, 分值, 得分 all blank): cells a layout the reader
    misplaced are not rows. Their count is noted; a last row with a name and nothing else (a page cut inside it) is
    kept and noted."""
    kept = [r for r in rows if _text(r.link.name) or _valued(r)]
    if len(kept) < len(rows):
        state.note(
            "selfeval.blank_rows",
            f"指标表中有 {len(rows) - len(kept)} 行既没有指标名称也没有指标值（空白或只有“/”），不是指标行，未读取；"
            "请对照原表核对",
            None,
        )
    if kept and not _valued(kept[-1]):
        state.note(
            "selfeval.last_row_cut",
            f"最后一行指标「{kept[-1].link.name}」没有指标值、完成值和得分，页面可能在这一行截断；请对照原表补录",
            None,
        )
    return kept


def _valued(row: SelfEvalRow) -> bool:
    return bool(_text(row.target) or _text(row.actual) or row.weight is not None or row.score is not None)


def _text(cell: str | None) -> str:
    """A cell's text, a placeholder (``/``, ``-``, ``—``: the template's blank) as nothing."""
    text = (cell or "").strip()
    return "" if set(text) <= set("/-—－ ") else text
