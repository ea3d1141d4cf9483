"""Which declarations and indicators a query's filters match, and how to describe that scope in Chinese."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.corpus.store import Corpus
from assistant.domain.classify import declaration_type
from assistant.domain.framework import FRAMEWORK, Level2
from assistant.domain.model import Declaration, Indicator, SectionKind, TextSection
from assistant.domain.policy import PolicyReference, normalise_reference, policies_cited_in
from assistant.domain.project_types import ProjectType
from assistant.domain.refs import units_of
from assistant.domain.text import sentences
from assistant.qa.mentions import loose_for, mentioning
from assistant.qa.models import Filters, FundingField
from assistant.qa.qualifiers import rows_hold, spans_years, tier_of
from assistant.review.lexicon import SATISFACTION, is_time_measure

# What makes a project an information-technology one, read from its name (信息化运维项目, …管理系统建设经费).
_IT_WORDS = ("信息化", "系统", "平台", "网络", "软件", "数据")
_NOT_IT = "非信息化"
CENT = Decimal("0.01")  # 远程教育网络体系运维（非信息化项目）
# The 2020 district forms put 依据 and 必要性 inside 项目立项情况.
_SECTION_FALLBACK = {SectionKind.BASIS: SectionKind.APPROVAL, SectionKind.NECESSITY: SectionKind.APPROVAL}


@dataclass(frozen=True)
class PolicyHit:
    """Where a declaration cites a policy: the section and the clause, verbatim."""

    section: TextSection
    clause: str


def select(corpus: Corpus, filters: Filters, policies: Sequence[PolicyReference]) -> list[Declaration]:
    found = [decl for decl in corpus.declarations if matches(decl, filters, policies)]
    if filters.mentions:  # a condition on what the forms write (哪些项目用了第三方支付)
        loose = loose_for(corpus.declarations, filters.mentions)
        found = mentioning(found, filters.mentions, loose=loose)
        if filters.mentions_in is not None:  # 项目构成里有测评费的项目: in those rows only
            found = [decl for decl in found if rows_hold(decl, filters.mentions_in, filters.mentions, loose=loose)]
    return found


def matches(decl: Declaration, filters: Filters, policies: Sequence[PolicyReference]) -> bool:
    header = decl.header
    checks = (
        not filters.years or header.year in filters.years,
        filters.declaration_id is None or decl.id == filters.declaration_id,
        filters.project is None or header.name == filters.project,
        filters.category is None or header.category == filters.category,
        filters.unit is None or any(_of_unit(decl, unit) for unit in (filters.unit, *filters.more_units)),
        not filters.it_only or is_it_project(decl),
        filters.project_type is None or filters.project_type in types_of(decl),
        not _policy_wanted(filters) or bool(policy_hits(decl, filters, policies)),
        _level_condition(decl, filters),
        filters.tier is None or tier_of(decl) == filters.tier,
        not filters.spans_years or spans_years(decl),
        _within_amount(decl, filters),
        filters.name_has is None or filters.name_has in header.name,
        filters.indicators_over is None or len(decl.indicators) > filters.indicators_over,
        filters.indicators_under is None or len(decl.indicators) < filters.indicators_under,
    )
    return all(checks)


def condition_amount(decl: Declaration, filters: Filters) -> tuple[Decimal | None, FundingField]:
    """The amount an amount condition reads, and its field: the asked one (default 项目资金总额); a blank
    项目资金总额 counts with the form's 年度资金申请总额, as in a ranking (the README's rule)."""
    field = filters.amount_field or FundingField.TOTAL
    value = getattr(decl.funding, field.value)
    if value is None and field is FundingField.TOTAL and decl.funding.annual is not None:
        return decl.funding.annual, FundingField.ANNUAL
    return value, field


def _within_amount(decl: Declaration, filters: Filters) -> bool:
    if filters.amount_over is None and filters.amount_under is None:
        return True
    value, _ = condition_amount(decl, filters)
    if value is None:
        return False
    above = filters.amount_over is None or value > filters.amount_over
    return above and (filters.amount_under is None or value < filters.amount_under)


def _of_unit(decl: Declaration, unit: str) -> bool:
    # The 2020 district forms leave every unit cell blank; their project name may still carry the unit.
    if unit in units_of(decl) or unit in decl.header.name:
        return True
    # 组织力建设信息化平台: no unit written, but its text says 闵行区党建服务中心牵头 (the unit that leads it)
    leads = re.compile(re.escape(unit) + _LEADS)
    return not units_of(decl) and any(leads.search(section.text) for section in decl.sections)


_LEADS = r"(?:牵头|负责实施|组织实施|负责|承担|实施)"


def section_of(decl: Declaration, kind: SectionKind) -> TextSection | None:
    """The section, or the one the layout folds it into; None when absent or blank."""
    section = decl.section(kind) or (decl.section(_SECTION_FALLBACK[kind]) if kind in _SECTION_FALLBACK else None)
    return section if section is not None and section.text.strip() else None


def types_of(decl: Declaration) -> tuple[ProjectType, ...]:
    """The project's type as the type rules read its name, category and text (both where the project is mixed)."""
    return declaration_type(decl).plausible()


def is_it_project(decl: Declaration) -> bool:
    return is_it_name(decl.header.name)


def is_it_name(name: str) -> bool:
    return _NOT_IT not in name and any(word in name for word in _IT_WORDS)


def narrows_indicators(filters: Filters) -> bool:
    """True when the filters pick some indicators of a declaration rather than all of them."""
    return bool(filters.level1 or filters.level2 or filters.indicator_name)


def _level_condition(decl: Declaration, filters: Filters) -> bool:
    """Only for ``lacks_level``: otherwise a level narrows the indicators, not the declarations."""
    if not filters.lacks_level:
        return True
    return not indicators_of(decl, filters)


def indicators_of(decl: Declaration, filters: Filters) -> list[Indicator]:
    return [
        indicator
        for indicator in decl.indicators
        if (filters.level1 is None or indicator.level1 is filters.level1)
        and (filters.level2 is None or indicator.level2 is filters.level2)
        and (filters.indicator_name is None or filters.indicator_name in indicator.name)
    ]


def measures_asked(indicator: Indicator, filters: Filters) -> bool:
    """Whether the name measures the asked category, for statistics across forms: a 投诉数量 filed under
    满意度指标 is no satisfaction value, a 满意度 filed under 社会效益 no benefit value (review rule FW-MISPLACED)."""
    asked = {filters.level2} if filters.level2 else set(FRAMEWORK[filters.level1]) if filters.level1 else None
    if asked is None or filters.indicator_name:
        return True
    satisfaction = bool(SATISFACTION.search(indicator.name))
    if asked == {Level2.SATISFACTION}:
        return satisfaction
    if asked == {Level2.TIMELINESS}:
        return not satisfaction and is_time_measure(indicator.name, indicator.value)
    return not satisfaction


def _policy_wanted(filters: Filters) -> bool:
    return filters.policy_id is not None or filters.policy_text is not None


def policy_hits(decl: Declaration, filters: Filters, policies: Sequence[PolicyReference]) -> list[PolicyHit]:
    wanted = [p for p in policies if p.id == filters.policy_id]
    hits = []
    for section in decl.sections:
        for clause in (s.strip() for s in sentences(section.text, ends="。；;", breaks="\n")):
            if _cites(clause, wanted, filters.policy_text, policies):
                hits.append(PolicyHit(section=section, clause=clause))
    return hits


def _cites(clause: str, wanted: list[PolicyReference], text: str | None, policies: Sequence[PolicyReference]) -> bool:
    if text is not None:
        return text in normalise_reference(clause)
    cited = {p.id for p in policies_cited_in(policies, clause)}
    return any(p.id in cited for p in wanted)


def describe(filters: Filters, policies: Sequence[PolicyReference]) -> str:
    """``2025年 · 中共上海市委组织部 · “信息化运维项目”``: the scope, for answers and refusals."""
    parts = []
    if filters.years:
        parts.append("、".join(f"{year}年" for year in filters.years))
    if filters.unit:
        parts.append("或".join((filters.unit, *filters.more_units)))
    if filters.category:
        parts.append(f"项目类别为{filters.category}")
    if filters.tier:
        parts.append(
            f"{filters.tier}项目（{'单位、名称或制度保障写有某区' if filters.tier == '区级' else '单位、名称不含区名'}）"
        )
    if filters.spans_years:
        parts.append("跨年度（起止日期跨两个年度）")
    if filters.amount_written:
        field = (filters.amount_field or FundingField.TOTAL).label
        blank = (
            "，空白的按年度资金申请总额" if (filters.amount_field or FundingField.TOTAL) is FundingField.TOTAL else ""
        )
        parts.append(f"{field}{filters.amount_written}（{_bounds(filters)}{blank}）")
    if filters.name_has:
        parts.append(f"项目名称含“{filters.name_has}”")
    if filters.indicators_over is not None or filters.indicators_under is not None:
        parts.append(f"绩效指标{_count_bounds(filters)}")
    if filters.it_only:
        parts.append("信息化项目")
    if filters.project_type:
        parts.append(f"{filters.project_type.value}类项目")
    if filters.project:
        parts.append(f"“{filters.project}”")
    if filters.declaration_id:
        parts.append(f"申报表 {filters.declaration_id}")
    if filters.mentions:
        rows = f"{filters.mentions_in.label}里" if filters.mentions_in else ""
        parts.append(f"{rows}写到“{filters.mentions}”")
    if filters.policy_id or filters.policy_text:
        policy = next((p for p in policies if p.id == filters.policy_id), None)
        parts.append(f"引用《{policy.title}》" if policy else f"引用“{filters.policy_text}”")
    return " · ".join(parts) or "全部申报表"


def _bounds(filters: Filters) -> str:
    """超过 100 万元 / 不少于 100 万元 (an inclusive bound is kept one cent past the figure); written in 万元, so that a
    bound is never mistaken for an amount a form holds."""
    parts = []
    if (over := filters.amount_over) is not None:
        parts.append(f"不少于 {_wan(over + CENT)}" if over % 1 == Decimal("0.99") else f"超过 {_wan(over)}")
    if (under := filters.amount_under) is not None:
        parts.append(f"不超过 {_wan(under - CENT)}" if under % 1 == CENT else f"低于 {_wan(under)}")
    return "且".join(parts)


def _wan(amount: Decimal) -> str:
    return f"{(amount / 10000).normalize():f} 万元"


def _count_bounds(filters: Filters) -> str:
    over = f"多于 {filters.indicators_over} 项" if filters.indicators_over is not None else ""
    under = f"少于 {filters.indicators_under} 项" if filters.indicators_under is not None else ""
    return "且".join(p for p in (over, under) if p)


def level_label(filters: Filters) -> str:
    level = filters.level2 or filters.level1
    if filters.indicator_name:
        return f"名称含“{filters.indicator_name}”的{level.value if level else '指标'}"
    return level.value if level else "绩效指标"
