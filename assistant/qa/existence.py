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
from dataclasses import replace

from assistant.qa.content_names import Content
from assistant.qa.cues import Cues
from assistant.qa.lexicon import Lexicon

# A verb before the thing done (做课题, 搞小程序, 用人脸识别): the forms write the thing, not the verb with it.
_VERB = re.compile(r"^(?:做|搞|弄|用|上|建|办|开展|进行|实施|采用|使用)")
# Words before the thing that say nothing of it (请问, 有没有人做过, 以前…).
_CHATTER = re.compile(
    r"^(?:请问|麻烦|帮我查下|帮我查一下|帮我|查下|查一下|有没有|是否有|有无|有没|以前|之前|过去|往年|历年|曾经|有人|有单位|"
    r"人|单位|做过|报过|搞过|申报过|申请过|干过|弄过|做|搞|弄|有|也|都|还|的|了|过|跟|和|与|关于)+"
)
_FOR = re.compile(r"^(?:给|帮|为|替)|(?:做|搞|弄|建|办|开发)的?$")  # 给老干部做…: the verb and 给 say nothing of it
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+$")
_GENERIC_TAIL = re.compile(r"(?:系统|平台|项目|工程|相关|方面|之类|这类|类)+$")
MIN_HEAD = 2  # characters of a thing's head that the forms must write


def _texts(contents: tuple[Content, ...]) -> list[str]:
    return ["".join("".join(text.split()) for _, text in content.places) for content in contents]


def _held(phrase: str, texts: list[str]) -> bool:
    return any(phrase in text for text in texts)


def settle_existence(cues: Cues, full: str, lexicon: Lexicon) -> Cues:
    """The cues of an existence question with the thing asked about as the forms write it (``mentions``) or as absent
    (``unknown_kind``); other questions' cues unchanged. ``full``: the question as read before names were taken."""
    if not cues.exists:
        return cues
    texts = _texts(lexicon.contents)
    if cues.mentions and not _held(cues.mentions, texts):  # 做课题: the forms write 课题
        bare = _VERB.sub("", cues.mentions)
        if len(bare) >= MIN_HEAD and _held(bare, texts):
            return replace(cues, mentions=bare, corrected=(*cues.corrected, (cues.mentions, bare)))
        return cues
    if cues.unknown_kind and not cues.project:  # 虚拟专网运维有先例吗: no name fits; the forms write 虚拟专网
        return _written_head(cues, _ENDING.sub("", cues.unknown_kind), texts) or cues
    named = (cues.project, cues.declaration_id, cues.unit, cues.unknown_subject, cues.unknown_project)
    if not any(named) and cues.project_type is None and cues.category is None and not cues.mentions:
        if (asked := _ASKED_FIRST.match(full)) is not None:  # 公务用车这块有人报过没: the thing, then the asking
            thing = _LEADING_ASK.sub("", asked["x"])
            if _held(thing, texts):
                return replace(cues, mentions=thing)
            if len(thing) < MIN_HEAD:
                return cues
            # 充电桩有人做过吗: a thing no form writes, nor a head of it, is absent, never every form listed
            return _written_head(cues, thing, texts) or replace(cues, unknown_kind=thing)
    if not cues.project or len(cues.matched) != 1:
        return cues
    written, name = cues.matched[0]
    at = full.find(written)
    if at < 0 or written == name:
        return cues
    run = _CHINESE_RUN.search(full[:at])
    before = _FOR.sub("", _CHATTER.sub("", run.group())) if run else ""  # 帮人大做: 人大 (a unit), for whom
    if len(before) < MIN_HEAD or any(before in held for held in (*lexicon.projects, *lexicon.units)):
        return cues  # nothing written before the matched words but asking words (有没有做过信访平台这类项目)
    thing = before + written
    unnamed = replace(cues, project=None, versus=None, matched=(), matched_how=None, project_years=0)
    if _held(core := _GENERIC_TAIL.sub("", thing), texts) and len(core) >= MIN_HEAD:
        return replace(unnamed, mentions=core, corrected=(*cues.corrected, (thing, core)))
    head = next((thing[:end] for end in range(len(thing), len(before), -1) if _held(thing[:end], texts)), None)
    if head is not None:  # 虚拟专网运维: the forms write 虚拟专网 (an 运维 form's network), not the whole phrase
        return replace(unnamed, mentions=head, corrected=(*cues.corrected, (thing, head)))
    return replace(unnamed, unknown_kind=thing)  # 视频会议系统: 视频会议 is in no form (电子会务 is another thing)


# 公务用车这块有人报过没, 人脸识别方面以前有人做过吗: the thing asked about, written first
_ASKED_FIRST = re.compile(
    r"^(?:请问|麻烦问下|问下)?(?P<x>[\u4e00-\u9fffA-Za-z]{2,12}?)(?:这一?块|这方面|方面|这类|这种|相关)?的?"
    r"(?:以前|之前|过去|往年)?(?:有没有|有)?(?:人|单位)?(?:报过|做过|搞过|申报过|申请过|干过|弄过)"
)
_LEADING_ASK = re.compile(r"^(?:请问|麻烦|帮我查下|帮我|查下|看看|以前|之前|过去|往年)+")
_ENDING = re.compile(r"(?:有|吗|呢|没有?|的|了|过)+$")
HEAD_SHARE = 0.6  # of a thing's characters its head written verbatim must keep (虚拟专网 of 虚拟专网运维)


def _written_head(cues: Cues, thing: str, texts: list[str]) -> Cues | None:
    """The cues asking for the forms that write the thing's longest head (``HEAD_SHARE`` of it at least, three
    characters or more), said how it was read; None where no form writes such a head."""
    least = max(3, math.ceil(HEAD_SHARE * len(thing)))
    head = next((thing[:end] for end in range(len(thing), least - 1, -1) if _held(thing[:end], texts)), None)
    if head is None:
        return None
    return replace(cues, unknown_kind=None, mentions=head, corrected=(*cues.corrected, (thing, head)))
