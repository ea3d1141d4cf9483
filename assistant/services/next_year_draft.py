"""Next year's draft from last year's declaration and its self-evaluation: the plan's target values set on the
carried rows, the project's year moved in 项目名称 and the indicator table, and which fields those steps rewrote
(so the version store marks them as the rules' work, `Origin.TEMPLATE`). Pure functions over `Draft`; the
service (`CycleService.next_year`) stores the result and proposes the rest of the year move."""

from __future__ import annotations

from assistant.cycle.nextyear import NextYearPlan
from assistant.domain.model import Declaration
from assistant.domain.values import parse_value
from assistant.drafting.models import Draft
from assistant.services.derived import rolled_over
from assistant.store import Origin
from assistant.store.fields import indicator_path
from assistant.suggest.models import Ground, ValueProposal


def moved_year(draft: Draft, old_year: int | None) -> tuple[Draft, list[str]]:
    """``draft`` with the project's year moved to its new year in 项目名称 and the indicator table (names, deadline
    values), and the changes (one Chinese line each); dates, the plan and the text are left as carried
    (`CycleService._propose_sections`). ``old_year`` None: nothing moves."""
    if old_year is None:
        return draft, []
    rolled, changes = rolled_over(draft, old_year=old_year)
    brief = draft.brief.model_copy(update={"name": rolled.brief.name})
    changes = [c for c in changes if c.startswith(("项目名称：", "新草稿指标第 "))]
    return draft.model_copy(update={"brief": brief, "indicators": rolled.indicators}), changes


def moved_origins(before: Draft, after: Draft) -> dict[str, Origin]:
    """The fields the year move rewrote (field path → `Origin.TEMPLATE`), marked as the rules' work; ``before`` and
    ``after`` must have the same number of indicator rows (ValueError otherwise)."""
    origins: dict[str, Origin] = {}
    if after.brief.name != before.brief.name:
        origins["header.name"] = Origin.TEMPLATE
    for n, (old, new) in enumerate(zip(before.indicators, after.indicators, strict=True), start=1):
        if old.name != new.name:
            origins[indicator_path(n, "name")] = Origin.TEMPLATE
        if old.value.value != new.value.value:
            origins[indicator_path(n, "value")] = Origin.TEMPLATE
    return origins


def apply_plan(draft: Draft, decl: Declaration, plan: NextYearPlan) -> tuple[Draft, list[int]]:
    """Each carried draft row's value set from the plan (历史标准 with last year's actual); the changed rows (1-based).
    ``draft``'s rows are ``decl``'s framed indicators (一级 and 二级 known) in order; ValueError when the counts
    differ, KeyError when the plan has no row for one of them."""
    carried = [ind for ind in decl.indicators if ind.level1 is not None and ind.level2 is not None]
    by_position = {row.position: row for row in plan.rows}
    indicators, changed = [], []
    for n, (row, ind) in enumerate(zip(draft.indicators, carried, strict=True), start=1):
        item = by_position[ind.position]
        parsed = parse_value(item.proposed)
        history = f"（上年实际完成值 {item.last_actual}）" if item.last_actual else ""
        value = ValueProposal(
            value=item.proposed,
            kind=parsed.kind,
            operator=parsed.operator,
            number=parsed.number,
            unit=parsed.unit,
            ground=Ground.HISTORY,
            basis=f"{item.change.value}{history}：{item.why}",
        )
        indicators.append(row.model_copy(update={"value": value}))
        if item.changed:
            changed.append(n)
    return draft.model_copy(update={"indicators": indicators}), changed
