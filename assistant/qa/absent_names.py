"""Project names the corpus lacks that hide beside a real one: the other side of a pair (信息化运维项目和换届选举经费)
and a project whose name holds an indicator's words, asked about its money (智慧党建平台建设经费的资金总额).

Both are refused as absent, never answered with the one real project alone or with an indicator summary. Also an
amount condition (资金总额超过100万元的项目): the reader has no money filter, so it is said, not read as a kind of project.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.entities import Names, informative, looks_like_name, match, phrases

# Words joining two subjects of one question (A和B, A与B比, 比较A和B).
_JOIN = "和|与|及|跟|同|或|还是|对比|相比|比较|比"
_AFTER = re.compile(f"^(?:{_JOIN})(.+)")
_BEFORE = re.compile(f"(.+?)(?:{_JOIN})$")
# Ends of a subject written as a pair's other side: a project's nouns (…项目, …经费, …费, …平台, …系统).
_PROJECT_END = re.compile(r"(?:项目|工程|经费|费|平台|系统|专项|资金)$")
# Words naming no particular project (其他项目, 所有项目, 同类项目).
_NO_NAME = re.compile(r"其他|其它|别的|另外|其余|所有|全部|同类|类似|各|本|这|那|哪")
# Where a pair's side ends: a possessive, a question word, punctuation.
_STOP = re.compile(r"的|[？?。，,！!、：:；;（）()\s]|哪|谁|多少|几|是|有|对比|比较|相比|各|\d+年度?|\d")
# A second subject asked after the first question: …是多少？另外，B的呢 / 还有B呢.
_ALSO = re.compile(r"(?:另外|此外|还有|再问)[，,、：:\s]*(?:那个?|这个?)?([^，,？?。！!]+?)(?:的[^，,？?。]*)?呢")
_MONEY_WORDS = re.compile(r"经费|资金|钱|费用|预算|金额")


def absent_partner(full: str, written: str, names: Names, cut: str) -> str | None:
    """The other side of a pair whose one side is ``written`` (as it stands in ``full``) when that side names no
    project of the corpus (换届选举经费 of 信息化运维项目和换届选举经费的资金总额对比); None when there is no pair or
    the other side is no project's name (the two years of a project, 其他项目, an indicator)."""
    start = full.find(written)
    if start < 0:
        return None
    after = _AFTER.match(full[start + len(written) :])
    side = _STOP.split(after.group(1))[0] if after else None
    if side is None and (before := _BEFORE.search(_STOP.split(full[:start])[-1])):
        side = re.sub(f"^(?:{_JOIN})", "", before.group(1))
    if not side and (also := _ALSO.search(full[start + len(written) :])):  # 另外，智慧城市大脑项目的呢
        side = _STOP.split(also.group(1))[0]
    side = (side or "").split(cut)[0].strip()  # 智慧城市大脑项目｜的资金: the side ends where a year was read
    if not side:
        return None
    if not _PROJECT_END.search(side) or _NO_NAME.search(side) or not informative(side.removesuffix("项目")):
        return None
    found, tied = match(names.trim(side), names)
    return side if found is None and not tied else None


def absent_money_name(full: str, indicator_name: str, names: Names, cut: str) -> str | None:
    """A name-like phrase holding an indicator's words, in a question about money, that matches no project
    (智慧党建平台建设经费 holds 党建平台): the project asked about is absent; None otherwise."""
    if not _MONEY_WORDS.search(full):
        return None
    for phrase in phrases(full, cut):
        if indicator_name in phrase and phrase != indicator_name and looks_like_name(phrase):
            found, tied = match(names.trim(phrase), names)
            if found is None and not tied:
                return phrase
    return None


_COMPARE = r"超过|超出|高于|大于|多于|不少于|不低于|不超过|不到|不足|低于|少于|小于|至少|达到"
_FIGURE = r"\d+(?:\.\d+)?\s*(?:(?:万|亿)(?:元|块)?|元|块)"  # an amount: its unit written (100万, 50万元, 3000元)
_AMOUNT_CONDITION = re.compile(f"(?:{_COMPARE})\\s*{_FIGURE}|{_FIGURE}(?:以上|以下|以内|及以上|及以下)")


def take_amount_condition(text: str, cues: Cues) -> tuple[str, Cues]:
    """超过100万元, 50万以下: a condition on an amount, as written (``cues.amount_condition``); the span is cut so
    that its digits are read as no year, kind or purpose."""
    found = _AMOUNT_CONDITION.search(text)
    if found is None:
        return text, cues
    return text.replace(found.group(), CUT, 1), replace(cues, amount_condition=found.group())
