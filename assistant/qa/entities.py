"""Which project a question names, by full name, short name, distinctive part or abbreviation, and which
subjects it names that the corpus lacks (a project, a unit, a district).

Officers shorten names by keeping characters in order (信访平台 for 上海人大系统人民群众来信来访智能化工作平台
建设经费, 党费系统, 远教电教): a phrase of the question is matched to a project name by the longest common
subsequence of characters, each character weighted by how rare it is among the corpus's project names
(平台, 项目, 经费 say little; 信, 访 say much). A phrase matches a name when the weight of its characters the
name explains is at least ``MATCH_SHARE`` of the phrase's whole weight; a phrase that looks like a name
(it ends in 项目, 工程, 平台…) and matches none is an absent project, with the nearest names as candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from assistant.qa.cues import MONEY

MATCH_SHARE = 0.74  # share of a phrase's weight the name must explain
MIN_EVIDENCE = 3.0  # weight of matched characters a match needs (two distinctive characters)
CANDIDATES = 3
SHORT = 3  # characters of a phrase that must stand together in a name to name it (人机 is not 人大机关)
# Characters a question writes next to a short name that are no part of the thing asked (党费花了, 报党费, 给党费)
_ASKING_CHARS = frozenset("花用要报给拨申批占有是在的了吗呢啊吧么没属算填写做搞弄建办开上下里中和跟与及同或比对")
# Words inside a phrase that name no project: deleted before matching (那个系统 → 系统).
_NOISE = re.compile(
    r"那个|这个|那张表|这张表|那张|这张|那边|这边|那一|这一|那几个|这几个|哪个|哪些|哪几个|哪一个|哪家|哪位|哪项|什么|啥|"
    r"几个|多少|各个|各|所有|全部|每个|一共|总共|加起来|申报|名下|下面|底下|那|这|它|其|的|之|啊|呀|哇|吧|呢|嘛|吗|哈|来着|上面|里面|里边|里|上"
)
# Phrase edges that are no part of a name: question words, verbs of asking, counting words.
_EDGE = re.compile(
    r"^(请问|请|帮我|麻烦|查一下|查查|看看|看一下|告诉我|我想知道|想问|问下|问一下|关于|对于|还有|以及|其中|把|给我|给|有个|有|个)+"
    r"|(是谁|是什么|是多少|是哪个|是哪家|是哪位|有哪些|有什么|多少|几个|几项|怎么写|如何写|写的|填的|定的|设的|叫什么|名字|"
    r"给一下|列一下|看一下|是|有|呢|吗|啊)+$"
)
# Words that make a phrase look like a project's name (社区食堂改造项目, 智慧城管平台, 污水处理厂).
NAME_NOUNS = re.compile(
    r"项目|工程|平台|系统|改造|建设|经费|工作经费|专项|资金|厂|站|馆|园|医院|学校|中心|设施|设备|采购|购置|养护|整治|治理|"
    r"宣传|培训|活动|食堂|电梯|道路|河道|绿化|大楼|场馆|软件|网络|服务费|补贴|补助|费"
)
# Characters every project name shares: weight is low, but they are no evidence of a name by themselves.
_GENERIC_WORDS = ("项目", "经费", "建设", "平台", "系统", "信息化", "信息", "工作", "管理", "资金", "专项", "服务")
DISTRICTS = (
    "黄浦",
    "徐汇",
    "长宁",
    "静安",
    "普陀",
    "虹口",
    "杨浦",
    "闵行",
    "宝山",
    "嘉定",
    "浦东",
    "金山",
    "松江",
    "青浦",
    "奉贤",
    "崇明",
)
DISTRICT = re.compile("(" + "|".join(DISTRICTS) + r")(新区|区|县)?")


@dataclass(frozen=True)
class Match:
    """A project name matched by a phrase of the question: the phrase as written and how well it matched."""

    name: str
    phrase: str
    share: float  # of the phrase's weight the name explains, 0..1
    evidence: float  # weight of the matched characters
    exact: bool

    @property
    def how(self) -> str:
        return "全称" if self.exact else f"问题中的“{self.phrase}”"


@dataclass(frozen=True)
class Resolution:
    """The projects a question names (at most two, in the order written) and an absent name, if any."""

    matches: tuple[Match, ...] = ()
    absent: str | None = None
    candidates: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # names a phrase fits equally well
    alike: tuple[str, ...] = ()  # names a short phrase that matched nothing fits alike (运维), for a year to decide
    alike_phrase: str | None = None  # that phrase


# Written forms officers contract (远程教育 → 远教): names and phrases are compared contracted.
_CONTRACTIONS = (("远程教育", "远教"), ("电化教育", "电教"), ("来信来访", "信访"), ("人民代表大会", "人大"))


def contract(text: str) -> str:
    for long, short in _CONTRACTIONS:
        text = text.replace(long, short)
    return text


class Names:
    """The corpus's project names with the weight of each character (rarer among names: heavier)."""

    def __init__(self, projects: tuple[str, ...]) -> None:
        self.projects = projects
        self._contracted = {name: contract(name) for name in projects}
        counts = Counter(char for name in projects for char in set(name))
        total = max(len(projects), 1)
        self._weight = {char: math.log((total + 1) / count) + 0.1 for char, count in counts.items()}
        self._unseen = math.log(total + 1) + 0.1

    def trim(self, phrase: str) -> str:
        """The phrase without characters at its ends that no project name has (把…, …花, …有)."""
        start, end = 0, len(phrase)
        while start < end and phrase[start] not in self._weight:
            start += 1
        while end > start and phrase[end - 1] not in self._weight:
            end -= 1
        return phrase[start:end]

    def lost_word(self, phrase: str) -> bool:
        """Whether trimming ``phrase`` drops an institution's or a place's noun at its end (干部网络学院's 学院, …医院,
        …图书馆), rather than a particle or a verb (…花, …属于): the phrase then names something the corpus lacks.
        (Its start is left alone: 麻烦查下远教电教 starts with asking words, not with a name's.)"""
        trimmed = self.trim(phrase)
        tail = phrase[phrase.find(trimmed) + len(trimmed) :] if trimmed else ""
        return len(tail) >= 2 and _PLACE_NOUN.fullmatch(tail) is not None

    def weight(self, char: str) -> float:
        return self._weight.get(char, self._unseen)

    def fragment(self, phrase: str) -> bool:
        """Whether trimming ``phrase`` leaves two characters or fewer after dropping, next to them, a character of
        the thing's own word (无人机 → 人机, 电子屏 → 电子), not a verb or particle of the question (党费花 → 党费):
        the phrase names another word, of which a name holds only a fragment."""
        trimmed = self.trim(phrase)
        if not trimmed or len(trimmed) > 2:
            return False
        at = phrase.find(trimmed)
        dropped = phrase[at - 1 : at] + phrase[at + len(trimmed) : at + len(trimmed) + 1]
        return any(char not in _ASKING_CHARS for char in dropped)

    def inside_word(self, phrase: str, fits: tuple[str, ...]) -> bool:
        """Whether the names ``fits`` write only a piece of ``phrase`` and two characters or more of it beside that
        piece are a word's own, not asking words (人工智能: the names write 智能, 人工 is no verb): the phrase is a longer
        word of which the names hold a fragment, no short name they fit alike (运维那笔, 搞运维 are)."""
        trimmed = contract(self.trim(phrase))
        for name in fits:
            target = self._contracted.get(name, contract(name))
            piece = max(
                (
                    trimmed[i:j]
                    for i in range(len(trimmed))
                    for j in range(i + 1, len(trimmed) + 1)
                    if trimmed[i:j] in target
                ),
                key=len,
                default="",
            )
            rest = trimmed.replace(piece, "", 1) if piece else trimmed
            if sum(char not in _ASKING_CHARS for char in rest) < 2:
                return False
        return bool(fits)

    def score(self, phrase: str, name: str) -> tuple[float, float]:
        """(share, evidence): the weight of the phrase's characters the name explains in order, and that weight.

        One character inside the phrase that no name has (交 for 缴) is forgiven as a typo when the rest matches.
        """
        phrase, target = contract(phrase), self._contracted.get(name, contract(name))
        matched = _lcs_chars(phrase, target)
        whole = sum(self.weight(c) for c in phrase)
        evidence = sum(self.weight(c) for c in matched)
        unseen = [i for i, c in enumerate(phrase[1:-1], 1) if c not in self._weight]
        if (
            len(unseen) == 1
            and len(phrase) >= 6
            and len(matched) == len(phrase) - 1
            and _swapped(phrase, unseen[0], target)
        ):
            whole -= self.weight(phrase[unseen[0]])
        return (min(evidence / whole, 1.0) if whole else 0.0), evidence

    def foreign_word(self, phrase: str, name: str) -> bool:
        """Whether the phrase holds, inside it, a character no project name has that is no typo for one of
        ``name``'s (干部体检项目: 检 is in no name, so 体检 is another word, not …干部…体系…项目 shortened)."""
        target = self._contracted.get(name, contract(name))
        inside = [i for i, c in enumerate(phrase[1:-1], 1) if c not in self._weight]
        return any(not _swapped(phrase, i, target) for i in inside)

    def best(self, phrase: str) -> list[tuple[float, float, str]]:
        """Every name scored against ``phrase``, best first."""
        scored = [(*self.score(phrase, name), name) for name in self.projects]
        return sorted(scored, key=lambda s: (-s[0], -s[1], -_coverage(phrase, s[2]), s[2]))


def _swapped(phrase: str, at: int, name: str) -> bool:
    """Whether the character at ``at`` stands where the name has another one between the same neighbours (缴 written
    交 in 党费交纳: 费…纳), a typo; 干部体检项目 is no typo of …干部…体系…项目 (体 and 项 are far apart there)."""
    return re.search(re.escape(phrase[at - 1]) + "." + re.escape(phrase[at + 1]), name) is not None


def exact_names(text: str, projects: tuple[str, ...]) -> list[str]:
    """Project names written whole in ``text``, longest first, each once, in the order they appear."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(projects, key=len, reverse=True):
        start = text.find(name)
        if start < 0 or any(s < start + len(name) and start < e for s, e in taken):
            continue
        taken.append((start, start + len(name)))
        found.append((start, name))
    return [name for _, name in sorted(found)]


def phrases(text: str, cut: str) -> list[str]:
    """The phrases of ``text`` (already cut at every word the parser placed) that may name a project."""
    out = []
    for raw in re.split(f"[{re.escape(cut)}{MONEY}？?。，,！!、：:；;（）()\\s]+", text):
        for part in _JUNK.split(raw):  # cut at words no name holds before the noise words are dropped
            part = _EDGE.sub("", _NOISE.sub("", part))
            part = _EDGE.sub("", part)
            if len(part) >= 2:
                out.append(part)
    return out


# Words never inside a project's name: a phrase is cut at them (项目共设置了多少项绩效指标 → 项目共 | 项).
_JUNK = re.compile(
    r"的|了|吗|呢|是|最|几|多少|哪|什么|啥|怎么|如何|平均|设置|设了|数量|变化|指标|绩效|一共|共有|总共|共计|合计|总计|比例|占比|"
    r"排名|排序|情况|目标值|填|写|定"
)


def resolve(segments: list[str], names: Names) -> Resolution:
    """The projects the phrases name (a phrase joined with 和/跟/与 is tried whole, then in parts)."""
    matches: list[Match] = []
    absent: str | None = None
    candidates: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    alike: tuple[str, ...] = ()
    alike_phrase: str | None = None
    for segment in segments:
        for piece in _JUNK.split(segment):
            for phrase in _parts(_CONJUNCTION_EDGES.sub("", piece), names):
                if _UNIT_WORD.search(phrase) and not any(phrase in name for name in names.projects):
                    continue  # 市教委: a unit's name, never a project's short form (its 市教 fits 党员教育…)
                found, tied = match(names.trim(phrase), names)
                fits_alike = tied if found is None else ()  # 运维: two names alike, kept for a year to decide
                if fits_alike and names.inside_word(phrase, fits_alike):  # 人工智能: only its 智能 is in the names
                    fits_alike = ()
                if found is not None and names.fragment(phrase):  # 无人机: only its 人机 is in a name
                    found, tied = None, ()
                if found is not None and _mostly_unnamed(phrase, names):  # 党代表履职 is no 党…代 name cut short
                    found, tied = None, ()
                if found is not None and names.lost_word(phrase):  # 干部网络学院: 学院 is in no name, another thing
                    found, tied = None, ()
                    if absent is None:
                        absent, candidates = phrase, nearest(phrase, names)
                    continue
                head = phrase.removesuffix("项目")
                if found is None and head != phrase and names.trim(head) == head:  # 会务系统(那个)项目
                    found, tied = match(head, names)
                if found is None and not looks_like_name(phrase):  # 信息化运维驻场人数: a name, then a measure
                    found, tied = _name_then_measure(phrase, names)
                if found is not None:
                    if found.name not in {m.name for m in matches}:
                        matches.append(found)
                    ambiguous = ambiguous or tied
                elif fits_alike and not alike:
                    alike, alike_phrase = fits_alike, phrase
                elif absent is None and (looks_like_name(phrase) or looks_like_name(trimmed := names.trim(phrase))):
                    absent = phrase if looks_like_name(phrase) else trimmed
                    candidates = nearest(phrase, names)
    return Resolution(
        matches=tuple(matches[:2]),
        absent=absent,
        candidates=candidates,
        ambiguous=ambiguous,
        alike=alike,
        alike_phrase=alike_phrase,
    )


# The end of a measure written after a project's short name (驻场人数, 故障处理率, 满意度, 及时性, 运行天数)
_MEASURE_END = re.compile(r"(?:率|度|性|人数|次数|天数|数量|时间|时长)$")


def _name_then_measure(phrase: str, names: Names) -> tuple[Match | None, tuple[str, ...]]:
    """信息化运维驻场人数, 远程教育运维平台故障处理率: the head of the phrase that matches one project best (the name
    explaining most of it; the longer on a tie), where what follows (two characters or more, in no name) ends like a
    measure; the match's phrase is the head alone."""
    if not _MEASURE_END.search(phrase):
        return None, ()
    best: Match | None = None
    for end in range(len(phrase) - 2, 1, -1):
        head, tail = phrase[:end], phrase[end:]
        if any(tail in name for name in names.projects):
            continue
        found, tied = match(names.trim(head), names)
        if found is not None and not tied and (best is None or found.share > best.share):
            best = found
    return best, ()


def _mostly_unnamed(phrase: str, names: Names) -> bool:
    """党代表履职: the characters at the phrase's end that no name holds (表履职) are at least as many as those left
    (党代), and two or more: the phrase speaks of something else, not of a name cut short."""
    trimmed = names.trim(phrase)
    tail = len(phrase) - phrase.find(trimmed) - len(trimmed) if trimmed else len(phrase)
    return tail >= 2 and tail >= len(trimmed)


# Nouns of institutions and places no project name of the corpus ends in (what ``lost_word`` looks for)
_PLACE_NOUN = re.compile(
    r".*(?:学院|学校|大学|中学|小学|幼儿园|医院|卫生院|公司|集团|银行|图书馆|博物馆|纪念馆|体育馆|文化馆|剧院|研究院|"
    r"研究所|基地|工厂|车站|机场|码头|公园|广场|社区|街道|乡镇|村)"
)
# A conjunction at a phrase's edge joins it to another subject (和市教委): no name starts or ends with one.
_CONJUNCTION_EDGES = re.compile(r"^(?:和|与|及|跟|同|或)+|(?:和|与|及|跟|同|或)+$")
# A unit's name (…委, …局, …委员会, …办公室): read by the unit readers, not matched to a project.
_UNIT_WORD = re.compile(r"(?:委员会|委|局|办公室)$")


# Three characters that may name a thing: no pointing, counting, asking or scope word among them (哪几个, 这三个, 各单位)
_THING = re.compile(
    r"[^哪几这那各每前后个些上下本该此全所其他多少年度的了吗呢和与及跟同或第一二两三四五六七八九十类型级性化\d]{3}"
)


def looks_like_name(phrase: str) -> bool:
    """A phrase that names something: it ends in a noun of projects (…改造项目, …平台, …厂), and at least two of its
    characters are no generic word, or two nouns of projects make it (食堂改造项目; 改造项目 alone names nothing)."""
    rest = phrase
    for word in _GENERIC_WORDS:
        rest = rest.replace(word, "")
    ends = re.search(f"(?:{NAME_NOUNS.pattern})$", phrase) is not None
    head = phrase.removesuffix("项目")  # …项目 alone says little: 名下申报项目 is no name, 社区食堂改造项目 is
    named = head == phrase or NAME_NOUNS.search(head) is not None or len(head) >= 4
    named = named or len(head) == 3 and _THING.fullmatch(head) is not None  # 无人机项目: a thing's own 3-word name
    own = len(NAME_NOUNS.sub("", rest)) >= 2 or len(NAME_NOUNS.findall(rest)) >= 2  # 食堂改造: two nouns name a thing
    return ends and named and own


def nearest(phrase: str, names: Names) -> tuple[str, ...]:
    return tuple(name for share, _, name in names.best(phrase)[:CANDIDATES] if share > 0.2)


def _parts(segment: str, names: Names) -> list[str]:
    """The segment whole when it matches, else its parts around 和/跟/与/同/及/比/还是/对比."""
    if match(names.trim(segment), names)[0] is not None:
        return [segment]
    parts = [p for p in re.split("和|跟|与|同|及|对比|比较|相比|比|还是|或", segment) if len(p) >= 2]
    # 信息化建设和｜(信息化运维项目, cut as written whole): the one part left is tried alone as well
    if len(parts) > 1 or parts and parts[0] != segment:
        return parts
    return _juxtaposed(segment, names) or [segment]


PART_LEAST = 3  # characters of each of two names written side by side with nothing between (党费系统组织力平台)


def _juxtaposed(segment: str, names: Names) -> list[str]:
    """党费系统 组织力平台 (the space lost): two names written side by side, each matching a different project on its
    own; [] where no one cut gives two such names."""
    if len(segment) > 2 * max((len(name) for name in names.projects), default=0):
        return []  # longer than any two names: each cut matched anew cost a 400-character question 28 s (rt14 F4)
    cuts: list[tuple[float, list[str]]] = []
    for at in range(PART_LEAST, len(segment) - PART_LEAST + 1):
        left, right = match(names.trim(segment[:at]), names)[0], match(names.trim(segment[at:]), names)[0]
        if left is not None and right is not None and left.name != right.name:
            cuts.append((left.share + right.share, [segment[:at], segment[at:]]))
    best = max((fit for fit, _ in cuts), default=0.0)
    found = [parts for fit, parts in cuts if fit == best]  # 老干部系统|预算审查平台 over 老干部系统预|算审查平台
    return found[0] if len(found) == 1 else []


def match(phrase: str, names: Names) -> tuple[Match | None, tuple[str, ...]]:
    phrase = _CONJUNCTION_EDGES.sub("", phrase)  # 和市教: the 和 joins it to what stands before, no name's 和
    if not informative(phrase):  # 信息化建设: generic words only, yet a name of the corpus less its 项目/经费
        stems = [name for name in names.projects if _stem(name) == phrase]
        holders = () if stems else _generic_holders(phrase, names)
        if len(holders) == 1:  # 工作平台: the one name that writes it whole
            return Match(name=holders[0], phrase=phrase, share=1.0, evidence=0.0, exact=False), ()
        if len(stems) != 1:
            return None, holders
        return Match(name=stems[0], phrase=phrase, share=1.0, evidence=0.0, exact=False), ()
    ranked = names.best(phrase)
    if not ranked:
        return None, ()
    share, evidence, name = ranked[0]
    if share < MATCH_SHARE or evidence < MIN_EVIDENCE or names.foreign_word(phrase, name):
        return None, ()
    if len(phrase) <= SHORT and contract(phrase) not in contract(name):  # 人机: 人 of 人大 and 机 of 机关, no word
        return None, ()
    rivals = [n for s, e, n in ranked[1:] if s >= MATCH_SHARE and e >= evidence - 1e-9]
    if rivals and share < 1.0 or rivals and len(phrase) <= 3:  # 组织 fits three names alike: no match
        return None, (name, *rivals)
    tied = tuple(
        n for s, e, n in ranked if (s, e) == (share, evidence) and _coverage(phrase, n) == _coverage(phrase, name)
    )
    return Match(name=name, phrase=phrase, share=share, evidence=evidence, exact=phrase == name), tied if len(
        tied
    ) > 1 else ()


def _generic_holders(phrase: str, names: Names) -> tuple[str, ...]:
    """管理系统, 信息系统: a thing's generic name written whole in two names or more: they fit alike, for the question
    to say which (a year may decide); the one name where one holds it; () where none does, or it names no thing
    (信息化, 建设项目: a family)."""
    if not phrase.endswith(("系统", "平台")) or len(phrase) < 4:
        return ()
    holders = tuple(name for name in names.projects if contract(phrase) in contract(name))
    return holders


def informative(phrase: str) -> bool:
    rest = phrase
    for word in _GENERIC_WORDS:
        rest = rest.replace(word, "")
    return len(rest) >= 2


def _stem(name: str) -> str:
    """A project's name less its generic ending (信息化建设项目 → 信息化建设)."""
    return re.sub("(?:项目|工作经费|经费)$", "", name)


def _coverage(phrase: str, name: str) -> float:
    return len(_lcs_chars(contract(phrase), contract(name))) / len(contract(name))


@lru_cache(maxsize=4096)
def _lcs_chars(a: str, b: str) -> str:
    """The characters of the longest common subsequence of ``a`` and ``b`` (in ``a``'s order)."""
    # Lengths, then one walk back: the ties of the old per-cell text copies, without the copies (rt14 F4)
    lengths = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        row, below = lengths[i], lengths[i + 1]
        for j in range(len(b) - 1, -1, -1):
            row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
    found, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            found.append(a[i])
        i, j = (i + 1, j + 1) if a[i] == b[j] else (i + 1, j) if lengths[i + 1][j] >= lengths[i][j + 1] else (i, j + 1)
    return "".join(found)
