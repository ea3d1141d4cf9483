"""What a question asks for (its `Target`) once its subjects are read: `intents.classify` first, then the older
targets (lists, sections, sums, usual values across projects)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.model import SectionKind
from assistant.qa.cues import MONEY, Cues
from assistant.qa.intents import DEMONSTRATIVE, classify, counts_something
from assistant.qa.models import Target
from assistant.qa.question_words import (
    ASPECTS,
    COMMON,
    COMPARE,
    COUNT,
    FIGURE_WORDS,
    HOW,
    LIST_PROJECTS,
    PROJECTS_ASKED,
    SUM,
    TYPICAL,
    any_word,
)

_MEASURE_NAMED = re.compile(r".{4,}(?:率|度|性)$")  # a whole measure's name (…培训完成率), not a word of one

# 指标超过12条的, …的都有谁, …的是哪些: those (the forms) meeting a condition, as the question ends
_THOSE = re.compile(r"的(?:都|又|还)?(?:有谁|是谁|有哪些|是哪些|有哪几个|是哪几个)?$")


def intent_of(text: str, cues: Cues, full: str) -> tuple[Target | None, Cues]:
    if cues.policy_id or cues.policy_text:
        target = Target.CITING_POLICY if cues.section in (None, SectionKind.BASIS) else Target.SHOW_SECTION
        return target, cues
    # 运维项目的驻场人员一般写几个人: usual values, of one project's forms too (平均/最多/占比 are figures, not usage).
    usual_value = COMMON.search(text) and TYPICAL.search(text)
    figures = FIGURE_WORDS.search(full or text) is not None or counts_something(full or text)
    if cues.refers_to_focus and cues.project is None:  # 它一共设了多少个指标: the project just discussed
        figures = True
    if (
        not figures
        and ((cues.project is None and cues.declaration_id is None) or usual_value)
        and (across := _across_projects(text, cues))
    ):
        return across, cues
    projects = len([p for p in (cues.project, cues.versus) if p])
    intent = classify(
        full or text,
        projects=projects,
        years=len(cues.years),
        rows=cues.rows,
        has_fields=bool(cues.header_fields),
        project_years=cues.project_years,
    )
    if intent is not None:
        rows = intent.rows or cues.rows
        updated = replace(
            cues,
            measure=intent.measure,
            descending=intent.descending,
            top=intent.top,
            rows=rows,
            by_year=intent.by_year,
        )
        return intent.target, updated
    return _older_target(text, cues), cues


_PROJECTS_NOUNS = ("项目", "的表", "申报表", "的那些表")


def _older_target(text: str, cues: Cues) -> Target | None:
    if cues.lacks_level:  # 哪些没有成本指标: projects without the category
        return Target.LIST_PROJECTS
    if any_word(text, COMPARE) and cues.funding_field is not None:
        return Target.COMPARE_YEARS
    if cues.section is not None:
        return Target.SHOW_SECTION
    # what is counted was read by `classify`; a bare count
    if any_word(DEMONSTRATIVE.sub("◇", text), COUNT) and not cues.indicator_name:
        about_indicators = bool(cues.level1 or cues.level2 or "指标" in text)
        return (
            Target.COUNT_INDICATORS
            if about_indicators and not any_word(text, ("项目", "申报表"))
            else Target.COUNT_PROJECTS
        )
    # 组织部门建设经费的时效指标都有啥: 经费 there ends the project's short name; the indicators are asked for.
    # 远教电教经费的管理人员满意度写的多少: the value of an indicator is asked, 多少 there is no sum.
    not_a_sum = not any_word(text, SUM) or TYPICAL.search(text) is not None
    # 援派干部人才体检及培训完成率多少 组织部门建设经费: a measure named whole asks its value, 经费 ends the name
    not_a_sum = not_a_sum or cues.indicator_name is not None and _MEASURE_NAMED.search(cues.indicator_name) is not None
    names_indicators = (cues.level1 or cues.level2 or cues.indicator_name) and MONEY in text and not_a_sum
    if cues.funding_field is not None and (any_word(text, SUM) or cues.project or cues.declaration_id):
        if not names_indicators:
            return Target.SUM_FUNDING  # 信息化运维项目的预算: a named project's amount
    bare = text.rstrip("？?。！!")
    conditioned = bool(cues.amount_written or cues.name_has or cues.indicator_name and not cues.project)
    conditioned = conditioned or cues.indicators_over is not None or cues.indicators_under is not None
    if bare.endswith(_PROJECTS_NOUNS) and (  # 区间内的表: a form is a project filed
        cues.unit or cues.years or cues.project_type or cues.category or cues.it_only or conditioned
    ):
        return Target.LIST_PROJECTS  # 市人大常委会2023年的项目
    counted = cues.indicators_over is not None or cues.indicators_under is not None or bool(cues.amount_written)
    if conditioned and (bare.endswith("的") or counted and _THOSE.search(bare)) and not cues.project:
        return Target.LIST_PROJECTS  # 特定目标类里指标不到10个的 (都有谁): those (projects) that meet the condition
    about_indicators = bool(cues.level1 or cues.level2 or cues.indicator_name or "指标" in text)
    # 机关服务费项目有哪些时效指标: a named project with a category asks for its indicators, not for projects.
    wants_projects = any_word(text, PROJECTS_ASKED) and not (about_indicators and (cues.project or cues.declaration_id))
    if about_indicators and not wants_projects:
        return Target.LIST_INDICATORS
    if wants_projects or any_word(text, LIST_PROJECTS):
        return Target.LIST_PROJECTS
    return None


def _across_projects(text: str, cues: Cues) -> Target | None:
    """How past declarations usually write a section or an indicator (no one project named)."""
    about_indicators = cues.level1 or cues.level2 or cues.indicator_name or "指标" in text
    if cues.section is not None and (ASPECTS.search(text) or COMMON.search(text)):
        return Target.SECTION_ASPECTS
    if not about_indicators or cues.lacks_level or any_word(text, PROJECTS_ASKED):
        return None
    # 验收合格率怎么写 asks for a measure's value; 时效指标写些什么 for a category's indicators, 时效指标怎么写 for both.
    how = HOW.search(text) and not any_word(text, ("有哪些", "哪些指标"))
    if TYPICAL.search(text) or (ASPECTS.search(text) and cues.indicator_name) or how:
        return Target.TYPICAL_VALUES
    if (COMMON.search(text) or ASPECTS.search(text)) and not any_word(text, COUNT):
        return Target.COMMON_INDICATORS
    return None
