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
