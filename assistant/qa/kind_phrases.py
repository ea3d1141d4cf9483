"""A kind of indicator named by what it measures, as officers say it (issue 24): ``带时间要求的指标``,
``跟采购挂钩的指标``, ``“发生”几次那种指标``, ``涉及验收的指标``, ``和培训有关的那类指标``, ``指标跟故障沾边``,
``用次数衡量的指标``.

`take_kind_phrase` reads the word such a phrase names and, where some past indicator's name writes it, sets
``Cues.indicator_name`` to it (the indicators whose names hold the word, as ``名称含X的指标``); the phrase is cut from
the working text. A word no indicator name writes is set all the same (``跟无人机挂钩的指标``: none found, said so,
never every indicator of the corpus); a category's stem (跟质量相关的指标: 质量指标) is left to the category reader.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.question_words import LEVEL_STEMS

_WORD = r"(?P<w>[\u4e00-\u9fff]{2,6}?)"
_KIND_END = r"(?:那一?种|这一?种|那一?类|这一?类|一类|之类|类|那样|这样)?的?(?:定性|定量)?的?指标"
_PHRASES = (
    # “发生”几次那种指标, "验收"类指标: a quoted word
    re.compile(rf"[“\"‘'「](?P<w>[^”\"’'」]{{1,8}})[”\"’'」][^，,。？?]{{0,4}}?{_KIND_END}"),
    # 带时间要求的指标, 带有验收字样的指标, 含培训的指标, 带安全二字的指标 (the word's characters counted)
    re.compile(
        rf"(?:带|带有|含|含有|写有|写着){_WORD}(?:要求|字样|限制|规定|字眼|内容|的字|这?[一二两三四五六几]个?字)?{_KIND_END}"
    ),
    # 跟采购挂钩的指标, 和培训有关的指标, 与验收相关的那类指标
    re.compile(rf"(?:跟|和|与|同){_WORD}(?:挂钩|有关|相关|沾边|有关系|相关联|关联){_KIND_END}"),
    # 指标跟故障沾边, 指标和培训有关: the same said after 指标 (几张表的指标跟故障沾边)
    re.compile(rf"指标(?:里|中|当中)?(?:有)?(?:跟|和|与|同){_WORD}(?:挂钩|有关系|有关|相关联|相关|沾边|关联)(?:的)?"),
    # 涉及验收的指标, 关于培训的指标, 有关采购的指标
    re.compile(rf"(?:涉及|关于|有关|针对|围绕){_WORD}{_KIND_END}"),
    # 用次数衡量的指标, 以时长来计量的指标, 按完成率考核的那类指标: what the indicators are measured by
    re.compile(rf"(?:用|以|按|拿){_WORD}(?:来|去)?(?:衡量|计量|度量|考核|考量|评价|计算|统计){_KIND_END}"),
)


def take_kind_phrase(text: str, cues: Cues) -> tuple[str, Cues]:
    """``text`` without a phrase naming a kind of indicator by a word, ``cues`` with that word as the indicator name;
    unchanged where there is no such phrase, a name is already read, or the word is a category's stem."""
    if cues.indicator_name is not None:
        return text, cues
    for pattern in _PHRASES:
        found = pattern.search(text)
        if found is None:
            continue
        word = found["w"]
        if word in LEVEL_STEMS or any(word in stem for stem in LEVEL_STEMS):
            continue
        return text.replace(found.group(), f"{CUT}指标", 1), replace(cues, indicator_name=word)
    return text, cues
