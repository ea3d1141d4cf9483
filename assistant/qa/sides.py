"""Comparisons whose two sides are named apart: each with its own year and unit, or 这两个 (the last two projects).

- ``23年组织部的信息化建设项目和26年党建服务中心的信息化建设项目比，哪个预算多``: each side is read alone (its year,
  unit and project) and must select exactly one declaration; the question then compares those two forms. Read
  as a whole, the years and units of both sides would apply to both and select nothing (or the wrong forms).
- ``这两个哪个钱多？`` after two questions each about one project: those two projects (`Conversation.recent`).

Both give cues naming the two declarations by id (``declaration_id`` and ``versus_id``), with no year or unit
filter left over, so that `analytics.compare_projects` pairs exactly those two.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from assistant.qa.content_names import sole_holder
from assistant.qa.cues import Cues
from assistant.qa.models import Filters, Measure, Target
from assistant.qa.select import select

if TYPE_CHECKING:
    from collections.abc import Callable

    from assistant.domain.model import Declaration
    from assistant.qa.scope import Scope

# 这两个 / 这俩 / 两者 / 二者 / 它们俩 / 这两个项目: the two projects just discussed
# (这俩字, 那两个字: the words of a name counted, no pair)
PAIR = re.compile(r"(?:这两个|这两项|这俩|那俩|那两个|那两项|那两份|两者|二者|它们俩|它俩|这两份)(?![个字词])")
_JOIN = re.compile(r"和|与|跟|同|对比|vs", re.IGNORECASE)
_SIDE_END = re.compile(r"相比|比较|对比|比|[，,？?。]|哪|谁")
_YEAR = re.compile(r"\d{2,4}年|今年|去年|前年")
# What a comparison asks (the whole question): which is more, the difference
_ASKS = re.compile(
    r"哪个|哪一个|谁|差多少|差几|相差|差额|差距|比较|对比|相比|比一比|比比|多还是少|高还是低|减去?|比.{1,30}?(?:多|少|高|低)"
)
# Where two sides each with its own year meet: 和/跟 and also 比 and 减去 (26年A比23年B少多少钱, 23年A减去26年B)
_SIDED_JOIN = re.compile(r"和|与|跟|同|对比|vs|比|减去|减", re.IGNORECASE)
_TARGETS = (Target.RANK, Target.COMPARE_PROJECTS, Target.COMPARE_YEARS)


def sided(question: str, cues: Cues, scope: Scope, today: date) -> Cues:
    """The cues of a comparison whose two sides each name their own year: the two forms they select, by id;
    else ``cues`` unchanged."""
    from assistant.qa.parse import read_question  # parse imports this module's PAIR

    text = "".join(question.split())
    if not _ASKS.search(text) or len(_YEAR.findall(text)) < 2:
        return cues
    for join in _SIDED_JOIN.finditer(text):
        first, later = text[: join.start()], text[join.end() :]
        end = _SIDE_END.search(later, 2)
        second = later[: end.start()] if end else later
        if not (_YEAR.search(first) and _YEAR.search(second)):
            continue
        a = _one(read_question(first, scope.lexicon, today=today), scope)
        b = _one(read_question(second, scope.lexicon, today=today), scope)
        if a is not None and b is not None and a.id != b.id:
            return pair(cues, a, b)
    return cues


# A comparison asked of two sides (哪个钱多, 谁的指标多, 差多少), not 哪个单位 of one project
_COMPARES = re.compile(
    r"(?:哪个|哪一个|谁)的?(?:花|申请|报)?的?(?:钱|资金|预算|经费|金额|指标数?)?更?(?:多|少|高|低|大|小|贵|便宜)"
    r"|差多少|差几|相差|差额|差距|比较|对比|相比|比一比|比比|比下|比一下|多还是少|高还是低"
    r"|(?<![占对相])比(?![较例重率])[^，,。？?]{1,16}?(?:多|少|高|低)(?:申请|申报|报|花|要|拨|设|出)?了?(?:几|多少|了)"  # A比B少几条指标, 多申请多少
)
# 比 joining two sides (A比B少几条): not 比较/比例/占比/对比/相比
_THAN = re.compile(r"(?<![占对相])比(?![较例重率一比下])")
# Where the side after 比 ends: the comparing word and what it asks (少几条, 多多少, 高了)
# (多申请多少, 少报了几万, 多花多少: the verb of the money after the comparing word)
_THAN_END = re.compile(r"(?:多|少|高|低)(?=几|多少|了|申请|申报|报|花|要|拨|设|出)")
# Where a side named by what the project does ends: the asking words after it (哪个贵, 差多少钱, 谁的指标多)
_CONTENT_SIDE_END = re.compile(r"相比|比较|对比|比|[，,？?。]|哪|谁|差|多少|贵|便宜|的(?:资金|钱|预算|经费|指标)")
_FLUFF = re.compile(
    r"^(?:请问|帮我|麻烦|查下|查一下|看下|看看|比下|比一下|比较下)+|(?:那个|这个|那|这)(?:项目|系统|平台)?的?$"
)
# What a side may carry after its subject: the measure asked (内刊那个指标数, 考录那个的资金) and punctuation
_MEASURE_TAIL = re.compile(
    r"(?:(?:那个|这个|的)(?:指标个?数|指标|资金|预算|钱|金额)|(?<=项目)(?:指标个?数|资金|预算|金额))?[，,。？?、：:\s]*$"
)
_EDGE = re.compile(r"^[，,。？?、：:\s]+")


def content_sided(question: str, cues: Cues, scope: Scope, today: date) -> Cues:
    """机房改造跟预算审查平台哪个贵: a comparison whose sides are named by a project's name or by what it does (each
    side one declaration: by its name, year and unit, or as the one form whose content holds all the side's
    distinctive words); ``cues`` unchanged where the question is no such comparison or a side is not one form."""
    from assistant.qa.parse import read_question  # parse imports this module's PAIR

    text = "".join(question.split())
    if cues.versus_id is not None or not _COMPARES.search(text):
        return cues
    if (shared := _shared_noun(text, cues, scope)) is not None:
        return shared
    if cues.refers_to_pair:
        return cues
    inside = [(m.start(), m.end()) for name in scope.lexicon.projects for m in re.finditer(re.escape(name), text)]
    joins = sorted([*_JOIN.finditer(text), *_THAN.finditer(text)], key=lambda m: m.start())
    for join in joins:
        if any(a <= join.start() < b for a, b in inside):  # 组织部门建设和管理工作经费: the 和 of a name
            continue
        later = text[join.end() :]
        end = (_THAN_END if join.group() == "比" else _CONTENT_SIDE_END).search(later, 2)
        first, second = text[: join.start()], later[: end.start()] if end else later
        trimmed = [_EDGE.sub("", _MEASURE_TAIL.sub("", side)) for side in (first, second)]
        phrases = [_FLUFF.sub("", side) for side in trimmed]
        sides = [_side(phrase, scope, today, read_question, cues.years) for phrase in phrases]
        pointed = [phrase if phrase != side else "" for phrase, side in zip(phrases, trimmed, strict=True)]
        if cues.versus is not None and not _corrects(cues, sides):
            continue  # two projects read by name: a side's content reading must differ from them to count
        if cues.unknown_project and not (sides[0] and sides[1]):
            continue  # 党群阵地智慧服务平台升级那个跟…: the side no name is counts only where its content is one form
        if cues.project and (absent := _absent_side(phrases, pointed, sides, scope, today, read_question)):
            return replace(cues, unknown_project=absent)  # 食堂改造和机房改造哪个贵: one side the corpus lacks
        how = None
        if (sides[0] is None) != (sides[1] is None):  # 管食堂车辆的那个: 车辆 is in no form, 食堂 in one
            i = 0 if sides[0] is None else 1
            loose = _loosely(phrases[i], scope)
            if loose is not None:
                sides[i], how = loose
        if sides[0] is not None and sides[1] is not None and sides[0].id != sides[1].id:
            paired = pair(cues, sides[0], sides[1])
            measure = Measure.INDICATORS if "指标" in text else Measure.FUNDING
            found = replace(paired, measure=measure, unknown_subject=None, unknown_kind=None, candidates=())
            return replace(found, matched_how=how) if how else found
    return cues


# 各多少钱, 分别几条, 俩各…: each of two sides asked (no comparison)
_EACH = re.compile(r"各|分别")
_PARTS = re.compile(r"[\s，,、；;：:]+|和|与|跟|同")
_PAIR_WORDS = re.compile(r"(?:这|那)?(?:俩|两个|两项|两笔|二者|两者)$")


def each_sided(question: str, cues: Cues, scope: Scope, today: date) -> Cues:
    """A和机房改造那个 各多少钱, A，B那个，指标分别几条: each of two sides, written apart (a space, a comma, 和) before 各/分别,
    named by a project's name or by what it does (as one side of a comparison is); ``cues`` with both forms, asked
    as before, or unchanged where the question is no such question or a side is not exactly one form."""
    from assistant.qa.parse import read_question  # parse imports this module's PAIR

    asked = _EACH.search(question)
    if cues.versus is not None or cues.versus_id is not None or asked is None or cues.refers_to_focus:
        return cues
    written = [w for w in (_EDGE.sub("", _PAIR_WORDS.sub("", p)) for p in _PARTS.split(question[: asked.start()])) if w]
    parts = [(w, _FLUFF.sub("", w)) for w in written if _FLUFF.sub("", w)]
    sides = [_side(p, scope, today, read_question, cues.years) for _, p in parts]
    found = [d for d in sides if d is not None]
    # the sides not read that are written as a project (食堂改造那个, …系统): never dropped silently
    unread = [
        p
        for (w, p), d in zip(parts, sides, strict=True)
        if d is None and (_POINTER_WORD.search(w) or _PROJECT_NOUN.search(p))
    ]
    if len(found) == 1 and len(parts) == 2 and unread and cues.unknown_project is None:
        return replace(cues, unknown_project=unread[0])  # A 无人机采购那个: one side the corpus lacks
    if len(found) != 2 or found[0].id == found[1].id or unread:
        return cues
    a, b = found
    paired = pair(cues, a, b)
    return replace(paired, target=cues.target or paired.target, unknown_subject=None, unknown_kind=None, candidates=())


_POINTER_WORD = re.compile(r"那个|这个|那笔|这笔|那项|那套")


# 建设类和运维类那两个信息化项目: two kinds sharing one noun (信息化建设项目, 信息化运维项目)
_SHARED = re.compile(
    r"(?P<a>[\u4e00-\u9fff]{2,4}?)类?的?(?:和|跟|与)(?P<b>[\u4e00-\u9fff]{2,4}?)类?的?(?:那|这)?(?:两|俩)个?"
    r"(?P<n>[\u4e00-\u9fff]{2,6}?)(?:项目|的)"
)


# 23年俩信息化项目 建设那个跟运维那个: the shared noun first (两个/俩 + noun), then each side by its own words
_TWO = re.compile(r"(?:两|俩)个?")
_SIDES_AFTER = re.compile(
    r"(?:项目)?[，,]*(?P<a>[\u4e00-\u9fff]{2,8}?)的?(?:那个|这个|那笔|这笔|那项)"
    r"(?:和|跟|与|同)(?P<b>[\u4e00-\u9fff]{2,8}?)的?(?:那个|这个|那笔|这笔|那项)"
)
NOUN_MOST = 8  # characters of a shared noun written after 两个/俩


def _shared_first(text: str, decls: list[Declaration]) -> dict[str, str] | None:
    """The noun after 两个/俩 (the longest that two or more of ``decls`` write in their names: 信息化, not 信息化项目)
    and the two sides after it, each pointed at (建设那个); None where the question has no such shape."""
    for two in _TWO.finditer(text):
        for size in range(NOUN_MOST, 1, -1):
            noun = text[two.end() : two.end() + size]
            if len(noun) < size or sum(noun in d.header.name for d in decls) < 2:
                continue
            if (sides := _SIDES_AFTER.match(text, two.end() + size)) is not None:
                return {"a": sides["a"], "b": sides["b"], "n": noun}
    return None


def _shared_noun(text: str, cues: Cues, scope: Scope) -> Cues | None:
    """26年建设类和运维类那两个信息化项目 申请额相差多少: each side the one form (in the years asked) whose name holds
    its word and the shared noun; None where either side is not exactly one form."""
    decls = [d for d in scope.corpus.declarations if not cues.years or d.header.year in cues.years]
    found = _SHARED.search(_YEAR.sub("，", text)) or _shared_first(_YEAR.sub("，", text), decls)
    if found is None:
        return None
    sides = []
    for word in (found["a"], found["b"]):
        held = [d for d in decls if word in d.header.name and found["n"] in d.header.name]
        if len(held) > 1:  # 运维 and 信息化 in …运维（非信息化项目） too: the name that writes them together
            held = [d for d in held if found["n"] + word in d.header.name or word + found["n"] in d.header.name]
        if len(held) != 1:
            return None
        sides.append(held[0])
    if sides[0].id == sides[1].id:
        return None
    paired = pair(cues, sides[0], sides[1])
    measure = Measure.INDICATORS if "指标" in text else Measure.FUNDING
    how = f"按名称中的“{found['a']}”“{found['b']}”与“{found['n']}”匹配"
    return replace(paired, measure=measure, unknown_subject=None, unknown_kind=None, candidates=(), matched_how=how)


def _loosely(phrase: str, scope: Scope) -> tuple[Declaration, str] | None:
    """A side whose words partly name nothing in the corpus (管食堂车辆: no form writes 车辆) while the rest are held by
    one form alone (食堂: 机关服务费): that form, with the line saying which words matched and which did not. None where
    no word is held, several forms hold them, or what the side says is done (改造) is not in that form's text."""
    from assistant.qa.content_names import _GENERIC, DEFINING, MAX_SHARE, _segment_words

    contents = scope.lexicon.contents
    texts = ["\n".join(t for label, t in c.places if DEFINING.search(label)) for c in contents]
    limit = max(2, int(len(contents) * MAX_SHARE))
    found: list[str] = []
    missing: list[str] = []
    for segment in (s for s in _GENERIC.split(_YEAR.sub("", phrase)) if s):
        words, rest = _segment_words(segment, texts, limit)
        found += words
        missing += [part for part in rest if len(part) >= 2 and not any(part in t for t in texts)]
    if not found or not missing:
        return None
    holders = [c for c, t in zip(contents, texts, strict=True) if all(w in t for w in found)]
    decl = next((d for d in scope.corpus.declarations if len(holders) == 1 and d.id == holders[0].declaration_id), None)
    if decl is None or any(a not in texts[contents.index(holders[0])] for a in _ACTS.findall(phrase)):
        return None
    said = "、".join(f"“{w}”" for w in found)
    unsaid = "、".join(f"“{w}”" for w in missing)
    return decl, f"按内容中的{said}匹配到“{decl.header.name}”；{unsaid}在各表中没有写到"


_ACTS = re.compile(r"改造|建设|采购|购置|维修|升级|加装|开发")


def _corrects(cues: Cues, sides: list[Declaration | None]) -> bool:
    """Whether the sides read apart name two forms, one of them no project the whole question's reading named (考录模块
    建设那个项目和组织部门建设经费: 模块建设…组织部门建设 read as another project; 考录 is 信息化建设项目's)."""
    if sides[0] is None or sides[1] is None:
        return False
    return bool({sides[0].header.name, sides[1].header.name} - {cues.project, cues.versus})


_PROJECT_NOUN = re.compile(r"项目|系统|平台|改造|建设|工程|经费")


def _absent_side(
    phrases: list[str],
    pointed: list[str],
    sides: list[Declaration | None],
    scope: Scope,
    today: date,
    reader: Callable[..., Cues],
) -> str | None:
    """The side written as a project (食堂改造, …系统, 无人机那个) that is no form of the corpus while the other side is
    one; a project read from two characters of it (改造, 人机 of 人大机关) does not make it one."""
    for i, (phrase, side, other) in enumerate(((phrases[0], sides[0], sides[1]), (phrases[1], sides[1], sides[0]))):
        if side is not None or other is None or len(phrase) < 2:
            continue
        if not (_PROJECT_NOUN.search(phrase) or pointed[i]):
            continue
        read = reader(phrase, scope.lexicon, today=today)
        named = (read.project or read.declaration_id) and not any(len(w) <= 2 for w, _ in read.matched)
        if not (named or read.years or read.unit or read.more_units):
            return phrase
    return None


def _side(
    phrase: str, scope: Scope, today: date, reader: Callable[..., Cues], years: tuple[int, ...] = ()
) -> Declaration | None:
    """The one declaration a side names: by its project name (with its year and unit) or by its content; ``years``:
    the question's, for a side naming a project of several years with no year of its own (23年考录模块那个和信息化运维
    项目: the 2023 信息化运维项目)."""
    if len(phrase) < 2:
        return None
    side = reader(phrase, scope.lexicon, today=today)
    loose = any(len(written) <= 2 for written, _ in side.matched)  # 党代 (of 党代表履职) read as an abbreviation
    if loose and not side.years:  # trusted only where the side's content points at one form
        holder = sole_holder(phrase, scope.lexicon.contents)
        return next((d for d in scope.corpus.declarations if holder and d.id == holder.declaration_id), None)
    if side.project or side.declaration_id:
        filters = Filters(years=side.years, unit=side.unit, project=side.project, declaration_id=side.declaration_id)
        found = select(scope.corpus, filters, scope.lexicon.policies)
        if len(found) > 1 and years and not side.years:
            found = [d for d in found if d.header.year in years]
        return found[0] if len(found) == 1 else None
    if side.unknown_unit or side.unknown_district:
        return None
    if side.years and (named := _named_in_years(phrase, side.years, scope)) is not None:
        return named  # 23年运维: the one 2023 form whose name holds 运维
    holder = sole_holder(_YEAR.sub("", phrase), scope.lexicon.contents)  # 23年考录模块建设: by content, in that year
    held = next((d for d in scope.corpus.declarations if holder and d.id == holder.declaration_id), None)
    return held if held is not None and (not side.years or held.header.year in side.years) else None


_POINTING_WORDS = re.compile(r"^(?:的|那个|这个|那|这)+|(?:的|那个|这个|那|这)+$")
_ASKED_MEASURE = re.compile(r"的?(?:指标个?数|指标|资金|预算|钱|金额)$")  # 23年运维指标: the measure asked, no name


def _named_in_years(phrase: str, years: tuple[int, ...], scope: Scope) -> Declaration | None:
    """The one form of ``years`` whose 项目名称 holds the side's words (the year and pointing words left out); None
    where the words are under two characters or no form, or several, hold them."""
    words = _POINTING_WORDS.sub("", _ASKED_MEASURE.sub("", _YEAR.sub("", phrase)))
    if len(words) < 2:
        return None
    held = [d for d in scope.corpus.declarations if d.header.year in years and words in d.header.name]
    return held[0] if len(held) == 1 else None


def _one(side: Cues, scope: Scope) -> Declaration | None:
    """The one declaration a side's year, unit and project select; None for none or several."""
    if not side.years or not (side.project or side.declaration_id):
        return None
    filters = Filters(years=side.years, unit=side.unit, project=side.project, declaration_id=side.declaration_id)
    found = select(scope.corpus, filters, scope.lexicon.policies)
    return found[0] if len(found) == 1 else None


def pair(cues: Cues, a: Declaration, b: Declaration) -> Cues:
    """``cues`` comparing exactly the forms ``a`` and ``b`` (money unless the question counts indicators)."""
    measure = Measure.INDICATORS if cues.measure is Measure.INDICATORS or "指标" in cues.rest else Measure.FUNDING
    return replace(
        cues,
        target=Target.COMPARE_PROJECTS,
        measure=measure,
        project=a.header.name,
        declaration_id=a.id,
        versus=b.header.name,
        versus_id=b.id,
        years=(),
        unit=None,
        unknown_project=None,
        ambiguous=(),
        matched=(),
    )


def asks_pair(cues: Cues) -> bool:
    """这两个哪个钱多 / 这两个比一比 / 两者差多少钱: a comparison of the pair just discussed (not a field of each, nor
    their sum)."""
    named = cues.project is not None or cues.declaration_id is not None or cues.header_fields or cues.section
    return cues.refers_to_pair and not named and (cues.target in _TARGETS or _ASKS.search(cues.rest) is not None)
