"""What follows from a person's edit, computed by rules and offered as a proposal (never saved unasked):

- the cost figures that depend on the funding (单位成本, 项目总成本 …) computed again from the edited brief, a unit
  cost whose ground divides the money (项目资金 840,000元 ÷ 2400批次) by its own arithmetic (`refunded`);
- a draft carried over from last year's form moved to its new budget year: dates, years written in the text
  (``2027年度：…``) and deadline values;

and where a row belongs in the indicator table: inside its 一级/二级 block, never after the table's end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1
from assistant.domain.values import Operator, parse_value
from assistant.drafting.models import Draft, DraftIndicator, DraftSection
from assistant.store.fields import brief_texts, indicator_path
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


_TIED = ("annual", "fiscal")  # amounts a one-year brief gives equal to its 总额


def tied_funding(before: Brief, after: Brief) -> Brief:
    """``after`` with its 年度申请 and 财政资金 following a changed 总额 where both versions give them equal to the old
    总额 (a one-year project whose figures were one amount, 96万 → 98万 typed in 资金.总额 only): the amount the cost
    rows are computed from. ``after`` itself where the total did not change or no amount was tied to it."""
    old, new = before.funding, after.funding
    if old.total is None or new.total is None or old.total == new.total:
        return after
    update = {k: new.total for k in _TIED if getattr(old, k) == old.total and getattr(new, k) == old.total}
    if not update:
        return after
    return after.model_copy(update={"funding": new.model_copy(update=update)})


def recomputed_costs(
    current: Sequence[DraftIndicator],
    fresh: Sequence[DraftIndicator],
    brief: Brief | None = None,
    protected: set[str] | frozenset[str] = frozenset(),
) -> list[DraftIndicator]:
    """The table with each cost row's value computed again (``fresh``: the rules' table for the edited ``brief``):
    a cost row whose name the fresh table has takes the fresh value and its arithmetic; one it lacks whose ground
    divides the money by a quantity (the fresh table may price that unit another way) is divided again with the
    edited money (`refunded`); a fresh cost row that needs the funding (it shows its arithmetic) and is missing
    is added inside its block. A row whose value a person wrote or locked (its path in ``protected``) and other
    rows stay; the caller leaves out of ``fresh`` the rows a person deleted or rewrote."""
    by_name = {row.name: row for row in fresh if row.level1 is Level1.COST}
    table: list[DraftIndicator] = []
    for n, row in enumerate(current, start=1):
        if indicator_path(n, "value") in protected:
            table.append(row)
            continue
        new = by_name.get(row.name) if row.level1 is Level1.COST else None
        if new is None and brief is not None:
            again = refunded(row, brief, current)
            new = None if again is None else row.model_copy(update={"value": again})
        if new is not None and new.value.value != row.value.value:
            table.append(row.model_copy(update={"value": new.value, "evidence": new.evidence}))
        else:
            table.append(row)
    names = {row.name for row in current}
    for row in fresh:
        if row.level1 is Level1.COST and row.name not in names and row.value.arithmetic:
            table = place_in_group(table, row)
    return table


# The quotient a unit cost's ground shows (suggest/costs.py and suggest/templates.py write it):
# ``项目资金 840,000元 ÷ 2400批次 ≈ 350元/批次``, ``项目构成“选举工作人员培训” 400,000元 ÷ 2500人次 ≈ 160元/人次``.
_QUOTIENT = re.compile(
    r"^(?P<head>项目资金|项目构成“(?P<part>[^”]+)”)\s*(?P<amount>\d[\d,]*(?:\.\d+)?)元\s*÷\s*(?P<approx>约?)"
    r"(?P<count>\d+(?:\.\d+)?)(?P<unit>[^\s≈]*)\s*≈\s*(?P<cost>\d[\d,]*(?:\.\d+)?)"
)
_WAN = Decimal(10000)


def refunded(row: DraftIndicator, brief: Brief, table: Sequence[DraftIndicator] = ()) -> ValueProposal | None:
    """A unit cost divided from the money (its arithmetic names the 项目资金 or a 项目构成 line, see ``_QUOTIENT``)
    divided again with what ``brief`` now gives for that money, at the precision it was written with and rounded up
    (a ceiling); its 取值依据 is rewritten with the new arithmetic. None for any other row, or when that money is
    unchanged or no longer given (the line was removed). The quantity divided by is the table's where exactly one
    quantity row of ``table`` counts in the quotient's unit and now says another figure (the officer corrected it)."""
    arithmetic = row.value.arithmetic or ""
    found = _QUOTIENT.match(arithmetic)
    if row.level1 is not Level1.COST or found is None or row.value.number is None:
        return None
    try:
        old, count = Decimal(found["amount"].replace(",", "")), Decimal(found["count"])
    except InvalidOperation:
        return None
    amount = _money_for(brief, found["part"])
    shown = _edited_count(table, found["unit"], count)
    quantity = f"{found['approx']}{found['count']}{found['unit']}" if shown is None else f"{shown:f}{found['unit']}"
    count = count if shown is None else shown
    count = count * _WAN if found["unit"].startswith("万") else count
    if amount is None or amount <= 0 or (amount == old and shown is None) or count <= 0:
        return None
    exponent = row.value.number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    cost = (amount / count).quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)
    unit = row.value.unit or ""
    again = f"{found['head']} {amount:,.0f}元 ÷ {quantity} ≈ {cost:,}{unit}"
    value = parse_value(f"{(row.value.operator or Operator.LE).value}{cost}({unit})")
    basis = row.value.basis
    basis = basis.replace(arithmetic, again) if arithmetic in basis else f"{basis}（按修改后的金额重算：{again}）"
    return row.value.model_copy(
        update={"value": value.render(), "number": value.number, "arithmetic": again, "basis": basis}
    )


def _edited_count(table: Sequence[DraftIndicator], unit: str, count: Decimal) -> Decimal | None:
    """The figure of the one quantity row in ``unit`` (≥1235(公里)) where it is no longer the quotient's ``count``."""
    rows = [
        r for r in table if r.level1 is not Level1.COST and r.value.unit == unit and r.value.number is not None and unit
    ]
    if len(rows) != 1 or rows[0].value.number == count:
        return None
    return rows[0].value.number


def _money_for(brief: Brief, part: str | None) -> Decimal | None:
    """The money a quotient divides: a 项目构成 line by its name, else the project's (年度申请, 总额, 财政资金)."""
    if part is not None:
        return next((line.amount for line in brief.composition if line.part == part), None)
    money = brief.funding
    return money.annual or money.total or money.fiscal


# -- year roll-over --------------------------------------------------------------------------------


_TITLE_SPAN = re.compile(r"《[^《》]*》")
_DASH = r"(?:至|到|—|–|－|-|~|～|－)"
_RANGE_BEFORE = re.compile(rf"(?:19|20)\d{{2}}\s*年?度?\s*{_DASH}\s*$")
_RANGE_AFTER = re.compile(rf"^\s*年?度?\s*{_DASH}\s*(?:19|20)\d{{2}}")


def _year_pattern(old: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d){old}(?=\s*年|[-/.]\d{{1,2}}[-/.]\d{{1,2}})")


def _is_project_year(text: str, start: int, end: int, titles: list[tuple[int, int]]) -> bool:
    """Whether the year at ``text[start:end]`` stands for the project's year: not inside a document's title
    (《…规划（2021—2025年）》) and not one end of a span of years (2021—2025年, 2024年至2026年)."""
    if any(a <= start < b for a, b in titles):
        return False
    return not (_RANGE_BEFORE.search(text[max(0, start - 12) : start]) or _RANGE_AFTER.match(text[end : end + 12]))


def moved_years(text: str, old: int, new: int, *, name: bool = False) -> tuple[str, int]:
    """``text`` with each year that stands for the project's budget year ``old`` (``2025年``, ``2025年度``,
    ``2025-12-31``; in a ``name`` also a leading ``2025金安…``) written as ``new``, and how many were moved. Years in
    a document's title (《…（2021—2025年）》) and the ends of a span of years are the documents' own and stay."""
    titles = [m.span() for m in _TITLE_SPAN.finditer(text)]
    pattern = _year_pattern(old)
    spans = [m.span() for m in pattern.finditer(text)]
    if name and text.startswith(str(old)) and re.match(r"\d{4}[\u4e00-\u9fff（(]", text):
        spans = sorted({(0, 4), *spans})
    moved = [(a, b) for a, b in spans if _is_project_year(text, a, b, titles)]
    for a, b in reversed(moved):
        text = text[:a] + str(new) + text[b:]
    return text, len(moved)


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
    the old form's start and end, used where the brief has none), the project's year (`moved_years`) in 项目名称, the
    sections, plan periods, 主要内容, indicator names and deadline values written as the new year; and each change
    described in Chinese."""
    new_year = draft.brief.year
    shift = new_year - old_year
    if shift <= 0:
        return draft, []
    changes: list[str] = []
    brief = _rolled_brief(draft.brief, old_year, shift, dates, changes)
    sections = [_rolled_section(s, old_year, new_year, changes) for s in draft.sections]
    rows = [_rolled_row(n, r, old_year, new_year, changes) for n, r in enumerate(draft.indicators, start=1)]
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
            # a date carried from last year's form is shown as last year's, never as an empty one
            changes.append(f"{label}：{current or source or '（空）'} → {new}")
    year = brief.year
    name, count = moved_years(brief.name, old_year, year, name=True)
    if count:
        update["name"] = name
        changes.append(f"项目名称：{brief.name} → {name}")
    plan = []
    for n, step in enumerate(brief.plan, start=1):
        period, _ = moved_years(step.period, old_year, year)
        if period != step.period:
            changes.append(f"实施计划第 {n} 行时间：{step.period} → {period}")
        plan.append(step.model_copy(update={"period": period}))
    content, count = moved_years(brief.content, old_year, year)
    if count:
        changes.append(f"主要内容：{old_year}年 → {year}年（{count} 处）")
    data = brief.model_dump()
    data.update(update)
    data["plan"] = [p.model_dump() for p in plan]
    data["content"] = content
    return Brief.model_validate(data)


def _rolled_section(section: DraftSection, old: int, year: int, changes: list[str]) -> DraftSection:
    text, count = moved_years(section.text, old, year)
    if not count:
        return section
    changes.append(f"{section.kind.label}：{count} 处年份改为 {year}年")
    return section.model_copy(update={"text": text})


def _rolled_row(n: int, row: DraftIndicator, old: int, year: int, changes: list[str]) -> DraftIndicator:
    name, _ = moved_years(row.name, old, year, name=True)
    value_text, _ = moved_years(row.value.value, old, year)
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
        changes.append(f"新草稿指标第 {n} 行“{row.name}”的指标值：{row.value.value} → {value_text}")
    if name != row.name:
        changes.append(f"新草稿指标第 {n} 行名称：{row.name} → {name}")
    return row.model_copy(update=update)


def tied_note(brief: Brief, used: Brief) -> str:
    """What the cost proposal assumed where the 年度申请/财政资金 it used are not the brief's (`tied_funding`)."""
    if used is brief or used.funding.total is None:
        return ""
    total = (
        f"{(used.funding.total / 10000).normalize():f}"  # 3000000元 → 300万元 (never "3": only a fraction's zeros go)
    )
    return f"（按项目资金总额 {total}万元 计算；年度申请、财政资金仍为原金额，请一并修改）"


def money_changed(before: Draft, after: Draft) -> bool:
    old, new = brief_texts(before), brief_texts(after)
    return any(old[p] != new[p] for p in new if p.startswith("funding.") or p == "composition")
