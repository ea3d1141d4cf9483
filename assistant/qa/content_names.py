"""A project named by what it does, not by the words of its name (机房改造那个项目, 考录系统那个项目): matched by
the declarations' content — name, sections (概况, 总目标…), 项目构成 rows and indicator names.

The phrase is cut into its distinctive words (机房改造项目 → 机房: the nouns every name has, 改造/项目/系统, say
nothing); a word is distinctive when it occurs in some declarations but not in many. A declaration matches when
it holds every distinctive word; it wins when it holds them clearly more often (``CLEAR`` times) than the next
one. Two or more close: the caller lists them and asks; none: the phrase stays absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLEAR = 2.0  # a winner's occurrences of the words, against the next declaration's
LONG_RUN = 5  # characters of a distinctive word written verbatim that mark one project even beside another word
MAX_SHARE = 0.34  # a word in more than this share of the declarations is no one project's mark
# The places that say what a project is and does; 必要性, 立项依据, 实施计划 tell of other things too (换届选举).
DEFINING = re.compile(r"名称|概况|目标|项目构成|指标")
# A phrase written as a formal name (…经费, …专项资金) names one project by its title: absent when no title is it.
_FORMAL = re.compile(r"(?:经费|费|资金)$")
_GENERIC = re.compile(
    r"项目|工程|平台|系统|改造|建设|经费|专项|资金|费|信息化|信息|管理|工作|相关|方面|之类|类的|那个|这个|以前|之前|过去|往年|历年|做过|搞过|"
    r"弄过|干过|有没有|有无|是否|做|搞|没有|没|吗|呢|的|了|过|那|这|个|花|多少|预算|钱|资金|金额"
)
# What a phrase says is done to the thing it names (食堂改造, 平台建设): generic for picking words, but still asked.
_ACTS = re.compile(r"改造|建设|采购|购置|维修|升级|加装|开发")
# Where a word was found, in the order said: the project's name first, then what its text is.
Place = tuple[str, str]  # (label: 名称/概况/项目总目标/项目构成/指标, text)


@dataclass(frozen=True)
class Content:
    """One declaration's searchable text, by place."""

    declaration_id: str
    name: str
    places: tuple[Place, ...]
    year: int | None = None  # the form's budget year, for a described project narrowed by the question's year
    units: tuple[str, ...] = ()  # the form's 主管部门, 申报单位 and 实施单位
    measures: tuple[tuple[str, str], ...] = ()  # (indicator name, its target value as written), in form order


@dataclass(frozen=True)
class ContentMatch:
    """The declarations a phrase's words point at, best first, and the words used.

    ``winner`` is set when one declaration clearly wins; ``close`` lists the names when two or more are close."""

    words: tuple[str, ...]
    winner: Content | None
    where: str  # the place the first word was found in the winner (概况, 项目构成…)
    close: tuple[str, ...]
    unwritten: tuple[str, ...] = ()  # words no form writes, read by meaning (`assistant.qa.meaning`)

    @property
    def how(self) -> str:
        """``按概况中的“机房”匹配到“…”``: said in the scope line."""
        if self.winner is None:
            return ""
        quoted = "、".join(f"“{w}”" for w in self.words)
        said = f"按{self.where}中的{quoted}匹配到“{self.winner.name}”"
        if self.unwritten:
            unwritten = "、".join(f"“{w}”" for w in self.unwritten)
            said += f"；{unwritten}各表没有原词，按语义相近判断"
        return said


def distinctive_words(phrase: str, contents: tuple[Content, ...]) -> tuple[str, ...]:
    """The phrase's words (longest first, greedily) that occur in at least one declaration and in at most
    ``MAX_SHARE`` of them; () when it has none."""
    limit = max(2, int(len(contents) * MAX_SHARE))
    texts = [_defining(c) for c in contents]
    words: list[str] = []
    for segment in (s for s in _GENERIC.split(phrase) if s):
        found, rest = _segment_words(segment, texts, limit)
        # 污水处理: 污水 is in no declaration; 数字档案馆: no declaration has a 馆: the thing asked about is absent
        if any(not any(part in t for t in texts) for part in rest):
            return ()
        # 档案数字化: 档案 and 数字化 written apart (档案日常管理和数字化建设) is a loose fit, no project; but a run of
        # ``LONG_RUN`` characters the forms write verbatim is a mark of its own (党群 + 阵地智慧服务)
        if len(found) > 1 and max(map(len, found)) < LONG_RUN:
            return ()
        words.extend(found)
    return tuple(dict.fromkeys(words))


def _segment_words(segment: str, texts: list[str], limit: int) -> tuple[list[str], list[str]]:
    """(the segment's distinctive words, longest first and greedily; the pieces of it left between them)."""
    found = _greedy(segment, texts, limit)
    rest = segment
    for word in found:
        rest = rest.replace(word, " ")
    return found, rest.split()


def _defining(content: Content) -> str:
    return "\n".join(text for label, text in content.places if DEFINING.search(label))


def _greedy(segment: str, texts: list[str], limit: int) -> list[str]:
    for size in range(len(segment), 1, -1):
        for start in range(len(segment) - size + 1):
            word = segment[start : start + size]
            held = sum(word in t for t in texts)
            if 1 <= held <= limit:
                return [
                    *_greedy(segment[:start], texts, limit),
                    word,
                    *_greedy(segment[start + size :], texts, limit),
                ]
    return []


def match_content(phrase: str, contents: tuple[Content, ...]) -> ContentMatch | None:
    """The declarations whose content holds every distinctive word of ``phrase``; None when the phrase has no
    distinctive word or no declaration holds them all."""
    words = distinctive_words(phrase, contents) if not _FORMAL.search(phrase) else ()
    if not words:
        return None
    scored = []
    for content in contents:
        counts = [_defining(content).count(w) for w in words]
        if all(counts):
            scored.append((counts, content))
    # 食堂改造: what the phrase says is done (改造, 建设) must be in the project's text too, not only the thing (食堂)
    acts = _ACTS.findall(phrase)
    if not scored or not any(all(a in _defining(c) for a in acts) for _, c in scored):
        return None
    scored.sort(key=lambda s: -sum(s[0]))
    best, top = scored[0]
    # a rival is close when, for any word, the winner does not hold it CLEAR times as often (体检: 3 against 2)
    rivals = [
        c for n, c in scored[1:] if c.name != top.name and any(k * CLEAR > b for k, b in zip(n, best, strict=True))
    ]
    if rivals:
        names = tuple(dict.fromkeys([top.name, *(c.name for c in rivals)]))
        return ContentMatch(words=words, winner=None, where="", close=names)
    where = next(label for label, text in top.places if DEFINING.search(label) and words[0] in text)
    return ContentMatch(words=words, winner=top, where=where, close=())


def sole_holder(phrase: str, contents: tuple[Content, ...]) -> Content | None:
    """The one declaration whose content holds every distinctive word of ``phrase`` (one side of a comparison: 直播课件,
    驾驶员食堂); None when a word of two or more characters is in no declaration (the thing is absent), when the phrase
    has no distinctive word, when what it says is done (改造) is not in that declaration, or when two or more hold all."""
    texts = [_defining(c) for c in contents]
    limit = max(2, int(len(contents) * MAX_SHARE))
    words: list[str] = []
    for segment in (s for s in _GENERIC.split(phrase) if s):
        found, rest = _segment_words(segment, texts, limit)
        if any(len(part) >= 2 and not any(part in t for t in texts) for part in rest):
            return None
        words.extend(found)
    if not words or _FORMAL.search(phrase):
        return None
    acts = _ACTS.findall(phrase)
    holders = [c for c, t in zip(contents, texts, strict=True) if all(w in t for w in (*words, *acts))]
    return holders[0] if len(holders) == 1 else None
