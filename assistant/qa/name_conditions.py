"""Conditions on a name, read from a question: an indicator's name (哪些项目有名字带“及时”的指标, 指标名称含验收的项目)
and the project's own name (名称里带平台的项目). The first becomes ``cues.indicator_name`` (the forms with such an
indicator), the second ``cues.name_has`` (the forms whose 项目名称 holds the words); the span is cut from the text."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, MONEY, Cues
from assistant.qa.lexicon import LEVEL_TERMS
from assistant.qa.models import Target

_HOLDS = r"(?:里面|里|中)?(?:带有|带了|带|含有|包含|含|有|写有|写了|叫)"
_WORD = f"(?:[“\"「『‘']([^”\"」』’']+)[”\"」』’']|([^{re.escape(CUT + MONEY)}？?。，,！!、：:；;（）()\\s的]{{1,12}}))"
_NAME = r"(?:名称|名字)"
_WORDS_SAID = r"(?:这?(?:[一二两三四五六七八九十几\d]个?|俩)字|字样|字眼|这个词|这几个字|二字|的字|字)?"
# 名字带“及时”的指标 / 指标名称含验收 / 指标的名字里有及时
_INDICATOR = re.compile(f"{_NAME}{_HOLDS}{_WORD}{_WORDS_SAID}的?(?:绩效)?指标|(?:绩效)?指标的?{_NAME}{_HOLDS}{_WORD}")
# 带“故障”两个字的指标 / 含“及时”字样的指标: quoted words, no 名称 said, the indicators' names hold them
_QUOTED_INDICATOR = re.compile(
    f"{_HOLDS}[“\"「『‘']([^”\"」』’']+)[”\"」』’']{_WORDS_SAID}的?(?:绩效)?指标(?!的?(?:项目|申报表))"
)
# 指标里带及时率的项目 / 指标名带故障的项目 / 绩效指标中有验收的申报表 / 设了及时率指标的项目: a condition on the indicators' names,
# not a kind of project (the words stand before 的项目)
_IN_INDICATORS = re.compile(
    f"(?:绩效)?指标(?:名称|名字|名)?(?:里面|里|中)?(?:带有|带了|带|含有|包含|含|写有|写了|写到|写着|提到|提及|出现了?|涉及到?|有)"
    f"{_WORD}(?:这?[一二两三四五六七八九十几\\d]个字|字样|字眼)?(?=的?(?:项目|申报表))"
    f"|(?:设置了|设置|设了|设有|有){_WORD}(?:类的?|的)?(?:绩效)?指标(?=的?(?:项目|申报表))"
)
# 名称里带平台的项目 / 项目名称含系统 / 名字叫信息化的项目
_PROJECT = re.compile(f"(?:项目的?)?{_NAME}{_HOLDS}{_WORD}")


# 满意度指标, 成本指标: a category of indicators (read as a level), no words of a name
_LEVEL = re.compile("^(?:" + "|".join(re.escape(t) for t, _, _ in LEVEL_TERMS) + ")$")


_ASKING = re.compile("哪|什么|啥|几|多少|怎么|如何")  # 指标里有哪些项目: a question word, no condition


def take_name_condition(text: str, cues: Cues) -> tuple[str, Cues]:
    """指标名称含验收 (``indicator_name``) or 名称里带平台 (``name_has``); the words as written, quotes dropped."""
    if (found := _INDICATOR.search(text)) or (found := _QUOTED_INDICATOR.search(text)):
        return text.replace(found.group(), CUT, 1), replace(cues, indicator_name=_word(found))
    if (
        (found := _IN_INDICATORS.search(text))
        and not _LEVEL.search(_word(found) + "指标")
        and not _ASKING.search(_word(found))
    ):
        return text.replace(found.group(), CUT, 1), replace(cues, indicator_name=_word(found))
    if (found := _PROJECT.search(text)) and "指标" not in text[found.end() : found.end() + 3]:
        return text.replace(found.group(), CUT, 1), replace(cues, name_has=_word(found))
    return text, cues


def lists_by_words(target: Target | None, left: str) -> bool:
    """Whether a question filtering indicators by their names' words (``by_words``) asks for those indicators: a list
    or usual ones, or 都列出来 with no 项目 said (带“满意度”三个字的指标都列出来; 哪些项目有… asks for projects)."""
    listed = (Target.COMMON_INDICATORS, Target.LIST_INDICATORS, None)
    return target in listed or target is Target.LIST_PROJECTS and "项目" not in left


def names_indicator_words(question: str) -> bool:
    """名称里带“满意度”的指标, 带“故障”两个字的指标: the question filters indicators by the words of their names."""
    return bool(_INDICATOR.search(question) or _QUOTED_INDICATOR.search(question))


def _word(found: re.Match[str]) -> str:
    """The words of the condition: the quoted words or the run, of whichever alternative matched."""
    words = [g for g in found.groups() if g]
    return words[0].removesuffix("项目") or words[0]
