"""What the structured route lists of the forms selected: their projects, their indicators, a section's text and the
clauses citing a policy, each row with the citation it came from (`execute` picks which for a query)."""

from __future__ import annotations

from collections import Counter

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.refs import header_citation, indicator_citation, section_citation, units_of, yuan
from assistant.qa.models import Filters, Result, Row
from assistant.qa.scope import Scope
from assistant.qa.select import (
    condition_amount,
    indicators_of,
    level_label,
    narrows_indicators,
    policy_hits,
    section_of,
)
from assistant.qa.sources import funding_citation


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def _project_row(decl: Declaration, filters: Filters) -> Row:
    found = indicators_of(decl, filters) if narrows_indicators(filters) and not filters.lacks_level else []
    citation = indicator_citation(decl, found[0]) if found else header_citation(decl)
    value = "、".join(dict.fromkeys(units_of(decl))) or "单位未填"
    if filters.amount_written:  # 超过100万元的项目: each with the amount the condition read, cited
        amount, field = condition_amount(decl, filters)
        citation = funding_citation(decl, field)
        value += f"，{field.label} {yuan(amount)}" if amount is not None else ""
    if filters.indicators_over is not None or filters.indicators_under is not None:
        value += f"，绩效指标 {len(decl.indicators)} 项"
    if filters.indicator_name and found:  # 指标名称里有“及时”的项目: each with the indicators that write it
        value += f"，指标：{'、'.join(dict.fromkeys(i.name for i in found))}"
    return Row.for_project(decl, value, citation)


def projects_in_scope(filters: Filters, decls: list[Declaration]) -> list[Declaration]:
    if narrows_indicators(filters) and not filters.lacks_level:
        return [decl for decl in decls if indicators_of(decl, filters)]
    return decls


def list_projects(filters: Filters, decls: list[Declaration]) -> Result:
    rows = [_project_row(decl, filters) for decl in projects_in_scope(filters, decls)]
    lines = [f"共 {len(rows)} 个项目："]
    lines += [f"{i}. {_title_of(row)}，{row.value} {row.citation.label}" for i, row in enumerate(rows, 1)]
    return Result(lines=lines, rows=rows)


def _title_of(row: Row) -> str:
    return f"{row.project}（{row.year or '年度不详'}）"


def count_projects(filters: Filters, decls: list[Declaration]) -> Result:
    listed = list_projects(filters, decls)
    figure = f"{len(listed.rows)} 个"
    years = Counter(row.year for row in listed.rows if row.year)  # 每年特定目标类各有几个: each year's count too
    each = [f"按年度：{'；'.join(f'{y}年 {n} 个' for y, n in sorted(years.items()))}。"] if len(years) > 1 else []
    return Result(lines=[f"共 {figure}项目：", *each, *listed.lines[1:]], rows=listed.rows, figure=figure)


def indicator_row(decl: Declaration, indicator: Indicator) -> Row:
    """One indicator of ``decl`` as an answer's row: its name, its value as written, and its citation."""
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=indicator.name,
        value=indicator.value.raw.strip(),
        citation=indicator_citation(decl, indicator),
    )


def _indicator_rows(filters: Filters, decl: Declaration) -> list[Row]:
    return [indicator_row(decl, indicator) for indicator in indicators_of(decl, filters)]


def list_indicators(filters: Filters, decls: list[Declaration], *, by_name: bool = False) -> Result:
    """The indicators ``filters`` select, per form. ``by_name`` (a listing): across forms, the 满意度 category's are
    those whose name says 满意 (23年的满意度指标都叫啥); rows filed under it that measure something else (壮大党员队伍)
    are named apart in one line, not listed as satisfaction measures."""
    lines: list[str] = []
    rows: list[Row] = []
    across = filters.project is None and filters.declaration_id is None and len(decls) > 1
    named = by_name and across and (filters.level1 is Level1.SATISFACTION or filters.level2 is Level2.SATISFACTION)
    apart: list[str] = []
    for decl in decls:
        found = _indicator_rows(filters, decl)
        if named:
            apart += [f"{row.field}（{_title(decl)}）" for row in found if "满意" not in row.field]
            found = [row for row in found if "满意" in row.field]
        if found:
            lines.append(f"{_title(decl)} 的{level_label(filters)}（{len(found)} 项）：")
            lines += [f"- {row.citation.quote} {row.citation.label}" for row in found]
            rows += found
    if filters.project and rows:  # 信息化运维项目有没有成本指标: the project's years without any are said, not dropped
        shown = {row.declaration_id for row in rows}
        lines += [f"{_title(decl)} 没有{level_label(filters)}。" for decl in decls if decl.id not in shown]
    if apart:
        lines.append(
            f"另有 {len(apart)} 项填在{level_label(filters)}栏下、名称不是满意度的（未列入）：{'、'.join(apart)}。"
        )
    return Result(lines=lines, rows=rows)


def count_indicators(filters: Filters, decls: list[Declaration]) -> Result:
    listed = list_indicators(filters, decls)
    figure = f"{len(listed.rows)} 项"
    return Result(lines=[f"{level_label(filters)}共 {figure}。", *listed.lines], rows=listed.rows, figure=figure)


def show_section(kind: SectionKind, decls: list[Declaration]) -> Result:
    lines: list[str] = []
    rows: list[Row] = []
    for decl in decls:
        section = section_of(decl, kind)
        if section is None:
            if decl.section(kind) is not None:  # the layout has the section, the form left it blank: said so
                rows.append(_blank_section(decl, kind))
                lines.append(f"{_title(decl)} 的{kind.label}：未填写（原表该栏为空白） {rows[-1].citation.label}")
            continue
        citation = section_citation(decl, section)
        rows.append(
            Row(
                declaration_id=decl.id,
                project=decl.header.name,
                year=decl.header.year,
                field=section.kind.label,
                value=section.text.strip(),
                citation=citation,
            )
        )
        lines.append(
            f"{_title(decl)} 的{kind.label}{_via(kind, section.kind)}：\n{section.text.strip()}\n{citation.label}"
        )
    return Result(lines=lines, rows=rows, notes=tuple(_missing_sections(kind, decls, rows)))


def _blank_section(decl: Declaration, kind: SectionKind) -> Row:
    """A section the form has but left blank: its row says so ('' as the value), cited to the form's header."""
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=kind.label,
        value="",
        citation=header_citation(decl),
    )


def _via(asked: SectionKind, found: SectionKind) -> str:
    return "" if asked is found else f"（该表没有单独的“{asked.label}”栏，以下摘自“{found.label}”）"


def _missing_sections(kind: SectionKind, decls: list[Declaration], rows: list[Row]) -> list[str]:
    shown = {row.declaration_id for row in rows}
    missing = [_title(decl) for decl in decls if decl.id not in shown]
    return [f"{'、'.join(missing)} 的{kind.label}为空白或该表没有此栏。"] if missing and rows else []


def citing_policy(filters: Filters, decls: list[Declaration], scope: Scope) -> Result:
    lines: list[str] = []
    rows: list[Row] = []
    for decl in decls:
        for hit in policy_hits(decl, filters, scope.policies):
            citation = section_citation(decl, hit.section, quote=hit.clause)
            rows.append(
                Row(
                    declaration_id=decl.id,
                    project=decl.header.name,
                    year=decl.header.year,
                    field=hit.section.kind.label,
                    value=hit.clause,
                    citation=citation,
                )
            )
    projects = list(dict.fromkeys((row.project, row.year) for row in rows))
    lines.append(f"引用{_policy_name(filters, scope)}的项目共 {len(projects)} 个：")
    for project, year in projects:
        cited = [row for row in rows if (row.project, row.year) == (project, year)]
        lines.append(
            f"- {project}（{year}）：“{cited[0].value}” " + " ".join(dict.fromkeys(r.citation.label for r in cited))
        )
    return Result(lines=lines, rows=rows)


def _policy_name(filters: Filters, scope: Scope) -> str:
    policy = next((p for p in scope.policies if p.id == filters.policy_id), None)
    if policy is None:
        return f"“{filters.policy_text}”"
    return policy.citation()
