"""Existence asked around the thing (issue 24): the thing written first and the asking after it (IPTV平台 哪个项目涉及过,
援派干部 有哪个项目的钱用在这上面, 食堂 的 有项目吗), or the asking on both sides of it (哪些项目提到发短信 有吗).

The asking words (有吗, 涉及过, 提到, 有哪个项目…用在这上面) are no part of the thing; what is left is looked up in what
the forms write (name, sections, indicators with their values, 项目构成 and 制度保障 rows):

- written as asked (spaces and quotation marks aside), or less a verb before it (发短信 → 短信, 搞直播 → 直播), an inner
  的 (机关的食堂 → 机关食堂) or a word of what is done with it (短信推送服务 → 短信): the forms writing that are listed;
- else the thing is kept whole, and the listing finds the places that write its modifier and its head in one clause
  (对口援派干部: “援派干部培训 持续提高对口支援工作质效”). Where no clause does, the thing is not in the forms, whatever
  its parts say elsewhere (老干部食堂: 老干部 is one form's subject, 食堂 another's): 没有, with those parts shown as
  not the thing. A fragment of a word is no word either (物联网 is not 联网).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.qa.cues import Cues
from assistant.qa.existence import settle_existence
from assistant.qa.lexicon import Lexicon
from assistant.qa.mentions import holds, squash
from assistant.qa.models import Target

if TYPE_CHECKING:  # parse reads existence questions with `written_apart` from here
    from assistant.qa.parse import Reading

_THING = r"(?P<x>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,15}?)"
# Words after the thing that say "this matter" (这块, 方面, 的活儿), never part of it
_SOFT = r"(?:这一?块|那一?块|这方面|方面|相关|之类|这类|一类)?的?(?:活儿?|事儿?|事情|东西)?"
_HELD = r"(?:涉及|提到|提及|提|写到|写|用到|用|包含|包括|含|做|搞|报|申报|申请|干|弄|碰|出现|沾边|讲到|说到|谈到)(?:过|了|到)*"
# Words between the thing and the asking that say where or when, never what (库里, 以前有人)
_FILL = r"(?:(?:整个|全部|全)?(?:语料)?库(?:里面?|里头|中)?|以前|之前|过去|往年|历年|曾经|咱们|我们)*"
_END = r"(?:吗|嘛|么|没有?|不|呢)?(?:啊|呀)?$"
_WHO = r"(?:有没有|有)?(?:哪个|哪些|哪一个|哪几个|什么)?(?:项目|申报表)(?:里|中|里面)?(?:有|都|也|曾经?)?"
# 哪个项目涉及过 / 有项目涉及吗 / 有没有项目做过
_AFTER_HELD = re.compile(f"(?:^|\\s){_THING}\\s*{_SOFT}\\s*{_FILL}\\s*{_WHO}{_HELD}{_END}")
# 有哪个项目的钱用在这上面 / 有项目的经费花在这方面吗
_AFTER_MONEY = re.compile(
    f"(?:^|\\s){_THING}\\s*{_SOFT}\\s*{_FILL}\\s*有(?:没有)?(?:哪个|哪些|哪一个|哪几个)?(?:项目|申报表)的?(?:钱|经费|资金|预算)"
    r"(?:是|有)?(?:用在|花在|投在|用于|花到|用到|投到|投入到?|落在)(?:这上面|这上头|这方面|这块|这里|这儿|这上|这个上面?)"
    f"(?:了|过)?{_END}"
)
# 的 有项目吗 / 有没有项目
_AFTER_ANY = re.compile(f"(?:^|\\s){_THING}\\s*{_SOFT}\\s*{_FILL}\\s*(?:有没有|有)(?:项目|申报表){_END}")
# 买过拍摄设备的项目有吗 / 租了…的申报表有没有: a thing done before (an action verb with 过/了), then the asking; other
# things before 的项目有吗 are read by the readers before this one (跟信访有关, 写了招投标)
_DONE = r"(?:购买|采购|购置|租用|使用|安装|开发|买|租|用|装|搞|办|请|拍)(?:过|了)"
_PROJECTS_THEN_ASK = re.compile(
    f"(?:^|\\s)(?=(?:{_DONE})){_THING}\\s*{_SOFT}\\s*的?(?:项目|申报表)\\s*{_FILL}\\s*(?:有吗|有没有|有没|有么|有嘛|有不|有无)(?:啊|呀)?$"
)
# 哪些项目提到发短信 有吗
_AROUND = re.compile(
    f"(?:^|\\s)(?:请问)?(?:哪些|哪个|哪几个|哪一个|有没有|有)(?:项目|申报表)(?:里|中|里面)?{_HELD}{_THING}"
    r"\s*(?:的|这块|方面)?\s*(?:有吗|有没有|有没|有么|有嘛|没有|吗)(?:啊|呀)?$"
)
# A thing holding these is no thing but another question (a year, an amount, a field, indicators, a pointer)
_NOT_A_THING = re.compile(
    r"\d|年|多少|几|哪|什么|啥|谁|指标|钱|经费|资金|预算|金额|负责人|联系|电话|日期|那个|这个|那笔|这笔|那套|这套|项目"
)
# A verb before the thing done, bought or sent (发短信, 搞直播, 做课件, 交党费): the forms write the thing
_VERB = re.compile(
    r"^(?:(?:给|为|帮|替)(?:人|别人|他人|大家)?)?"  # 给人做体检: for whom it is done says nothing of the thing
    r"(?:发送|发|打|录制|录|拍摄|拍|开发|开展|开|交|办|做|搞|弄|用|上|建|管|装|买|租|请|购买|采购|使用|采用|给|为|帮)"
    r"(?:过|了)?"  # 买过拍摄设备, 搞了直播: the past said, no part of the thing
)
# What is done with a thing, after it (短信推送服务, 人脸识别系统): the forms may write the thing with other words
_ACTION_TAIL = re.compile(
    r"(?:通知|提醒|推送|发送|服务|功能|模块|测评|评测|检测|测试|运维|维护|改造|升级|采购|开发|评估|评价|验收|审计|监理|咨询|系统|平台|相关)+$"
)
MIN_THING = 2  # characters a thing keeps after its verb or tail is dropped


def asked_around(question: str) -> tuple[str, bool] | None:
    """(the thing, whether the question asks existence) where the question asks whether the forms write a thing around
    it; None for other questions."""
    text = re.sub(r"[？?。！!，,]+$", "", " ".join(question.split()))
    for pattern in (_AFTER_MONEY, _AFTER_HELD, _AFTER_ANY, _PROJECTS_THEN_ASK, _AROUND):
        found = pattern.search(text)
        if found is None:
            continue
        thing = found["x"]
        if _NOT_A_THING.search(thing):
            return None
        return thing, True
    return None


def written_thing(thing: str, texts: tuple[str, ...]) -> str:
    """The thing as the forms write it (see the module): as asked, less a verb before it, an inner 的 or a word of what
    is done with it; else as asked, for the listing to find its parts in one clause or say none does."""
    squashed = squash(thing)
    candidates = [squashed, squashed.replace("的", "")]
    candidates += [_VERB.sub("", c) for c in list(candidates)]
    candidates += [_ACTION_TAIL.sub("", c) for c in list(candidates)]
    for candidate in dict.fromkeys(candidates):
        if len(candidate) >= MIN_THING and any(candidate in text for text in texts):
            return candidate
    return squashed


# What may follow the words that matched a name and still be the thing asked about, up to the asking
_FOLLOWING = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,8}?(?=的|这|那|类|项目|方面|相关|之类|吗|呢|没|有|$)")
_ASKING_AFTER = re.compile(r"^(?:项目|类|的|这|那|方面|相关|之类|有|没|吗|呢|做|搞|报)")


def _name_then_thing(question: str, cues: Cues, lexicon: Lexicon) -> str | None:
    """The thing an existence question asks about where a project was matched by its first words only (老干部 of
    老干部食堂): those words and the ones written right after them, which no place of that project's forms writes (nor both halves of); else None."""
    if not cues.project or len(cues.matched) != 1 or cues.declaration_id:
        return None
    written = cues.matched[0][0]
    text = "".join(question.split())
    at = text.find(written)
    if at < 0 or written == cues.project:
        return None
    following = _FOLLOWING.match(text[at + len(written) :])
    if following is None or _ASKING_AFTER.match(following.group()) or _NOT_A_THING.search(following.group()):
        return None
    word = following.group()
    own = [text for content in lexicon.contents if content.name == cues.project for _, text in content.places]
    if any(holds(place, word, loose=True) for place in own):
        return None  # 老干部信息系统: the project's own forms write it, the name was meant
    return written + word


_EITHER = re.compile(r"或者|或是|或|还是")


def either_head(thing: str, lexicon: Lexicon) -> str | None:
    """The head shared by the alternatives of a thing asked as A或B (选调生体检或考核: 选调生体检, 选调生考核) where one
    clause of a form writes either of them (halves allowed): the longest head of the first alternative that the forms
    write; None where the thing has no 或 or no alternative is written."""
    parts = [squash(p) for p in _EITHER.split(thing)]
    if len(parts) < 2 or any(len(p) < 1 for p in parts):
        return None
    first, others = parts[0], parts[1:]
    parallel = len(first) - len(others[0])  # 培训或体检: the alternatives are words of one length, the head before
    cuts = [parallel] if parallel >= MIN_THING else []
    for cut in dict.fromkeys([*cuts, *range(len(first) - MIN_THING, MIN_THING - 1, -1)]):
        head = first[:cut]
        asked = [first, *(head + other for other in others)]
        if any(_in_one_clause(alt, lexicon) for alt in asked) and _in_one_clause(head, lexicon):
            return head
    return None


_CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def _in_one_clause(thing: str, lexicon: Lexicon) -> bool:
    """Whether one clause of a form (a sentence, an indicator with its value) writes both halves of the thing (信访短信:
    “实现网上信访，提供网络、电话、短信…”), as the listing finds them."""
    for content in lexicon.contents:
        clauses = [c for _, text in content.places for c in _CLAUSE_END.split(text)]
        clauses += [f"{name}{value}" for name, value in content.measures]
        if any(holds(clause, thing, loose=True) for clause in clauses):
            return True
    return False


def _texts(lexicon: Lexicon) -> tuple[str, ...]:
    """Each form's text as the mentions filter reads it: its places, and its indicators with their values."""
    out = []
    for content in lexicon.contents:
        parts = [text for _, text in content.places] + [f"{name}{value}" for name, value in content.measures]
        out.append(squash("\n".join(parts)))
    return tuple(out)


def with_asked_around(question: str, cues: Cues, lexicon: Lexicon) -> Cues:
    """The cues of a question asking whether the forms write a thing (see the module): the projects that write it
    listed (``mentions``, and ``exists`` where asked so), the name or kind read from its parts dropped; other
    questions' cues unchanged."""
    asked = asked_around(question)
    if asked is None and cues.exists and (after := _name_then_thing(question, cues, lexicon)) is not None:
        asked = (after, True)  # 有没有做过老干部食堂的项目: 食堂, which no 老干部 form writes, is the thing
    if asked is None or cues.declaration_id or cues.follow_up:
        return cues
    thing, exists = asked
    if thing in lexicon.projects or any(thing in unit for unit in lexicon.units):
        return cues  # a project or unit named whole: the readers before this one know it
    cleared = _cleared(cues, exists)
    texts = _texts(lexicon)
    if (head := either_head(thing, lexicon)) is not None:  # 选调生体检或考核: 选调生, where either is written
        return replace(cleared, mentions=head, corrected=(*cleared.corrected, (thing, head)))
    written = written_thing(thing, texts)
    if not any(written in text for text in texts) and not _in_one_clause(written, lexicon):
        # 印内刊的费用, 布光缆: the forms' own wording (印发内刊, 光缆), if any; else the thing whole, which no form has
        settled = settle_existence(replace(cleared, exists=True, unknown_kind=thing), question, lexicon)
        if settled.mentions:
            return replace(settled, exists=exists)
    said = ((thing, written),) if written != squash(thing) else ()
    return replace(cleared, mentions=written, corrected=(*cleared.corrected, *said))


_ASKING_LEFT = re.compile(r"[有吗呢么嘛没]+")


def _cleared(cues: Cues, exists: bool) -> Cues:
    """The cues listing projects by what they write, the names, kinds and fields read from the thing's parts dropped,
    and any reading of asking words as part of the thing (短信提醒有 read as 短信提醒: never said)."""
    corrected = tuple(
        (w, m) for w, m in cues.corrected if not (w.startswith(m) and _ASKING_LEFT.fullmatch(w[len(m) :]))
    )
    return replace(
        cues,
        corrected=corrected,
        target=Target.LIST_PROJECTS,
        exists=exists,
        mentions=None,
        project=None,
        unknown_project=None,
        unknown_kind=None,
        unknown_subject=None,
        versus=None,
        matched=(),
        matched_how=None,
        ambiguous=(),
        candidates=(),
        project_years=0,
        header_fields=(),
        indicator_name=None,
        funding_field=None,
    )


def read_around(question: str, reading: Reading, lexicon: Lexicon) -> Reading:
    """``reading`` with the thing asked around read as what the forms must write (``with_asked_around``), sure of it."""
    cues = with_asked_around(question, reading.cues, lexicon)
    return reading if cues is reading.cues else replace(reading, cues=cues, doubts=())
