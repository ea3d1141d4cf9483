"""覆盖率这种指标有人写过吗，怎么定的: indicators asked by a word of their names written as a kind (X这种/这类/之类的指标),
answered with those indicators and their target values, cited, in a few lines (never every form's indicators).

Two or more forms set such indicators: the usual values (`usual_check.usual_values`: each value written, how many
forms, cited examples). One form: its indicators named with the word, each cited. None: 语料库中没有. A question that
counts them (有几个) or names a project is left to the general route.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration
from assistant.domain.refs import indicator_citation
from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Route
from assistant.qa.scope import Scope
from assistant.qa.usual_check import usual_values

_KIND_OF = re.compile(
    r"([\u4e00-\u9fffA-Za-z]{2,10}?)(?:这种|这类|那种|那类|这一类|这样的|这种类型的|之类的?|一类的?|类的|方面的?|相关的?|有关的?)"
    r"(?:绩效)?指标"
    r"|(?:各种|各类|那些)[“\"「]?([\u4e00-\u9fffA-Za-z]{2,10}?)[”\"」]?(?:的|类的?)?(?:绩效)?指标"
    r"|[“\"「]([\u4e00-\u9fffA-Za-z]{2,10}?)[”\"」](?:这种|这类|类的?|的)?(?:绩效)?指标"
)
_LEAD = re.compile(
    r"^(?:请问|帮我查下|帮我看看|帮我|麻烦|查下|看看|有没有|有无|以前|往年|历年|大家|各家|别人|像|类似)+"
)
_COUNTS = re.compile(r"几个|几条|几项|多少个|多少条|多少项|个数|数量")
_EXISTS = re.compile(r"有人写过|有人设过|有人用过|写过吗|设过吗|用过吗|有没有|有吗|有无")
# How they are set, asked (怎么定, 一般写多少, 有人写过吗), not a list by a name's words (名字带“及时”的指标有哪些)
_HOW = re.compile(r"怎么|如何|咋|一般|通常|多少|写过|设过|用过|有人|参考|定的|填的|大家|各家|别人|都定|都写|都填|几")
_BY_NAME = re.compile(r"名字|名称|带[“\"「]?|含有?[“\"「]|包含")
SHOWN = 6  # indicators listed where one form sets them


def indicator_kind(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The indicators named with the word before 这种/这类指标, with their values, or None for other questions."""
    if cues.project or cues.declaration_id or cues.level1 or cues.level2 or _COUNTS.search(question):
        return None
    if _BY_NAME.search(question) or not _HOW.search(question):  # 名字带“及时”的指标有哪些: a listing, not how
        return None
    found = _KIND_OF.search("".join(question.split()))
    if found is None:
        return None
    written = next(group for group in found.groups() if group)
    word = _shared(question, found, written) or _held_suffix(_LEAD.sub("", written), scope.lexicon.indicator_names)
    if word is None:
        return None
    decls = [d for d in scope.corpus.declarations if not cues.years or d.header.year in cues.years]
    years = "、".join(f"{y}年" for y in cues.years) or "历年"
    result = usual_values(question, word, decls, years=years) or _one_form(question, word, decls, years)
    if result is None:
        return Answer(
            question=question,
            text=f"语料库中没有{years}名称含“{word}”的绩效指标，不以其他指标代答。",
            route=Route.STRUCTURED,
            refused=True,
        )
    if _EXISTS.search(question):
        result.text = f"有。\n{result.text}"
    return result


_SEPARATOR = "、|，|,|以及|和|跟"  # 及 and 与 also stand inside names (故障响应及时性)
_LISTED = re.compile(rf"(?:[\u4e00-\u9fffA-Za-z]{{2,12}}(?:{_SEPARATOR}))+[\u4e00-\u9fffA-Za-z]{{2,12}}$")


def _shared(question: str, found: re.Match[str], written: str) -> str | None:
    """软件测试、密码测试这类指标: examples listed before the kind; the words they share (测试), two characters or
    more, else None (one example, or examples with nothing in common)."""
    text = "".join(question.split())
    at = next(i for i in range(1, len(found.groups()) + 1) if found.group(i) == written)
    listed = _LISTED.search(text[: found.end(at)])
    if listed is None:
        return None
    first, *others = (_LEAD.sub("", example) for example in re.split(_SEPARATOR, listed.group()))
    for size in range(len(first), 1, -1):
        for start in range(len(first) - size + 1):
            if all(first[start : start + size] in other for other in others):
                return first[start : start + size]
    return None


def _held_suffix(written: str, names: tuple[str, ...]) -> str | None:
    """The longest end of ``written`` (two characters or more) that some indicator name holds: 有没有人写过覆盖率 →
    覆盖率; None when no end is."""
    for start in range(len(written) - 1):
        word = written[start:]
        if any(word in name for name in names):
            return word
    return None


def _one_form(question: str, word: str, decls: list[Declaration], years: str) -> Answer | None:
    """The one form that sets indicators named with ``word``: each, with its value, cited."""
    holders = [(d, [i for i in d.indicators if word in i.name]) for d in decls]
    holders = [(d, found) for d, found in holders if found]
    if not holders:
        return None
    decl, found = holders[0]
    lines = [f"{years}只有 1 份申报表设有名称含“{word}”的指标（{len(found)} 项）："]
    citations = []
    for indicator in found[:SHOWN]:
        cite = indicator_citation(decl, indicator)
        citations.append(cite)
        lines.append(f"- {indicator.name}：{indicator.value.raw.strip() or '（空白）'} {cite.label}")
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, citations=citations)
