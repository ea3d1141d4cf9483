"""The lexicon's terms read as cues: a kind of project (培训项目, 会议类项目), an indicator category, a section, and a
money word with the funding field it means (申请的钱: the year's amount applied for)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.model import SectionKind
from assistant.qa.conditions import after_a_condition
from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import MONEY, Cues
from assistant.qa.cues import cut as _cut
from assistant.qa.entities import informative
from assistant.qa.intents import CHANGE_WORDS
from assistant.qa.lexicon import FUNDING_TERMS, GENERIC_MONEY, LEVEL_TERMS, SECTION_TERMS, TYPE_TERM, TYPE_WORDS
from assistant.qa.models import FundingField
from assistant.qa.question_words import COMPARE, any_word


def take_project_type(
    text: str, cues: Cues, *, explicit: bool = False, projects: tuple[str, ...] = ()
) -> tuple[str, Cues]:
    """培训项目, 会议类项目: a kind of project. ``explicit`` (before the names) takes only 类 (信息化运维类项目);
    the plain form is read after them, so that 信息化运维项目 (also written 信息化运维的项目) stays a project's name."""
    for found in TYPE_TERM.finditer(text):
        named = not found.group(2) and found.group(1) + "项目" in projects
        named = named or after_a_condition(text[: found.start()])  # 涉及培训的项目: a condition, read later
        if cues.project_type is None and (not explicit or found.group(2)) and not named:
            return _cut(text, found.group()), replace(cues, project_type=TYPE_WORDS[found.group(1)])
    return text, cues


def take_terms(text: str, cues: Cues, projects: tuple[str, ...] = ()) -> tuple[str, Cues]:
    for term, level1, level2 in LEVEL_TERMS:
        if _has_term(text, term):
            cues = replace(cues, level1=level1 or cues.level1, level2=level2 or cues.level2)
            text = _cut(text, term)
    if section := next(((t, k) for t, k in SECTION_TERMS if t in text), None):
        cues, text = replace(cues, section=_section(section[1], cues)), _cut(text, section[0])
    written = ((t, f) for t, f in FUNDING_TERMS if t in text and not _in_a_name(text, t, projects))
    if funding := next(written, None):  # 经费, 钱: marked, so that what they are for can be read before them
        mark = MONEY if funding[0] in GENERIC_MONEY else _CUT
        cues, text = replace(cues, funding_field=_funding_field(text, *funding)), text.replace(funding[0], mark)
    return text, cues


def _in_a_name(text: str, term: str, projects: tuple[str, ...]) -> bool:
    """人大智能预算审查平台: 预算 there is part of a project's short name, not money asked about."""
    if term not in GENERIC_MONEY:
        return False
    at = text.find(term)
    around = (
        text[max(at - 2, 0) : at + len(term)],
        text[at : at + len(term) + 2],
        text[max(at - 1, 0) : at + len(term) + 1],
    )
    return any(
        len(span) >= len(term) + 2 and informative(span) and any(span in name for name in projects) for span in around
    )


def _section(kind: SectionKind, cues: Cues) -> SectionKind | None:
    """绩效目标里的满意度: with an indicator category or measure named, the goals only hold the indicators asked for."""
    names_indicators = cues.level1 or cues.level2 or cues.indicator_name
    return None if names_indicators and kind in (SectionKind.GOAL_ANNUAL, SectionKind.GOAL_TOTAL) else kind


def _has_term(text: str, term: str) -> bool:
    """满意度目标 is a category, but not in 满意度目标值 (the value of the 满意度 category)."""
    if not term.endswith("目标"):
        return term in text
    return re.search(re.escape(term) + "(?!值)", text) is not None


_APPLIED = re.compile(r"申请|申报|报了|报的|报多少|报上|报送|要了|要的|要多少")  # 今年报了多少: the amount applied for


def _funding_field(text: str, term: str, field: FundingField) -> FundingField:
    """申请了多少资金, 申请的钱: money a form applies for is its 年度资金申请总额, not the project's total; so is
    money compared between years (a multi-year project's total is no year's money)."""
    compared = any_word(text, COMPARE) or CHANGE_WORDS.search(text) is not None
    return FundingField.ANNUAL if term in GENERIC_MONEY and (_APPLIED.search(text) or compared) else field
