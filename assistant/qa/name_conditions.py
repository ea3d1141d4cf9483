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
_NAME = r"(?:名称|名字|名(?=里|中|带|含|有))"  # 指标名里有“系统”: 名 alone before what it holds
_WORDS_SAID = r"(?:这?(?:[一二两三四五六七八九十几\d]个?|俩)字|字样|字眼|这个词|这几个字|二字|的字|字)?"
# 故障两个字 / 及时二字 / 验收这俩字 / 字样: a marker after the words, no part of them (at the end of the question too)
_COUNTED_CHARS = r"(?:这?(?:[一二两三四五六七八九十几\d]个?|俩)字|二字|字样|字眼|这个词)"
# 名字带“及时”的指标 / 指标名称含验收 / 指标的名字里有及时
_INDICATOR = re.compile(
    f"{_NAME}{_HOLDS}{_WORD}{_WORDS_SAID}的?(?:绩效)?指标|(?:绩效)?指标的?{_NAME}{_HOLDS}{_WORD}{_COUNTED_CHARS}?"
)
# 带“故障”两个字的指标 / 含“及时”字样的指标: quoted words, no 名称 said, the indicators' names hold them
_QUOTED_INDICATOR = re.compile(
    f"{_HOLDS}[“\"「『‘']([^”\"」』’']+)[”\"」』’']{_WORDS_SAID}的?(?:绩效)?指标(?!的?(?:项目|申报表))"
)
# 那几条“是否…”的指标 / “完成”开头的指标: quoted words right before 指标, no 带/含 said (the words, less a trailing …/开头)
_QUOTED_BARE = re.compile(
    r"[“\"「『‘']([^”\"」』’'…\.]{1,12})(?:…+|\.{2,}|等)?[”\"」』’']"
    + _WORDS_SAID
    + r"(?:开头|打头|起头)?的?(?:这一?类|那一?类|这种|那种|类|这些|那些)?的?(?:[\u4e00-\u9fff]{1,3}[式型]的?)?(?:绩效)?指标"
    + r"(?!的?(?:项目|申报表))"  # “是否…”这种问句式指标: a form of wording said before 指标
)
# 指标里带及时率的项目 / 指标名带故障的项目 / 绩效指标中有验收的申报表 / 设了及时率指标的项目: a condition on the indicators' names,
# not a kind of project (the words stand before 的项目)
_IN_INDICATORS = re.compile(
    f"(?:绩效)?指标(?:名称|名字|名)?(?:里面|里|中)?(?:带有|带了|带|含有|包含|含|写有|写了|写到|写着|提到|提及|出现了?|涉及到?|考核|考察|衡量|要求|有)"
    f"{_WORD}(?:{_COUNTED_CHARS}(?=\\s*[？?]?$)|{_COUNTED_CHARS}?(?=的?(?:项目|申报表)))"
    f"|(?:设置了|设置|设了|设有|有){_WORD}(?:类的?|的)?(?:绩效)?指标(?=的?(?:项目|申报表))"
)
# 有没有哪个项目的指标写了体检 / 指标里提到验收吗: the words end the question (a particle at most), the indicators'
# names hold them; the run is lazy so the particle is no part of the words
_ENDS_INDICATORS = re.compile(
    f"(?:绩效)?指标(?:名称|名字|名)?(?:里面|里|中)?(?:带有|带了|带|含有|包含|写有|写了|写到|写着|提到了?|提及|出现了?)"
    f"([^{re.escape(CUT + MONEY)}？?。，,！!、：:；;（）()\\s的]{{1,12}}?)(?:的|吗|呢|啊|没有?|不|过)*\\s*[？?]?$"
)
# 哪些项目设了跟故障有关的指标 / 有验收相关的指标的项目 / 关于培训的指标: indicators whose names write the words
_TOPIC = (
    f"[“\"「『‘']?([^{re.escape(CUT + MONEY)}？?。，,！!、：:；;（）()\\s的跟和与同“”\"「」『』‘’']{{1,8}})[”\"」』’']?"
)
_RELATED_INDICATOR = re.compile(  # 跟“人员”有关的指标: the word, less its quotation marks
    f"(?:跟|和|与|同){_TOPIC}(?:有关|相关)的?(?:绩效)?指标"
    f"|(?:设置了|设置|设了|设有|有|含|带){_TOPIC}(?:有关|相关|方面)的?(?:绩效)?指标|关于{_TOPIC}的(?:绩效)?指标"
)
# 名称里带平台的项目 / 项目名称含系统 / 名字叫信息化的项目
_PROJECT = re.compile(f"(?:项目的?)?{_NAME}{_HOLDS}{_WORD}{_WORDS_SAID}")  # 名字里带“信息”俩字的项目: 信息
_SAID_AFTER = re.compile(f"(.+?){_WORDS_SAID}")  # 信息俩字, read whole by the unquoted _WORD: the word before 俩字


# 满意度指标, 成本指标: a category of indicators (read as a level), no words of a name
_LEVEL = re.compile("^(?:" + "|".join(re.escape(t) for t, _, _ in LEVEL_TERMS) + ")$")


_ASKING = re.compile("哪|什么|啥|几|多少|怎么|如何")  # 指标里有哪些项目: a question word, no condition
# 指标里有定到100%的项目, 有设在95以上的: a target value said, no words of a name (read by `special.by_value`)
_VALUE_SAID = re.compile(r"\d|%|％|百分|[定设写][到在为成]|达到")


def take_name_condition(text: str, cues: Cues) -> tuple[str, Cues]:
    """指标名称含验收 (``indicator_name``) or 名称里带平台 (``name_has``); the words as written, quotes dropped."""
    if (found := _INDICATOR.search(text)) or (found := _QUOTED_INDICATOR.search(text)):
        return text.replace(found.group(), _kept(found), 1), replace(cues, indicator_name=_word(found))
    if (found := _QUOTED_BARE.search(text)) and not _LEVEL.search(_word(found) + "指标"):
        return text.replace(found.group(), _kept(found), 1), replace(cues, indicator_name=_word(found))
    if (
        (found := _IN_INDICATORS.search(text))
        and not _LEVEL.search(_word(found) + "指标")
        and not _ASKING.search(_word(found))
        and not _VALUE_SAID.search(_word(found))
    ):
        return text.replace(found.group(), CUT, 1), replace(cues, indicator_name=_word(found))
    if (found := _ENDS_INDICATORS.search(text)) and _a_topic(_word(found)) and not _VALUE_SAID.search(_word(found)):
        return text.replace(found.group(), CUT, 1), replace(cues, indicator_name=_word(found))
    if (found := _RELATED_INDICATOR.search(text)) and _a_topic(_word(found)):  # 跟故障有关的指标 26年比23年: a count
        return text.replace(found.group(), _kept(found), 1), replace(cues, indicator_name=_word(found))
    if (found := _PROJECT.search(text)) and "指标" not in text[found.end() : found.end() + 3]:
        word = said.group(1) if (said := _SAID_AFTER.fullmatch(_word(found))) else _word(found)  # 信息俩字: 信息
        return text.replace(found.group(), CUT, 1), replace(cues, name_has=word)
    return text, cues


def _a_topic(word: str) -> bool:
    """故障, 验收: words of indicators' names; not a category (满意度) nor a question word (哪些)."""
    return not _LEVEL.search(word + "指标") and not _LEVEL.search(word) and not _ASKING.search(word)


def lists_by_words(target: Target | None, left: str) -> bool:
    """Whether a question filtering indicators by their names' words (``by_words``) asks for those indicators: a list
    or usual ones, or 都列出来 with no 项目 said (带“满意度”三个字的指标都列出来; 哪些项目有… asks for projects)."""
    listed = (Target.COMMON_INDICATORS, Target.LIST_INDICATORS, None)
    return target in listed or target is Target.LIST_PROJECTS and "项目" not in left


def names_indicator_words(question: str) -> bool:
    """名称里带“满意度”的指标, 带“故障”两个字的指标: the question filters indicators by the words of their names."""
    quoted = _QUOTED_BARE.search(question)
    bare = quoted is not None and not _LEVEL.search(_word(quoted) + "指标")
    return bool(_INDICATOR.search(question) or _QUOTED_INDICATOR.search(question) or bare)


def _kept(found: re.Match[str]) -> str:
    """The cut left for a condition on indicators' names: the noun 指标 stays (名字带“及时”的指标 26年比23年多几条,
    指标名里有“系统”的 26年比23年少几条 count indicators, not money), unless the condition picks projects (…的项目)."""
    whole = found.group()
    after = found.string[found.end() : found.end() + 4]
    named = (
        whole.endswith("指标") or whole.startswith(("指标", "绩效指标")) and not re.match("的?(?:项目|申报表)", after)
    )
    return CUT + "指标" if named else CUT


def _word(found: re.Match[str]) -> str:
    """The words of the condition: the quoted words or the run, of whichever alternative matched."""
    at = next(i for i, g in enumerate(found.groups(), 1) if g)
    word = found[at].removesuffix("项目") or found[at]
    bare = _MARKED.sub("", word)  # 验收这俩字, read whole by the unquoted run: 验收
    if bare == word and word[-1] in "这那" and _MARKED_NEXT.match(found.string, found.end(at)):
        bare = word[:-1]  # 响应这两个字: the run stopped before 两个字, 这 is the marker's
    return bare or word


_MARKED = re.compile(f"{_COUNTED_CHARS}$")
_MARKED_NEXT = re.compile(_COUNTED_CHARS)
