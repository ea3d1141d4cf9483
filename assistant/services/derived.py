"""What follows from a person's edit, computed by rules and offered as a proposal (never saved unasked):

- the cost figures that depend on the funding (单位成本, 项目总成本 …) computed again from the edited brief;
- a draft carried over from last year's form moved to its new budget year: dates, years written in the text
  (``2027年度：…``) and deadline values;

and where a row belongs in the indicator table: inside its 一级/二级 block, never after the table's end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1
from assistant.domain.values import parse_value
from assistant.drafting.models import Draft, DraftIndicator, DraftSection
from assistant.suggest.models import ValueProposal


def group_key(row: DraftIndicator) -> tuple[str, str]:
    return (row.level1.value, row.level2.value)


def place_in_group(rows: Sequence[DraftIndicator], row: DraftIndicator) -> list[DraftIndicator]:
    """``rows`` with ``row`` after the last row of its 一级/二级 block; without such a block, after the last row
    of its 一级 (a new block there); without that either, before the first 一级 that comes later in the framework."""
    table = list(rows)
    same = [n for n, r in enumerate(table) if group_key(r) == group_key(row)]
    if same:
        at = same[-1] + 1
    else:
        level1 = [n for n, r in enumerate(table) if r.level1 is row.level1]
        if level1:
            at = level1[-1] + 1
        else:
            order = list(Level1)
            later = [n for n, r in enumerate(table) if order.index(r.level1) > order.index(row.level1)]
            at = later[0] if later else len(table)
    table.insert(at, row)
    return table


def grouped(rows: Sequence[DraftIndicator]) -> list[DraftIndicator]:
    """The rows with every 一级/二级 block together (blocks in the order they first appear, rows in their order)."""
    first1: dict[Level1, int] = {}
    first2: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows):
        first1.setdefault(row.level1, n)
        first2.setdefault(group_key(row), n)
    return sorted(rows, key=lambda r: (first1[r.level1], first2[group_key(r)]))


def recomputed_costs(current: Sequence[DraftIndicator], fresh: Sequence[DraftIndicator]) -> list[DraftIndicator]:
    """The table with each cost row's value computed again (``fresh``: the rules' table for the edited brief):
    a cost row whose name the fresh table has takes the fresh value and its arithmetic; a fresh cost row that
    needs the funding (it shows its arithmetic) and is missing is added inside its block. Other rows stay."""
    by_name = {row.name: row for row in fresh if row.level1 is Level1.COST}
    table: list[DraftIndicator] = []
    for row in current:
        new = by_name.get(row.name) if row.level1 is Level1.COST else None
        if new is not None and new.value.value != row.value.value:
            table.append(row.model_copy(update={"value": new.value, "evidence": new.evidence}))
        else:
            table.append(row)
    names = {row.name for row in current}
    for row in fresh:
        if row.level1 is Level1.COST and row.name not in names and row.value.arithmetic:
            table = place_in_group(table, row)
    return table


# -- year roll-over --------------------------------------------------------------------------------


def _year_pattern(old: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d){old}(?=\s*年|[-/.]\d{{1,2}}[-/.]\d{{1,2}})")


def moved_date(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def rolled_over(
    draft: Draft, *, old_year: int, dates: tuple[date | None, date | None] = (None, None)
) -> tuple[Draft, list[str]]:
    """``draft`` (already set to its new year) with last year's dates moved by the difference in years (``dates``:
    the old form's start and end, used where the brief has none), ``{old_year}年`` in the sections, plan periods,
    indicator names and deadline values written as the new year; and each change described in Chinese."""
    new_year = draft.brief.year
    shift = new_year - old_year
    if shift <= 0:
        return draft, []
    changes: list[str] = []
    brief = _rolled_brief(draft.brief, old_year, shift, dates, changes)
    pattern = _year_pattern(old_year)
    sections = [_rolled_section(s, pattern, new_year, changes) for s in draft.sections]
    rows = [_rolled_row(n, r, pattern, new_year, changes) for n, r in enumerate(draft.indicators, start=1)]
    moved = draft.model_copy(update={"brief": brief, "sections": sections, "indicators": rows})
    return moved, changes


def _rolled_brief(
    brief: Brief, old_year: int, shift: int, dates: tuple[date | None, date | None], changes: list[str]
) -> Brief:
    update: dict[str, object] = {}
    for key, label, old in (("start_date", "开始日期", dates[0]), ("end_date", "结束日期", dates[1])):
        current = getattr(brief, key)
        source = current if current is not None and current.year <= old_year else None
        source = source or (old if current is None else None)
        new = moved_date(source, shift)
        if new is not None and new != current:
            update[key] = new
            changes.append(f"{label}：{current or '（空）'} → {new}")
    pattern = _year_pattern(old_year)
    plan = []
    for n, step in enumerate(brief.plan, start=1):
        period = pattern.sub(str(brief.year), step.period)
        if period != step.period:
            changes.append(f"实施计划第 {n} 行时间：{step.period} → {period}")
        plan.append(step.model_copy(update={"period": period}))
    content = pattern.sub(str(brief.year), brief.content)
    if content != brief.content:
        changes.append(f"主要内容：{old_year}年 → {brief.year}年（{len(pattern.findall(brief.content))} 处）")
    data = brief.model_dump()
    data.update(update)
    data["plan"] = [p.model_dump() for p in plan]
    data["content"] = content
    return Brief.model_validate(data)


def _rolled_section(section: DraftSection, pattern: re.Pattern[str], year: int, changes: list[str]) -> DraftSection:
    text = pattern.sub(str(year), section.text)
    if text == section.text:
        return section
    changes.append(f"{section.kind.label}：{len(pattern.findall(section.text))} 处年份改为 {year}年")
    return section.model_copy(update={"text": text})


def _rolled_row(n: int, row: DraftIndicator, pattern: re.Pattern[str], year: int, changes: list[str]) -> DraftIndicator:
    name = pattern.sub(str(year), row.name)
    value_text = pattern.sub(str(year), row.value.value)
    if name == row.name and value_text == row.value.value:
        return row
    update: dict[str, object] = {"name": name}
    if value_text != row.value.value:
        parsed = parse_value(value_text)
        value = ValueProposal(
            value=value_text,
            kind=parsed.kind,
            operator=parsed.operator,
            number=parsed.number,
            unit=parsed.unit,
            ground=row.value.ground,
            basis=f"{row.value.basis}；年份改为 {year} 年",
        )
        update["value"] = value
        changes.append(f"指标第 {n} 行“{row.name}”的指标值：{row.value.value} → {value_text}")
    if name != row.name:
        changes.append(f"指标第 {n} 行名称：{row.name} → {name}")
    return row.model_copy(update=update)
