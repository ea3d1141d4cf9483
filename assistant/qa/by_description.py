"""A project described only by what it does, in words no form writes as a name (管保洁食堂车队那笔后勤钱,
给党群阵地打包做服务的那笔钱, 人大代表审预算用的那个平台), resolved from the declarations' CONTENT.

The description is the words before a pointer (那笔/那个/那套…) and the noun after it (钱, 经费, 平台, 运维钱).
Its content terms are the longest runs the forms write (保洁, 食堂, 后勤); a run no form writes is also found with
its characters in another order (审预算 → 预算审查). Each declaration of the question's years and unit scores the
terms it holds, each weighted by how few declarations hold it and by where (the name counts most); one project
must lead the next by ``LEAD`` (``MARKED_LEAD`` where it alone writes a run of ``MARK`` characters) and hold the description's last thing (车队 or, after the pointer, 后勤) — else
nothing is resolved and the question stays as read. A description whose last thing no form writes at all
(给退休干部发慰问品的那笔钱: 慰问品) is refused (``absent_thing``), with the forms writing its other words. A short name
read inside a description but written in no name (系统运维) yields to the content (``_weakly_named``). The words after
the pointer that name one project's indicator (包干完成率) add to that project's score (``ASKED``).

After a project is resolved here or by name, ``take_described_measure`` reads the rest of the question as one of its
indicators described in other words (一年要保证多少天能用 → 年度服务可用时间, 要检多少人 → …体检数量): the
indicator sharing the most words and characters with it, and of the kind of value asked (天, 人, 次, a month).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import permutations

from assistant.qa.content_names import DEFINING, Content
from assistant.qa.cues import CUT, MONEY, Cues
from assistant.qa.described_measure import take_described_measure
from assistant.qa.indicator_names import take_project_indicator
from assistant.qa.inverted_names import cut_inverted, named_inverted
from assistant.qa.lexicon import Lexicon
from assistant.qa.meaning import ranked_by_meaning

REORDERED = 5  # the longest run whose characters are also looked for in another order
LEAD = 1.5  # the winner's score against the next project's
MARK = 4  # characters of a run only one form writes that mark its project
MARKED_LEAD = 1.2  # the lead a winner holding such a mark needs
LEAST = 2.0  # the least score a winner needs (one rare term in a defining place)
COMMON_SHARE = 0.5  # a term more than this share of the declarations write says nothing of one project
ASKED = 1.0  # weight of a term of the rest of the question (包干完成率: the indicator of the project meant)

_POINTER = "那笔|这笔|那套|这套|那个|这个|那项|那块|那些|这些"
_MANY = ("那些", "这些")  # 管网站那些外网运维的: a plural pointer points at a project only before what it does
_NOUN = r"(?:钱|经费|费用|资金|项目|系统|平台|网络(?:的运维)?|工程|会务|运维)"
_DESCRIBED = re.compile(
    rf"(?P<d>[^，,。？?！!；;｜]{{2,24}}?)的?(?P<p>{_POINTER})"
    rf"(?P<n>(?:(?!多少|几|啥|什么)[^，,。？?！!；;]){{0,8}}?{_NOUN}(?:钱|经费|费用|资金)?)?"  # 那笔 一年多少钱: asked
)
_FIGURE = re.compile(r"最|第|倒数|前|后|上面|上一|刚才|刚刚|之前|排")  # 最少的那个: a place in a ranking, no thing
_GENERIC_NOUN = re.compile(r"钱|经费|费用|资金|项目|系统|平台|工程")
_CHATTER = re.compile(r"^(?:请问|麻烦|帮我|帮忙|查下|查一下|看看|看一下|问下|我想知道)+")
_MONEY_WORDS = re.compile(
    r"钱|经费|费用|资金|预算|金额|总额|合计|总计|共计|拨款|花了|万元|(?:报|申请|申报|要|批|拨|给|花)了?多少(?![个条项人次天期份])"
)  # 26年报了多少, 那笔钱 总额多少: money asked again
# 管食堂那笔钱多少, 那个项目 钱一共多少: the description's money word asked right after it
_SPAN_MONEY = re.compile(r"(?:钱|经费|费用|资金)$")
_HOW_MUCH = re.compile(r"(?:是|有|一共|总共|共|合计|大概|大约|总计)?(?:多少|几)")
# 组织部门建设那个经费, 那笔钱: a money word pointing at the project, no money asked
_POINTED_MONEY = re.compile(r"(?:那个|这个|那笔|这笔|那项|这项)(?:[\u4e00-\u9fff]{0,2}?)(?:经费|钱|费用|资金)")
_PLACE_WEIGHT = {"名称": 3.0, "指标": 1.5, "项目构成": 1.5, "概况": 1.5, "项目总目标": 1.5, "年度总体目标": 1.5}
_OTHER_PLACE = 1.0


@dataclass(frozen=True)
class Described:
    """A description's resolution: the winning declarations (one per year of the project), the terms the winner
    holds, the span of the question described, and whether a word for money was part of the description."""

    name: str
    ids: tuple[str, ...]
    held: tuple[str, ...]
    span: str
    money_in_description: bool


def take_described(text: str, cues: Cues, lexicon: Lexicon, full: str) -> tuple[str, Cues]:
    """The project described by content (where none was read by name), then its indicator named by the question's
    words (``take_project_indicator``: by sound; ``take_described_measure``: by other words)."""
    text, cues = _take_project(text, cues, lexicon, full)
    if cues.indicator_name and any(cues.indicator_name in written for written, _ in cues.matched):
        cues = replace(cues, indicator_name=None)  # 给到村任职选调生做体检的那笔经费: the words named the project
    text, cues = take_project_indicator(text, cues, lexicon)
    pointed = _POINTED_MONEY.search(full) or _named_money(full, cues)
    unpointed_rest = full.replace(pointed.group(), "") if pointed else _outside_names(full, cues)
    if cues.funding_field and unpointed_rest is not None and not _MONEY_WORDS.search(unpointed_rest):
        # 组织部门建设那个经费, 那笔钱: the money word points at the project; asked only where no indicator is named
        unpointed = replace(cues, funding_field=None)
        left, read = take_described_measure(text, unpointed, lexicon)
        if read.indicator_name:
            return left, read
    return take_described_measure(text, cues, lexicon)


def _take_project(text: str, cues: Cues, lexicon: Lexicon, full: str) -> tuple[str, Cues]:
    """The cues with the described project (said how it matched), where no project was read by name; else unchanged."""
    if cues.project and _weakly_named(
        cues, full, lexicon.contents
    ):  # 管网站和考录系统运维那笔钱: 系统运维 is no name, the content decides
        cues = replace(cues, project=None, matched=(), project_years=0, declaration_id=None)
    if cues.project or cues.versus or cues.declaration_id or cues.matched_how or cues.unknown_unit:
        return text, cues
    if (inverted := named_inverted(cues, lexicon, text)) is not None:  # 交党费的系统: 党费缴纳管理系统
        return cut_inverted(text, cues.unknown_project or ""), inverted
    found = resolve(full, cues, lexicon.contents, text)
    absent = found is None and not cues.unknown_project and not cues.follow_up
    if absent and (thing := absent_thing(full, lexicon.contents)):
        return text, replace(cues, unknown_subject=thing)  # 给退休干部发慰问品的那笔钱: no form is about it
    if found is None:
        return text, cues
    years = sorted({c.year for c in lexicon.contents if c.declaration_id in found.ids and c.year})
    held = "".join(f"“{t}”" for t in found.held)
    how = f"按描述匹配到：{found.name}（{'、'.join(f'{y}年' for y in years)}，正文含{held}）"
    common = _common_run(found.span, cues.indicator_name or "")
    if len(common) >= 4 and common not in _after(full, found.span):
        cues = replace(cues, indicator_name=None)  # 办居村书记示范培训的那个经费: the words describe the project
    sole = found.ids[0] if len(found.ids) == 1 and len(lexicon.years_of(found.name)) > 1 else None
    # 那笔钱 points at the project; the money is asked only where the rest of the question asks it again
    after = _after(full, found.span)
    asked = _SPAN_MONEY.search(found.span) and _HOW_MUCH.match(after)  # 管食堂那笔钱多少: the money asked of it
    money_pointer = found.money_in_description and not _MONEY_WORDS.search(after) and not asked
    updated = replace(
        cues,
        project=found.name,
        declaration_id=sole,
        unknown_project=None,
        unknown_subject=None,
        candidates=(),
        matched=((found.span, found.name),),
        matched_how=how,
        project_years=len(lexicon.years_of(found.name)),
        funding_field=None if money_pointer else cues.funding_field,
        # 点播那套运维: the short name 运维 fits two projects alike; the description settles which of them (搞援派干部培训那笔:
        # also where the short name, 干部, is a word of the description itself)
        ambiguous=() if found.name in cues.ambiguous or _inside(cues, found.span) else cues.ambiguous,
    )
    return text.replace(found.span, CUT, 1) if found.span in text else _cut_marked(text, found.span), updated


def _inside(cues: Cues, span: str) -> bool:
    """Whether the words a short name was read from lie inside the described span (in order, others between them:
    搞援派干部培训笔 of 搞援派干部培训那笔)."""
    return any(_in_order(written, span) for written, _ in cues.matched)


def _in_order(word: str, text: str) -> bool:
    rest = iter(text)
    return all(char in rest for char in word)


def _named_money(full: str, cues: Cues) -> re.Match[str] | None:
    """组织部门建设经费, 远教电教经费: the money word right after the words that named the project ends its short name."""
    for written, _ in cues.matched:
        if found := re.compile(re.escape(written) + "的?(?:经费|费用|资金)").search(full):
            return found
    return None


def _outside_names(full: str, cues: Cues) -> str | None:
    """给人大搞预算联网监督那个平台: the question less the words that named the project, where a money word was among
    them (what the project does, no money asked); None where none was."""
    rest = full
    for written, _ in cues.matched:
        if _MONEY_WORDS.search(written):
            rest = rest.replace(written, "")
    return None if rest == full else rest


def _weakly_named(cues: Cues, full: str, contents: tuple[Content, ...]) -> bool:
    """The one project was read from a short form written inside a description whose content points at another."""
    if cues.versus or cues.matched_how or len(cues.matched) != 1 or cues.unknown_unit:
        return False
    written, name = cues.matched[0]
    match = _DESCRIBED.search(full)
    # 信息化建设 of 信息化建设项目: named; 干部信息化项目 read across 离退休干部信息化那个项目: inside the description
    if match is None or not _in_order(written, match["d"] + match["p"] + (match["n"] or "")) or written in name:
        return False
    found = resolve(full, replace(cues, project=None), contents)
    return found is not None and found.name != name


def _common_run(a: str, b: str) -> str:
    """The longest run of characters ``a`` and ``b`` both write."""
    best = ""
    for start in range(len(a)):
        for end in range(start + len(best) + 1, len(a) + 1):
            if a[start:end] not in b:
                break
            best = a[start:end]
    return best


def _after(full: str, span: str) -> str:
    at = full.find(span)
    return full[at + len(span) :] if at >= 0 else ""


def _cut_marked(text: str, span: str) -> str:
    """The span as the text holds it after money words were marked (钱 → ¤): cut where found so."""
    marked = re.sub(r"钱|经费|费用|资金", MONEY, span)
    return text.replace(marked, CUT, 1) if marked in text else text


def resolve(full: str, cues: Cues, contents: tuple[Content, ...], left: str | None = None) -> Described | None:
    """The one project the question's described phrase points at by content (see the module), or None. ``left``: the
    question less what was read already (制度保障, 2023年), whose words after the pointer may name an indicator."""
    match = _DESCRIBED.search(full)
    if match is None or match["p"] in _MANY and _GENERIC_NOUN.sub("", match["n"] or "") == "":
        return None  # 带满意度的那些项目: the projects listed, none described
    words = _CHATTER.sub("", match["d"]).strip("的")
    noun = _GENERIC_NOUN.sub(MONEY, (match["n"] or "").replace(CUT, MONEY))
    pool = [c for c in contents if _in_scope(c, cues)]
    if len(words) < 2 or not pool:
        return None
    texts = {c.declaration_id: _defining(c) for c in contents}
    left = full if left is None else left
    at = left.find(match["p"])
    asked = left[at + len(match["p"]) :] if at >= 0 else ""
    if cues.indicator_name and cues.indicator_name not in asked:  # read before (录制次数), still asked of the project
        asked = f"{asked}{CUT}{cues.indicator_name}"
    measures = ["\n".join(name for name, _ in c.measures) for c in contents]
    terms = _terms(words + CUT + noun, list(texts.values())) + _terms(CUT + CUT + asked, measures)
    if not any(at != "a" for _, _, at in terms):
        return None
    scores: dict[str, float] = {}
    holding: dict[str, list[str]] = {}
    for content in pool:
        score, held = _score(content, terms, len(contents), texts)
        if score > scores.get(content.name, 0.0):
            scores[content.name], holding[content.name] = score, held
    ranked = sorted(scores.items(), key=lambda s: -s[1])
    if not ranked:
        return None  # no form in scope holds a word of the description
    # 两新组织 (written by one form alone, four characters or more) marks the project beside commoner words
    marks = [t for t, count, at in terms if at != "a" and count == 1 and len(t) >= MARK and t in holding[ranked[0][0]]]
    named = _named_alone(ranked, pool, terms) and all(t in holding[ranked[0][0]] for t, _, at in terms if at == "d")
    lead = LEAD if not marks and not named else MARKED_LEAD
    clear = len(ranked) < 2 or ranked[0][1] >= lead * ranked[1][1]
    if ranked[0][1] < LEAST or not clear:
        return None
    name = ranked[0][0]
    winner = [c for c in pool if c.name == name]
    last = [_last_piece(words, list(texts.values()))] + [t for t, _, at in terms if at == "n"]
    unwritten = _unwritten(words, list(texts.values()))
    # 管派车食堂保洁那笔: 食堂, 保洁 its own, and 派车's 车 a rare character its form writes (用车)
    marked = _marked_twice(terms, holding[name]) and _echoed(unwritten, name, contents)
    anywhere = {c.declaration_id: "\n".join(t for _, t in c.places) for c in winner} if marked else texts
    unwritten_last = marked and last[0] in unwritten  # 管保洁食堂还派车: 派车, in no form, after two marks
    if not any(any(_near(anywhere[c.declaration_id], t) for c in winner) for t in last) and not (
        unwritten_last or _asked_only_there(last[0], unwritten, terms, holding[name])
    ):
        return None  # 给退休干部发慰问品: the thing the money is for (慰问品) is in none of the winner's text
    if unwritten and not marked and not _confirmed(unwritten, name, terms, holding[name], contents):
        return None  # 管无人机和食堂的那个: 无人机 is written nowhere and points at no project
    best = max(winner, key=lambda c: _score(c, terms, len(contents), texts)[0])
    ids = tuple(c.declaration_id for c in winner) if not cues.years else (best.declaration_id,)
    money = _MONEY_WORDS.search(match.group(0)) is not None
    described = [t for t in holding[name] if any(t == w and at != "a" for w, _, at in terms)]
    if not described:
        return None  # the rest of the question alone (an indicator's words) names no described project
    return Described(name=name, ids=ids, held=tuple(described), span=match.group(0), money_in_description=money)


def _marked_twice(terms: list[Term], held: list[str]) -> bool:
    """Two words of the description or more that the winner's form alone writes (食堂 and 保洁): it is the project
    meant, beside a word no form writes (派车) or a last thing its other sections write (交换机 of 核心交换设备)."""
    return sum(at == "d" and count == 1 and t in held for t, count, at in terms) >= 2


RARE_CHAR = 2  # forms at most writing a character of an unwritten word that the winner writes too (车 of 派车)


def _echoed(unwritten: list[str], name: str, contents: tuple[Content, ...]) -> bool:
    """No word unwritten, or each holds a character (no verb) that the winner's form writes and at most ``RARE_CHAR``
    forms write (派车: 车, of 用车); 无人机's characters are everywhere or nowhere, so it stays unconfirmed."""
    texts = {c.name: "\n".join(t for _, t in c.places) for c in contents}
    rare = {char for word in unwritten for char in word if char not in _VERBS and char in texts[name]}
    rare = {char for char in rare if sum(char in t for t in texts.values()) <= RARE_CHAR}
    return all(any(char in rare for char in word) for word in unwritten)


def _named_alone(ranked: list[tuple[str, float]], pool: list[Content], terms: list[Term]) -> bool:
    """X阵地那笔: the leader's name writes a word of the description (X…工作经费) and the next project's name
    writes none (its text holds them all the same): the name marks the project, as a run only it writes does (the
    caller also asks that the leader hold every word of the description: 档案馆改造 is no 改造 project of the corpus)."""
    if len(ranked) < 2:
        return False
    words = [t for t, _, at in terms if at == "d"]
    if len(words) < 2:
        return False

    def named(name: str) -> bool:
        return any(t in c.name for c in pool if c.name == name for t in words)

    return named(ranked[0][0]) and not named(ranked[1][0])


def _asked_only_there(last: str, unwritten: list[str], terms: list[Term], held: list[str]) -> bool:
    """拍直播录课那笔…录制次数: the description's last thing (录课) is written by no form, but the rest of the question
    names an indicator only the winner holds (…录制次数): the project is named by what it does, not absent."""
    return last in unwritten and any(at == "a" and count == 1 and t in held for t, count, at in terms)


def _unwritten(words: str, texts: list[str]) -> list[str]:
    """The description's runs of two characters or more that no form writes (车队, 打包, 无人机), verbs left out."""
    rest = words
    for term, _ in _greedy(words, texts):
        rest = rest.replace(term, " ")
    runs = ("".join(c for c in run if c not in _VERBS and c not in "的地得了着过和与及跟") for run in rest.split())
    return [run for run in runs if len(run) >= 2 and not any(_holds(t, run) for t in texts)]


def _confirmed(
    unwritten: list[str], name: str, terms: list[Term], held: list[str], contents: tuple[Content, ...]
) -> bool:
    """Words no form writes are accepted where the rest of the question names an indicator only the winner has
    (打包 beside 包干完成率), where the description holds a run of ``MARK`` characters only the winner writes (手机 beside
    上缴党费), or where the embedding model ranks the winner first for them alone (车队)."""
    own = {t for t, _, at in terms if at != "a"}
    if any(at == "a" and count == 1 and t in held and t not in own for t, count, at in terms):
        return True
    if any(at != "a" and count == 1 and len(t) >= MARK and t in held for t, count, at in terms):
        return True  # 手机上缴党费: 上缴党费, written by that project's form alone, marks it beside a manner (手机)
    ranked = ranked_by_meaning("、".join(unwritten), contents)
    return ranked is not None and ranked[0][1] == name


_RANKED = re.compile(r"(?:最多|最少|最高|最低|最大|最小|最贵|最便宜)$")


def absent_thing(full: str, contents: tuple[Content, ...]) -> str | None:
    """给退休干部发慰问品的那笔钱: the described words, where the description's last thing (慰问品) is written in no
    form at all; None where there is no description or its thing is written somewhere."""
    match = _DESCRIBED.search(full)
    if match is None or len(words := _CHATTER.sub("", match["d"]).strip("的")) < 2:
        return None
    if _RANKED.search(words):  # 数量指标最多的那个: the one ranked first, no thing described
        return None
    texts = ["\n".join(t for _, t in c.places) for c in contents]
    last = _last_piece(words, texts)
    if _FIGURE.match(words) or not _greedy(words, texts) or not last or any(_holds(t, last) for t in texts):
        return None
    return words


def _in_scope(content: Content, cues: Cues) -> bool:
    if cues.years and content.year not in cues.years:
        return False
    return not cues.unit or cues.unit in content.units or any(cues.unit in u for u in content.units)


Term = tuple[str, int, str]  # (term, number of declarations writing it, "d": before the pointer / "n": after it)


def _terms(phrase: str, texts: list[str]) -> list[Term]:
    """The phrase's content terms, longest first and greedily, each with how many declarations write it (verbatim,
    or its characters in another order for a run no form writes); runs written by more than ``COMMON_SHARE`` of the
    declarations, and single characters, are left out."""
    found: list[Term] = []
    before, _, after = phrase.partition(CUT)
    after, _, asked = after.partition(CUT)
    for part, at in ((before, "d"), (after, "n"), (asked, "a")):
        for piece in re.split(f"[{re.escape(CUT + MONEY)}\\d]+", part):
            found += [(t, n, at) for t, n in _greedy(piece, texts, loose=at != "a")]
    limit = COMMON_SHARE * len(texts)
    return [t for t in found if t[1] <= limit and (at != "a" or len(t[0]) > 1)]


_VERBS = set("管给发做办搞看换用审拍开买修建印交缴帮为让把对")


def _last_piece(words: str, texts: list[str]) -> str:
    """The description's last thing: its last written run, or the run no form writes after it (发慰问品 → 慰问品)."""
    runs = _greedy(words, texts)
    last = runs[-1][0] if runs else ""
    tail = words[words.rfind(last) + len(last) :] if last else words
    tail = "".join(c for c in tail if c not in _VERBS and c not in "的地得了着过")
    return tail if len(tail) >= 2 else last


def _greedy(piece: str, texts: list[str], loose: bool = True) -> list[tuple[str, int]]:
    for size in range(len(piece), 1, -1):
        for start in range(len(piece) - size + 1):
            word = piece[start : start + size]
            held = sum(_holds(t, word) if loose else word in t for t in texts)
            if held:
                before, after = _greedy(piece[:start], texts, loose), _greedy(piece[start + size :], texts, loose)
                return [*before, (word, held), *after]
    return []


@lru_cache(maxsize=65536)
def _holds(text: str, word: str) -> bool:
    """``word`` written verbatim, or (three to ``REORDERED`` characters) with its characters in another order
    (审预算 in 预算审查)."""
    if word in text:
        return True
    if not 3 <= len(word) <= REORDERED or not set(word) <= _chars(text):
        return False
    return any("".join(order) in text for order in permutations(word))


def _near(text: str, word: str) -> bool:
    """``_holds``, or (four characters or more) its characters in order with at most two others between each pair
    (党建信息 in 党建工作信息)."""
    if _holds(text, word):
        return True
    return len(word) >= MARK and re.search(".{0,2}".join(map(re.escape, word)), text) is not None


@lru_cache(maxsize=64)
def _chars(text: str) -> frozenset[str]:
    return frozenset(text)


def _defining(content: Content) -> str:
    """The places that say what the project is and does (name, 概况, goals, 项目构成, indicators): 立项依据 and 必要性
    quote laws and other work (换届选举 in a 主席团 rule), which describe no project."""
    return "\n".join(text for label, text in content.places if DEFINING.search(label))


def _score(content: Content, terms: list[Term], total: int, texts: dict[str, str]) -> tuple[float, list[str]]:
    """Σ over the terms the declaration holds of their rarity times the weight of the best place holding them."""
    score, held = 0.0, []
    for term, count, at in terms:
        weights = [
            _PLACE_WEIGHT.get(label, _OTHER_PLACE)
            for label, text in content.places
            if DEFINING.search(label) and (_holds(text, term) if at != "a" else term in text)
        ]
        if weights:
            score += math.log(1 + total / count) * max(weights) * (ASKED if at == "a" else 1.0)
            held.append(term)
    return score, list(dict.fromkeys(held))
