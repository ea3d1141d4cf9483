"""A count indicator asked for in the words of a count (issue 24, sealed8): 审计几家事业单位 asks the value of
事业单位审计数, 要新增几个业务流程 that of 新增业务流程数量, 培训多少人次 that of 培训人次. The question writes the
verb, then 几/多少 and a measure word, then the thing counted; the indicator's name holds the thing and the verb (in
either order) and ends in a count (数, 数量, 次数, 人次…).

``take_counted_indicator`` reads it where no indicator was read: the one indicator name (of those of the project
named, when one is) that holds the most of both words, taken whole; the text and cues unchanged when none or several
fit alike. The words read are kept in ``corrected`` (said in the answer; `reading.masked` blanks them, so that their
几个 asks no count).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.lexicon import Lexicon

# 审计 | 几家 | 事业单位…: a verb (up to four characters), how many, a measure word, the thing counted.
_COUNT = re.compile(
    r"(?P<v>[\u4e00-\u9fff]{0,4}?)(?:几|多少)(?P<m>人次|[个家项次人条期场台套篇名所户批轮份件处部本张])?(?P<n>[\u4e00-\u9fff]{2,10})"
)
# A name that counts something: 事业单位审计数, 新增业务流程数量, 培训人次, 印发内刊数量.
_COUNTS = re.compile(r"(?:数|数量|次数|人数|人次|个数|期数|场次|件数)$")
_NOT_A_VERB = re.compile(r"^(?:要|会|能|得|的|了|共|一共|总共|有|是|定|设|写|填|计划|预计|打算)+")
LEAST_THING = 2  # characters of the counted thing a name must hold
LEAST_WHOLE = 4  # characters it must hold where no verb is matched


def take_counted_indicator(text: str, cues: Cues, lexicon: Lexicon, project: str | None = None) -> tuple[str, Cues]:
    """审计几家事业单位 → indicator_name 事业单位审计数 (whole), the words taken from ``text``; ``project`` (a name
    already read) keeps to its indicators. Unchanged where an indicator was read or no one name fits best."""
    if cues.indicator_name is not None:
        return text, cues
    names = _count_names(lexicon, project)
    for found in _COUNT.finditer(text):
        fits = sorted(((_fit(found, name), name) for name in names), key=lambda f: (-f[0][0], f[1]))
        fits = [(score, name) for score, name in fits if score[0]]
        if not fits or len(fits) > 1 and fits[1][0][0] == fits[0][0][0]:
            continue
        (_, (start, end)), name = fits[0]
        shown = (
            *cues.corrected,
            (text[start:end], name),
        )  # said in the answer: 审计几家事业单位 read as 事业单位审计数
        return text[:start] + CUT + text[end:], replace(cues, indicator_name=name, corrected=shown)
    return _counted_as_measure(text, cues, names)


# 一年培训多少人, 每年巡检几次: a verb, how many, and the measure word alone (the count is of people, times, days)
_MEASURE_ONLY = re.compile(r"(?P<v>[\u4e00-\u9fff]{2,6}?)(?:几|多少)(?P<m>人次|人|次|回|天)")
_MEASURE_ENDS = {"人次": ("人次",), "人": ("人数", "人次"), "次": ("次数", "人次"), "回": ("次数",), "天": ("天数",)}
_YEAR_WORDS = re.compile(r"^(?:一年|每年|全年|年度|今年|当年)")


def take_measure_count(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """一年培训多少人 written before the project (党员教育管理那笔): read before the names are, among every count name,
    so that the project's phrase does not swallow the measure word; unchanged where an indicator was read."""
    if cues.indicator_name is not None:
        return text, cues
    return _counted_as_measure(text, cues, _count_names(lexicon, None))


def _counted_as_measure(text: str, cues: Cues, names: tuple[str, ...]) -> tuple[str, Cues]:
    """一年培训多少人 → 全年培训人数: the one name that holds the verb (two characters or more of its end) and ends in
    the count of the measure word (人 → 人数/人次); a year word before the verb (一年, 每年) is the name's 全年/年度.
    Unchanged where none or several fit alike."""
    for found in _MEASURE_ONLY.finditer(text):
        verb = _NOT_A_VERB.sub("", _YEAR_WORDS.sub("", found["v"]))
        ends = _MEASURE_ENDS[found["m"]]
        # every count name competes (…体检数量 holds more of 困难党员体检 than …体检人数 does); the measure's own
        # count (人 → 人数) only where no other holds more
        held = {name: _held_end(verb, name) + 0.5 * name.endswith(ends) for name in names}
        most = max(held.values(), default=0)
        fits = [name for name, size in held.items() if size == most]
        if most < LEAST_THING + 0.5 or len(fits) != 1:
            continue
        start, end = found.start(), found.end()
        shown = (*cues.corrected, (text[start:end], fits[0]))
        return text[:start] + CUT + text[end:], replace(cues, indicator_name=fits[0], corrected=shown)
    return text, cues


def _count_names(lexicon: Lexicon, project: str | None) -> tuple[str, ...]:
    """The indicator names ending in a count: the project's own where one is named and holds any, else all."""
    if project is not None:
        own = tuple(
            dict.fromkeys(
                name
                for content in lexicon.contents
                if content.name == project
                for label, written in content.places
                if label == "指标"
                for name in written.split("\n")
                if _COUNTS.search(name)
            )
        )
        if own:
            return own
    return tuple(name for name in lexicon.indicator_names if _COUNTS.search(name))


def _fit(found: re.Match[str], name: str) -> tuple[int, tuple[int, int]]:
    """How many characters of the verb (its end) and of the thing (its start) ``name`` holds, and the span they
    cover in the question; 0 where the thing is not held (``LEAST_THING``) or, with no verb, less than ``LEAST_WHOLE``."""
    verb = _NOT_A_VERB.sub("", found["v"])
    thing = next((found["n"][:k] for k in range(len(found["n"]), LEAST_THING - 1, -1) if found["n"][:k] in name), "")
    if not thing:
        return 0, (0, 0)
    held_verb = next((verb[-k:] for k in range(len(verb), 1, -1) if verb[-k:] in name), "")
    if not held_verb and len(thing) < LEAST_WHOLE:
        return 0, (0, 0)
    start = found.start("v") + len(found["v"]) - len(held_verb)
    return len(held_verb) + len(thing), (start, found.start("n") + len(thing))


def _held_end(verb: str, name: str) -> int:
    """How many characters of the end of ``verb`` ``name`` holds in a row (直播每年录制 → 录制 of …录制次数)."""
    return next((k for k in range(len(verb), 0, -1) if verb[-k:] in name), 0)
