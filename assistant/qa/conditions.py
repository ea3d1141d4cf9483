"""Existence and conditional questions, and kinds of project the corpus lacks.

- A condition (哪些项目用了/用到/包含/涉及/提到 X, 用了 X 的项目有哪些) filters the declarations by what they write:
  X is looked up in each form's text (`assistant.qa.mentions`), never ignored; none found is said, with the forms
  that write parts of X.
- An existence question (有没有/是否有/有无 … 项目/先例) is answered 有 with the matching declarations, or
  语料库中没有… with the nearest real candidates.
- A kind of project named before 项目/先例 (老年助餐项目的满意度指标…) that is no project, type, unit or category of
  the corpus is refused: nothing is computed from other projects in its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from assistant.qa.content_names import Content, match_content
from assistant.qa.cues import CUT, MONEY, Cues
from assistant.qa.entities import Names, informative
from assistant.qa.entities import match as match_name
from assistant.qa.fragments import fragment_matched
from assistant.qa.intents import intent_words
from assistant.qa.lexicon import FUNDING_TERMS, HEADER_TERMS, LEVEL_TERMS, ROW_TERMS, SECTION_TERMS
from assistant.qa.mentions import holds
from assistant.qa.models import Answer, Target
from assistant.qa.reading import without_chatter

_STOPS = re.escape(CUT + MONEY) + "？?。，,！!、：:；;（）()\\s"
_RUN = f"[^{_STOPS}]"
_VERB = (
    r"(?:用了|用到了?|用过|使用了?|采用了?|运用了?|应用了?|引入了?|引进了?|含有|包含了?|包括了?|涵盖了?|涉及到?了?|"
    r"提到了?|提及了?|写到了?|讲到了?|说到了?|谈到了?|谈及了?|写了|出现了?|开展了?|购买了?|采购了?|委托了?|聘请了?|安排了?|做了)"
)
_WHICH = r"(?:哪些|哪几个|哪一个|哪个|什么|啥|几个|多少个?|有没有|是否有|有无|有没|^有(?=项目.*吗))"
_HOLDER = r"(?:项目|申报表)"
# 哪些项目用了 X / 有几个项目提到了 X / 有没有项目涉及 X
_PLACE = f"(?:的?{_RUN}{{0,6}}?(?:里面|里|中|当中))?"  # 哪些项目的指标里提到了 X: where is searched is the whole form
_CONDITION_AFTER = re.compile(f"{_WHICH}{_HOLDER}{_PLACE}(?:都|还|也|曾经?)?是?(?P<v>{_VERB}|有)(?P<x>{_RUN}+)")
# 用了 X 的项目有哪些 / 有没有用到 X 的项目
_CONDITION_BEFORE = re.compile(
    f"(?P<v>{_VERB})(?P<x>{_RUN}+?)[{re.escape(CUT + MONEY)}]?(?:的|之)(?:都|有|是)*(?:哪些|哪几个|哪个|几个|多少个?)?"
    f"(?:项目|申报表|{re.escape(MONEY)})"  # 提到培训的项目资金加起来多少: 项目资金 was read as the money asked (¤)
)
# 跟 X 有关的项目有哪些 / 哪些项目与 X 相关: related to what the forms write (沾边, 挂钩, 搭边: said so too)
_RELATED_WORDS = "有关|相关|沾边|沾点边|搭边|挂钩|有联系|有关系|相干"
_RELATED_BEFORE = re.compile(
    f"(?:跟|和|与|同)?(?P<x>{_RUN}+?)(?P<v>{_RELATED_WORDS})(?:的|之)(?:都|有|是)*(?:哪些|哪几个|哪个|几个|多少个?)?(?:项目|申报表)"
)
_RELATED_AFTER = re.compile(f"{_WHICH}{_HOLDER}{_PLACE}(?:跟|和|与|同)(?P<x>{_RUN}+?)(?P<v>{_RELATED_WORDS})")
# 项目里有没有用到 X
_CONDITION_HOLDER_FIRST = re.compile(
    f"{_HOLDER}{_PLACE}(?:有没有|是否|有无|有哪些|哪些|哪个)(?:项目)?(?P<v>{_VERB})(?P<x>{_RUN}+)"
)
# 维修这一块 哪张表里有写, 保洁 在哪份申报表里提到过, 驻场这方面 哪些项目写了: the thing first, then which forms write it
_WRITTEN_WHERE = re.compile(
    f"^(?P<x>{_RUN}{{2,14}}?)(?:这一?块|这方面|方面|相关|的内容|这些?)?的?[{re.escape(CUT)}]?(?:在|是)?"
    r"(?P<v>哪(?:张|份|个|些|几张|几份|几个)(?:表|申报表|项目)(?:里面|里|中|当中)?(?:有|都|还|也)?"
    r"(?:写|写了|写到|写过|写有|提到|提过|提及|涉及|出现)过?了?)"
)
# 跟税务局数据打通的, 和审计局系统对接的项目: what a project links with, written in its form (市税务局), no filer
_LINKING = r"(?:打通|对接|共享|连接|连通|互通|互联|联网|联通|衔接|接入|同步)(?:了|过|上)?"
_BODY = r"(?:委员会|局|厅|委|办公室|中心|部门|政府|机关)"  # what is linked with: a body (not 那条, 那个平台)
_LINKED_WITH = re.compile(
    f"(?:跟|和|与|同)(?P<x>{_RUN}{{0,12}}?(?:{_BODY}|系统|平台))的?(?:数据|系统|平台|信息|业务|网站)?(?P<v>{_LINKING})"
)
# 对接税务局的项目, 哪些项目对接了人力资源社会保障局: the verb first
_LINKED_TO = re.compile(f"(?P<v>{_LINKING})(?P<x>{_RUN}{{0,12}}?{_BODY})(?=的|$|[{_STOPS}])")
_EXIST_WORD = r"(?:有没有|是否有|有无|有没|是不是有|可有)"
_WHOSE = f"{_EXIST_WORD}[^？?。，,]{{2,20}}的(?:吗|呢|啊)?[？?]?$"  # 有没有给老干部做信息系统的: projects that do so
_KIND_TAIL = r"(?:这一?类|这种|这样|一类|之类|类|方面|相关|有关|性质|领域)?的?"
_HOLDERS = r"(?:项目|先例|申报表|案例|例子)"
_PAST = r"(?:人|单位)?(?:做过|申报过|报过|搞过|申请过|立过项|干过)?"
# 有没有老年助餐类项目的先例 / 以前有没有做过信访平台这类项目 / 是否有养老服务方面的项目
_EXIST_BEFORE = re.compile(f"{_EXIST_WORD}{_PAST}(?:跟|和|与|同)?(?P<x>{_RUN}*?){_KIND_TAIL}{_HOLDERS}")
_DONE = r"(?:做过|申报过|报过|搞过|申请过|干过|弄过)"
_EXIST_WHOSE = re.compile(
    f"{_EXIST_WORD}{_PAST}(?:给|帮|为|替)?{re.escape(CUT)}?(?:做|搞|弄|建|办|开发)?(?P<x>{_RUN}+?)的(?:吗|呢|啊)?[？?]?$"
)
# 有没有人做过党费缴纳系统 / 以前有单位申报过智慧养老平台项目吗: existence without 项目 or 先例
_EXIST_DONE = re.compile(
    f"(?:{_EXIST_WORD}|有)(?:人|单位)?{_DONE}(?P<x>{_RUN}+?){_KIND_TAIL}(?:{_HOLDERS})?(?:吗|呢|没有|$|(?=[{_STOPS}]))"
)
_ASKED = f"(?<=项目)有吗|(?<![哪那这])有(?!哪)[^？?。，,]{{1,14}}?项目吗|^有(?!哪)[^？?。，,]{{1,14}}?项目(?:没有?|不|么|嘛)[？?]?$|{_EXIST_WORD}|有过|{_DONE}吗|{_DONE}{_RUN}{{0,14}}?(?:没有?|吗)(?=$|[{_STOPS}])|^有(?:项目|申报表)(?=.*吗)|有(?:人|单位)?{_DONE}|有(?:没有)?(?:先例|案例|例子|参考)"
# 铺光缆的活儿有项目不 / 请保安的有项目包括吗 / 租服务器的有没有项目 / 装空调有哪个项目做过: the thing written first,
# then whether a project holds it (with the verb saying how, and a particle or 没有 asking)
_HELD_BY = r"(?:干过|做过|搞过|弄过|报过|申报过|申请过|用过|涉及过?|包含过?|包括过?|含有?|提到过?|提过|提及过?|讲过|讲到过?|说过|说到过?|写过|写到过?|碰过)"
_ASKED_LAST = (
    f"有(?:没有)?(?:哪个|哪一个)?(?:人|单位)?(?:项目|申报表){_HELD_BY}?(?:吗|嘛|么|没有?|不|呢)(?:啊|呀)?[？?]?$"
    f"|有没有(?:人|单位)?(?:项目|申报表){_HELD_BY}?[？?]?$|有(?:哪个|哪一个)(?:项目|申报表){_HELD_BY}[？?]?$"
)
# 有项目干过铺光缆的活儿没 / 有没有项目买过服务器 / 有哪个项目包含请保安吗: the asking first, then the thing
_HANDLED = r"(?:[买装布铺租请换]|采购|购买|购置|安装|铺设|聘请|更换)过"
_EXIST_FIRST = re.compile(
    f"^(?:请问)?有(?:没有)?(?:哪个|哪一个)?(?:人|单位)?(?:项目|申报表)(?:{_HELD_BY}|{_HANDLED})"
    f"(?P<x>{_RUN}+?)(?:的?(?:活儿?|事儿?|事情|东西))?(?:吗|嘛|么|没有?|不|呢)?(?:啊|呀)?[？?]?$"
)
# 涉及印刷的 有吗 / 提到信访的有没有: whether anything written touches the thing, with no word for a project
_EXIST_TOUCHING = re.compile(
    f"^(?:请问)?(?:涉及到?|提到|提及|写到|讲到|说到|关于)(?P<x>{_RUN}{{2,12}}?)(?:有关|相关)?的?(?:内容|东西|事儿?)?"
    f"(?:有吗|有没有|有没|有不|有么|有嘛)(?:啊|呀)?[？?]?$"
)
EXIST_WORDS = re.compile(
    f"{_ASKED}|{_ASKED_LAST}|{_EXIST_FIRST.pattern}|{_EXIST_TOUCHING.pattern.replace('(?P<x>', '(?:')}"
)
_EXIST_LAST = re.compile(
    f"(?P<x>{_RUN}+?){_KIND_TAIL}(?:的?(?:活儿?|事儿?|事情|东西|玩意儿?))?(?:这块|那块)?的?(?:{_ASKED_LAST})"
)
# 老年助餐类项目有没有先例 / 老年助餐项目以前有人做过吗 / 想报一个老年食堂的项目，有先例吗
_EXIST_AFTER = re.compile(f"(?P<x>{_RUN}+?){_KIND_TAIL}{_HOLDERS}(?:[^{re.escape(CUT + MONEY)}]{{0,6}}?)(?:{_ASKED})")
# 以前搞过机房改造没 / 之前做过考录系统吗: whether it was done, asked after the thing
_EXIST_PAST = re.compile(f"{_DONE}(?P<x>{_RUN}+?){_KIND_TAIL}(?:{_HOLDERS})?(?:没有|没|吗|呢)(?=$|[{_STOPS}])")
# X 项目 / X 类项目 / X 方面的项目: a kind of project named by the words before 项目.
_KIND = re.compile(f"(?P<x>{_RUN}{{2,14}}?){_KIND_TAIL}(?:项目|申报表|先例)")
# Words around a condition or a kind that say nothing of it (…的内容, …这块, 做过…, 以前…).
_LEAD = re.compile(
    r"^(?:请问|帮我查下|帮我查一下|帮我看看|帮我|麻烦|查下|查一下|有没有|是否有|有无|(?:请问)?有(?=.{2})|哪些项目|哪些|以前|之前|过去|往年|历年|曾经|还|也|都|了|到|过|(?:有)?(?:人|单位)?(?:做过|申报过|报过|搞过|申请过)|的|关于|有关|"
    r"跟|和|与|同|针对|面向|类似于?|像|比如|例如|咱们|咱|大家|有过|"
    r"(?:我们单位|我单位|我们|我)?(?:想|要|准备|打算|计划|拟)(?:申报|申请|报|做|搞|上)?(?:一个|个)?)+"
)
_TAIL = re.compile(
    r"(?:这一?类|这一?块|这种|这样|一类|之类|方面|相关|领域|等|的|之)*(?:内容|工作|技术|事项|东西|功能|情况)?"
    r"(?:的|吗|呢|啊|呀|吧|了|没有|没)*$"
)
_QUESTION = re.compile(r"最|哪|什么|啥|多少|几|怎么|如何|是否|有没有|有无|吗")
# Words before 项目 that name no kind of project (其他项目, 同类项目, 新增项目, 一次性项目…).
_NO_KIND = re.compile(
    r"^(?:其他|其它|同类|类似|相似|相同|同名|不同|别的|别人|以前|以往|往年|历年|过去|之前|新增|结转|经常性|一次性|"
    r"本单位|我们|咱们|我单位|本部门|单位|部门|处室|上述|以上|下列|各类|各个|各|所有|全部|每个|这些|那些|相关|有关|一般|通常|常见|现有|已有|现成|"
    r"特定目标|运转|专项业务|重点|主要|重大|普通|具体|单个|多个|两个|几个|上年|本年|当年|今年|去年|明年|同一|"
    r"名下|旗下|底下|下面|下属|手里|手上|那边|这边)+$"  # 党建服务中心名下的项目: whose projects, not a kind
)
_COUNTED = re.compile(r"^[一二两三四五六七八九十几\d]+[个项份家]?$")
_QUOTES = re.compile("[“”\"'「」『』‘’]")
_POINTING = "这那该此本其它哪每各"  # 这两个项目, 该项目: the words point at projects, they name no kind
# 前面说的项目, 刚才提到的项目: the projects the conversation spoke of, no kind.
_REFERS = re.compile(
    r"^(?:前面|上面|刚才|刚刚|前述|上文|之前|先前|以上|上述)(?:说|讲|问|提到|提|列|列出|查)?(?:过|了)?的?$"
)
_LEVELS = re.compile(r"^(?:市级|区级|县级|市本级|本级|市属|区属)$")
# 党建服务中心实施的项目, 组织部负责申报的项目: what a unit does with its projects names no kind of project.
_DOING = re.compile(
    r"^(?:(?:负责|牵头|主管|主办|承办|承担|组织|参与|实施|执行|开展|申报|申请|报送|填报|编制|管理|立项|做|办|搞|报|建)的?)+$"
)


def take_condition(
    text: str, cues: Cues, names: Names, full: str, written: tuple[str, ...] = (), contents: tuple[Content, ...] = ()
) -> tuple[str, Cues]:
    """Read before the projects: a condition (哪些项目用了X: ``mentions``), an existence question (``exists``, read
    in ``full``, the question before any word was taken) and the kind of project it asks about where no project of
    the corpus is meant (``unknown_kind``). ``written``: the indicator names and 项目构成 rows of the corpus (有没有做过
    档案电子化的项目: 文书档案电子化 is an indicator, so the forms' text is searched, not the names). ``contents``: the
    declarations' text (有没有搞过表决系统的项目: the 电子会务系统 form describes one, so it is listed, not denied)."""
    exists = EXIST_WORDS.search(full) is not None and (
        re.search(f"{_HOLDERS}|{_DONE}|{_WHOSE}", full) is not None or _EXIST_TOUCHING.search(full) is not None
    )
    conditions = (_CONDITION_AFTER, _CONDITION_HOLDER_FIRST, _CONDITION_BEFORE, _RELATED_AFTER, _RELATED_BEFORE)
    for pattern in (*conditions, _LINKED_WITH, _LINKED_TO, _WRITTEN_WHERE):
        found = pattern.search(text)
        if found is None or not (phrase := condition_phrase(found["x"])):
            continue
        exists = exists or pattern is _WRITTEN_WHERE  # 哪张表里有写: whether any form writes it, and which
        if text[found.end("x") : found.end("x") + 1] in (CUT, MONEY):  # 合同管理｜ (制度 read as rows): the words go on
            if _SETTING.match(phrase):  # 有设置｜ (成本指标): the term is what is asked for
                continue
            phrase = _through_terms(full, phrase)
            cues = unread(cues, phrase)
        if pattern in (_RELATED_AFTER, _RELATED_BEFORE) and len(stem := _SYSTEM.sub("", phrase)) >= 2:
            phrase = (
                stem  # 考录系统相关的项目: what is about 考录 (a 考录功能模块 as well), not only the words 考录系统
            )
        start, end = min(found.start("v"), found.start("x")), max(found.end("v"), found.end("x"))
        if pattern in (_CONDITION_BEFORE, _RELATED_BEFORE):  # 提到驻场人员的项目｜有哪些指标: 的项目 is the condition's
            end = found.end()
        return _cut_span(text, start, end), replace(cues, mentions=phrase, exists=exists)
    if not exists:
        return text, cues
    for pattern in (
        _EXIST_FIRST,
        _EXIST_LAST,
        _EXIST_TOUCHING,
        _EXIST_BEFORE,
        _EXIST_AFTER,
        _EXIST_DONE,
        _EXIST_PAST,
        _EXIST_WHOSE,
    ):
        if (found := pattern.search(text)) is None:
            continue
        rest = f"{text[: found.start()]}{CUT}{text[found.end() :]}"
        if project := next((p for p in names.projects if p in (found["x"], found["x"] + "项目")), None):
            return rest, replace(cues, exists=True, project=project)  # 有没有信息化建设的项目: 信息化建设项目
        kind = kind_phrase(_written_kind(text, found))
        whole = (_EXIST_FIRST, _EXIST_LAST, _EXIST_TOUCHING)  # 挖掘机有项目嘛: the thing whole, never a part of it
        if pattern in whole and (thing := _asked_thing(kind, found["x"], names, contents)):
            return _cut_span(text, found.start("x"), found.end("x")), replace(cues, exists=True, mentions=thing)
        # 有没有做过课件制作的项目: 制作党建类远程教育课件 is an indicator (both halves in one), so the forms' text is
        # searched; so where the words fit several names (远程教育: 现代远程教育…运维, and 远教 of 党员远教电教…).
        in_names = [name for name in names.projects if kind and kind in name]
        if kind and not in_names and any(holds(w, kind, loose=True) for w in written) or _fits_several(kind, names):
            return _cut_span(text, found.start("x"), found.end("x")), replace(cues, exists=True, mentions=kind)
        if kind and (said := _modifier_written(kind, names, contents)):  # 驻场运维的项目有吗: 驻场 is written
            return _cut_span(text, found.start("x"), found.end("x")), replace(cues, exists=True, mentions=said)
        if kind is None or is_known(kind, names):  # 有没有做过信访平台这类项目: 信访平台 is read alone, not with 没有
            return f"{text[: found.start()]}{CUT}{found['x']}{CUT}{text[found.end() :]}", replace(cues, exists=True)
        by_content = None if pattern in whole else match_content(kind, contents)  # 机房改造的活儿: described
        if by_content is not None and not fragment_matched(kind, by_content.words):  # 物联网: 联网 is another word
            said = "".join(by_content.words)
            return _cut_span(text, found.start("x"), found.end("x")), replace(cues, exists=True, mentions=said)
        return _cut_span(text, found.start("x"), found.end("x")), replace(cues, exists=True, unknown_kind=kind)
    return text, replace(cues, exists=True)


def _asked_thing(kind: str | None, written: str, names: Names, contents: tuple[Content, ...]) -> str | None:
    """The thing an existence question asks about where some form writes it whole and no project's name holds it
    (人脸识别有项目包含吗: 人脸识别, not the 脸识别 a name's 人 leaves; 服务器, a word no kind is read from)."""
    thing = kind or _TAIL.sub("", _LEAD.sub("", written))
    if len(thing) < 2 or any(thing in name for name in names.projects):
        return None
    return thing if any(thing in text for content in contents for _, text in content.places) else None


def _modifier_written(kind: str, names: Names, contents: tuple[Content, ...]) -> str | None:
    """驻场运维: the words no project name holds (驻场) before or after words that fit several names and no one (运维),
    where a form writes both (驻场人员数量 in an 运维 form): what the question asks about; None otherwise."""
    trimmed = names.trim(kind)
    if len(trimmed) < 2 or trimmed == kind or match_name(trimmed, names)[0] is not None:
        return None  # 打印机: 机 (of 机关, 机房) alone is no name's word, 打印 no modifier of one
    rest = kind.removesuffix(trimmed) if kind.endswith(trimmed) else kind.removeprefix(trimmed)
    if len(rest) < 2 or rest == kind or any(rest in name for name in names.projects):
        return None
    for content in contents:  # one form writes both: 视频 and 会议系统 apart are no 视频会议系统
        text = content.name + "".join("".join(place.split()) for _, place in content.places)
        if rest in text and trimmed in text:
            return rest
    return None


_SETTING = re.compile(r"^(?:设置?|设了|设定|设有|填报?|填了|写|列|列了|安排|配置|配备)了?$")
_THROUGH = re.compile(
    f"{_RUN}*?(?=(?:的|之)(?:都|有|是)*(?:哪些|哪几个|哪个|几个|多少个?)?(?:项目|申报表)|[{_STOPS}]|$)"
)


def _through_terms(full: str, phrase: str) -> str:
    """提到合同管理制度的项目: the condition as written, through the words the vocabulary read (制度)."""
    at = full.find(phrase)
    tail = _THROUGH.match(full, at + len(phrase)) if at >= 0 else None
    return _TAIL.sub("", phrase + tail.group()) if tail else phrase


def unread(cues: Cues, phrase: str) -> Cues:
    """The cues without what the vocabulary read inside a condition's words (制度 as 制度保障 rows, 指标 as a level)."""

    def inside(terms: Iterable[str]) -> bool:
        return any(term in phrase for term in terms)

    fields = tuple(f for f in cues.header_fields if not any(t in phrase for t, named in HEADER_TERMS if f in named))
    return replace(
        cues,
        rows=None if inside(t for t, _ in ROW_TERMS) else cues.rows,
        row_name=None if cues.row_name and cues.row_name in phrase else cues.row_name,
        level1=None if inside(t for t, _, _ in LEVEL_TERMS) else cues.level1,
        level2=None if inside(t for t, _, _ in LEVEL_TERMS) else cues.level2,
        section=None if inside(t for t, _ in SECTION_TERMS) else cues.section,
        funding_field=None if inside(t for t, _ in FUNDING_TERMS) else cues.funding_field,
        indicator_name=None if cues.indicator_name and cues.indicator_name in phrase else cues.indicator_name,
        header_fields=fields,
    )


def after_a_condition(before: str) -> bool:
    """涉及培训的项目: the words before a type of project end in a verb of condition, so they are a condition on
    what the forms write, not the type."""
    return re.search(f"{_VERB}$", before) is not None


def take_kind(text: str, cues: Cues, names: Names) -> tuple[str, Cues]:
    """Read after the projects: 老年助餐项目 (a kind of project no declaration is), where nothing else was named."""
    named = (cues.project, cues.declaration_id, cues.unknown_project, cues.unknown_subject, cues.unknown_kind)
    if any(named) or cues.ambiguous or cues.mentions or cues.project_type is not None or cues.policy_id:
        return text, cues
    if cues.policy_text:
        return text, cues
    for found in _KIND.finditer(text):
        kind = kind_phrase(_written_kind(text, found))
        if kind is not None and _of_unit(kind, cues):
            continue  # 人大办公厅报的项目: 办公厅 is what is left of the unit read, 报 says it filed them
        if kind in ("指标", "绩效指标"):
            continue  # 带验收字样指标的项目: the projects are picked by their indicators, 指标 is no kind of project
        if kind is not None and not is_known(kind, names):
            return _cut_span(text, found.start("x"), found.end("x")), replace(cues, unknown_kind=kind)
    return text, cues


def _of_unit(kind: str, cues: Cues) -> bool:
    """Whether the kind is part of the unit read (人大办公厅报: 办公厅 of 上海市人民代表大会常务委员会办公厅) with a verb of
    filing after it, not a kind of project."""
    stem = re.sub(r"(?:申报|报送|上报|报|做|搞)(?:的|了)*$", "", kind)
    return bool(cues.unit and len(stem) >= 2 and stem in cues.unit)


_QUALIFIED = re.compile(f"(?P<x>{_RUN}{{2,14}})的{re.escape(CUT)}")
_PROJECT_WORD = re.compile("(?:类|方面)?的?(?:项目|申报表)$")


def qualified_kind(cues: Cues, names: Names, indicator_names: tuple[str, ...]) -> Cues:
    """老年助餐服务的满意度一般写多少: a question across forms whose category is qualified by words that name no project,
    kind or indicator of the corpus asks about a kind it lacks (``unknown_kind``), never answered from all forms."""
    if cues.project or cues.declaration_id or cues.mentions or cues.project_type or cues.unknown_kind:
        return cues
    for found in _QUALIFIED.finditer(cues.rest):
        kind = kind_phrase(_PROJECT_WORD.sub("", found["x"]))
        if kind and not is_known(kind, names) and not any(kind in name for name in indicator_names):
            return replace(cues, unknown_kind=kind)
    return cues


_SYSTEM = re.compile(r"(?:系统|平台)$")


def condition_phrase(written: str) -> str | None:
    """The words a condition looks for (第三方评估 from 第三方评估的内容吗), or None when they say nothing."""
    written = _QUOTES.sub("", written)
    phrase = _TAIL.sub("", re.sub(f"^{_VERB}", "", _LEAD.sub("", written)))  # 有涉及大数据的内容: 大数据
    if len(phrase) < 2 or _QUESTION.search(phrase) or re.fullmatch(f"{_HOLDER}.*", phrase):
        return None
    return phrase


_PER = re.compile(r"(?:每|各)一?(?:个|笔|份|家)?$")


def kind_phrase(written: str) -> str | None:
    """The kind of project the words before 项目 name (老年助餐), or None for words that name none (其他, 五个…)."""
    kind = _TAIL.sub("", _LEAD.sub("", written))
    core = without_chatter(intent_words(kind))  # 平均每个项目: no kind
    if len(core) < 2 or kind[0] in _POINTING or _QUESTION.search(kind) or _NO_KIND.match(kind):
        return None
    if _PER.search(kind):  # 指标摊到每个项目, 平均下来每个项目: per project, no kind of project
        return None
    if _COUNTED.match(kind) or _LEVELS.match(kind) or _DOING.match(kind) or _REFERS.match(kind):
        return None
    return kind if informative(kind) else None


def is_known(kind: str, names: Names) -> bool:
    """The words name a project of the corpus, or several alike (运维 fits two): not a kind the corpus lacks."""
    trimmed = names.trim(kind)
    if any(kind in name for name in names.projects):
        return True
    if len(kind) - len(trimmed) >= 2 and not any(trimmed in name for name in names.projects):
        return False  # 档案数字化: 档案 is in no name; 数字化 alone fits loosely, which is no project named
    found, tied = match_name(trimmed, names) if trimmed else (None, ())
    return found is not None or bool(tied) and not names.inside_word(kind, tied)  # 人工智能: a word around 智能


def _fits_several(kind: str | None, names: Names) -> bool:
    """The words are written in one project's name and fit another by its short form (远程教育: 现代远程教育网络体系运维
    holds it, 党员远教电教 is its short form): a topic several projects share, not one project named."""
    if not kind or not any(kind in name for name in names.projects):
        return False
    found, tied = match_name(names.trim(kind), names)
    fitting = {name for name in names.projects if kind in name} | set(tied) | ({found.name} if found else set())
    return len(fitting) >= 2


def _cut_span(text: str, start: int, end: int) -> str:
    return text[:start] + CUT + text[end:]


def existence_line(cues: Cues, result: Answer) -> str | None:
    """有。/没有。: the answer to 有没有…项目/先例, said before what was found (or what the corpus lacks)."""
    if not cues.exists:
        return None
    if result.refused:
        return "没有。"
    if result.query is None or result.query.target not in (Target.LIST_PROJECTS, Target.COUNT_PROJECTS):
        return None
    found = len({row.declaration_id for row in result.rows})
    return f"有。语料库中有 {found} 份相关的申报表可作先例："


_CLASS_WORDS = ("分类", "种类", "门类", "归类", "品类", "人类")  # 垃圾分类项目: 类 there ends the kind's own word


def _written_kind(text: str, found: re.Match[str]) -> str:
    """The kind as written: 垃圾分类 (not 垃圾分 before 类项目), 老年助餐 (before 类项目)."""
    kind, end = found["x"], found.end("x")
    return kind + "类" if text[end : end + 1] == "类" and (kind[-1:] + "类") in _CLASS_WORDS else kind
