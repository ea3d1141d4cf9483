"""A monitoring table or a self-evaluation started from a declaration: every indicator row linked back to it.

Nothing is typed twice: names, categories, 年度指标值, budget figures and the 年度绩效目标 come from the
declaration; the person types only what happened (执行情况, 实际完成值 …). ``carry_actuals`` takes a
monitoring table's 全年预计完成情况 into a new self-evaluation as a starting point the person then confirms.
"""

from __future__ import annotations

from datetime import date

from assistant.cycle.rules import DEFAULT_SETTINGS, Settings
from assistant.cycle.weights import spread
from assistant.domain.cycle import (
    BudgetExecution,
    FundKind,
    FundLine,
    IndicatorLink,
    MonitoringRow,
    MonitoringTable,
    SelfEvalRow,
    SelfEvaluation,
)
from assistant.domain.model import (
    Declaration,
    Funding,
    Header,
    Indicator,
    Layout,
    LineSpan,
    Provenance,
    SectionKind,
    TextSection,
)
from assistant.domain.values import parse_value


def link_of(decl: Declaration, ind: Indicator) -> IndicatorLink:
    return IndicatorLink(
        declaration_id=decl.id,
        position=ind.position,
        level1_written=ind.level1_written,
        level2_written=ind.level2_written,
        level1=ind.level1,
        level2=ind.level2,
        name=ind.name,
    )


def _goal(decl: Declaration) -> str | None:
    text = decl.section_text(SectionKind.GOAL_ANNUAL) or decl.section_text(SectionKind.GOAL_TOTAL)
    return text or None


def monitoring_from(decl: Declaration, *, form_id: str, as_of: date | None = None) -> MonitoringTable:
    """A blank monitoring table for ``decl`` to ``as_of`` (default 31 July of the declaration's year)."""
    year = decl.header.year or date.today().year
    budget = decl.funding.annual or decl.funding.total
    return MonitoringTable(
        id=form_id,
        declaration_id=decl.id,
        project_name=decl.header.name,
        department=decl.header.department or decl.header.applicant,
        implementer=decl.header.implementer,
        year=decl.header.year,
        as_of=as_of or date(year, 7, 31),
        goal=_goal(decl),
        budget=BudgetExecution(initial_budget=budget, as_of=as_of or date(year, 7, 31)),
        rows=[
            MonitoringRow(link=link_of(decl, ind), target=ind.value.raw, target_value=ind.value)
            for ind in decl.indicators
        ],
    )


def selfeval_from(
    decl: Declaration,
    *,
    form_id: str,
    monitoring: MonitoringTable | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> SelfEvaluation:
    """A self-evaluation for ``decl`` with the default 分值 spread over its rows; a monitoring table's
    调整后预算 becomes the 全年预算数, and its 全年预计完成情况 each row's starting 实际完成值."""
    links = [link_of(decl, ind) for ind in decl.indicators]
    weights = spread(links, settings.weights)
    budget = decl.funding.annual or decl.funding.total
    full_year = monitoring.budget.adjusted_budget if monitoring is not None else None
    expected = {r.link.position: r.expected_full_year for r in monitoring.rows} if monitoring is not None else {}
    rows = [
        SelfEvalRow(
            link=link,
            target=ind.value.raw,
            target_value=ind.value,
            actual=expected.get(ind.position) or None,
            weight=weight,
        )
        for link, ind, weight in zip(links, decl.indicators, weights.rows, strict=True)
    ]
    total = FundLine(
        kind=FundKind.TOTAL,
        initial_budget=budget,
        full_year_budget=full_year if full_year is not None else budget,
        weight=weights.budget,
    )
    funds = [total]
    if decl.funding.fiscal_annual is not None:
        funds.append(FundLine(kind=FundKind.FISCAL, initial_budget=decl.funding.fiscal_annual))
    if decl.funding.carryover is not None:
        funds.append(FundLine(kind=FundKind.CARRYOVER, initial_budget=decl.funding.carryover))
    if decl.funding.other_annual is not None:
        funds.append(FundLine(kind=FundKind.OTHER, initial_budget=decl.funding.other_annual))
    return SelfEvaluation(
        id=form_id,
        declaration_id=decl.id,
        project_name=decl.header.name,
        department=decl.header.department or decl.header.applicant,
        implementer=decl.header.implementer,
        year=decl.header.year,
        funds=funds,
        goal_planned=_goal(decl),
        rows=rows,
    )


def declaration_from_selfeval(ev: SelfEvaluation) -> Declaration:
    """The declaration a self-evaluation read from a file stands for (no declaration in the store): header, the
    年度资金总额 as the year's budget, 预期目标 as 年度绩效目标, and each row's 年度指标值 as written — only what the
    form says, so next year's declaration can be carried over from a published or imported 自评表 alone."""
    total = ev.fund(FundKind.TOTAL)
    budget = None if total is None else (total.initial_budget or total.full_year_budget)
    goal = ev.goal_planned or ""
    source = ev.source.file if ev.source is not None else f"自评表 {ev.id}"
    indicators = [
        Indicator(
            position=n,
            line=0,
            level1_written=row.link.level1_written,
            level2_written=row.link.level2_written,
            level1=row.link.level1,
            level2=row.link.level2,
            name=row.link.name,
            name_written=row.link.name,
            value=row.target_value or parse_value(row.target),
        )
        for n, row in enumerate(ev.rows, start=1)
    ]
    return Declaration(
        id=f"selfeval-{ev.id}",
        layout=Layout.MUNICIPAL_2021,
        header=Header(name=ev.project_name, year=ev.year, department=ev.department, implementer=ev.implementer),
        funding=Funding(annual=budget, total=budget),
        sections=[
            TextSection(kind=SectionKind.GOAL_ANNUAL, title="年度总体目标", text=goal, span=LineSpan(start=0, end=0))
        ]
        if goal
        else [],
        indicators=indicators,
        provenance=Provenance(
            source_file=source,
            source_sha256=(ev.source.sha256 if ev.source is not None and ev.source.sha256 else ""),
            index_in_file=1,
            span=LineSpan(start=0, end=0),
        ),
    )
