"""Indicators written as sentences in one cell beside their category, on a form with no indicator table.

Some published forms (荆门: ``年度绩效总目标 | 产出指标 | 开展文物安全巡查频次8次;编制文物宣传资料数量3个;…``) give
each category's indicators as one cell of ``;``-separated items instead of a table. ``take_sentence_rows`` finds
such rows (a category cell, first or after one label, then a cell of at least two items each with a value, read
by ``web_prose.split_item``: an operator and a number, a number at the end, or a wording such as 基本健全) and
turns each item into an indicator row under that category. It does nothing on a form that has an indicator
table, so a goal text that happens to list figures is never taken for indicators.
"""

from __future__ import annotations

import re

from assistant.ingest.web_prose import levels_after, split_item
from assistant.ingest.web_slots import level_term
from assistant.office.grid import GridCell, GridRow
from assistant.office.indicator_columns import header_columns
from assistant.office.indicators import IndicatorReader
from assistant.office.notes import OfficeNotes

_ITEM_END = re.compile(r"[;；。]")
_HEADER = ("一级指标", "二级指标", "三级指标", "指标值")


def take_sentence_rows(rows: list[GridRow], notes: OfficeNotes) -> tuple[list[GridRow], IndicatorReader | None]:
    """(the rows left for the form reader, the indicators read from sentence cells or None when there are none)."""
    if any(header_columns(row) is not None for row in rows):
        return rows, None
    kept: list[GridRow] = []
    items: list[GridRow] = []
    level1 = level2 = ""
    for row in rows:
        found = _sentences(row)
        if found is None:
            kept.append(row)
            continue
        term, cell, pairs = found
        level1, level2 = levels_after(term, level1, level2)
        notes.info_at(
            "indicator.sentences",
            f"「{term}」的指标写在一个单元格里（以分号分隔）：按分号、运算符和数值分成 {len(pairs)} 项读取；请逐项核对",
            cell,
        )
        for name, value in pairs:
            texts = (level1, level2, name, value)
            items.append(GridRow(row.grid, row.index, tuple(_cell(t, cell, col) for col, t in enumerate(texts) if t)))
    if not items:
        return rows, None
    header = GridRow(
        items[0].grid, items[0].index, tuple(_cell(t, items[0].cells[0], c) for c, t in enumerate(_HEADER))
    )
    columns = header_columns(header)
    assert columns is not None
    table = IndicatorReader(columns, notes)
    for item in items:
        table.feed(item)
    return kept, table


def _cell(text: str, at: GridCell, col: int) -> GridCell:
    return GridCell(text, at.row, col, at.where)


def _sentences(row: GridRow) -> tuple[str, GridCell, list[tuple[str, str]]] | None:
    """(category, the cell of items, its (name, value) pairs) when ``row`` is a category and its sentence cell."""
    cells = row.filled
    k = next((k for k, c in enumerate(cells[:2]) if level_term(c.text)), None)
    if k is None or k + 1 >= len(cells):
        return None
    term = level_term(cells[k].text)
    assert term is not None
    cell = cells[k + 1]
    parts = [p.strip() for p in _ITEM_END.split(cell.text) if p.strip()]
    pairs = [pair for part in parts for pair in split_item(part)[0]]
    if len(parts) < 2 or sum(1 for _, value in pairs if value) < 2:
        return None
    return term, cell, pairs
