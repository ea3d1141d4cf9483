"""A verb of setting between a negation and a category (issue 24, nu13 #6): 没有设置时效指标, 未设定质量指标, 没安排
成本指标 ask which forms lack the category, as 没有时效指标 does; the verb is no indicator's name (课程设计、设置).

Read before any name is matched: the negation and its verb become 没有, the category stays as written.
"""

from __future__ import annotations

import re

from assistant.qa.question_words import LEVEL_STEMS

_NEGATION = r"(?:还?没有|还?没|尚未|并未|未|不曾|缺少|不)"
# The verbs an officer puts before a category: set, fix, arrange, fill in, write, list, include
_VERBS = r"(?:设置|设定|设立|设有|设计|安排|填写|填报|填|设|写|列出|列|配置|配备|制定|编制|包含|包括|含)"
_STEMS = "|".join(sorted(map(re.escape, LEVEL_STEMS), key=len, reverse=True))
_NEGATED_VERB = re.compile(f"{_NEGATION}{_VERBS}(?:过|了)?(?:任何|相应的?|有关的?)?(?=(?:{_STEMS})的?(?:绩效)?指标)")


def without_setting_verb(text: str) -> str:
    """``text`` with 没有设置/未设定/没安排… before a category of indicators written 没有 (没有设置时效指标 → 没有时效指标)."""
    return _NEGATED_VERB.sub("没有", text)
