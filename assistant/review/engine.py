"""Run every check on a declaration; deterministic and fast (no model, no I/O)."""

from __future__ import annotations

from assistant.domain.model import Declaration
from assistant.review import (
    checks_counts,
    checks_defects,
    checks_doc_year,
    checks_figures,
    checks_form,
    checks_framework,
    checks_goals,
    checks_grounds,
    checks_library,
    checks_money,
    checks_periods,
    checks_reading,
    checks_relevance,
    checks_stated,
    checks_stated_costs,
    checks_subject,
    checks_targets,
    checks_text,
    checks_totals,
    checks_type,
    checks_values,
)
from assistant.review.base import Check
from assistant.review.catalogue import RULES
from assistant.review.checks_relevance import ReviewContext
from assistant.review.models import ReviewReport, Severity

CHECKS: tuple[Check, ...] = (
    checks_form.check_header,
    checks_form.check_sections,
    checks_form.check_funding_blanks,
    checks_money.check_funding_sums,
    checks_money.check_budget_lines,
    checks_money.check_negative_amounts,
    checks_money.check_dates,
    checks_framework.check_completeness,
    checks_framework.check_pairs,
    checks_framework.check_misplaced,
    checks_framework.check_legacy_inputs,
    checks_values.check_values,
    checks_values.check_table,
    checks_grounds.check_template_values,
    checks_type.check_type_relevance,
    checks_defects.check_defects,
    checks_targets.check_targets,
    checks_counts.check_counts,
    checks_stated_costs.check_stated_costs,
    checks_periods.check_periods,
    checks_totals.check_totals,
    checks_stated.check_stated_money,
    checks_stated.check_event_order,
    checks_reading.check_reading,
    checks_subject.check_goal_repeats,
    checks_goals.check_goal_values,
    checks_goals.check_goal_names,
    checks_subject.check_necessity_repeats,
    checks_text.check_instructions,
    checks_figures.check_figure_conflicts,
    checks_text.check_cell_text,
    checks_doc_year.check_number_years,
)

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}
_RULE_ORDER = {rule.id: n for n, rule in enumerate(RULES)}


def review(decl: Declaration, context: ReviewContext | None = None) -> ReviewReport:
    """All findings for one declaration; ``context`` (other known projects) enables the relevance rule."""
    findings = [f for check in CHECKS for f in check(decl)]
    if context is not None:
        findings.extend(checks_relevance.check_relevance(decl, context))
    known = context or ReviewContext()
    findings.extend(checks_subject.check_basis_subject(decl, known))
    findings.extend(checks_library.check_library_citations(decl, known))
    findings.extend(checks_library.check_own_numbers(decl, known))
    findings.extend(checks_subject.check_necessity_domain(decl, known))
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.location.line or 0, _RULE_ORDER[f.rule_id]))
    return ReviewReport(
        declaration_id=decl.id,
        name=decl.header.name,
        year=decl.header.year,
        findings=findings,
        parse_notes=decl.parse_notes,
    )


def review_all(declarations: list[Declaration]) -> list[ReviewReport]:
    context = ReviewContext.from_declarations(declarations)
    return [review(d, context) for d in declarations]
