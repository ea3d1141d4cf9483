"""Chinese text, once: sentences, clauses and two-character pieces (bigrams).

Every caller picks its marks: a sentence of a brief ends at 。；！？ and a line break; a Q&A quote also at
an ASCII ``;``. The functions differ only in what they keep of the marks and the blank pieces, each said
in its docstring, so that the same split is never written again as a regular expression elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

SENTENCE_ENDS = "。；！？\n"  # what ends a sentence of a declaration or a brief
CLAUSE_MARKS = "，,；;、"  # what separates the clauses (or listed items) of one sentence
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")  # a run of Chinese characters (no digits, Latin or punctuation)


@cache
def _class(marks: str) -> str:
    return "[" + re.escape(marks) + "]" if marks else "(?!)"


@cache
def _with_end(ends: str, breaks: str) -> re.Pattern[str]:
    return re.compile(f"[^{re.escape(ends + breaks)}]+{_class(ends)}?")


@cache
def _lossless(ends: str) -> re.Pattern[str]:
    return re.compile(f"[^{re.escape(ends)}]*{_class(ends)}|[^{re.escape(ends)}]+$")


def sentences(text: str, *, ends: str = SENTENCE_ENDS, breaks: str = "") -> list[str]:
    """The sentences of ``text``, each with its end mark (one of ``ends``) when it has one, not stripped.

    ``breaks`` also end a sentence but are dropped (``breaks="\\n"``: a line break ends a quote without being
    part of it). Marks with nothing before them are dropped: ``"甲。\\n\\n乙"`` → ``["甲。", "\\n", "乙"]`` with
    the default ends (the second line break has nothing before it).
    """
    return _with_end(ends, breaks).findall(text)


def sentence_pieces(text: str, *, ends: str = SENTENCE_ENDS) -> list[str]:
    """``text`` cut after each of ``ends``: every character is in one piece, so ``"".join`` gives ``text`` back
    (blank lines and lone marks included) and a caller can drop some sentences and keep the layout."""
    return _lossless(ends).findall(text)


def split_on(text: str, marks: str) -> list[str]:
    """The pieces of ``text`` between any of ``marks`` (marks dropped), as written: not stripped, blanks kept."""
    return re.split(_class(marks), text)


def clauses(text: str, *, marks: str = CLAUSE_MARKS) -> list[str]:
    """The stripped, non-empty pieces of ``text`` between any of ``marks``."""
    return [piece.strip() for piece in split_on(text, marks) if piece.strip()]


def pairs(pieces: Iterable[str]) -> set[str]:
    """Every two consecutive characters within each of ``pieces`` (never across two of them)."""
    return {piece[i : i + 2] for piece in pieces for i in range(len(piece) - 1)}


def cjk_bigrams(text: str) -> set[str]:
    """Every two-character piece of the Chinese runs of ``text`` (``信息化2023年`` → 信息、息化)."""
    return pairs(CJK_RUN.findall(text))


def word_positions(word: str, text: str) -> list[int]:
    """Where ``word`` stands in ``text`` as a word of its own or as the head (the end) of a longer one (代表 in
    人大代表、党代表), never as the front of another word (代表 in 代表性 "representative", 档案 in 档案馆) nor across two
    words; words as jieba cuts them."""
    spans = _word_spans(text)
    found: list[int] = []
    for at in (m.start() for m in re.finditer(re.escape(word), text)):
        end = at + len(word)
        if any(start <= at and stop == end for start, stop in spans):
            found.append(at)
    return found


@cache
def _word_spans(text: str) -> tuple[tuple[int, int], ...]:
    import jieba

    jieba.setLogLevel(60)
    return tuple((start, stop) for _, start, stop in jieba.tokenize(text))


# Invisible format characters (Unicode category Cf) that text copied from web pages, WeChat or Word carries: the
# zero-width space U+200B, the soft hyphen U+00AD, the word joiner U+2060, ZWNJ/ZWJ, a byte-order mark U+FEFF inside
# text… Each displays as nothing, so ``1\u200b2份`` reads as 12份 to every person, and a figure reader would take
# it for 2 (red team rt13 #1). Every input (a brief, an edit, an imported file, a question) passes `visible` once,
# and the figure is then read as it displays. The bidirectional overrides (U+202A–U+202E, U+2066–U+2069) are not
# removed by `visible`: they reorder what displays, so the brief loader and the edit policy refuse them, naming the
# field; an imported file has them removed by `imported`, with a note.
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_INVISIBLE_NAMES = {
    "\u200b": "零宽空格",
    "\u00ad": "软连字符",
    "\u2060": "零宽连接符",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\ufeff": "字节顺序标记",
    "\u200e": "左至右标记",
    "\u200f": "右至左标记",
}


@cache
def _invisible() -> re.Pattern[str]:
    import unicodedata

    planes = (*range(0x30000), *range(0xE0000, 0xE0100))  # every Cf character (Unicode 15) is in these
    found = [chr(c) for c in planes if unicodedata.category(chr(c)) == "Cf"]
    return re.compile("[" + "".join(re.escape(c) for c in found if c not in _BIDI) + "]")


def visible(text: str) -> str:
    """``text`` without its invisible format characters (see above): ``全年1\u200b2份`` → ``全年12份``."""
    return text if text.isascii() else _invisible().sub("", text)


def invisible_in(text: str) -> list[str]:
    """The invisible format characters `visible` removes from ``text``, in order."""
    return [] if text.isascii() else _invisible().findall(text)


# What an imported file (a text export, a saved page, an office cell) may not bring into the corpus either: the
# bidirectional overrides (a name stored reversed, red team rt14 F5), NUL, and the replacement character a page's
# ``&#0;`` becomes. A brief or an edit refuses these naming the field; an import cannot ask, so it removes them and
# says so in a parse note.
_IMPORT_ONLY = re.compile("[" + "".join(sorted(_BIDI)) + "\x00\ufffd]")
_INVISIBLE_NAMES.update(
    {c: "双向文字控制符" for c in _BIDI} | {"\x00": "空字符", "\ufffd": "替换字符（空字符或无法显示的字符）"}
)


def imported(text: str) -> str:
    """``text`` of an imported file without what `hidden_in_import` finds."""
    return text if text.isascii() and "\x00" not in text else _hidden().sub("", text)


def hidden_in_import(text: str) -> list[str]:
    """The characters `imported` removes from ``text``: invisible format characters, bidi overrides, NUL, U+FFFD."""
    return [] if text.isascii() and "\x00" not in text else _hidden().findall(text)


@cache
def _hidden() -> re.Pattern[str]:
    return re.compile(f"{_invisible().pattern}|{_IMPORT_ONLY.pattern}")


def visible_data(data: object) -> object:
    """``data`` (text, or mappings and lists of them, as a YAML or JSON file loads) with every text `visible`; a
    str subclass (an enum member) is kept as it is."""
    if type(data) is str:
        return visible(data)
    if isinstance(data, dict):
        return {visible_data(k): visible_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [visible_data(v) for v in data]
    return data


def invisible_in_data(data: object) -> list[str]:
    """`invisible_in` over every text of ``data`` (mapping keys and values, list items), in order."""
    if isinstance(data, str):
        return invisible_in(data)
    items = [*data.keys(), *data.values()] if isinstance(data, dict) else data if isinstance(data, list) else []
    return [c for item in items for c in invisible_in_data(item)]


def invisible_note(where: str, found: list[str]) -> str:
    """``「主要内容」中有 2 个不可见字符（零宽空格 U+200B、软连字符 U+00AD），已删除后读取…`` for ``found``."""
    kinds = list(dict.fromkeys(found))
    names = "、".join(f"{_INVISIBLE_NAMES.get(c, '格式控制字符')} U+{ord(c):04X}" for c in kinds[:4])
    more = "等" if len(kinds) > 3 else ""
    return (
        f"{where}中有 {len(found)} 个不可见字符（{names}{more}），已删除后读取，"
        "其中的数字按显示的样子读；请核对有关数字"
    )
