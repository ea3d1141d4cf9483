"""The steps of a suggestion, each a function from typed input to typed output (suggest.py runs them):

1. ``read_brief``    Brief → Reading: the measurable statements (statements.py), the project type and
                     whether the rules are sure of it;
2. ``own_rows``      Reading → OwnRows: a candidate row per statement, named from its phrase and placed
                     in 一级/二级 (brief_rows.py; area counts are scope, scope.py), and the cost levels the figures support (costs.py);
3. ``fill_gaps``     Reading, OwnRows, template rows, precedent candidates → the rows that fill what the
                     brief leaves empty: a sure type's template rows (its figures first), precedents;
                     an unsure type gets no foreign template, only the framework's common rows and
                     precedents that speak of the brief's own work; and every category the framework
                     requires that nothing else covers gets a marked row (``framework_rows``:
                     框架必备类别, named from the brief's own people and work);
4. selection and review stay in suggest.py (``_screen``, ``_settle``): quotas per 二级, the required
   categories, and the review engine's repairs (one review of the table, one check; no rounds);
5. the bounded model step (model_step.py) runs after, on the settled table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.classify import brief_type
from assistant.domain.framework import FRAMEWORK, PARENT, Level1, Level2
from assistant.domain.project_types import TypeVerdict, catalogue
from assistant.domain.statements import Kind, Statement
from assistant.domain.values import ValueKind
from assistant.suggest.brief_rows import (
    BRIEF_SCORE,
    brief_row,
    output_statements,
    plan_value,
    statement_rows,
)
from assistant.suggest.costs import cost_rows
from assistant.suggest.models import Ground, IndicatorSuggestion, Naming, Origin, ValueProposal
from assistant.suggest.row_names import last_words
from assistant.suggest.text import short_object
from assistant.suggest.years import end_deadline, year_restated

SURE_CONFIDENCE = 0.6  # below this share of the top two scores the type is a guess
STRONG_NAME = 15.0  # a type word of weight 3 in the project name (培训, 党建, 检测, 慰问)
SURE_SCORE = 20.0  # and this much evidence (the 16 type briefs score 27–87; 数字化 in an archive brief's name 12)
COMMON_SCORE = 0.05  # a framework common row fills what neither the brief nor a fitting precedent covers


@dataclass(frozen=True)
class Reading:
    brief: Brief
    statements: list[Statement]
    verdict: TypeVerdict
    sure: bool


@dataclass(frozen=True)
class OwnRows:
    rows: list[IndicatorSuggestion]  # statements and cost levels, 计划标准 each

    def level2s(self) -> set[Level2]:
        return {r.level2 for r in self.rows}

    def figures(self) -> set[tuple[object, object]]:
        return {(r.value.number, r.value.unit) for r in self.rows if r.value.number is not None}


# -- 1 -----------------------------------------------------------------------------------------------------


def read_brief(brief: Brief) -> Reading:
    verdict = brief_type(brief)
    statements = output_statements(brief)
    statements = [s for s in statements if not year_restated(s, statements)]  # one stated figure, one row
    return Reading(brief, statements, verdict, is_sure(verdict))


def is_sure(verdict: TypeVerdict) -> bool:
    """A type the brief's field sets; or one its name carries with a clear lead, by a strong word (培训, 党建,
    检测: 15 points in the name) or with enough evidence overall (``SURE_SCORE``). 数字化 in an archive
    brief's name (10 points, 12 in all) is not enough to give it an IT template."""
    if verdict.type is None:
        return False
    if verdict.overridden:
        return True
    named = max((r.points for r in verdict.reasons if r.field == "项目名称"), default=0.0)
    clear = verdict.confidence >= SURE_CONFIDENCE
    return clear and (named >= STRONG_NAME or (named > 0 and verdict.score >= SURE_SCORE))


# -- 2 -----------------------------------------------------------------------------------------------------


def own_rows(reading: Reading) -> OwnRows:
    rows = statement_rows(reading.statements)
    costs = cost_rows(reading.brief, reading.statements)
    return OwnRows([*rows, *costs.rows])


# -- 3 -----------------------------------------------------------------------------------------------------


def fill_gaps(
    reading: Reading,
    own: OwnRows,
    template: list[IndicatorSuggestion],
    precedents: list[IndicatorSuggestion],
    own_words: Callable[[IndicatorSuggestion], bool],
) -> tuple[list[IndicatorSuggestion], list[IndicatorSuggestion]]:
    """(own rows kept, fillers): a template row carrying a figure of the brief replaces the statement row of the
    same figure (the template's usual name); a template's unit cost only where the brief prices that unit no
    other way. A brief of an unsure type gets no template but the framework's common rows, and only precedents
    whose every specific word is the brief's own (``own_words``)."""
    if not reading.sure:
        return own.rows, [*framework_rows(reading, own.rows), *[p for p in precedents if own_words(p)]]
    own_costs = [r for r in own.rows if r.level2 is Level2.ECONOMIC_COST and r.name != "项目总成本"]
    kept_template = []
    for row in template:
        if row.level1 is Level1.COST and (row.name == "项目总成本" or _rival_cost(row, own_costs)):
            continue  # the brief's own cost level per that unit stands; a template's other quotient does not join it
        if row.origin is Origin.TEMPLATE and row.level2 in own.level2s() and row.level2 is not Level2.SATISFACTION:
            continue
        kept_template.append(row)
    if any(r.level2 is Level2.TIMELINESS and r.value.kind is ValueKind.DEADLINE for r in own.rows):
        kept_template = [r for r in kept_template if not _end_date_row(r)]  # the brief's own date (11月底前) stands
    derived = [r for r in own.rows if r.value.arithmetic and r.level1 is not Level1.COST]
    listed = _listing_clauses(own.rows)
    kept_template = [
        r for r in kept_template if not any(_restated(r, d) for d in derived) and not _one_of_listing(r, listed)
    ]
    planned = [_planned(p) for p in precedents]
    carriers = [r for r in [*kept_template, *planned] if r.origin is Origin.BRIEF or r.score >= BRIEF_SCORE]
    kept_own = [r for r in own.rows if not any(_same_figure(r, c) for c in carriers)]
    fillers = _one_per_figure([*kept_template, *planned])
    return kept_own, [*fillers, *framework_rows(reading, [*kept_own, *fillers])]


def _one_per_figure(rows: list[IndicatorSuggestion]) -> list[IndicatorSuggestion]:
    """The first of the rows that took the same counted figure from the same clause of the brief (培训期数 and a
    precedent's 全年培训班次 both ≥8(期) from 培训班8期): one stated figure is one row."""
    kept: list[IndicatorSuggestion] = []
    seen: set[tuple[object, ...]] = set()
    for row in rows:
        quoted = _QUOTED.search(row.value.basis)
        counted = row.value.ground is Ground.PLAN and row.value.unit not in {None, "%"} and quoted is not None
        key = (_figure(row), quoted[1] if quoted else "")
        if counted and key in seen:
            continue
        if counted:
            seen.add(key)
        kept.append(row)
    return kept


def _end_date_row(row: IndicatorSuggestion) -> bool:
    """A template's deadline taken from the brief's end date or budget year, not from what its text sets."""
    return row.level2 is Level2.TIMELINESS and row.value.fields in (["结束日期"], ["年度"])


def _planned(row: IndicatorSuggestion) -> IndicatorSuggestion:
    """A precedent whose value the brief's own figure replaced (年度运维报告完成数 =4(份), 计划标准) ranks as the
    brief's row: the precedent's name for the brief's figure."""
    stated = row.value.ground is Ground.PLAN and "写明" in row.value.basis  # not the days of the brief's period
    if not stated or row.value.number is None or row.value.unit in {None, "%"}:
        return row
    return row.model_copy(update={"score": BRIEF_SCORE})


def _rival_cost(row: IndicatorSuggestion, own_costs: list[IndicatorSuggestion]) -> bool:
    """A template's unit cost that another figure of the brief's prices per the same unit: a stated standard
    always wins; a budget line's quotient wins over the template's; the whole project's money over what it
    delivers (all-in, 项目资金 ÷ 4200平方米) may stand beside a line's (屋面及外墙修缮 ÷ 4200平方米)."""
    figure, all_in = _figure(row), (row.value.arithmetic or "").startswith("项目资金")
    for own in own_costs:
        if _figure(own)[1] != figure[1] or _figure(own) == figure:
            continue
        if own.value.arithmetic is None or not all_in:
            return True
    return False


_QUOTED = re.compile(r"“([^”]+)”")


def _listing_clauses(rows: list[IndicatorSuggestion]) -> set[str]:
    """Clauses that give two or more counts of people (约900名…、约300名…): a listing whose items have their own rows."""
    people = [r for r in rows if r.level2 is Level2.QUANTITY and (r.value.unit or "") in {"人", "名", "户", "人次"}]
    clauses = [m[1] for r in people if (m := _QUOTED.search(r.value.basis)) and "、" in m[1]]
    return {c for c in clauses if clauses.count(c) >= 2}


def _one_of_listing(row: IndicatorSuggestion, listed: set[str]) -> bool:
    """A template row that took one item of such a listing (补助发放人数 ≥900 of 900 + 300 people)."""
    m = _QUOTED.search(row.value.basis) if row.origin is Origin.BRIEF and row.level2 is Level2.QUANTITY else None
    return m is not None and any(m[1] in c for c in listed)


def _restated(row: IndicatorSuggestion, derived: IndicatorSuggestion) -> bool:
    """A template row that took the per-period figure of a clause the brief's reader multiplied out (每月抽检40批次:
    40 against 480 = 40 × 12个月)."""
    quoted = re.compile(r"“([^”]+)”")
    a, b = quoted.search(row.value.basis), quoted.search(derived.value.basis)
    same = a is not None and b is not None and (a[1] in b[1] or b[1] in a[1])
    return same and row.value.unit == derived.value.unit and row.value.number != derived.value.number


def _same_figure(own: IndicatorSuggestion, other: IndicatorSuggestion) -> bool:
    """The same figure of the brief: same number and unit, or same number read from the same clause (12个 联络站
    that a template row counts as 12(处))."""
    if _figure(own) == _figure(other):
        return True
    quoted = re.compile(r"“([^”]+)”")
    a, b = quoted.search(own.value.basis), quoted.search(other.value.basis)
    same_clause = a is not None and b is not None and (a[1] in b[1] or b[1] in a[1])
    return same_clause and own.value.number == other.value.number and own.level2 is other.level2


def _figure(row: IndicatorSuggestion) -> tuple[object, object]:
    """A row's figure for comparison: number and unit, 名/位 counted as 人, 万 of a count as 10,000 (12万份 is
    120000份: one stated quantity, one row)."""
    unit = (row.value.unit or "").replace("名", "人").replace("位", "人")
    number = row.value.number
    if number is not None and unit.startswith("万") and len(unit) > 1 and unit != "万元":
        number, unit = number * 10000, unit[1:]
    return (number.normalize() if number is not None else row.value.value, unit)


def framework_rows(reading: Reading, rows: list[IndicatorSuggestion]) -> list[IndicatorSuggestion]:
    """A row for every category the framework requires (primer §3: 数量, 质量, 时效, 效益, 满意度) that ``rows``
    leave empty, so no suggested table fails its own review with FW-MISSING-L2: a deadline from the end date,
    otherwise a reference row named from the brief's own people and work, marked 框架必备类别 for the officer to
    fill (``provenance``)."""
    brief, found = reading.brief, {r.level2 for r in rows}
    core, made = short_object(brief.name), []
    if Level2.TIMELINESS not in found:
        end = brief.end_date or date(brief.year, 12, 31)
        why = f"计划标准：简报结束日期 {end.isoformat()}" if brief.end_date else f"计划标准：预算年度 {brief.year} 年末"
        fields = ["结束日期"] if brief.end_date else ["年度"]
        made.append(_common(f"{core}完成时限", Level2.TIMELINESS, plan_value(end_deadline(end), why, fields=fields)))
    if Level2.SATISFACTION not in found:
        made.append(_common(_served(reading.statements), Level2.SATISFACTION, _reference("≥90(%)")))
    if Level2.QUANTITY not in found:
        made.append(_common("年度计划任务完成率", Level2.QUANTITY, _reference("=100(%)")))
    if Level2.QUALITY not in found:
        made.append(_common(f"{core}质量达标率", Level2.QUALITY, _reference("≥95(%)")))
    if not found & set(FRAMEWORK[Level1.BENEFIT]):
        made.append(_common(_benefit(reading.statements, core), Level2.SOCIAL_BENEFIT, _reference("≥95(%)")))
    return made


def _benefit(statements: list[Statement], core: str) -> str:
    """A social benefit named from the people the brief reaches (选民登记覆盖率, 慰问对象覆盖率), else its work."""
    people = _people(statements)
    if not people:
        return f"{core}预期目标实现率"
    biggest = max(people, key=_headcount)
    verb = biggest.verb[-2:]
    if verb in _SERVING:
        return f"{verb}对象覆盖率"
    return f"{last_words(biggest.object, 6)}{verb}覆盖率"


_SERVING = {"慰问", "救助", "补助", "服务", "接待", "走访"}


def _people(statements: list[Statement]) -> list[Statement]:
    found = [s for s in statements if s.kind is Kind.COUNT and s.unit.removeprefix("万") in {"人", "名", "户", "人次"}]
    own = [s for s in found if s.field != "项目构成" and "：" not in s.object]  # a budget line restates, never names
    return [s for s in own if s.object and "人员" not in s.object and not s.parts]


def _headcount(s: Statement) -> Decimal:
    return (s.number or Decimal(0)) * (10000 if s.unit.startswith("万") else 1)


def _served(statements: list[Statement]) -> str:
    """Whose satisfaction: the largest group of people the brief reaches (慰问对象, 选民), else 服务对象."""
    people = _people(statements)
    if not people:
        return "服务对象满意度"
    biggest = max(people, key=_headcount)
    verb = biggest.verb[-2:]
    return f"{verb}对象满意度" if verb in _SERVING else f"{last_words(biggest.object, 6)}满意度"


def _reference(value: str) -> ValueProposal:
    why = f"模板参考值：简报未写明该项，框架要求设置此类指标；{value} 为常用参考值，请按实际填写或改为本项目的指标"
    return plan_value(value, why, fields=[]).model_copy(update={"ground": Ground.TEMPLATE})


def _common(name: str, level2: Level2, value: ValueProposal) -> IndicatorSuggestion:
    return IndicatorSuggestion(
        level1=PARENT[level2],
        level2=level2,
        name=name,
        template=name,
        family=name,
        naming=Naming.TEMPLATE,
        value=value,
        evidence=[],
        score=COMMON_SCORE,
        origin=Origin.FRAMEWORK,
        source=catalogue().sources["F2021"],
    )


__all__ = ["OwnRows", "Reading", "brief_row", "fill_gaps", "framework_rows", "is_sure", "own_rows", "read_brief"]
