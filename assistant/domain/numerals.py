"""Figures written with digit grouping, read as the one number they are.

Officers copy figures from spreadsheets: ``1,235公里``, ``1,095,000客次``, full-width ``１，２３５`` (an input
method in full-width mode) or ``1 235`` (a no-break or thin space, or an ordinary space inside a figure, as grouping). Every reader of
figures in free text splits clauses at commas and reads ``\\d+``, so a grouped figure would be read as its tail
(1,235 → 235). :func:`join_digit_groups` rewrites such a figure as plain digits before any reader sees it.

What counts as grouping (and what does not, being ambiguous):
- an ASCII comma, a no-break or a thin space between a lead of 1–3 digits and groups of exactly 3 digits, the whole run
  neither preceded nor followed by another digit: ``1,235``, ``1,095,000``, ``12\u202f500.5``;
- an ordinary space likewise, only when the figure is written against words on both sides (``共1 235公里``);
- a full-width comma only between full-width digits (``１，２３５``): after ASCII digits ``，`` is the clause mark of
  Chinese text (``分别为120，150，180台`` is three figures), so ``120，150`` is left as it is;
- full-width digits and a full-width point between digits become ASCII (``１２．５`` → ``12.5``).
A line break never groups, and neither do groups of other sizes (``1,2,3``; ``2026, 2027``).

大写 numerals (壹佰万元, 叁拾场, 贰次), the form of figures on cheques and contracts, are read here too:
:data:`CAPITAL_NUMBER` finds them in text and :func:`small_numerals` writes them as ordinary numerals (叁拾 → 三十),
which ``quantities.cn_number`` reads. A lone 伍, 陆, 拾, 佰 or 仟 is a word's character (队伍, 陆家嘴, 收拾) and is
not a figure; with another 大写 character beside it (伍拾, 陆佰) it is.
"""

from __future__ import annotations

import re

_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_GROUPED = re.compile(r"(?<![０-９0-9])[０-９]{1,3}(?:[，,][０-９]{3})+(?![０-９0-9])")
_FULL_POINT = re.compile(r"(?<=[０-９])．(?=[０-９])")
_FULL_RUN = re.compile(r"[０-９]+")
# The same separator throughout one figure (\2): 1,235 or 1 235, never 1,235 000.
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3})([,\u00a0\u2009\u202f])\d{3}(?:\2\d{3})*(?![\d,]\d|\d)")
# An ordinary space groups only inside a figure written against its words (共1 235公里): ``1月1日 100 200`` may be two
# figures, so a run that starts after a space or ends without a unit is left alone.
_SPACE_GROUPED = re.compile(r"(?<=[^\s\d.,])\d{1,3}(?: \d{3})+(?=[^\s\d.,])")


_CAPITAL = str.maketrans("壹贰貳叁肆伍陆陸柒捌玖拾佰仟萬", "一二二三四五六六七八九十百千万")
# A run of two or more 大写 characters, or one of the digits no common word uses alone.
CAPITAL_NUMBER = "[壹贰貳叁肆伍陆陸柒捌玖拾佰仟零][壹贰貳叁肆伍陆陸柒捌玖拾佰仟零萬万]+|[壹贰貳叁肆柒捌玖]"


def small_numerals(text: str) -> str:
    """``text`` with every 大写 numeral character written as the ordinary one (叁拾 → 三十, 壹佰萬 → 一百万)."""
    return text.translate(_CAPITAL)


def join_digit_groups(text: str) -> str:
    """``text`` with every grouped figure written as plain ASCII digits (1,235 → 1235; １，２３５ → 1235)."""
    if not text:
        return text
    text = _FULL_POINT.sub(
        ".", text
    )  # first: once the groups are ASCII, ２，１２４．００'s point follows an ASCII digit
    text = _FULL_GROUPED.sub(lambda m: re.sub(r"[，,]", "", m[0]).translate(_FULL_DIGITS), text)
    text = _FULL_RUN.sub(lambda m: m[0].translate(_FULL_DIGITS), text)
    text = _GROUPED.sub(lambda m: re.sub(r"[,\u00a0\u2009\u202f]", "", m[0]), text)
    return _SPACE_GROUPED.sub(lambda m: m[0].replace(" ", ""), text)
