"""A form's amount fields as the form reader fills them: the unit a figure is read in, and the period a 财政拨款 or
其他资金 label belongs to when the funding block gives the project's (中期/长期) and the year's amounts side by side."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.amounts import unreadable
from assistant.ingest import amount_units
from assistant.office.grid import GridCell
from assistant.office.notes import OfficeNotes

_EXPLAINED = re.compile(r"^(\d[\d,]*(?:\.\d+)?\s*(?:千元|万元|万|亿元|亿|元)?)\s*[（(][^()（）]*[)）]$")
# The amount labels that head a period's column, and the fields a 财政拨款/其他资金 label below one stands for.
_PERIOD_HEADS = {"total": "project", "annual": "year"}
_BY_PERIOD = {
    target: {"project": project, "year": year}
    for project, year in (("fiscal_total", "fiscal_annual"), ("other_total", "other_annual"))
    for target in (project, year)
}


def read_amount(
    label: GridCell, text: str, cell: GridCell, block: tuple[str | None, str | None], notes: OfficeNotes
) -> Decimal | None:
    """Yuan. A figure that writes its own unit (``513500元``, ``2.124亿元``, ``164万元``) keeps it; a plain one is read
    in the unit its label (资金总额（万元）) or its block (``block``: the group's or 单位 line's unit, and a money unit no
    reader can turn into yuan, 万美元) names: a note says which unit and why, a warning where a figure's own unit
    overrides its block's; an unplaceable unit leaves the figure blank with a warning, never read as 元. An amount
    followed by its breakdown in brackets (``854万（高标准农田建设400万元，…）``) is read as the amount, noted."""
    explained = _EXPLAINED.match(text.strip())
    if explained:
        notes.info_at(
            "funding.explained",
            f"「{label.text.strip()}」写作「{text.strip()}」，按括号前的「{explained[1]}」读取，括号内的说明未计入",
            cell,
        )
        text = explained[1]
    label_unit = amount_units.unit_of(label.text)
    odd = amount_units.odd_unit(label.text) or (None if label_unit else block[1])
    unit = label_unit or (None if odd else block[0])
    try:
        amount, used = amount_units.read_in_unit(text, unit)
    except ValueError as exc:
        notes.warn_at("funding.bad_amount", f"「{label.text.strip()}」的{unreadable(text, exc)}", cell)
        return None
    written = amount_units.own_unit(text)
    if amount is not None and odd and written is None:
        notes.warn_at(
            "funding.unknown_unit",
            f"「{label.text.strip()}」的金额「{text.strip()}」注明的单位「{odd}」无法换算为元，按空白处理；"
            "请改写为元或万元后再导入",
            cell,
        )
        return None
    if amount is None or (used == "元" and written is None):
        return amount
    message = amount_units.unit_message(label.text, text, amount, used, unit)
    code, conflicting = amount_units.unit_note_code(text, used, unit)
    (notes.warn_at if conflicting else notes.info_at)(code, message, cell)
    return amount


@dataclass
class PeriodColumns:
    """The totals heading a funding block's columns (中期资金总额 | … | 年度资金总额 | …) and where they stand."""

    heads: list[tuple[int, int, str]] = field(default_factory=list)  # (column, place in its line, project/year)
    slots: dict[int, int] = field(default_factory=dict)  # grid row → amount labels read on it so far

    def target(self, label: GridCell, target: str, notes: OfficeNotes) -> str:
        """A 财政拨款 or 其他资金 label under the column a period's total heads (then 其中:财政拨款 | … | 其中:财政拨款
        | …): the period of its column decides whether it is the project's (中期/长期) or the year's amount, not its
        wording alone, noted where that changes the field. A page whose rows were split into label | value pairs
        keeps no columns: the pair's place in its line stands for it."""
        slot = self.slots.get(label.row, 0)
        self.slots[label.row] = slot + 1
        if target in _PERIOD_HEADS:
            self.heads.append((label.col, slot, _PERIOD_HEADS[target]))
            return target
        period = self._period_of(label.col, slot)
        if target not in _BY_PERIOD or period is None:
            return target
        placed = _BY_PERIOD[target][period]
        if placed != target:
            head, which = ("中期/长期", "中期（项目）") if period == "project" else ("年度", "当年")
            notes.info_at(
                "funding.column_period", f"「{label.text.strip()}」写在{head}资金一栏之下，读作{which}金额", label
            )
        return placed

    def _period_of(self, col: int, slot: int) -> str | None:
        """project/year for an amount at ``col`` (or the ``slot``-th of its line), when the totals above head distinct
        columns, one period each; else None (a form that lists its amounts down one column says nothing here)."""
        by_col = len({c for c, _, _ in self.heads}) > 1
        periods: dict[int, set[str]] = {}
        for c, s, period in self.heads:
            periods.setdefault(c if by_col else s, set()).add(period)
        if {p for found in periods.values() for p in found} != {"project", "year"} or len(periods) < 2:
            return None
        found = periods.get(col if by_col else slot, set())
        return next(iter(found)) if len(found) == 1 else None
