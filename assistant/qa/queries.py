"""Cues into a validated `Query`, or None where they describe no structured question."""

from __future__ import annotations

from pydantic import ValidationError

from assistant.qa.cues import Cues
from assistant.qa.intents import money_field
from assistant.qa.models import Filters, Measure, Query, Target


def to_query(cues: Cues) -> Query | None:
    """The validated query the cues describe, or None when they describe no structured question."""
    if cues.target is None:
        return None
    filters = Filters(
        years=cues.years,
        unit=cues.unit,
        project=cues.project,
        declaration_id=cues.declaration_id,
        level1=cues.level1,
        level2=cues.level2,
        lacks_level=cues.lacks_level,
        policy_id=cues.policy_id,
        policy_text=cues.policy_text,
        indicator_name=cues.indicator_name,
        it_only=cues.it_only,
        project_type=cues.project_type,
        category=cues.category,
        mentions=cues.mentions,
        mentions_in=cues.mentions_in,
        tier=cues.tier,
        spans_years=cues.spans_years,
        more_units=cues.more_units,
        amount_over=cues.amount_over,
        amount_under=cues.amount_under,
        amount_field=cues.funding_field if cues.amount_written else None,
        amount_written=cues.amount_written,
        name_has=cues.name_has,
        indicators_over=cues.indicators_over,
        indicators_under=cues.indicators_under,
    )
    funding_field, measure = cues.funding_field, cues.measure
    if cues.target is Target.RANK and measure is Measure.FUNDING and funding_field is None and _names_indicator(cues):
        measure = Measure.VALUE  # 满意度最高的项目 asks for the indicator's value, not the money
    if cues.target in (Target.RANK, Target.AVERAGE, Target.SHARE, Target.COMPARE_PROJECTS, Target.COMPARE_YEARS):
        funding_field = money_field(funding_field) if measure is Measure.FUNDING else funding_field
    try:
        return Query(
            target=cues.target,
            filters=filters,
            funding_field=funding_field,
            section=cues.section,
            header_fields=cues.header_fields,
            rows=cues.rows,
            row_name=cues.row_name,
            measure=measure,
            descending=cues.descending,
            top=cues.top,
            versus=cues.versus,
            versus_id=cues.versus_id,
            by_year=cues.by_year,
            fallback_field=cues.fallback_field,
        )
    except ValidationError:
        return None


def _names_indicator(cues: Cues) -> bool:
    return cues.level1 is not None or cues.level2 is not None or cues.indicator_name is not None
