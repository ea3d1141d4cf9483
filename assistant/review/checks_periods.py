"""A row that contradicts a figure the declaration's own text states per something (nu12 findings 2 and 3).

- ``NAME-VALUE-CONFLICT``: a name that counts per period (每人每月探访次数) over a value the text gives for the
  year: 概况 “每人每月探访4次” over 12 months is 48, and ``≥48(次)`` under a per-month name says 48 visits a month.
  Judged only where the text states the per-period figure and the value is exactly its product over the periods.
- ``COST-ARITHMETIC``: a unit cost per one unit (4,800元/批次) beside the price the text states for the same work
  per another unit (检测：500样次×1200元/样次), in a unit the text counts nothing in: the money was divided by a
  quantity the price is not stated per.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.domain.framework import Level1
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.statements import Kind, Statement, plain, read_text
from assistant.domain.values import ValueKind
from assistant.review.base import at_indicator, finding
from assistant.review.checks_relevance import specific_bigrams
from assistant.review.models import Finding

_TEXT = (SectionKind.OVERVIEW, SectionKind.PLAN, SectionKind.COMPOSITION)
_PER_PERIOD = re.compile(r"每(?P<period>月|季度|季|周|日|天)")


def check_periods(decl: Declaration) -> Iterator[Finding]:
    text = "\n".join(decl.section_text(kind) or "" for kind in _TEXT)
    lines = "\n".join(f"{b.name}：{b.content or b.detail or ''}" for b in decl.budget_lines)
    found = [*read_text(text, "text"), *read_text(lines, "项目构成")] if (text + lines).strip() else []
    if not found:
        return
    for ind in decl.indicators:
        yield from _period_name(ind, found)
        yield from _priced_otherwise(ind, found)


def _period_name(ind: Indicator, found: list[Statement]) -> Iterator[Finding]:
    named = _PER_PERIOD.search(ind.name)
    v = ind.value
    if named is None or v.kind is not ValueKind.QUANTITATIVE or v.number is None:
        return
    for s in found:
        how = s.derivation or ""
        if (
            s.kind is Kind.COUNT
            and how.startswith(f"每{named['period']}")
            and s.number == v.number
            and s.unit == v.unit
        ):
            per = how.split(" × ", 1)[0].removeprefix(f"每{named['period']}")
            yield finding(
                "NAME-VALUE-CONFLICT",
                f"指标名称“{ind.name}”按{named[0]}计，指标值“{v.raw}”却是全期合计（{how}）；按名称应为{per}。",
                at_indicator(ind),
                fix=f"名称与指标值的时段保持一致：改为“{named[0]}{per}”，或把名称中的“{named[0]}”改为“每年”。",
            )
            return


def _priced_otherwise(ind: Indicator, found: list[Statement]) -> Iterator[Finding]:
    v = ind.value
    unit = v.unit or ""
    if ind.level1 is not Level1.COST or v.number is None or not unit.startswith("元/"):
        return
    per = unit.removeprefix("元/")
    counted = {s.unit.removeprefix("万") for s in found if s.kind is Kind.COUNT}
    if per in counted:
        return
    own = specific_bigrams(ind.name)
    for price in (s for s in found if s.kind is Kind.STANDARD and s.number and s.per_unit):
        other = price.unit.removeprefix("元/").split("·")[0]
        said = specific_bigrams(f"{price.subject}{price.object}{price.clause.split('：', 1)[0]}")
        if other == per or other not in counted or not own & said or price.number == v.number:
            continue
        yield finding(
            "COST-ARITHMETIC",
            f"成本指标“{ind.name}”（{v.raw}）按“{per}”计，但申报表写明同一项的单价为 {plain(price.number)}{price.unit}"
            f"（“{price.clause}”），本表也没有以“{per}”计的数量：单位成本应按单价所对应的数量（{other}）核定。",
            at_indicator(ind),
        )
        return
