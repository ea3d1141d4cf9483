"""Characters typed for another of the same sound (老干布 for 老干部, 信仿 for 信访, 会务系通 for 会务系统, 党废 for 党费):
the commonest typo of pinyin input. A character no project name or unit holds is read as a character of the same
sound (any reading, tones ignored) that does, where that makes a pair of characters the names or units write with its
neighbour; the answer says how it was read. Question words (啥, 咋, 哪…) and characters the names hold are never changed.
The readings come from pypinyin's table of single characters, read as data.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from assistant.qa.entities import contract

# Characters of questions that are no typo whatever their sound.
_KEEP = set("佬啥咋哪吗呢吧啊呀么嘛哈吧咱您你他她它谁几多少怎样么个们了的是有没在和与及或做搞弄给")


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fa5"


def _readings(char: str) -> list[str]:
    """The char's readings without tones, the usual one first (立: li, wei); [] for one the table lacks."""
    written = _table().get(str(ord(char)), "")
    plain = unicodedata.normalize("NFD", written)
    return [r for r in "".join(c for c in plain if not unicodedata.combining(c)).split(",") if r]


@lru_cache(maxsize=65536)  # a long question asks for the same few characters' sound thousands of times
def _sound(char: str) -> str:
    """The usual reading (立 is li, not its rare wei)."""
    readings = _readings(char)
    return readings[0] if readings else ""


def sounds(text: str) -> list[str]:
    """Each character's usual reading (tones ignored; a character the table lacks stands for itself): 到为率 and
    到位率 sound the same."""
    return [_sound(char) or char for char in text]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """pypinyin's table of single characters (code point → readings with tones), read as data: importing the package
    loads its phrase table too (0.15 s), which a reading of one character does not need."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise RuntimeError("pypinyin is not installed (pip install pypinyin)")
    table: dict[str, str] = json.loads((Path(spec.origin).parent / "pinyin_dict.json").read_text(encoding="utf-8"))
    return table


@lru_cache(maxsize=8)
def _vocabulary(words: tuple[str, ...], others: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(characters of the names, units and ``others``; pairs of adjacent characters of the names and units)."""
    written = {*words, *(contract(word) for word in words)}
    chars = frozenset(char for word in (*written, *others) for char in word)
    pairs = frozenset(word[i : i + 2] for word in written for i in range(len(word) - 1))
    return chars, pairs


@lru_cache(maxsize=8)
def _by_sound(pairs: frozenset[str]) -> dict[str, frozenset[str]]:
    """Reading → the characters of the names and units (those of ``pairs``) read so."""
    found: dict[str, set[str]] = defaultdict(set)
    for char in {char for pair in pairs for char in pair if _chinese(char)}:
        for reading in _readings(char):
            found[reading].add(char)
    return {reading: frozenset(chars) for reading, chars in found.items()}


def correct(
    text: str, words: tuple[str, ...], others: tuple[str, ...] = (), written: str = ""
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with each homophone typo replaced, and (as written, as read) for each: the typed character with its
    neighbours, e.g. (老干布系统, 老干部系统). ``words``: the corpus's project names and units; ``others``: words whose
    characters are never taken for typos (indicator names, budget lines, the question vocabulary); ``written``: the
    forms' whole text, where three characters the typed one starts or ends (离退休 of 管离退休) make it no typo."""
    chars, pairs = _vocabulary(words, others)
    firsts, seconds = {pair[0] for pair in pairs}, {pair[1] for pair in pairs}
    out = list(text)
    corrected = []
    for i, char in enumerate(text):
        if char in chars or char in _KEEP or not _chinese(char):
            continue
        before, after = (out[i - 1] if i > 0 else ""), (text[i + 1] if i + 1 < len(text) else "")
        if before not in firsts and after not in seconds:
            continue
        sounds = _by_sound(pairs).get(_sound(char), frozenset())
        options = sorted({same for same in sounds if before + same in pairs or same + after in pairs})
        if len(options) == 1 and not _in_written(text, i, written):
            out[i] = options[0]
            start, end = i, i + 1  # the typed character with up to two Chinese characters on each side
            while start > max(i - 2, 0) and _chinese(text[start - 1]):
                start -= 1
            while end < min(i + 3, len(text)) and _chinese(text[end]):
                end += 1
            corrected.append((text[start:end], "".join(out[start:i]) + options[0] + text[i + 1 : end]))
    return "".join(out), tuple(corrected)


def _in_written(text: str, at: int, written: str) -> bool:
    """Whether the character at ``at`` starts or ends three characters the forms write (管离退休: 离退休)."""
    threes = (text[at : at + 3], text[max(at - 2, 0) : at + 1])
    return any(len(three) == 3 and three in written for three in threes)


@lru_cache(maxsize=1)
def _dictionary() -> bytes:
    """jieba's general dictionary (one ``word freq tag`` a line), read as bytes once (5 MB, a few milliseconds); only
    where a correction of a term's character is considered."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return b""
    return (Path(spec.origin).parent / "dict.txt").read_bytes()


def is_word(pair: str) -> bool:
    """Whether ``pair`` is a word of the general dictionary (学院, 适用, 之家): written so, it is no typo."""
    return len(pair) == 2 and f"\n{pair} ".encode() in _dictionary()


# Words of questions written beside a term (那个, 里有, 的比): never a term's typo.
_KEEP_BESIDE_TERMS = set("那这里比跟同把被给让从向对按")


@lru_cache(maxsize=8)
def _by_usual_sound(pairs: frozenset[str]) -> dict[str, frozenset[str]]:
    """Usual reading → the characters of the terms read so usually (盖 is gai, not its rare ge: 合哥率 is 合格率 alone)."""
    found: dict[str, set[str]] = defaultdict(set)
    for char in {char for pair in pairs for char in pair if _chinese(char)}:
        found[_sound(char)].add(char)
    return {reading: frozenset(chars) for reading, chars in found.items()}


@lru_cache(maxsize=8)
def _term_pairs(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(term[i : i + 2] for term in terms for i in range(len(term) - 1))


def correct_terms(
    text: str, terms: tuple[str, ...], known: tuple[str, ...] = (), written: str = ""
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with each homophone typo in a term of the forms replaced (合哥率 → 合格率, 满义度 → 满意度, 推松 → 推送,
    特定目标累 → 特定目标类), and (as written, as read) for each, the term's words around it.

    ``terms``: the corpus's indicator names, 项目类别 values and 项目构成 rows; ``known``: every other word of the corpus
    and of the questions' vocabulary (project names, units, section and field terms); ``written``: the forms' whole
    text. A character is read as another only where no term or known word holds it, no pair it makes with a neighbour
    is a word of the general dictionary (学院, 适用: words of their own) or is written in the forms (微信), and exactly
    one character of the same sound makes, with a neighbour, a pair the terms write."""
    pairs = _term_pairs(terms)
    chars, _ = _vocabulary(terms, known)
    by_sound = _by_usual_sound(pairs)
    out = list(text)
    corrected = []
    for i, char in enumerate(text):
        if char in chars or char in _KEEP or char in _KEEP_BESIDE_TERMS or not _chinese(char):
            continue
        before, after = (out[i - 1] if i > 0 else ""), (text[i + 1] if i + 1 < len(text) else "")
        same = by_sound.get(_sound(char), frozenset())
        options = sorted({s for s in same if before + s in pairs or s + after in pairs})
        pairs_written = [pair for pair in (before + char, char + after) if len(pair) == 2]
        if len(options) != 1 or any(pair in written for pair in pairs_written):
            continue
        if _splits_a_word(out, i, options[0], text, (terms, written)):
            continue  # 党员干部看: 部 belongs to 干部, so 部看 is no miswritten 部刊
        # 合格律: 格律 is a word, yet 合格率 is a term's: three characters a term writes outweigh the dictionary
        if any(map(is_word, pairs_written)) and not _in_three(out, i, options[0], text, terms):
            continue
        out[i] = options[0]
        start, end = _term_run(out, i, terms)
        corrected.append((text[start:end], "".join(out[start:end])))
    return "".join(out), tuple(corrected)


def _splits_a_word(out: list[str], at: int, meant: str, text: str, where: tuple[tuple[str, ...], str]) -> bool:
    """Whether the neighbour the correction pairs with already makes a word with its other neighbour (干部 in 干部看):
    a dictionary word or one the forms write, unless the three characters are a term's (目标 + 类: 特定目标类)."""
    terms, written = where
    before = "".join(out[max(at - 2, 0) : at])
    after = text[at + 1 : at + 3]
    joined = []
    pairs = _term_pairs(terms)
    if len(before) == 2 and before[1] + meant in pairs:
        joined.append((before, before + meant))
    if len(after) == 2 and meant + after[0] in pairs:
        joined.append((after, meant + after))
    return any(
        (is_word(word) or word in written) and not any(three in term for term in terms) for word, three in joined
    )


def _in_three(out: list[str], at: int, meant: str, text: str, terms: tuple[str, ...]) -> bool:
    """Whether ``meant`` at ``at`` makes, with two neighbours, three characters a term writes (合格率)."""
    chars = [*out[:at], meant, *text[at + 1 :]]
    threes = ("".join(chars[start : start + 3]) for start in range(max(at - 2, 0), at + 1))
    return any(len(three) == 3 and any(three in term for term in terms) for three in threes)


def _term_run(out: list[str], at: int, terms: tuple[str, ...], reach: int = 2) -> tuple[int, int]:
    """The span around ``at`` (at most ``reach`` characters either side) shown as read: the shortest of three
    characters or more that ends a term (合格率, 满意度, 特定目标类), else the longest that ends one (推送)."""
    ends = []
    for start in range(max(at - reach, 0), at + 1):
        for end in range(at + 1, min(at + reach + 1, len(out)) + 1):
            if end - start >= 2 and any(term.endswith("".join(out[start:end])) for term in terms):
                ends.append((start, end))
    three = [span for span in ends if span[1] - span[0] >= 3]
    if three:
        return min(three, key=lambda span: (span[1] - span[0], span[0]))
    return max(ends, key=lambda span: span[1] - span[0], default=(max(at - 1, 0), at + 1))
