"""A 自评表 fund row with fewer figures than its header has columns: a blank cell the copy did not keep.

A page copied without its empty cells (临翔: ``年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分`` over
``32.4 | 31.69 | 10 | 97.80% | 9``, the blank 年初预算数 gone) shifts every figure after the blank one column to the
left. The figures keep their order, so the blank columns are found by trying every way of leaving columns out and
keeping the ways whose figures are plausible where they stand: a rate (with %) only in the 执行率 column and equal to
全年执行数 / 全年预算数; a 分值 a whole-looking number up to 100 with the 得分 not above it; no % in an amount. The row is
read only where exactly one way is plausible, and a note says which columns were taken as blank and why; where none
or several are, nothing is read and the note quotes the figures (a figure put in the wrong column is a figure
invented). Where the plain reading (the figures in the first columns, the blank ones last) is plausible it is kept,
as it was before this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.selfeval_cells import FUND_COLUMN_NAMES, State
from assistant.ingest.web_cells import WebCell

_AMOUNTS = frozenset({"initial_budget", "full_year_budget", "executed"})
_NAMES = FUND_COLUMN_NAMES
_RATE_SLACK = Decimal("0.6")  # a rate written to whole percents or two decimals: 97.8% for 31.69 / 32.4
_MAX_COLUMNS = 8  # a fund header has six or seven columns: the ways to try stay few


@dataclass(frozen=True)
class Figure:
    """A figure cell as the row writes it: its value without % and whether it had one."""

    cell: WebCell
    value: Decimal
    percent: bool


def figure_of(cell: WebCell) -> Figure | None:
    """The figure in ``cell`` (digits, a rate with %), or None for text, a blank mark or a figure with a unit."""
    text = cell.text.replace(",", "").replace("，", "").strip()
    percent = text.endswith("%")
    try:
        return Figure(cell, Decimal(text.removesuffix("%")), percent)
    except InvalidOperation:
        return None


def short_row(state: State, columns: list[str], label: str) -> dict[str, Decimal | None] | None:
    """The values of the fund row whose label was just read (``state.i`` after it) where its figures stand alone up
    to the row's end — on the label's line, or on the next line when the label stands alone (临翔: ``年度资金总额`` /
    ``32.4 | 31.69 | 10 | 97.80% | 9``) — and are fewer than the columns or on a line of their own; the tokens read are
    consumed and a note added where columns were taken as blank or the row was left unread. None (nothing consumed)
    for any other row, which the positional reading takes."""
    numeric = [c for c in columns if c in _NAMES]
    if state.ran or len(numeric) != len(columns):
        return None
    start = state.i
    alone = start < len(state.tokens) and state.tokens[start] is None
    run, end = _figure_run(state.tokens, start + 1 if alone else start)
    if not run or (not alone and len(run) >= len(numeric)) or len(run) > len(numeric):
        return None
    state.i = end
    if len(run) == len(numeric) or plain_fits(numeric, run):
        return {c: _number(f) for c, f in zip(numeric, run, strict=False)}
    found = aligned(numeric, run)
    state.notes.append(align_note(label, numeric, run, found))
    return {c: _number(f) for c, f in found[0].items()} if len(found) == 1 else {}


def _figure_run(tokens: list[WebCell | None], start: int) -> tuple[list[Figure], int]:
    """The figures from ``start`` to the row's end (None), and the index after them; [] where a cell on the way is
    blank or not a figure."""
    run: list[Figure] = []
    k = start
    while k < len(tokens) and (token := tokens[k]) is not None:
        figure = figure_of(token)
        if figure is None:
            return [], start
        run.append(figure)
        k += 1
    return run, k


def _number(figure: Figure) -> Decimal:
    return figure.value


def plain_fits(columns: list[str], figures: list[Figure]) -> bool:
    """The figures placed in the first columns (the blank ones last) are plausible."""
    return _plausible(dict(zip(columns, figures, strict=False)), columns)


def aligned(columns: list[str], figures: list[Figure]) -> list[dict[str, Figure]]:
    """Every plausible placing of ``figures`` (in their order) in ``columns`` leaving ``len(columns) -
    len(figures)`` of them blank."""
    if len(figures) >= len(columns) or len(columns) > _MAX_COLUMNS or not figures:
        return []
    found = []
    for kept in combinations(range(len(columns)), len(figures)):
        placed = {columns[k]: figure for k, figure in zip(kept, figures, strict=True)}
        if _plausible(placed, columns):
            found.append(placed)
    return found


def _plausible(placed: dict[str, Figure], columns: list[str]) -> bool:
    for column, figure in placed.items():
        if figure.percent and column != "rate":
            return False
        if column in _AMOUNTS and figure.value < 0:
            return False
    weight, score = placed.get("weight"), placed.get("score")
    if weight is not None and not Decimal(0) < weight.value <= Decimal(100):
        return False
    if score is not None and (score.value < 0 or score.value > (weight.value if weight else Decimal(100))):
        return False
    rate = placed.get("rate")
    if rate is None:
        return True
    base = "full_year_budget" if "full_year_budget" in columns else "initial_budget"
    budget, executed = placed.get(base), placed.get("executed")
    if budget is None or executed is None or budget.value <= 0:
        return False
    share = executed.value / budget.value * 100
    return abs(share - rate.value) <= _RATE_SLACK or (rate.value == 100 and share >= 100)


def align_note(label: str, columns: list[str], figures: list[Figure], found: list[dict[str, Figure]]) -> ParseNote:
    """The note for a row read by `aligned` (one way found) or left unread (none or several)."""
    written = " | ".join(f.cell.text for f in figures)
    head = (
        f"「{label}」一行只有 {len(figures)} 个数字（{written}），少于表头的 {len(columns)} 栏"
        "（复制时空白单元格没有保留）："
    )
    if len(found) == 1:
        placed = found[0]
        blank = "、".join(_NAMES.get(c, c) for c in columns if c not in placed)
        read = "、".join(f"{_NAMES.get(c, c)} {placed[c].cell.text}" for c in columns if c in placed)
        message = (
            f"{head}按“执行率 = 全年执行数 / 全年预算数、分值不超过 100、得分不超过分值”只有一种对齐方式，读作 {read}，"
            f"{blank}按空白处理；请对照原表核对"
        )
        return ParseNote(
            level=NoteLevel.WARNING, code="selfeval.fund_aligned", message=message, line=figures[0].cell.line
        )
    why = "没有一种对齐方式说得通" if not found else f"有 {len(found)} 种对齐方式都说得通"
    message = f"{head}{why}，分不出各数字所属栏目，未读取（不猜测）；请对照原表补录"
    return ParseNote(
        level=NoteLevel.WARNING, code="selfeval.fund_unaligned", message=message, line=figures[0].cell.line
    )
