"""A fund block whose group label carries its total on its own row (Guangxi's 预算项目绩效目标公开表:
``项目资金 (万元) | 合计 | 250`` over ``一般公共预算拨款 | 小计 | 250`` / ``市本级 | 250``).

The office reader knows ``项目资金`` as a group label (its unit holds for the amounts below it) but not ``合计`` as a
field: the total was left unplaced and the form had no amount. Here the group label, a total
word and one figure in reading order (on one row, or a cell a line) has that figure read as the 项目资金总额 (the group
gives the unit), with a note naming the cell.
The 小计 rows of the sources under it stay as they are (no field of their own; kept in the notes).
"""

from __future__ import annotations

import re

from assistant.domain.model import Layout
from assistant.ingest.cells import is_amount, label_key
from assistant.ingest.labels import FieldKind
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes
from assistant.office.reader import find_label

_TOTAL_WORDS = frozenset({"合计", "总计"})
_TOTAL_LABEL = "项目资金总额"
_MONEY = re.compile(r"资金|金额|预算")
_UNIT_CELL = re.compile(r"^[（(](?:万元|元)[)）]$")  # 项目资金 / (万元): the group's unit split off by the copy


def group_totals(rows: list[GridRow], notes: OfficeNotes) -> list[GridRow]:
    """``rows`` with the total word of each ``group label | 合计 | figure`` read as the 项目资金总额 label: the three
    filled cells in reading order, on one row (``|`` cells) or on rows of their own (a cell a line)."""
    filled = [cell for row in rows for cell in row.filled if not _UNIT_CELL.match(cell.text.strip())]
    totals = {
        id(total)
        for group, total, figure in zip(filled, filled[1:], filled[2:], strict=False)
        if _is_group(group.text) and label_key(total.text) in _TOTAL_WORDS and is_amount(figure.text)
    }
    if not totals:
        return rows
    out = []
    for row in rows:
        cells = tuple(_relabelled(c, notes) if id(c) in totals else c for c in row.cells)
        out.append(GridRow(row.grid, row.index, cells))
    return out


def _relabelled(total: GridCell, notes: OfficeNotes) -> GridCell:
    notes.info_at(
        "funding.group_total", f"项目资金的「{total.text.strip()}」读作项目资金总额（金额在其后）；请核对", total
    )
    return GridCell(_TOTAL_LABEL, total.row, total.col, total.where, total.span)


def _is_group(text: str) -> bool:
    """A group label of amounts (项目资金, 资金情况, 预算金额 …), not of goals (项目绩效目标, 分解目标)."""
    spec = find_label(text, Layout.MUNICIPAL_2021)
    return spec is not None and spec.kind is FieldKind.GROUP and bool(_MONEY.search(label_key(text)))
