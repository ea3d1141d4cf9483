"""A form's amounts written as a small table of year columns rather than label | value pairs.

Published forms of several provinces give the project's money as columns headed by the year they belong to,
with the figures in a row below (湘阴: ``项目资金申请(万元) | 项 目 | 上年度安排资金 | 本年度申请资金`` over
``合 计 | 213.4 | 259``; 南岳: ``本年度预计投入(万元) | 财政资金(万元) | 其他`` over ``中央 | 省级 | 市级资金 | 本级``
over ``7 | 0 | 7 | 0 | 0 | 0``). ``read_amount_columns`` finds such a header (rows without figures holding a
year column and, unless there are two year columns, the sources the money is split into) and the first row of
figures under it whose row label is blank or a total (合计, 小计, 资金总额): the 本年度/当年 column's figure is the
year's amount, a 中期/实施期 column's the project's; a 上年度 column's is last year's money and is only noted.
Figures are paired with columns in order when there are as many as columns; otherwise only the first figure
of an unlabelled row, under the first column, is taken (the rest split it by source). A first row of fiscal
figures (财政拨款 | 213.4 | 259) gives the fiscal amounts; the part rows under it (市级资金, 县级资金 | 213.4 | 259)
are noted, not added up. A header of funding sources instead of years (资金来源(万元) | 财政拨款 | 非税安排 | 上年结转)
over one row of as many figures reads each source the form reader knows and notes the others. Anything else is
left to the form reader, so nothing is placed by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.model import Layout
from assistant.ingest.amount_units import UNIT_WORD, canonical, scale
from assistant.ingest.cells import label_key
from assistant.ingest.labels import FieldKind
from assistant.office.form_labels import find_label
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_COLUMN = re.compile(
    r"^(?P<period>上年度|上年|本年度|本年|当年|中期|实施期)(?:预计|计划|申请|安排|预算|实际)?\S{0,6}?"
    r"(?:资金|投入|预算|金额|安排|执行|数)(?:总额|合计)?$"
)
_SOURCE = re.compile(r"^(?:\S{0,4}(?:财政|中央|省级|市级|县级|区级|本级|上级|自筹|社会)\S{0,4}|其他|其它)$")
_UNIT = re.compile(rf"[（(]\s*(?:(?:金额)?单位\s*[：:]\s*)?({UNIT_WORD})\s*[)）]")
_PAGE_UNIT = re.compile(rf"单位\s*[：:]\s*({UNIT_WORD})")
_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_TOTAL = re.compile(r"^(?:合计|总计|小计|资金总额|金额合计|总额)[：:]?$")
_FIELDS = {"本年度": "annual", "本年": "annual", "当年": "annual", "中期": "total", "实施期": "total"}
_WORDING = {
    "annual": "当年金额",
    "total": "项目（中期）金额",
    "fiscal_annual": "当年财政拨款",
    "fiscal_total": "项目（中期）财政拨款",
}
_HEADER_ROWS = 4  # rows a header may take (a source row, a sub-source row) before its figures


@dataclass
class ColumnAmounts:
    """Amounts (Funding field → yuan) read from year columns and the rows they took (``consumed``: row ids)."""

    amounts: dict[str, Decimal] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)


def merge_amounts(amounts: dict[str, Decimal | None], columns: ColumnAmounts, notes: OfficeNotes) -> dict:
    """``amounts`` read from label | value pairs, with the year-column amounts where those left a field blank; a
    field both give differently keeps the label's figure, noted."""
    merged = dict(amounts)
    for target, yuan in columns.amounts.items():
        known = merged.get(target)
        if known is None:
            merged[target] = yuan
        elif known != yuan:
            notes.warn(
                "header.conflict", f"按年度分栏读到的{_WORDING[target]} {yuan} 元与栏目中写的 {known} 元不同，保留后者"
            )
    return merged


def read_amount_columns(rows: list[GridRow], notes: OfficeNotes) -> ColumnAmounts:
    """Every year-column amount table in ``rows``; each figure taken is noted where it stands, a second table
    that gives a field another figure is noted and not taken."""
    found = ColumnAmounts()
    i = 0
    while i < len(rows):
        taken = _table_at(rows, i, notes, found)
        i = taken if taken is not None else i + 1
    return found


def _figures(row: GridRow) -> list[GridCell]:
    return [c for c in row.filled if _FIGURE.match(c.text.strip())]


def _key(cell: GridCell) -> str:
    return _UNIT.sub("", label_key(cell.text))


def _table_at(rows: list[GridRow], start: int, notes: OfficeNotes, found: ColumnAmounts) -> int | None:
    """The index after the table whose header starts at ``start``, or None when no table starts there."""
    if _figures(rows[start]):
        return None
    if not any(_COLUMN.match(_key(c)) for c in rows[start].filled):
        return _sources_at(rows, start, notes, found)
    end = start
    while end < len(rows) and end - start < _HEADER_ROWS and not _figures(rows[end]):
        end += 1
    if end >= len(rows) or not _figures(rows[end]):
        return None
    header = [c for row in rows[start:end] for c in row.filled]
    columns = [c for c in header if _COLUMN.match(_key(c))]
    if len(columns) < 2 and not any(_SOURCE.match(_key(c)) for c in header):
        return None  # one year label alone (年度资金总额 above its figure) is the form reader's
    figures_row = rows[end]
    label, figures = _split(figures_row)
    if label and not _TOTAL.match(label):
        return _fiscal_rows(rows, start, end, columns, notes, found)
    if len(figures) == len(columns):
        pairs = list(zip(columns, figures, strict=True))
    elif not label and len(figures) > len(columns):
        pairs = [(columns[0], figures[0])]
        rest = "、".join(c.text.strip() for c in figures[1:])
        notes.info_at("funding.year_columns_parts", f"其后的金额「{rest}」按资金来源分列，未逐项读入", figures[1])
    else:
        return None
    unit = _unit(header, rows[:start])
    for column, figure in pairs:
        _take(column, figure, unit, notes, found)
    for cell in figures_row.filled[figures_row.filled.index(figures[-1]) + 1 :]:
        notes.unplaced_cell(cell, "金额表中金额之后的文字")
    found.consumed |= {id(row) for row in rows[start : end + 1]}
    return _part_rows(rows, end + 1, len(columns), notes, found)


def _fiscal_rows(
    rows: list[GridRow], start: int, end: int, columns: list[GridCell], notes: OfficeNotes, found: ColumnAmounts
) -> int | None:
    """Year columns whose first row of figures is the fiscal one (财政拨款 | 213.4 | 259) rather than a total: its
    figures are the fiscal amounts of their columns (the year's total is then the form reader's to fill, noted)."""
    label, figures = _split(rows[end])
    if _source(label) not in {"fiscal_annual", "fiscal_total"} or len(figures) != len(columns):
        return None
    unit = _unit([c for row in rows[start:end] for c in row.filled], rows[:start])
    for column, figure in zip(columns, figures, strict=True):
        _take(column, figure, unit, notes, found, fiscal=True)
    found.consumed |= {id(row) for row in rows[start : end + 1]}
    return _part_rows(rows, end + 1, len(columns), notes, found)


def _part_rows(rows: list[GridRow], k: int, width: int, notes: OfficeNotes, found: ColumnAmounts) -> int:
    """The rows under a year-column table's first row of figures: parts by source (市级资金 | 县级资金 | 213.4 | 259)
    are noted and left out of the amounts, labels with blank figures are taken as read; the index after them."""
    while k < len(rows):
        cells = rows[k].filled
        label, figures = _split(rows[k]) if _figures(rows[k]) else ("".join(_key(c) for c in cells), [])
        if not label or len(label) > 10 or (figures and len(figures) != width):
            break
        if any(_COLUMN.match(_key(c)) for c in cells) or _source(label) not in {None, "fiscal_annual"}:
            break
        if figures:
            written = "、".join(f.text.strip() for f in figures)
            notes.info_at(
                "funding.year_columns_parts", f"分项「{label}」的金额「{written}」是总额的一部分，未单独读入", cells[0]
            )
        found.consumed.add(id(rows[k]))
        k += 1
    return k


def _sources_at(rows: list[GridRow], start: int, notes: OfficeNotes, found: ColumnAmounts) -> int | None:
    """A header of funding sources (资金来源(万元) | 财政拨款 | 非税安排 | 上年结转 | 其他) over one row of as many
    figures (36 | 0 | 0 | 0 | 0): each figure under a source the form reader knows is read as that amount, the
    others are noted. Needs two known sources, so a row of other words over figures is left alone."""
    end = start + 1  # a page reader may have split the header's line at its labels: same source line, one header
    while end < len(rows) and rows[end].index == rows[start].index and not _figures(rows[end]):
        end += 1
    if end >= len(rows):
        return None
    cells = [c for row in rows[start:end] for c in row.filled]
    if cells and _UNIT.search(cells[0].text) and _source(cells[0].text) is None:
        cells = cells[1:]  # the row's own label, naming the unit
    targets = [_source(c.text) for c in cells]
    label, figures = _split(rows[end]) if _figures(rows[end]) else ("?", [])
    if label or len(figures) != len(cells) or sum(t is not None for t in targets) < 2:
        return None
    if any(len(_key(c)) > 10 for c in cells):
        return None
    unit = _unit([c for row in rows[start:end] for c in row.filled], rows[:start])
    for cell, target, figure in zip(cells, targets, figures, strict=True):
        if target is None or target in found.amounts:
            notes.info_at(
                "funding.source_not_read",
                f"「{cell.text.strip()}」一栏的「{figure.text.strip()}」没有对应的栏目，未读入",
                figure,
            )
            continue
        amount = Decimal(figure.text.strip().replace(",", ""))
        found.amounts[target] = amount * scale(unit)
        in_unit = f"（{unit}）" if unit else "（表中未注明单位，按元读取）"
        notes.info_at(
            "funding.source_columns",
            f"资金来源分栏填写：「{cell.text.strip()}」一栏的「{figure.text.strip()}」{in_unit}已读入",
            figure,
        )
    found.consumed |= {id(row) for row in rows[start : end + 1]}
    return end + 1


def _source(text: str) -> str | None:
    """The Funding field an amount label names (财政拨款 → fiscal_annual, 其他资金 → other_annual), else None."""
    spec = find_label(text, Layout.MUNICIPAL_2021)
    if spec is None or spec.kind is not FieldKind.AMOUNT:
        return None
    return "other_annual" if spec.target == "other" else spec.target


def _split(row: GridRow) -> tuple[str, list[GridCell]]:
    """(the row label written before the first figure, the figures in order)."""
    cells = row.filled
    first = next(k for k, c in enumerate(cells) if _FIGURE.match(c.text.strip()))
    label = "".join(label_key(c.text) for c in cells[:first])
    figures = [c for c in cells[first:] if _FIGURE.match(c.text.strip())]
    return label, figures


def _unit(header: list[GridCell], before: list[GridRow]) -> str | None:
    """The unit (万元, 元, 千元, 亿元 …) named in the header (项目资金申请(万元)), else by a 金额单位 line above; None when neither says."""
    for cell in header:
        if (unit := _UNIT.search(cell.text)) is not None:
            return canonical(unit[1])
    for row in reversed(before):
        for cell in row.filled:
            if (unit := _PAGE_UNIT.search(cell.text)) is not None:
                return canonical(unit[1])
    return None


def _take(
    column: GridCell,
    figure: GridCell,
    unit: str | None,
    notes: OfficeNotes,
    found: ColumnAmounts,
    *,
    fiscal: bool = False,
) -> None:
    period = _COLUMN.match(_key(column))
    assert period is not None
    target = _FIELDS.get(period["period"])
    if fiscal and target is not None:
        target = f"fiscal_{target}"
    written = figure.text.strip()
    if target is None:
        notes.info_at(
            "funding.previous_year",
            f"「{column.text.strip()}」一栏的「{written}」是上年度的金额，不是本项目当年的金额，未读入",
            figure,
        )
        return
    amount = Decimal(written.replace(",", ""))
    yuan = amount * scale(unit)
    known = found.amounts.get(target)
    if known is not None:
        if known != yuan:
            notes.warn_at(
                "header.conflict",
                f"「{column.text.strip()}」一栏又写作「{written}」，与前面读到的 {known} 元不同，保留前者",
                figure,
            )
        return
    found.amounts[target] = yuan
    in_unit = f"（{unit}）" if unit else "（表中未注明单位，按元读取）"
    notes.info_at(
        "funding.year_columns",
        f"金额按年度分栏填写：「{column.text.strip()}」一栏的「{written}」{in_unit}读作{_WORDING[target]} {yuan} 元",
        figure,
    )
