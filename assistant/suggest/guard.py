"""Suggestions through the review engine: a draft declaration of the brief, and the findings per indicator.

A suggestion the engine would send back is repaired where the engine says how (an indicator under
the wrong 二级 moves to the one it names) and dropped otherwise.
"""

from __future__ import annotations

from collections import defaultdict

from assistant.domain.brief import Brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.model import Declaration
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.review.checks_relevance import ReviewContext
from assistant.review.engine import review
from assistant.review.models import Finding, Severity
from assistant.suggest.models import Ground, IndicatorSuggestion, Origin

BLOCKING = {Severity.ERROR, Severity.WARNING}
# A figure the brief states itself stays, with the finding as a note: the officer, not the tool, corrects the brief.
# A brief's impossible rate (满意度达到105%) stays too, its note saying so, rather than a precedent's value replacing it
# (with the SAT-FLOOR finding the same figure draws).
STATED_KEPT = frozenset({"COST-ARITHMETIC", "COUNT-MISNAMED", "VAL-IMPOSSIBLE"})
# The sum of the unit costs against the money judges a finished table after a person's edits (the draft's review
# shows it); a pool of rival candidates would add up rows no table keeps together, and each row is already
# computed from the money.
NOT_SCREENED = frozenset({"COST-UNIT-TOTAL"})


def draft_declaration(brief: Brief, suggestions: list[IndicatorSuggestion]) -> Declaration:
    """The brief as a current-framework declaration whose indicator table is ``suggestions``, in order."""
    rows = [IndicatorRow(s.level1, s.level2, s.name, s.value.value) for s in suggestions]
    return brief_declaration(brief, indicators=rows)


def blocking_findings(
    brief: Brief, suggestions: list[IndicatorSuggestion], context: ReviewContext | None
) -> dict[int, list[Finding]]:
    """Errors and warnings the review engine reports on each suggestion, by index in ``suggestions``."""
    report = review(draft_declaration(brief, suggestions), context)
    found: dict[int, list[Finding]] = defaultdict(list)
    impossible = {
        f.location.indicator.position - 1
        for f in report.findings
        if f.rule_id == "VAL-IMPOSSIBLE" and f.location.indicator is not None
    }
    for f in report.findings:
        if f.severity in BLOCKING and f.location.indicator is not None and f.rule_id not in NOT_SCREENED:
            n = f.location.indicator.position - 1
            kept = f.rule_id in STATED_KEPT or (f.rule_id == "SAT-FLOOR" and n in impossible)
            if kept and _stated(suggestions[n]):
                continue  # the brief's own figure stays; the draft's review shows the finding to the officer
            found[n].append(f)
    return found


def repaired(
    suggestion: IndicatorSuggestion, findings: list[Finding], *, ignore: frozenset[str]
) -> IndicatorSuggestion | None:
    """The suggestion with what the findings ask repaired, or None where a finding cannot be repaired."""
    for f in findings:
        if f.rule_id in ignore:
            continue
        if f.rule_id == "FW-MISPLACED" and f.suggested_level2 is not None:
            suggestion = _moved(suggestion, f.suggested_level2)
            continue
        return None
    return suggestion


def _stated(suggestion: IndicatorSuggestion) -> bool:
    """A value the brief states verbatim (计划标准 with no arithmetic of ours)."""
    return (
        suggestion.origin is Origin.BRIEF and suggestion.value.ground is Ground.PLAN and not suggestion.value.arithmetic
    )


def _moved(suggestion: IndicatorSuggestion, level2: Level2) -> IndicatorSuggestion:
    note = f"按审核规则 FW-MISPLACED 从“{suggestion.level2.value}”移到“{level2.value}”"
    return suggestion.model_copy(
        update={"level1": PARENT[level2], "level2": level2, "notes": [*suggestion.notes, note]}
    )
