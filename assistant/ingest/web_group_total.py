"""A fund block whose group label carries its total on its own row (Guangxi's 预算项目绩效目标公开表:
``项目资金 (万元) | 合计 | 250`` over ``一般公共预算拨款 | 小计 | 250`` / ``市本级 | 250``).

The office reader knows ``项目资金`` as a group label (its unit holds for the amounts below it) but not ``合计`` as a
field: the total was left unplaced and the form had no amount. Here a row that holds only the group label, a total
word and one figure has that figure read as the 项目资金总额 (the group gives the unit), with a note naming the cell.
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


def group_totals(rows: list[GridRow], notes: OfficeNotes) -> list[GridRow]:
    """``rows`` with the total word of each ``group label | 合计 | figure`` row read as the 项目资金总额 label."""
    return [_relabelled(row, notes) for row in rows]


def _relabelled(row: GridRow, notes: OfficeNotes) -> GridRow:
    filled = row.filled
    if len(filled) != 3 or not _is_group(filled[0].text):
        return row
    total, figure = filled[1], filled[2]
    if label_key(total.text) not in _TOTAL_WORDS or not is_amount(figure.text):
        return row
    notes.info_at(
        "funding.group_total",
        f"「{filled[0].text.strip()}」一栏中「{total.text.strip()}」后的 {figure.text.strip()} 读作项目资金总额；请核对",
        total,
    )
    label = GridCell(_TOTAL_LABEL, total.row, total.col, total.where, total.span)
    return GridRow(row.grid, row.index, tuple(label if c is total else c for c in row.cells))


def _is_group(text: str) -> bool:
    """A group label of amounts (项目资金, 资金情况, 预算金额 …), not of goals (项目绩效目标, 分解目标)."""
    spec = find_label(text, Layout.MUNICIPAL_2021)
    return spec is not None and spec.kind is FieldKind.GROUP and bool(_MONEY.search(label_key(text)))
