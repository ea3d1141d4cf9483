"""Characters typed for another of the same sound (老干布 for 老干部, 信仿 for 信访, 会务系通 for 会务系统, 党废 for 党费):
the commonest typo of pinyin input. A character no project name or unit holds is read as a character of the same
sound (any reading, tones ignored) that does, where that makes a pair of characters the names or units write with its
neighbour; the answer says how it was read. Question words (啥, 咋, 哪…) and characters the names hold are never changed.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from pypinyin import Style, pinyin

from assistant.qa.entities import contract

# Characters of questions that are no typo whatever their sound.
_KEEP = set("佬啥咋哪吗呢吧啊呀么嘛哈吧咱您你他她它谁几多少怎样么个们了的是有没在和与及或")


def _readings(char: str) -> set[str]:
    return {reading for group in pinyin(char, style=Style.NORMAL, heteronym=True) for reading in group}


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fa5"


def _sound(char: str) -> str:
    """The usual reading (立 is li, not its rare wei)."""
    return pinyin(char, style=Style.NORMAL)[0][0]


@lru_cache(maxsize=8)
def _vocabulary(
    words: tuple[str, ...], others: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """(characters of the names, units and ``others``; pairs of adjacent characters and reading → characters, of the
    names and units)."""
    written = {*words, *(contract(word) for word in words)}
    chars = frozenset(char for word in (*written, *others) for char in word)
    pairs = frozenset(word[i : i + 2] for word in written for i in range(len(word) - 1))
    by_sound: dict[str, set[str]] = defaultdict(set)
    for char in chars:
        if _chinese(char):
            for reading in _readings(char):
                by_sound[reading].add(char)
    return chars, pairs, {reading: frozenset(found) for reading, found in by_sound.items()}


def correct(text: str, words: tuple[str, ...], others: tuple[str, ...] = ()) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with each homophone typo replaced, and (as written, as read) for each: the typed character with its
    neighbours, e.g. (老干布系统, 老干部系统). ``words``: the corpus's project names and units; ``others``: words whose
    characters are never taken for typos (indicator names, budget lines, the question vocabulary)."""
    chars, pairs, by_sound = _vocabulary(words, others)
    out = list(text)
    corrected = []
    for i, char in enumerate(text):
        if char in chars or char in _KEEP or not _chinese(char):
            continue
        before, after = (out[i - 1] if i > 0 else ""), (text[i + 1] if i + 1 < len(text) else "")
        options = sorted(
            {same for same in by_sound.get(_sound(char), ()) if before + same in pairs or same + after in pairs}
        )
        if len(options) == 1:
            out[i] = options[0]
            start, end = i, i + 1  # the typed character with up to two Chinese characters on each side
            while start > max(i - 2, 0) and _chinese(text[start - 1]):
                start -= 1
            while end < min(i + 3, len(text)) and _chinese(text[end]):
                end += 1
            corrected.append((text[start:end], "".join(out[start:i]) + options[0] + text[i + 1 : end]))
    return "".join(out), tuple(corrected)
