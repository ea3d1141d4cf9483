"""The structured route: a `Query` answered in code over the typed corpus, never by the model.

Every row carries the citation it came from. Sums are exact `Decimal`s; a blank cell is reported as
blank and left out of the sum, never counted as zero. A year the corpus does not hold is said so, and
the nearest years that do hold the asked-for rows are offered instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import assert_never

from assistant.corpus.store import Corpus
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.policy import PolicyReference
from assistant.domain.refs import header_citation, indicator_citation, section_citation, units_of, yuan
from assistant.qa import analytics, fields
from assistant.qa.kinds import kind_by_indicators, type_holdings
from assistant.qa.lexicon import Lexicon
from assistant.qa.mentions import listing, loose_for, mentioning, none_found
from assistant.qa.models import Answer, Filters, FundingField, Measure, Query, Result, Route, Row, Target
from assistant.qa.select import (
    condition_amount,
    describe,
    indicators_of,
    level_label,
    narrows_indicators,
    policy_hits,
    section_of,
    select,
)
from assistant.qa.sources import funding_citation
from assistant.qa.stated import stated_amount_note
from assistant.qa.sums import sum_funding
from assistant.qa.synthesis import common_indicators, family, section_aspects, typical_values


@dataclass(frozen=True)
class Scope:
    corpus: Corpus
    lexicon: Lexicon

    @property
    def policies(self) -> Sequence[PolicyReference]:
        return self.lexicon.policies


# Targets asked of each project in turn: after a comparison, 那俩的负责人 / 这俩各有几个指标 asks them of both sides.
_OF_BOTH = frozenset(
    {
        Target.SHOW_FIELD,
        Target.COUNT_INDICATORS,
        Target.LIST_INDICATORS,
        Target.SHOW_SECTION,
        Target.LIST_ROWS,
        Target.SUM_FUNDING,  # A和B的资金总额分别是多少: each project's line, never one of them under both names
    }
)


def execute(query: Query, question: str, scope: Scope) -> Answer:
    decls = _side(scope, query.filters, query)
    second: list[Declaration] = []
    if query.versus is not None and query.target in _OF_BOTH:  # 那俩的负责人是谁: the second project as well
        versus = query.filters.model_copy(update={"project": query.versus, "declaration_id": query.versus_id})
        second = _side(scope, versus, query)
        decls = [*decls, *(d for d in second if d.id not in {k.id for k in decls})]
    notes: list[str] = []
    if query.versus is not None and query.target in _OF_BOTH and decls and not second:
        years = "、".join(f"{y}年" for y in query.filters.years)
        notes.append(f"语料库中没有“{query.versus}”{years}的申报表，以下只有“{query.filters.project}”。")
    if (
        not decls
        and (phrase := query.filters.mentions)
        and not mentioning(scope.corpus.declarations, phrase, loose=True)
    ):
        return refusal(question, query, scope, none_found(phrase, scope.corpus.declarations), asked=False)
    if not decls and query.filters.lacks_level and (every := _all_have(query, scope)):
        return refusal(question, query, scope, [every], asked=False)  # 2023年哪些项目没列时效指标: none lacks it
    if not decls and (by_name := kind_by_indicators(query, question, scope)) is not None:
        return by_name  # 有没有培训类的项目: none typed 培训, but 全年培训班次 is set
    if not any(indicators_of(d, query.filters) for d in decls) and (near := _other_year(query, question, scope)):
        return near  # 26年信息化运维的驻场人员数量: the 2026 form has none; the 2023 form's, said to be another year's
    if not decls and query.filters.years and (offer := _nearest_years(query, scope)):
        return refusal(question, query, scope, offer)
    if decls:
        notes = [*notes, *absent_years_note(query.filters.years, scope)]
    result = _run(query, decls, scope, question) if decls else None
    if result is None or not result.rows:
        return refusal(question, query, scope, notes)
    text = "\n".join([*notes, *_years_apart(query, decls), *result.lines, *stated_amount_note(question, result.rows)])
    citations = list(dict.fromkeys(row.citation for row in result.rows))
    return Answer(
        question=question,
        text=text,
        route=Route.STRUCTURED,
        query=query,
        rows=result.rows,
        citations=citations,
        notes=[*notes, *result.notes],
        figure=result.figure,
    )


# 23年A减去26年B: the first side minus the second, signed
_SUBTRACTS = re.compile(r"减去|减掉|(?<![增缩削])减(?!少)")


def _other_year(query: Query, question: str, scope: Scope) -> Answer | None:
    from assistant.qa.indicator_sets import other_year_indicator  # it builds on this module's rows

    return other_year_indicator(query, question, scope)


def _years_apart(query: Query, decls: list[Declaration]) -> list[str]:
    """信息化运维项目花多少: a project named without a year that has forms of several years; each year is listed."""
    years = sorted({d.header.year for d in decls if d.header.year})
    asked = query.target in (Target.SUM_FUNDING, Target.COUNT_INDICATORS)
    if not asked or not query.filters.project or query.filters.years or len(years) < 2:
        return []
    return [f"“{query.filters.project}”有 {_years(years)} 共 {len(decls)} 份申报表（问题未指明年度），以下分年列出："]


def _side(scope: Scope, filters: Filters, query: Query) -> list[Declaration]:
    """The forms the filters select; for one side of a two-project comparison, a unit written for the other side
    (人大信访平台和党费缴纳系统: 人大 is the first's) does not empty this side. A unit neither side has stays."""
    found = select(scope.corpus, filters, scope.policies)
    if found or query.target is not Target.COMPARE_PROJECTS or filters.unit is None or query.versus is None:
        return found
    first = filters.project == query.filters.project and filters.declaration_id == query.filters.declaration_id
    other = query.filters.model_copy(update={"project": query.versus, "declaration_id": query.versus_id})
    if not select(scope.corpus, other if first else query.filters, scope.policies):
        return found  # the unit is neither side's: refused as asked
    return select(scope.corpus, filters.model_copy(update={"unit": None}), scope.policies)


def _all_have(query: Query, scope: Scope) -> str | None:
    """语料库中没有缺少时效指标的项目：…都设了时效指标 where the forms in scope all set the category; None if none."""
    held = select(scope.corpus, query.filters.model_copy(update={"lacks_level": False}), scope.policies)
    if not held:
        return None
    level = level_label(query.filters)
    where = describe(query.filters, scope.policies)
    where = "全部" if where == "全部申报表" else f"{where}的"
    return f"语料库中没有缺少{level}的项目：{where} {len(held)} 份申报表都设了{level}。"


def _nearest_years(query: Query, scope: Scope) -> list[str]:
    """For years absent from the whole corpus: said so, with the closest earlier and later years that hold what
    was asked, offered as candidates; never answered from those years."""
    absent = [year for year in query.filters.years if year not in scope.lexicon.years]
    if not absent:
        return []
    anywhen = query.filters.model_copy(update={"years": ()})
    have = sorted({d.header.year for d in select(scope.corpus, anywhen, scope.policies) if d.header.year})
    line = f"语料库中没有{_years(absent)}的申报表（现有年度：{_years(scope.lexicon.years)}），不以其他年度的数字代答。"
    if not have:
        return [line]
    offered = _closest(absent[0], have)
    return [line, f"最接近的年度：{_years(offered)}；可改问，例如把问题中的{absent[0]}年换成{offered[0]}年。"]


def absent_years_note(years: Sequence[int], scope: Scope) -> list[str]:
    """A line for asked-for years the corpus does not hold, when others are answered: never dropped silently."""
    absent = [year for year in years if year not in scope.lexicon.years]
    if not absent:
        return []
    return [
        f"语料库中没有{_years(absent)}的申报表（现有年度：{_years(scope.lexicon.years)}），以下不含{_years(absent)}。"
    ]


def _closest(year: int, have: list[int]) -> tuple[int, ...]:
    before = [y for y in have if y < year]
    after = [y for y in have if y > year]
    return tuple(y for y in (before[-1] if before else None, after[0] if after else None) if y is not None)


def _years(years: Sequence[int]) -> str:
    return "、".join(f"{year}年" for year in years)


def _run(query: Query, decls: list[Declaration], scope: Scope, question: str = "") -> Result:
    match query.target:
        case Target.LIST_PROJECTS | Target.COUNT_PROJECTS if query.filters.mentions:
            loose = loose_for(scope.corpus.declarations, query.filters.mentions)
            return listing(query.filters.mentions, decls, loose=loose, counted=query.target is Target.COUNT_PROJECTS)
        case Target.LIST_PROJECTS:
            return _list_projects(query.filters, decls)
        case Target.COUNT_PROJECTS:
            return _count_projects(query.filters, decls)
        case Target.LIST_INDICATORS:
            return _list_indicators(query.filters, decls, by_name=True)
        case Target.COUNT_INDICATORS:
            return _count_indicators(query.filters, decls)
        case Target.SUM_FUNDING:  # 设了成本指标的项目 申请额合计: the forms holding such indicators, their money
            decls = _projects_in_scope(query.filters, decls)
            return sum_funding(_field(query), decls, apart=bool(_years_apart(query, decls)))
        case Target.COMPARE_YEARS:
            held = decls if query.measure is Measure.INDICATORS else _projects_in_scope(query.filters, decls)
            return analytics.compare_years(query, held, subject=analytics.subject_year(question, query.filters.years))
        case Target.SHOW_FIELD:
            return fields.show_fields(query, decls)
        case Target.LIST_ROWS:
            return fields.list_rows(query, decls)
        case Target.COUNT_ROWS:
            return fields.count_rows(query, decls)
        case Target.RANK:  # 钱最多的那个项目负责人是谁: the first one's field
            return fields.of_the_first(query, analytics.rank(query, decls), decls)
        case Target.AVERAGE:
            return analytics.average(query, decls)
        case Target.SHARE:
            whole = select(scope.corpus, _whole(query, decls), scope.policies)
            return analytics.share(query, decls, whole)
        case Target.COMPARE_PROJECTS:
            assert query.versus is not None
            versus = query.filters.model_copy(update={"project": query.versus, "declaration_id": query.versus_id})
            second = _side(scope, versus, query)
            if not second:
                return Result(lines=[], rows=[])  # the second project has no form in the asked scope: refused
            return analytics.compare_projects(query, decls, second, signed=_SUBTRACTS.search(question) is not None)
        case Target.SHOW_SECTION:
            return _show_section(_section(query), decls)
        case Target.CITING_POLICY:
            return _citing_policy(query.filters, decls, scope)
        case Target.TYPICAL_VALUES | Target.COMMON_INDICATORS:
            unnamed = select(scope.corpus, query.filters.model_copy(update={"indicator_name": None}), scope.policies)
            if (
                widened := family(query.filters, unnamed, question)
            ) is not query.filters:  # 故障响应时间 held twice: 故障响应
                decls = select(scope.corpus, widened, scope.policies)
            usage = typical_values if query.target is Target.TYPICAL_VALUES else common_indicators
            found = usage(widened, decls)
            if widened is not query.filters and found.lines:  # said: the family answered, not the name asked
                found.lines.insert(
                    0,
                    f"名称含“{query.filters.indicator_name}”的指标不足 3 项，按同类的“{widened.indicator_name}”作答：",
                )
            return found
        case Target.SECTION_ASPECTS:
            return section_aspects(_section(query), query.filters, decls)
        case _:
            assert_never(query.target)


def _field(query: Query) -> FundingField:
    assert query.funding_field is not None  # Query's validator guarantees it for funding targets
    return query.funding_field


def _section(query: Query) -> SectionKind:
    assert query.section is not None
    return query.section


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


def _projects_in_scope(filters: Filters, decls: list[Declaration]) -> list[Declaration]:
    if narrows_indicators(filters) and not filters.lacks_level:
        return [decl for decl in decls if indicators_of(decl, filters)]
    return decls


def _list_projects(filters: Filters, decls: list[Declaration]) -> Result:
    rows = [_project_row(decl, filters) for decl in _projects_in_scope(filters, decls)]
    lines = [f"共 {len(rows)} 个项目："]
    lines += [f"{i}. {_title_of(row)}，{row.value} {row.citation.label}" for i, row in enumerate(rows, 1)]
    return Result(lines=lines, rows=rows)


def _title_of(row: Row) -> str:
    return f"{row.project}（{row.year or '年度不详'}）"


def _count_projects(filters: Filters, decls: list[Declaration]) -> Result:
    listed = _list_projects(filters, decls)
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


def _list_indicators(filters: Filters, decls: list[Declaration], *, by_name: bool = False) -> Result:
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


def _count_indicators(filters: Filters, decls: list[Declaration]) -> Result:
    listed = _list_indicators(filters, decls)
    figure = f"{len(listed.rows)} 项"
    return Result(lines=[f"{level_label(filters)}共 {figure}。", *listed.lines], rows=listed.rows, figure=figure)


def _whole(query: Query, decls: list[Declaration]) -> Filters:
    """The scope a share is taken of: the question's filters without the project, in the project's years."""
    years = query.filters.years or tuple(sorted({d.header.year for d in decls if d.header.year}))
    return query.filters.model_copy(update={"project": None, "declaration_id": None, "years": years})


def _show_section(kind: SectionKind, decls: list[Declaration]) -> Result:
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


def _citing_policy(filters: Filters, decls: list[Declaration], scope: Scope) -> Result:
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


def refusal(
    question: str, query: Query | None, scope: Scope, notes: Sequence[str] = (), *, asked: bool = True
) -> Answer:
    """Nothing found: the notes, what was asked (``asked``: unless the notes say it), and what the corpus holds."""
    what = _asked(query, scope) if query else "相关内容"
    lines = [*notes, *([f"语料库中未找到{what}。"] if asked else []), *holdings(query, scope)]
    return Answer(
        question=question,
        text="\n".join([*lines]),
        route=Route.STRUCTURED,
        query=query,
        refused=True,
        notes=list(notes),
    )


def _asked(query: Query, scope: Scope) -> str:
    scope_text = describe(query.filters, scope.policies)
    match query.target:
        case Target.LIST_INDICATORS | Target.COUNT_INDICATORS | Target.TYPICAL_VALUES | Target.COMMON_INDICATORS:
            return f"{scope_text}的{level_label(query.filters)}"
        case Target.SHOW_SECTION | Target.SECTION_ASPECTS:
            return f"{scope_text}的{_section(query).label}"
        case Target.COMPARE_YEARS if query.funding_field is None:  # 砍掉了哪些指标 of an absent subject: its indicators
            return f"{scope_text}的绩效指标"
        case Target.SUM_FUNDING | Target.COMPARE_YEARS:
            return f"{scope_text}的{_field(query).label}"
        case Target.SHOW_FIELD:
            return f"{scope_text}的" + "、".join(f.label for f in query.header_fields)
        case Target.LIST_ROWS | Target.COUNT_ROWS:
            return f"{scope_text}的{query.rows.label if query.rows else '项目构成'}" + (
                f"中的“{query.row_name}”" if query.row_name else ""
            )
        case Target.RANK | Target.AVERAGE | Target.SHARE | Target.COMPARE_PROJECTS:
            return f"{scope_text}的项目"
        case Target.LIST_PROJECTS | Target.COUNT_PROJECTS | Target.CITING_POLICY:
            levels = query.filters.level1 or query.filters.level2 or query.filters.indicator_name
            if levels and not query.filters.lacks_level:  # 2020年哪些项目有生态效益指标: none sets one
                return f"{scope_text}中设有{level_label(query.filters)}的项目"
            return f"{scope_text}的项目"
        case _:
            assert_never(query.target)


def holdings(query: Query | None, scope: Scope) -> list[str]:
    """What the corpus holds instead: the project's years, else the years and units on file."""
    lexicon = scope.lexicon
    lines = []
    if query and query.filters.project_type:
        lines += type_holdings(query.filters.project_type, scope)
    if query and query.filters.project:
        years = sorted(
            {d.header.year for d in scope.corpus if d.header.name == query.filters.project and d.header.year}
        )
        lines.append(f"语料库中“{query.filters.project}”只有{_years(years)}的申报表。")
    lines.append(
        f"语料库现有 {len(scope.corpus)} 份申报表，年度：{_years(lexicon.years)}；单位：{'、'.join(lexicon.units)}。"
    )
    return lines
