"""Ranking words officers say of how full a form is written, read as the plain 最多 / 最少 (issue 24).

``产出指标写得最满的表``, ``列得最全的``, ``填得最丰富的``: the form with the most of what is counted; ``写得最单薄``,
``列得最空的``: the fewest. ``按年算``: by year (the verb dropped). Only after a verb of writing (写/填/列/设/报), so that 最满意 (satisfaction) stays itself.
"""

from __future__ import annotations

import re

from assistant.qa.question_words import LEVEL_STEMS

_VERB = r"(?:写|填|列|设|报|排)(?:得|的)?"
_FULLEST = re.compile(rf"{_VERB}最(?:满(?!意)|全|丰富|详细|详尽|细|充实|饱满|密)")
_THINNEST = re.compile(rf"{_VERB}最(?:单薄|薄|空|简单|简略|稀|少)")
# 按年算, 分年度计, 以年份来统计: the years as what is ranked (the verb says nothing more; 算 is no subject)
_BY_YEAR_VERB = re.compile(r"(?<=[按分以])(年度|年份|年)来?(?:算|计算|计|统计)")


# 社会效益写得最满: a category named by its stem before the verb; what is counted is its indicators
_STEM_BEFORE = re.compile(f"(?:{'|'.join(sorted(LEVEL_STEMS, key=len, reverse=True))})(?:类|方面|这块|那块|那档)?$")


def plain_rank_words(text: str) -> str:
    """``text`` with 写得最满 read as 最多 and 写得最单薄 as 最少 (指标最多 after a category's stem: 社会效益写得最满)."""
    text = _FULLEST.sub(lambda m: _counted(text, m, "最多"), text)
    return _BY_YEAR_VERB.sub(r"\1", _THINNEST.sub(lambda m: _counted(text, m, "最少"), text))


def _counted(text: str, found: re.Match[str], most: str) -> str:
    return f"指标{most}" if _STEM_BEFORE.search(text[: found.start()]) else most
