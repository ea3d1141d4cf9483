"""A question's own words typed with a character of the same sound (issue 24, sealed13): 合记 for 合计, 总记 for 总计,
平军 for 平均, 对笔 for 对比.

`homophones` reads typos in the corpus's names and terms; the words that say what is asked (sum, average, ranking,
comparison) are no name, and a typo there turned 人大19年几个项目的总额 合记一下 into a count of projects. Two characters
that sound like one of these words, are not a word of the general dictionary and are not written in the forms are read
as that word; the answer says so.

Read with them: a count the question asserts (有没有8个指标, 报了5个项目对吧) is read as the count asked (几个指标;
`stated_counts` checks the number in the answer); 几个项目的总额 合计一下 asks the money of the several projects (各项目的总额), not how many there are,
where a word of summing follows and no 有 (有几个项目的资金超过…: a count) comes before.
"""

from __future__ import annotations

import re

from assistant.qa.homophones import is_word, sounds
from assistant.qa.stated_counts import read_as_asked

# What a question asks, in two characters: sums, averages, rankings, comparisons
ASKING_WORDS = (
    "合计",
    "总计",
    "共计",
    "累计",
    "汇总",
    "加总",
    "总和",
    "一共",
    "总共",
    "平均",
    "排名",
    "排序",
    "对比",
    "比较",
    "相差",
    "差额",
    "占比",
)


# Characters of questions that are never a typo of another (几 in 一共几个, not 共计)
_KEEP = set("几多少哪啥咋么呢吗吧的了是有和与及或个项条笔份")


# 几个项目的总额 … 合计: those projects' money (a word of summing after it)
_THEIR_MONEY = re.compile(
    r"(?<![有是])[这那]?几个项目的?(?=(?:项目资金|资金)?(?:总额|资金|钱|预算|经费|金额|拨款|申请额)"
    r"[^？?。]*(?:合计|总计|共计|加起来|加一起|一共|总共|汇总|加总|总和))"
)


def _by_sound() -> dict[tuple[str, ...], str]:
    return {tuple(sounds(word)): word for word in ASKING_WORDS}


def correct_asking(text: str, written: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with each asking word typed by sound replaced, and (as written, as read) for each; ``written``: the
    forms' whole text (a pair written there is the forms' word, never a typo)."""
    heard = _by_sound()
    out = list(text)
    corrected = []
    for i in range(len(text) - 1):
        pair = text[i : i + 2]
        meant = heard.get(tuple(sounds(pair)))
        if meant is None or pair == meant or not all("\u4e00" <= c <= "\u9fa5" for c in pair):
            continue
        if is_word(pair) or pair in written or _KEEP & set(pair) or _beside_a_word(text, i):
            continue
        out[i : i + 2] = meant
        corrected.append((pair, meant))
    return read_as_asked(_THEIR_MONEY.sub("各项目的", "".join(out))), tuple(corrected)


def _beside_a_word(text: str, at: int) -> bool:
    """Whether an asking word already stands over or beside the pair at ``at`` (一共几: 共几 is no 共计)."""
    return any(word in text[max(at - 1, 0) : at + 3] for word in ASKING_WORDS)
