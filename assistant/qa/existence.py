"""What an existence question (有没有…项目, …有先例吗, …以前有人报过没) asks about, settled against what the forms write.

The readers before this one match the thing asked about to a project's name or to the forms' text, and may keep
only part of the words: the name matcher drops characters no name holds (虚拟专网运维 → 网运维, a project that runs a
网络体系), the content matcher keeps the words some form holds (视频会议系统 → 会议), and a condition keeps its verb
(做课题). Here the words as written decide:

- where the forms write the words (less a leading verb: 做课题 → 课题; or their longest head written verbatim: 虚拟专网
  of 虚拟专网运维), the answer lists the forms that write them (``mentions``; the answer's head says what was found);
- where a word written before the matched part is in no form's text with it (视频 of 视频会议系统), the thing asked
  about is absent (``unknown_kind``): 语料库中没有…, with the forms that write some of its words as the nearest.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from assistant.qa.content_names import Content
from assistant.qa.cues import Cues
from assistant.qa.lexicon import Lexicon
from assistant.qa.mentions import holds, squash

# A verb before the thing done (做课题, 搞小程序, 用人脸识别): the forms write the thing, not the verb with it.
_VERB = re.compile(r"^(?:做|搞|弄|用|上|建|办|管(?!理)|负责|开展|进行|实施|采用|使用)")  # 管保洁: 保洁 (管理 is a word)
# Words before the thing that say nothing of it (请问, 有没有人做过, 以前…).
_CHATTER = re.compile(
    r"^(?:请问|麻烦|帮我查下|帮我查一下|帮我|查下|查一下|有没有|是否有|有无|有没|以前|之前|过去|往年|历年|曾经|有人|有单位|"
    r"人|单位|做过|报过|搞过|申报过|申请过|干过|弄过|做|搞|弄|有|也|都|还|的|了|过|跟|和|与|关于)+"
)
_FOR = re.compile(r"^(?:给|帮|为|替)|(?:做|搞|弄|建|办|开发)的?$")  # 给老干部做…: the verb and 给 say nothing of it
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+$")
# What is done with a thing (通知, 测评, 运维…), after it: the forms may write the thing with another such word
_ACTION_TAIL = re.compile(
    r"(?:通知|提醒|推送|发送|服务|功能|模块|测评|评测|检测|测试|运维|维护|改造|升级|采购|开发|评估|评价|验收|审计|监理|咨询)+$"
)
_GENERIC_TAIL = re.compile(r"(?:系统|平台|项目|工程|相关|方面|之类|这类|类)+$")
MIN_HEAD = 2  # characters of a thing's head that the forms must write


def _texts(contents: tuple[Content, ...]) -> list[str]:
    """Each project's text as the mentions filter reads it (`mentions.squash`: no spaces, no quotation marks)."""
    return ["".join(squash(text) for _, text in content.places) for content in contents]


def _held(phrase: str, texts: list[str]) -> bool:
    return any(phrase in text for text in texts)


def settle_existence(cues: Cues, full: str, lexicon: Lexicon) -> Cues:
    """The cues of an existence question with the thing asked about as the forms write it (``mentions``) or as absent
    (``unknown_kind``); other questions' cues unchanged. ``full``: the question as read before names were taken."""
    if not cues.exists:
        return cues
    texts = _texts(lexicon.contents)
    places = [text for content in lexicon.contents for _, text in content.places]
    if cues.mentions and not _held(cues.mentions, texts):  # 做课题: the forms write 课题
        bare = _VERB.sub("", cues.mentions)
        if len(bare) >= MIN_HEAD and _held(bare, texts):
            return replace(cues, mentions=bare, corrected=(*cues.corrected, (cues.mentions, bare)))
        if _spread(bare, list(lexicon.projects)) or any(holds(place, bare, loose=True) for place in places):
            return cues  # 党费缴纳系统: a name written short, or both halves in one place, which the listing finds
        return _written_topic(cues, bare, texts, places)  # 等级保护测评: the forms write 等级保护
    if cues.unknown_kind and cues.project and (core := _core_written(cues.unknown_kind, texts)) is not None:
        # 机房换交换机那块有项目吗: a form matched by some of the words, and the thing itself is written (交换机)
        unnamed = replace(cues, project=None, versus=None, matched=(), matched_how=None, project_years=0)
        return replace(
            unnamed, unknown_kind=None, mentions=core, corrected=(*cues.corrected, (cues.unknown_kind, core))
        )
    if (absent := cues.unknown_kind or cues.unknown_subject) and not cues.project:  # 虚拟专网运维有先例吗: no name
        return _absent_written(cues, absent, texts, places, lexicon.projects)  # fits; the forms write 虚拟专网
    named = (cues.project, cues.declaration_id, cues.unit, cues.unknown_subject, cues.unknown_project)
    if not any(named) and cues.project_type is None and cues.category is None and not cues.mentions:
        if (asked := _ASKED_FIRST.match(full)) is not None:  # 公务用车这块有人报过没: the thing, then the asking
            thing = _VERB.sub("", _LEADING_ASK.sub("", asked["x"] or asked["y"]))  # 做公务用车: 公务用车
            if _held(thing, texts):
                return replace(cues, mentions=thing)
            if len(thing) < MIN_HEAD:
                return cues
            found = _written_topic(cues, thing, texts, places)
            # 充电桩有人做过吗: a thing no form writes, nor a head of it, is absent, never every form listed
            return found if found is not cues else replace(cues, unknown_kind=thing)
    if not cues.project or len(cues.matched) != 1:
        return cues
    written, name = cues.matched[0]
    at = full.find(written)
    if at < 0 or written == name:
        return cues
    unnamed = replace(cues, project=None, versus=None, matched=(), matched_how=None, project_years=0)
    if (asked := _ASKED_FIRST.match(full)) is not None:  # 党员体检有人报过没: 党员体 of a name, 党员体检 of a form
        thing = _LEADING_ASK.sub("", asked["x"] or asked["y"])
        if written in thing and thing not in name and _held(thing, texts):
            return replace(unnamed, mentions=thing)
    run = _CHINESE_RUN.search(full[:at])
    before = _FOR.sub("", _CHATTER.sub("", run.group())) if run else ""  # 帮人大做: 人大 (a unit), for whom
    if len(before) < MIN_HEAD or any(before in held for held in (*lexicon.projects, *lexicon.units)):
        return cues  # nothing written before the matched words but asking words (有没有做过信访平台这类项目)
    thing = before + written
    if _held(core := _GENERIC_TAIL.sub("", thing), texts) and len(core) >= MIN_HEAD:
        return replace(unnamed, mentions=core, corrected=(*cues.corrected, (thing, core)))
    head = next((thing[:end] for end in range(len(thing), len(before), -1) if _held(thing[:end], texts)), None)
    if head is not None:  # 虚拟专网运维: the forms write 虚拟专网 (an 运维 form's network), not the whole phrase
        return replace(unnamed, mentions=head, corrected=(*cues.corrected, (thing, head)))
    return replace(unnamed, unknown_kind=thing)  # 视频会议系统: 视频会议 is in no form (电子会务 is another thing)


# 公务用车这块有人报过没, 人脸识别方面以前有人做过吗: the thing asked about, written first
_ASKED_FIRST = re.compile(
    r"^(?:请问|麻烦问下|问下)?(?!有没|有无|是否|以前|之前|过去|往年|历年|曾经)(?P<x>[\u4e00-\u9fffA-Za-z]{2,12}?)(?:这一?块|这方面|方面|这类|这种|相关)?的?"
    r"(?:活儿?|事儿?|事情)?"  # 管档案的活儿有哪个项目干过: the thing, less the word for work
    r"(?:以前|之前|过去|往年)?(?:有没有|有)?(?:哪个|哪一个)?(?:人|单位|项目|申报表)?(?:报过|做过|搞过|申报过|申请过|干过|弄过)"
    # 做公务用车的 有没有这样的项目, 公务用车 有这类项目吗: the thing, then whether such projects exist
    r"|^(?:请问|麻烦问下|问下)?(?P<y>[\u4e00-\u9fffA-Za-z]{2,12}?)的?(?:项目)?(?:以前|之前|过去|往年)?"
    r"(?:有没有|有无|是否有|有)(?:这样|这种|这类|这一类|这方面|此类|类似|相关)的?(?:项目|申报表|先例)"
)
_KIND_WORDS = re.compile(r"[那这一之]?[种类]的?(?:东西|玩意儿?)|[那这](?:种|类|样)|之类|一类|东西$")
_MONEY_TAIL = re.compile(r"的?(?:费用|经费|资金|钱)$")


def _bare_thing(kind: str) -> str:
    """做电子席卡表决那种系统 → 电子席卡表决系统, 印内刊的费用 → 印内刊: the thing, less the verb before it, the words saying
    "that kind", and the money asked for it."""
    return _MONEY_TAIL.sub("", _KIND_WORDS.sub("", _VERB.sub("", _ENDING.sub("", kind))))


# A verb of buying, laying or hiring before the thing (买服务器, 布光缆, 采购空调, 请律师): the forms write the thing
_HANDLING = re.compile(r"^(?:买|购买|购置|采购|布|布设|铺|铺设|装|安装|租|租用|请|聘请|雇|换|更换)")


def _handled(thing: str, texts: list[str]) -> str:
    """The thing less a verb of buying, laying or hiring before it, where the forms write it so and not as asked."""
    bare = _HANDLING.sub("", thing)
    return bare if bare != thing and len(bare) >= MIN_HEAD and _held(bare, texts) and not _held(thing, texts) else thing


_LEADING_ASK = re.compile(r"^(?:请问|麻烦|帮我查下|帮我|查下|看看|以前|之前|过去|往年)+")
_ENDING = re.compile(r"(?:有|吗|呢|没有?|的|了|过)+$")
HEAD_SHARE = 0.6  # of a thing's characters its head written verbatim must keep (虚拟专网 of 虚拟专网运维)


def beside(modifier: str, rest: str, places: list[str]) -> bool | None:
    """Whether a place of the forms writes ``rest``, what follows ``modifier`` in the thing asked (体检 of 老干部体检),
    beside the modifier: False where none does (the modifier then says whose or which another thing is, and dropping
    the rest would answer about that other thing), or where the forms never write the rest; None where the rest only
    says what is done with the thing (运维 of 虚拟专网运维)."""
    head = _ACTION_TAIL.sub("", squash(rest))
    if len(head) < MIN_HEAD:
        return None
    return any(head in squash(place) and squash(modifier) in squash(place) for place in places)


def _written_head(cues: Cues, thing: str, texts: list[str], places: list[str]) -> Cues | None:
    """The cues asking for the forms that write the thing's longest head (``HEAD_SHARE`` of it at least, three
    characters or more), said how it was read; the thing whole where a place writes what follows the head beside it;
    None where no form writes such a head, or none writes what follows it beside it (老干部食堂: 食堂 is another form's)."""
    least = max(3, math.ceil(HEAD_SHARE * len(thing)))
    head = next((thing[:end] for end in range(len(thing), least - 1, -1) if _held(thing[:end], texts)), None)
    if head is None or (together := beside(head, thing[len(head) :], places)) is False:
        return None
    if together:  # 老干部体检: one place writes both, which the listing quotes
        return replace(cues, unknown_kind=None, mentions=thing)
    return replace(cues, unknown_kind=None, mentions=head, corrected=(*cues.corrected, (thing, head)))


def _absent_written(cues: Cues, absent: str, texts: list[str], places: list[str], projects: tuple[str, ...]) -> Cues:
    """A thing read as absent (a kind of project, a purpose of money: 印发内刊的钱以前报过没) that the forms write
    as it is or otherwise (``_written_topic``): the forms writing it asked for; else the cues unchanged, and so
    where the thing is a project's name written short (党费缴纳系统: 党费缴纳管理系统), which later readers match."""
    thing = _handled(_bare_thing(absent), texts)
    if _spread(thing, list(projects)):
        return cues
    cleared = replace(cues, unknown_kind=None, unknown_subject=None)
    if len(thing) >= MIN_HEAD and _held(thing, texts):
        said = ((absent, thing),) if thing != absent else ()
        return replace(cleared, mentions=thing, corrected=(*cues.corrected, *said))
    found = _written_topic(cleared, thing, texts, places)
    if found is cleared and (core := _core_written(thing, texts)) is not None:  # 老干部家属信息: 家属信息 is written
        return replace(cleared, mentions=core, corrected=(*cues.corrected, (absent, core)))
    return cues if found is cleared else found


# Verbs and particles between whom a thing is for and the thing (人大机关换网络, 老干部的家属信息)
_BETWEEN = re.compile(r"(?:换|更换|买|购买|采购|管|管理|做|搞|建|装|租|用|给|为|的)+$")
_LEADING_VERB = re.compile(r"^(?:管|管理|换|更换|给|为|替)")


def _core_written(thing: str, texts: list[str]) -> str | None:
    """The longest end of a thing the forms write (人大机关换思科网络 → 思科网络, 老干部家属信息 → 家属信息) where what
    comes before it says whose or what it is (人大机关, 老干部) and every form writing the end writes that too (or only
    a verb comes before it); None otherwise: a thing whose first words no form writes with it is absent (视频会议)."""
    bare = _LEADING_VERB.sub("", _HANDLING.sub("", _VERB.sub("", _bare_thing(thing))))
    for start in range(1, len(bare) - MIN_HEAD + 1):
        core = bare[start:]
        if not _held(core, texts):
            continue
        before = bare[:start]
        modifier = _BETWEEN.sub("", before)
        if not modifier and before:
            return core  # 换思科网络: only a verb before the thing
        holders = [text for text in texts if core in text]
        fits = len(modifier) >= MIN_HEAD and all(modifier in text for text in holders)
        return core if fits else None
    return None


def _written_topic(cues: Cues, thing: str, texts: list[str], places: list[str]) -> Cues:
    """``_written_head``; else, where the thing ends with what is done with it (短信推送服务: 推送, 服务) and the forms
    write what is left (短信, written with 提醒 and 发送), the cues asking for that, said how it was read; else the
    forms' own wording of it (``_spread``); else the thing less that ending where one place of a form writes both its
    halves (电子席卡表决: “电子席卡、报到、发言、表决”), which the listing then finds the same way."""
    headed = _written_head(cues, thing, texts, places)
    if headed is not None:
        return headed
    core = _ACTION_TAIL.sub("", thing)
    if core != thing and len(core) >= MIN_HEAD and _held(core, texts):
        return replace(cues, unknown_kind=None, mentions=core, corrected=(*cues.corrected, (thing, core)))
    spread = next((span for word in (thing, core) if (span := _spread(word, texts))), None)
    if spread is not None:
        return replace(cues, unknown_kind=None, mentions=spread, corrected=(*cues.corrected, (thing, spread)))
    functions = _GENERIC_TAIL.sub("", core)  # 表决系统: a system named by what it does, the forms list its functions
    if functions == core or len(functions) < 2 * MIN_HEAD:
        return cues  # 档案数字化: no system named; the rows writing it otherwise (电子化) are found later
    if any(holds(place, functions, loose=True) for place in places):
        return replace(cues, unknown_kind=None, mentions=functions, corrected=(*cues.corrected, (thing, functions)))
    return cues


SPREAD_LEAST = 3  # characters of a thing found with other characters between its own
SPREAD_GAP = 2  # other characters at most between two of its own (机房空调 in 机房精密空调); one for three (印发内刊)
_IN_WORD = r"[^，,。；;：:、（）()\s“”]"  # the characters between are in the same run of words, no punctuation


def _spread(thing: str, texts: list[str]) -> str | None:
    """The forms' own wording of a thing written with its characters in order and a few others between them (机房空调:
    机房精密空调), the wording most forms use; None for a shorter thing or none found."""
    if len(thing) < SPREAD_LEAST:
        return None
    gap = SPREAD_GAP if len(thing) > SPREAD_LEAST else 1
    pattern = re.compile(f"{_IN_WORD}{{0,{gap}}}?".join(map(re.escape, thing)))
    found = Counter(span for text in texts for span in {m.group() for m in pattern.finditer(text)})
    return max(found, key=lambda span: (found[span], -len(span))) if found else None
