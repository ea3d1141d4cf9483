"""Indicators named in a question by their own words, read before the categories (qa/parse.py's order).

- ``take_indicator_name``: a measure named by its own words (验收合格率, 驻场人员数量): the longest part of a past
  indicator name, or the one name the words fit in order;
- ``take_indicator_word``: a word that several indicator names hold, written before 指标 (验收类的指标, 及时性的指标):
  the indicators named with it (a filter on the name, as written).
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from assistant.qa.counted_names import take_counted_indicator
from assistant.qa.cues import CUT, Cues, common, cut
from assistant.qa.homophones import sounds
from assistant.qa.lexicon import FUNDING_TERMS, MEASURE, Lexicon
from assistant.qa.reading import in_order

_MONEY_AFTER = re.compile(r"的?(经费|钱|资金|费用|预算|费|开支|支出)")
# 服务情况分析支持度填的啥, 运维人员多久到现场: what a form filled in asked (the value of an indicator named by part of its name)
_FILLED = re.compile(r"(?:填|写)(?:的|了)(?:啥|什么|是啥|是什么)|多久|多长时间")


def take_indicator_name(
    text: str, cues: Cues, lexicon: Lexicon, *, asks_value: bool, level_stems: set[str]
) -> tuple[str, Cues]:
    """A measure named by its own words (验收合格率, 驻场人员数量): the longest part of a past indicator name.

    Where the question asks for a value (驻场人员一般写几个人, 服务情况分析支持度填的啥), a part without its measure word
    is enough.
    """
    asks_value = asks_value or _FILLED.search(text) is not None
    if (misheard := _homophone_name(text, cues, lexicon))[1] is not cues:
        return misheard  # taken whole: 组织力平台 建设及食性 is 建设及时性, no longer name fitting 平台建设…及时性 in order
    text, cues = _homophone_tail(text, cues, lexicon)  # 老干部系统 建设竣工及实性: the end of two names, as written
    spans = {
        span
        for name in lexicon.indicator_names
        if len(span := common(text, name)) >= 4
        and (asks_value or MEASURE.search(span) or _named_indicator(text, span) or _whole(text, span, lexicon))
        # 26年的信息化运维: 的 + a part of a project's name is no indicator's part (市人大机关的信息化建设情况)
        and (MEASURE.search(span) or not any(span.strip("的") in project for project in lexicon.projects))
        and span not in level_stems
        and CUT not in span
        and not _MONEY_AFTER.match(text, text.find(span) + len(span))  # 驻场人员经费: money for it, not its value
        and not any(span in term and term in text for term, _ in FUNDING_TERMS)  # 上年预算执行数: a funding line
    }
    if not spans:  # 各类直播录制次数: 各类直播等录制次数 with a word left out
        return _indicator_by_parts(text, cues, lexicon, least=6, asks_value=asks_value)
    span = max(sorted(spans), key=len)
    # 非工作日故障响应时间: the words fit 非工作日故障响应及抵达现场时间 in order, longer than 工作日故障响应时间 in a row
    found = _indicator_by_parts(text, cues, lexicon, least=len(span) + 1, asks_value=asks_value)
    return found if found[1] is not cues else (cut(text, span), replace(cues, indicator_name=span))


HOMOPHONE_LEAST = 4  # characters of an indicator name for a same-sounding run to be read as it
HOMOPHONES_MOST = 2  # characters of such a run typed for another of the same sound


def _homophone_name(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """密码测式达标 for 密码测试达标: a run of the question that sounds exactly like one indicator name (tones ignored)
    with one or two characters typed for others, characters the names use elsewhere (so `assistant.qa.homophones`
    keeps them); taken whole as that name and said how (``corrected``). The text and cues unchanged where none or several fit.
    """
    heard = sounds(text)
    found = {  # 课程设计设制情况: the name's 、 left out as well
        (text[i : i + len(plain)], name)
        for name in lexicon.indicator_names
        if len(plain := unpunctuated(name)) >= HOMOPHONE_LEAST and name not in text
        for i in range(len(text) - len(plain) + 1)
        if heard[i : i + len(plain)] == sounds(plain) and _typed_for(text[i : i + len(plain)], plain)
    }
    # 课程设计设制情况: 课程设计、设置情况, not the shorter 课程设计、设置 its run holds
    found = {(written, name) for written, name in found if not any(written in other != written for other, _ in found)}
    if len({name for _, name in found}) != 1:
        return text, cues
    (written, name), *_ = sorted(found)
    return cut(text, written), replace(cues, indicator_name=name, corrected=(*cues.corrected, (written, name)))


_PUNCTUATION = re.compile(r"[、，,。；;：:（）()《》“”\"'\s]")
_NO_TYPO = set("的了吗呢啊呀吧是最啥咋几多少怎什哪谁有没和与或")  # question words, never typed for a name's character
TYPED_TAIL_LEAST = 5  # characters of a name's end written with a homophone typo to be read as that end


def unpunctuated(name: str) -> str:
    """课程设计、设置情况 as typed in a question: 课程设计设置情况."""
    return _PUNCTUATION.sub("", name)


def _typed_for(written: str, name: str) -> bool:
    """Whether ``written`` is ``name`` with one or two characters typed for others (no question word among them)."""
    typed = [a for a, b in zip(written, name, strict=True) if a != b]
    return 0 < len(typed) <= HOMOPHONES_MOST and not set(typed) & _NO_TYPO


def _homophone_tail(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """老干部系统 建设竣工及实性 (…建设竣工及时性): a run of ``TYPED_TAIL_LEAST`` characters or more that sounds like the end of
    indicator names, one or two characters typed for others; those characters written as the names write them (the
    project, read later, picks the name) and said how. Unchanged where the runs disagree on a character."""
    heard = sounds(text)
    fixes: dict[int, str] = {}
    runs: list[tuple[str, str]] = []
    for plain in {unpunctuated(name) for name in lexicon.indicator_names}:
        said = sounds(plain)
        for end in range(TYPED_TAIL_LEAST, len(text) + 1):
            size = _same_end(heard[:end], said)
            written = text[end - size : end]
            if size < TYPED_TAIL_LEAST or not _typed_for(written, plain[-size:]):
                continue
            runs.append((written, plain[-size:]))
            for at, (a, b) in enumerate(zip(written, plain[-size:], strict=True), start=end - size):
                if a != b and fixes.setdefault(at, b) != b:
                    return text, cues
    if not runs:
        return text, cues
    fixed = "".join(fixes.get(at, char) for at, char in enumerate(text))
    shown = max(runs, key=lambda run: len(run[0]))
    return fixed, replace(cues, corrected=(*cues.corrected, shown))


def _same_end(heard: list[str], said: list[str]) -> int:
    """How many readings ``heard`` and ``said`` share at their ends."""
    size = 0
    while size < min(len(heard), len(said)) and heard[-1 - size] == said[-1 - size]:
        size += 1
    return size


# 有没有…, 哪些项目用了…: whether or where forms write it (qa/existence.py, qa/conditions.py), no value asked
_EXISTENCE = re.compile(
    r"有没有|有无|先例|有吗|有没|涉及|做过|搞过|写过|用过|有过|用了|用到|提到|写到|包含|哪些项目|哪几个项目"
)
_POINTER_AFTER = re.compile(r"的?(?:那|这)")
WHOLE_LEAST = 5  # characters of a whole indicator name written as such: named, with no measure word


def _whole(text: str, span: str, lexicon: Lexicon) -> bool:
    """文书档案电子化要做多少万页: a whole indicator name of ``WHOLE_LEAST`` characters or more, not pointing at a project
    (援派干部培训那个项目)."""
    after = text.find(span) + len(span)
    # 第三方接口开发有先例没: whether any form has it, no value asked
    named = span in lexicon.indicator_names and not _EXISTENCE.search(text)
    return len(span) >= WHOLE_LEAST and named and not _POINTER_AFTER.match(text, after)


def _points(text: str, run: str) -> bool:
    """做事业单位审计的那个组织部经费: the words stand before a pointer; they describe a project, no indicator is named."""
    return re.match(r"[^，,。？?！!、；;]{0,2}?(?:那|这)", text[text.find(run) + len(run) :]) is not None


_NAMED_INDICATOR = re.compile(
    r"的?(?:绩效)?指标|的?(?:那|这)一?条"
)  # 文书档案电子化指标, …标准那条: named as an indicator


def _named_indicator(text: str, span: str) -> bool:
    """文书档案电子化指标: the words stand before 指标 and say something (项目绩效 of 项目绩效指标 does not)."""
    said = re.sub("项目|绩效|指标|的|各|所有", "", span)
    return _NAMED_INDICATOR.match(text, text.find(span) + len(span)) is not None and len(said) >= 2


def _indicator_by_parts(text: str, cues: Cues, lexicon: Lexicon, *, least: int, asks_value: bool) -> tuple[str, Cues]:
    """The one indicator name the question's words fit in order (``least`` characters or more, four in a row), taken
    whole; the text and cues unchanged where none or several fit."""
    fits = {name: run for name in lexicon.indicator_names if (run := in_order(text, name, least=least, chunk=4))}
    fits = {  # 党费缴纳系统 fits 党费缴纳信息系统完善率 in order, and a project's name as well: the project
        name: run for name, run in fits.items() if not any(in_order(run, p, least=len(run)) for p in lexicon.projects)
    }
    # asks_value: 第三方接口开发, 党费缴纳移动端…功能 ask for no measure
    fits = {
        name: run
        for name, run in fits.items()  # 制作党建类远程教育课建: a name written whole but one character: named
        if asks_value
        or MEASURE.search(run)
        or _named_indicator(text, run)
        or len(run) >= len(name) - 1 >= WHOLE_LEAST
        and not _EXISTENCE.search(text)
        and not _points(text, run)
    }
    if (
        len(fits) > 1
    ):  # 两新组织信息推送: …信息宣传推送 fits all eight, …信息宣传内容 only 两新组织信息: the clearly longer
        ranked = sorted(fits.items(), key=lambda fit: -len(fit[1]))
        fits = dict(ranked[:1]) if len(ranked[0][1]) >= len(ranked[1][1]) + CLEARLY_LONGER else fits
    if len(fits) != 1:
        return text, cues
    (name, run), *_ = fits.items()
    span = text[text.find(run) : text.find(run) + len(name)]  # 课建 for 课件: one character written for another
    changed = len(span) == len(name) and sum(a != b for a, b in zip(span, name, strict=True)) == 1
    # 事业单位审计的, 事业单位审计最晚: a particle or a question word, no miswritten character
    changed = changed and not set(span) & set("的了吗呢啊是最啥咋几多怎什哪谁")
    written = span if changed else run
    said = cues.corrected if written == name or len(run) < len(name) - 1 else (*cues.corrected, (written, name))
    return cut(text, written), replace(cues, indicator_name=name, corrected=said)


CLEARLY_LONGER = 2  # characters by which one name's fitting run must beat every other's

# 验收类的指标, 及时性的指标, 完成率这类指标: a word before 指标 (类/方面/这类 between)
_WORD_BEFORE = re.compile(r"(?P<w>[\u4e00-\u9fff]{2,6})(?:这一?类|类|方面|相关)?的?(?:绩效)?指标")
_GENERIC = re.compile(
    r"^(?:请问|帮我|查下|查一下|看看|这些|那些|各类|各项|所有|哪些|什么|别人|大家|以前|往年|历年|项目"
    r"|设置了|设置|设了|设有|定了|列了|写了|写过|填过)+"  # 设了故障类指标的: the verb is no part of the kind
)


def take_indicator_word(text: str, cues: Cues, lexicon: Lexicon, *, level_stems: set[str]) -> tuple[str, Cues]:
    """验收类的指标别人都咋写的: the words before 指标 (less 类/的 and asking words) where two or more indicator names
    hold them and they are no category word and no part of a project's name; else the text and cues unchanged."""
    if cues.indicator_name is not None or (found := _WORD_BEFORE.search(text)) is None:
        return text, cues
    word = re.sub(r"(?:这一?类|类|方面|相关)?的?$", "", _GENERIC.sub("", found["w"]))
    names = lexicon.indicator_names
    if len(word) > 2 and word[0] in _BARE_VERBS and not any(word in n for n in names):
        word = word[1:] if any(word[1:] in n for n in names) else word  # 写增长类的指标: 增长 (设备 stays 设备)
    if (within := _within_category(word, lexicon, level_stems)) is not None:  # 成本控制类指标: 成本 indicators, 控制
        stem, rest = within
        return text.replace(found.group(), f"{stem}指标{CUT}", 1), replace(cues, indicator_name=rest)
    if len(word) < 2 or "绩效" in word or any(stem in word or word in stem for stem in level_stems if stem):
        return text, cues
    if any(word in p for p in lexicon.projects):
        return text, cues
    if sum(word in name for name in lexicon.indicator_names) < 2:
        if not _A_KIND.search(found.group()) or _ANY_KIND.fullmatch(word) or _a_name_spread(word, lexicon.projects):
            return text, cues  # 党费缴纳系统指标: a project's name written short, no kind of indicator
        head = written_head(word, lexicon.indicator_names)  # 长效机制类: names write 长效管理机制, 长效运维机制
        if head is None and not any(word in name for name in lexicon.indicator_names):  # 区块链类指标: none
            return cut(text, word), replace(cues, indicator_name=word)  # refused, never every indicator shown
        if head is None:
            return text, cues
        return cut(text, word), replace(cues, indicator_name=head, corrected=(*cues.corrected, (word, head)))
    return cut(text, word), replace(cues, indicator_name=word)


def _within_category(word: str, lexicon: Lexicon, level_stems: set[str]) -> tuple[str, str] | None:
    """(the category's stem, the words after it) for a kind of indicator written as a category's stem and more words
    (成本控制类指标, 质量验收方面的指标) where two or more indicator names write those words; None otherwise."""
    stem = next((s for s in sorted(level_stems, key=len, reverse=True) if s and word.startswith(s)), None)
    if stem is None or len(rest := word[len(stem) :]) < 2 or any(rest in s or s in rest for s in level_stems if s):
        return None
    return (stem, rest) if sum(rest in name for name in lexicon.indicator_names) >= 2 else None


_BARE_VERBS = "写填设列"  # a verb written before a kind of indicator with nothing between (写增长类的指标)
_A_KIND = re.compile(r"(?:类|方面)的?(?:绩效)?指标$")  # 区块链类指标: a kind of indicator named (no name may write)
# Words that qualify indicators in general, no kind of their own (定性指标, 核心指标)
_ANY_KIND = re.compile(
    r"(?:定性|定量|共性|个性|核心|关键|主要|重点|其他|其它|常见|常用|一般|通用|基本|具体|相关|同类|这种|那种)+"
)


def _a_name_spread(word: str, projects: tuple[str, ...]) -> bool:
    """Whether a project's name writes the word's characters in order, at most two others between two of them."""
    spread = re.compile(".{0,2}".join(map(re.escape, word)))
    return any(spread.search(name) for name in projects)


def written_head(word: str, names: tuple[str, ...]) -> str | None:
    """The longest end of ``word`` (two characters or more) that two indicator names or more write, where one of
    them writes the whole word with at most two other characters between its own (长效机制: 长效管理机制健全性): the
    thing the word is a kind of; None where none does (a word of no indicator is never read as part of one)."""
    spread = re.compile(".{0,2}".join(map(re.escape, word)))
    for start in range(1, len(word) - 1):
        head = word[start:]
        holders = [name for name in names if head in name]
        if len(holders) >= 2 and any(spread.search(name) for name in holders):
            return head
    return None


SIMILAR = 0.75  # the words' sounds against an indicator name's (difflib ratio)
CLEAR = 0.1  # by which the closest name must beat the next
# A measure's own ending (驻场人数, 故障处理率, 满意度, 及时性)
_MEASURE_END = re.compile(r"(?:率|度|性|人数|次数|天数|数量|时间|时长)$")
# What asks for the value after a measure's words, and words that are no part of its name
_ASKING = re.compile(
    r"(?:定|设|写|填|是|为)(?:的|了|成|在|为)?(?:多少|啥|什么|几).*$|(?:是|为)?多少.*$|目标值.*$|指标值.*$|(?:那个|这个|的)$"
)
_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]{3,}")
_POINTING = re.compile(r"^(?:那个|这个|那|这|的|项目)+")


def take_project_indicator(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """信息化运维驻场人数定的多少 (驻场人员数量), 远程教育运维那个平台故障处理率 (平台故障处置率): with one project named
    and no indicator read, words left over that end like a measure are that project's indicator whose name sounds
    closest (``SIMILAR``, clearly before the next); taken whole, and said how it was read (``corrected``). First,
    审计几家事业单位: an indicator asked in the words of a count (`assistant.qa.counted_names`)."""
    text, cues = take_counted_indicator(text, cues, lexicon, cues.project)
    if not cues.project or cues.versus or cues.indicator_name or cues.level1 or cues.level2:
        return text, cues
    if cues.header_fields or cues.section or cues.rows or cues.funding_field or cues.mentions:
        return text, cues
    held = tuple(
        dict.fromkeys(
            name
            for content in lexicon.contents
            if content.name == cues.project
            for label, written in content.places
            if label == "指标"
            for name in written.split("\n")
        )
    )
    for found in _RUN.finditer(text):
        words = _POINTING.sub("", _ASKING.sub("", found.group()))
        if len(words) < 3 or not _MEASURE_END.search(words) or words in held:
            continue
        scored = sorted(((_sounds_like(words, name), name) for name in held), reverse=True)
        if not scored or scored[0][0] < SIMILAR or len(scored) > 1 and scored[1][0] > scored[0][0] - CLEAR:
            continue
        name = scored[0][1]
        start = found.start() + found.group().find(words)
        shown = (*cues.corrected, (words, name))
        return text[:start] + CUT + text[start + len(words) :], replace(cues, indicator_name=name, corrected=shown)
    return text, cues


def _sounds_like(words: str, name: str) -> float:
    """How closely ``words`` sound like the indicator ``name`` (difflib ratio over their readings), or like its end
    of the same length where four characters or more are written (故障处理率 for 平台故障处置率)."""
    heard = sounds(words)
    whole = SequenceMatcher(None, heard, sounds(name)).ratio()
    if len(words) < TAIL_LEAST or len(name) <= len(words):
        return whole
    return max(whole, SequenceMatcher(None, heard, sounds(name[-len(words) :])).ratio())


TAIL_LEAST = 4  # characters written for a measure to be matched against a name's end
