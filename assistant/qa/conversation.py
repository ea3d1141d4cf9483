"""Multi-turn: what the conversation is about, so that 「那2026年的呢？」 re-runs the last query for 2026."""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.framework import Level1, Level2
from assistant.qa.intents import CHANGE_WORDS
from assistant.qa.models import Answer, Measure, Query, Route, Target
from assistant.qa.parse import Cues
from assistant.qa.sides import asks_pair

# Targets about one project's form: asked with no subject at all, they are about the project just discussed.
_USUAL = re.compile(
    r"常见|一般|通常|常用|普遍|大多|大都|往往|往年|以往|历年|过去|别人|大家|参考|借鉴|其他项目|别的项目"
)
_PER_PROJECT = frozenset({Target.SHOW_FIELD, Target.LIST_ROWS, Target.COUNT_ROWS, Target.SHOW_SECTION})
_EVERY = re.compile(
    r"全|所有|各|库|整个|总共|哪些项目|哪几个项目"
)  # 所有项目的数量指标有几条: the corpus's, not the focus's


class Focus(BaseModel):
    """The project, year, unit and indicator category the last answer was about."""

    model_config = ConfigDict(extra="forbid")

    project: str | None = None
    declaration_id: str | None = None
    years: tuple[int, ...] = ()
    unit: str | None = None
    level1: Level1 | None = None
    level2: Level2 | None = None


class Recent(BaseModel):
    """A project an answer was about (one form), for 这两个: the last two."""

    model_config = ConfigDict(extra="forbid")

    project: str
    declaration_id: str


class Turn(BaseModel):
    question: str
    text: str
    route: Route
    refused: bool


class Conversation(BaseModel):
    """One user's conversation: its turns, the last structured query and the focus."""

    turns: list[Turn] = Field(default_factory=list)
    last_query: Query | None = None
    focus: Focus = Field(default_factory=Focus)
    recent: list[Recent] = Field(default_factory=list, description="the forms of the last answers about one or two")

    def resolve(self, cues: Cues) -> Cues:
        """The cues with what a follow-up leaves unsaid taken from the conversation; a question naming a subject the
        corpus lacks (区人大的呢？) takes nothing from it, so that it is refused, not answered for the earlier subject."""
        absent = (
            cues.unknown_unit,
            cues.unknown_district,
            cues.unknown_subject,
            cues.unknown_project,
            cues.unknown_kind,
            cues.amount_condition,  # an amount condition not read as a filter: said, not answered without it
        )
        if any(absent):
            if cues.follow_up and cues.target is None and self.last_query is not None:  # 那智慧城管平台呢？: refused
                return replace(cues, target=self.last_query.target)
            return cues
        if asks_pair(cues) and len(self.recent) >= 2:  # 这两个哪个钱多: the last two projects discussed
            measure = Measure.INDICATORS if "指标" in cues.rest else Measure.FUNDING
            return self._last_two(replace(cues, target=Target.COMPARE_PROJECTS, measure=measure))
        if cues.refers_to_pair and len(self.recent) >= 2 and (each := _asked_of_each(cues)) is not None:
            return self._last_two(replace(cues, target=each))  # 那俩的项目类别: that field of each of the two
        if self._against_focus(cues):  # 老干部系统多少钱？ 跟信访平台比呢: the project discussed against the one named
            previous = self.last_query
            return replace(
                cues,
                target=Target.COMPARE_PROJECTS,
                measure=Measure.INDICATORS if "指标" in cues.rest or _counted_indicators(previous) else Measure.FUNDING,
                funding_field=cues.funding_field or (previous.funding_field if previous else None),
                project=self.focus.project,
                declaration_id=self.focus.declaration_id,
                versus=cues.project,
                versus_id=cues.declaration_id,
                follow_up=False,
            )
        if (changed := self._year_change(cues)) is not None:  # 23年多少钱？ 26年呢 少了多少: the two years compared
            return changed
        if (cues.follow_up or self._bare(cues)) and self.last_query is not None:
            return merge(self.last_query, _counted_as_before(self.last_query, cues))
        if self._indicator_of_focus(cues):  # 并发量支持定的多少 after 26年信息化建设有几个质量指标: that form's
            return replace(cues, target=Target.LIST_INDICATORS, project=self.focus.project, years=self.focus.years)
        if self._implicit(cues) or cues.refers_to_focus and cues.project is None and cues.declaration_id is None:
            return replace(
                cues,
                project=self.focus.project,
                declaration_id=self.focus.declaration_id,
                years=cues.years or self.focus.years,
            )
        return cues

    def _last_two(self, cues: Cues) -> Cues:
        """``cues`` about the last two projects discussed (``recent``), nothing else carried over."""
        first, second = self.recent[-2:]
        return replace(
            cues,
            project=first.project,
            declaration_id=first.declaration_id,
            versus=second.project,
            versus_id=second.declaration_id,
            years=(),
            unit=None,
            follow_up=False,
        )

    def _against_focus(self, cues: Cues) -> bool:
        """One project named with a word of comparison (跟X比呢, 和X比差多少) right after a question about another."""
        other = cues.project is not None and cues.versus is None and cues.target is not Target.COMPARE_PROJECTS
        focus = self.focus.project is not None and self.focus.project != cues.project
        return other and focus and _AGAINST.search(cues.rest) is not None

    def _year_change(self, cues: Cues) -> Cues | None:
        """26年呢 少了多少 after 信息化运维项目23年多少钱: the same measure of the year asked before and the year named,
        and the change between them; None for other questions."""
        previous = self.last_query
        if previous is None or len(cues.years) != 1 or len(previous.filters.years) != 1:
            return None
        if cues.years == previous.filters.years or not CHANGE_WORDS.search(cues.rest):
            return None
        if any((cues.project, cues.declaration_id, cues.unit, cues.category, cues.project_type)):
            return None
        if previous.target not in (Target.SUM_FUNDING, Target.COUNT_INDICATORS, Target.COUNT_PROJECTS):
            return None
        merged = merge(previous, replace(cues, target=None))
        measure = {Target.COUNT_INDICATORS: Measure.INDICATORS, Target.COUNT_PROJECTS: Measure.PROJECTS}
        return replace(
            merged,
            years=tuple(sorted({*previous.filters.years, *cues.years})),
            target=Target.COMPARE_YEARS,
            measure=measure.get(previous.target, Measure.FUNDING),
        )

    def _bare(self, cues: Cues) -> bool:
        """一共几个？ 合计多少？: a count or sum that names nothing at all continues the last question."""
        named = (
            cues.project,
            cues.declaration_id,
            cues.unit,
            cues.years,
            cues.project_type,
            cues.it_only,
            cues.category,
            cues.level1,
            cues.level2,
            cues.indicator_name,
            cues.header_fields,
            cues.section,
            cues.policy_id,
        )
        counts = (
            Target.COUNT_PROJECTS,
            Target.COUNT_INDICATORS,
            Target.COUNT_ROWS,
            Target.SUM_FUNDING,
            Target.RANK,
            Target.AVERAGE,
        )
        listed = cues.target in (None, Target.LIST_PROJECTS)
        if listed and not any(named) and _NAMES_OF_COUNTED.search(cues.rest):
            return self.last_query is not None and self.last_query.target in _COUNTED  # 分别叫啥 after 有几个指标
        return cues.target in counts and not any(named) and len(cues.rest) <= 12

    def _indicator_of_focus(self, cues: Cues) -> bool:
        """An indicator's value asked with no subject and no word of usage (一般, 历年) right after a question about
        one project: that project's indicator, not every form's usual value."""
        named = (cues.project, cues.declaration_id, cues.unit, cues.years, cues.project_type, cues.it_only)
        asked = cues.target is Target.TYPICAL_VALUES and cues.indicator_name is not None
        return asked and self.focus.project is not None and not any(named) and not _USUAL.search(cues.rest)

    def _implicit(self, cues: Cues) -> bool:
        """联系人是谁？ right after a question about one project: that project."""
        named = (
            cues.project,
            cues.declaration_id,
            cues.unit,
            cues.years,
            cues.project_type,
            cues.it_only,
            cues.category,
        )
        if cues.target is Target.COUNT_INDICATORS and (cues.level1 or cues.level2 or cues.indicator_name):
            # 数量指标有几条 right after 远教电教那笔钱多少: that project's indicators of the kind, not the corpus's
            usual = _USUAL.search(cues.rest) or _EVERY.search(cues.rest)
            return self.focus.project is not None and not any(named) and not usual
        return cues.target in _PER_PROJECT and self.focus.project is not None and not any(named)

    def record(self, answer: Answer) -> None:
        self.turns.append(Turn(question=answer.question, text=answer.text, route=answer.route, refused=answer.refused))
        if answer.query is None and answer.refused:  # 区人大的呢？ refused: 那2019年的呢？ must not go back to 市人大
            self.last_query, self.focus = None, Focus()
            return
        if answer.query is None:
            return
        self.last_query = answer.query
        self._remember(answer)
        filters = answer.query.filters
        projects = {(row.project, row.declaration_id) for row in answer.rows}
        project, decl_id = next(iter(projects)) if len(projects) == 1 else (filters.project, filters.declaration_id)
        if answer.query.target is Target.RANK and answer.rows:  # 它的实施单位是？ after 哪个最多: the first
            project, decl_id = answer.rows[0].project, answer.rows[0].declaration_id
        self.focus = Focus(
            project=project or filters.project,
            declaration_id=decl_id if filters.declaration_id or answer.query.target is Target.RANK else None,
            years=filters.years,
            unit=filters.unit,
            level1=filters.level1,
            level2=filters.level2,
        )

    def name_focus(self, project: str, declaration_id: str | None, years: tuple[int, ...]) -> None:
        """The project a question named, kept in focus where its answer carried no query (a quoted passage, or
        nothing found): 项目性质呢 next asks of that project, never of every form."""
        self.last_query = None
        self.focus = Focus(project=project, declaration_id=declaration_id, years=years)

    def _remember(self, answer: Answer) -> None:
        """An answer about one or two forms puts them last in ``recent`` (a listing of more leaves it as it was)."""
        about = list(dict.fromkeys((row.project, row.declaration_id) for row in answer.rows if row.declaration_id))
        if not 1 <= len(about) <= 2:
            return
        ids = {decl_id for _, decl_id in about}
        kept = [r for r in self.recent if r.declaration_id not in ids]
        self.recent = [*kept, *(Recent(project=p, declaration_id=i) for p, i in about if i)][-2:]


def _asked_of_each(cues: Cues) -> Target | None:
    """那俩的负责人 / 这俩的项目构成: what is asked of each of a pair (a field, a section, rows); None otherwise."""
    if cues.project is not None or cues.declaration_id is not None:
        return None
    if cues.target in (Target.SHOW_FIELD, Target.SHOW_SECTION, Target.LIST_ROWS, Target.COUNT_INDICATORS):
        return cues.target
    if cues.header_fields:
        return Target.SHOW_FIELD
    return Target.SHOW_SECTION if cues.section else None


_AGAINST = re.compile(r"(?<!占)比(?!例|重)|相差|差多少|差几|差距|差额")


def _counted_indicators(previous: Query | None) -> bool:
    return previous is not None and previous.target is Target.COUNT_INDICATORS


# 分别叫啥, 都是哪些, 具体是什么: the names of what the last answer counted
_NAMES_OF_COUNTED = re.compile(
    r"^[^\u4e00-\u9fff]*(?:分别|各自|具体|都|那)?(?:是|叫)?(?:哪些|哪几个|什么|啥|哪几项)[^\u4e00-\u9fff]*$|分别叫|分别是|都叫"
)
# 把这几条列出来, 那几个都列一下, 这些具体列下: the things just counted, listed
_LIST_THOSE = re.compile(
    r"[这那](?:几|些)[条项个笔份块]?(?:都|全|具体|分别)?(?:列|写|报|念|说|给)(?:出来|一下|下|给我|一遍)"
)
_COUNTED = {
    Target.COUNT_INDICATORS: Target.LIST_INDICATORS,
    Target.COUNT_ROWS: Target.LIST_ROWS,
    Target.COUNT_PROJECTS: Target.LIST_PROJECTS,
}


def _counted_as_before(previous: Query, cues: Cues) -> Cues:
    """一共几项？ after the 项目构成 rows counts those rows; after indicators, the indicators; 分别叫啥 after a count of
    indicators or rows lists them."""
    named = cues.target in (None, Target.LIST_PROJECTS) and _NAMES_OF_COUNTED.search(cues.rest)
    if previous.target in _COUNTED and (named or _LIST_THOSE.search(cues.rest)):  # 把这几条列出来: what was counted
        return replace(cues, target=_COUNTED[previous.target], rows=previous.rows)
    if cues.target is Target.COUNT_PROJECTS and previous.target in (Target.LIST_ROWS, Target.COUNT_ROWS):
        return replace(cues, target=Target.COUNT_ROWS, rows=previous.rows)
    if cues.target is Target.COUNT_PROJECTS and previous.target is Target.LIST_INDICATORS:
        return replace(cues, target=Target.COUNT_INDICATORS)
    return cues


_FIGURES = frozenset(
    {Target.SUM_FUNDING, Target.COMPARE_YEARS, Target.RANK, Target.AVERAGE, Target.SHARE, Target.COMPARE_PROJECTS}
)


def _target_for(cues: Cues, previous: Query) -> Target:
    """它的项目资金总额呢？ after a header field: the follow-up names another kind of thing, which sets the target."""
    if cues.header_fields:
        return Target.SHOW_FIELD
    if cues.funding_field and previous.target not in _FIGURES:
        return Target.SUM_FUNDING
    if cues.section and previous.target not in (Target.SHOW_SECTION, Target.SECTION_ASPECTS):
        return Target.SHOW_SECTION
    if (cues.level1 or cues.level2 or cues.indicator_name) and previous.target in (
        Target.SHOW_FIELD,
        Target.SUM_FUNDING,
        Target.SHOW_SECTION,
        Target.LIST_ROWS,
    ):
        return Target.LIST_INDICATORS
    return previous.target


def merge(previous: Query, cues: Cues) -> Cues:
    """The previous query with every filter the follow-up names replaced."""
    old = previous.filters
    names_subject = any((cues.unit, cues.project, cues.declaration_id, cues.project_type, cues.it_only))
    # 安全事故次数呢 after 食堂满意度…: an indicator named by its own words drops the category asked before
    names_level = cues.level1 is not None or cues.level2 is not None or cues.indicator_name is not None
    names_policy = cues.policy_id is not None or cues.policy_text is not None
    names_count = cues.indicators_over is not None or cues.indicators_under is not None  # 那指标超过15个的呢
    same = cues.target is None or cues.target is previous.target
    names_order = cues.target is None and cues.descending != previous.descending  # 最低的呢？ after 最高
    return replace(
        cues,
        target=cues.target or _target_for(cues, previous),
        header_fields=cues.header_fields or (previous.header_fields if same else ()),
        rows=cues.rows or (previous.rows if same else None),
        measure=cues.measure if cues.target and (_names_measure(cues) or not same) else previous.measure,
        descending=cues.descending if cues.target or names_order else previous.descending,
        top=cues.top if cues.target else previous.top,
        versus=cues.versus if names_subject else previous.versus,
        category=cues.category if names_subject else old.category,
        years=cues.years or old.years,
        unit=cues.unit if names_subject else old.unit,
        more_units=cues.more_units if names_subject else old.more_units,
        amount_over=cues.amount_over if cues.amount_written else old.amount_over,
        amount_under=cues.amount_under if cues.amount_written else old.amount_under,
        amount_written=cues.amount_written or old.amount_written,
        name_has=cues.name_has or (None if names_subject else old.name_has),
        indicators_over=cues.indicators_over if names_count else old.indicators_over,
        indicators_under=cues.indicators_under if names_count else old.indicators_under,
        project=cues.project if names_subject else old.project,
        declaration_id=cues.declaration_id if names_subject else old.declaration_id,
        project_type=cues.project_type if names_subject else old.project_type,
        it_only=cues.it_only if names_subject else old.it_only,
        level1=cues.level1 if names_level else old.level1,
        level2=cues.level2 if names_level else old.level2,
        indicator_name=cues.indicator_name if names_level else old.indicator_name,  # 驻场人员… 那2026年的呢
        lacks_level=cues.lacks_level if names_level else old.lacks_level,
        policy_id=cues.policy_id if names_policy else old.policy_id,
        policy_text=cues.policy_text if names_policy else old.policy_text,
        mentions=cues.mentions or (None if names_subject else old.mentions),
        mentions_in=cues.mentions_in if cues.mentions else None if names_subject else old.mentions_in,
        tier=cues.tier or (None if names_subject else old.tier),
        spans_years=cues.spans_years or (False if names_subject else old.spans_years),
        section=cues.section or previous.section,
        funding_field=cues.funding_field or previous.funding_field,
        unknown_project=None,
    )


def _names_measure(cues: Cues) -> bool:
    """最少的是哪个 names no measure (the last one stands); 钱最少的 / 指标最少的 do."""
    named = (cues.funding_field, cues.level1, cues.level2, cues.indicator_name, cues.rows)
    return any(named) or "指标" in cues.rest
