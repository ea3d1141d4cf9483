"""Which 实际完成值 of a stored self-evaluation are estimates (预计数): typed before the year they measure ended.

cycle.md places the self-evaluation after the year closes; a form started in advance (``selfeval create`` on a 2027
declaration in December 2026, which SE-YEAR-OPEN already warns of) holds figures a person expects, not results.
Next year's targets are never raised from them unmarked (red team rt12 #3, `cycle.nextyear.plan_next_year`).
"""

from __future__ import annotations

from datetime import date

from assistant.domain.cycle import SelfEvaluation
from assistant.store.cycle import StoredForm


def typed_before_year_end(stored: StoredForm, today: date) -> set[int]:
    """The rows (numbered from 1) whose 实际完成值 is a 预计数: all of them while the year has not ended by ``today``;
    after it, those whose value was last written (its field record) on or before the year's last day."""
    form = stored.form
    if not isinstance(form, SelfEvaluation) or form.year is None:
        return set()
    end = date(form.year, 12, 31)
    filled = {n for n, row in enumerate(form.rows, start=1) if (row.actual or "").strip()}
    if today <= end:
        return filled
    return {n for n in filled if (r := stored.fields.get(f"rows.{n}.actual")) is not None and r.at.date() <= end}
