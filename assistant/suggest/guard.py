"""Suggestions through the review engine: a draft declaration of the brief, and the findings per indicator.

A suggestion the engine would send back is repaired where the engine says how (an indicator under
the wrong 二级 moves to the one it names) and dropped otherwise.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from assistant.domain.brief import Brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.model import (
    Declaration,
    Funding,
    Header,
    Indicator,
    Layout,
    LineSpan,
    Provenance,
    SectionKind,
    SECTION_LABELS,
    TextSection,
)
from assistant.domain.values import parse_value
from assistant.review.checks_relevance import ReviewContext
from assistant.review.engine import review
from assistant.review.models import Finding, Severity
from assistant.suggest.models import IndicatorSuggestion

BLOCKING = {Severity.ERROR, Severity.WARNING}
_NO_SPAN = LineSpan(start=0, end=0)


def draft_declaration(brief: Brief, suggestions: list[IndicatorSuggestion]) -> Declaration:
    """The brief as a current-framework declaration whose indicator table is ``suggestions``, in order."""
    indicators = [_indicator(n, s) for n, s in enumerate(suggestions, start=1)]
    digest = hashlib.sha256(brief.model_dump_json().encode("utf-8")).hexdigest()
    overview = TextSection(
        kind=SectionKind.OVERVIEW, title=SECTION_LABELS[SectionKind.OVERVIEW], text=brief.content, span=_NO_SPAN
    )
    return Declaration(
        id="brief", layout=Layout.MUNICIPAL_2021, header=_header(brief), funding=_funding(brief),
        sections=[overview], indicators=indicators,
        provenance=Provenance(source_file="brief", source_sha256=digest, index_in_file=1, span=_NO_SPAN),
    )  # fmt: skip


def _header(brief: Brief) -> Header:
    return Header(
        name=brief.name, year=brief.year, department=brief.department, implementer=brief.implementer,
        nature=brief.nature, category=brief.category, start_date=brief.start_date, end_date=brief.end_date,
    )  # fmt: skip


def _funding(brief: Brief) -> Funding:
    money = brief.funding
    return Funding(total=money.total, annual=money.annual, fiscal_total=money.fiscal, other_total=money.other)


def _indicator(position: int, suggestion: IndicatorSuggestion) -> Indicator:
    return Indicator(
        position=position, line=position, level1_written=suggestion.level1.value,
        level2_written=suggestion.level2.value, level1=suggestion.level1, level2=suggestion.level2,
        name=suggestion.name, name_written=suggestion.name, value=parse_value(suggestion.value.value),
        remark=suggestion.value.ground.value,
    )  # fmt: skip


def blocking_findings(
    brief: Brief, suggestions: list[IndicatorSuggestion], context: ReviewContext | None
) -> dict[int, list[Finding]]:
    """Errors and warnings the review engine reports on each suggestion, by index in ``suggestions``."""
    report = review(draft_declaration(brief, suggestions), context)
    found: dict[int, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.severity in BLOCKING and f.location.indicator is not None:
            found[f.location.indicator.position - 1].append(f)
    return found


def repaired(suggestion: IndicatorSuggestion, findings: list[Finding], *, ignore: frozenset[str]) -> IndicatorSuggestion | None:
    """The suggestion with what the findings ask repaired, or None where a finding cannot be repaired."""
    for f in findings:
        if f.rule_id in ignore:
            continue
        if f.rule_id == "FW-MISPLACED" and f.suggested_level2 is not None:
            suggestion = _moved(suggestion, f.suggested_level2)
            continue
        return None
    return suggestion


def _moved(suggestion: IndicatorSuggestion, level2: Level2) -> IndicatorSuggestion:
    note = f"按审核规则 FW-MISPLACED 从“{suggestion.level2.value}”移到“{level2.value}”"
    return suggestion.model_copy(update={"level1": PARENT[level2], "level2": level2, "notes": [*suggestion.notes, note]})
