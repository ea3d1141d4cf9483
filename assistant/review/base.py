"""What every check shares: building findings and locations."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.domain.framework import Level2
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.review.catalogue import RULES_BY_ID
from assistant.review.models import Finding, IndicatorRef, Location

Check = Callable[[Declaration], Iterable[Finding]]


def finding(
    rule_id: str, message: str, location: Location, *, fix: str | None = None, suggested: Level2 | None = None
) -> Finding:
    rule = RULES_BY_ID[rule_id]
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        criterion=rule.criterion,
        message=message,
        fix=fix or rule.fix,
        location=location,
        suggested_level2=suggested,
    )


def at_indicator(ind: Indicator) -> Location:
    ref = IndicatorRef(
        position=ind.position, line=ind.line, level1=ind.level1_written, level2=ind.level2_written, name=ind.name
    )
    return Location(indicator=ref, line=ind.line)


def at_section(decl: Declaration, kind: SectionKind) -> Location:
    section = decl.section(kind)
    return Location(section=kind, line=section.span.start if section else None)


def at_field(name: str) -> Location:
    return Location(field=name)


def quoted(ind: Indicator) -> str:
    return f"「{ind.name}」（{ind.value.raw or '无目标值'}）"
