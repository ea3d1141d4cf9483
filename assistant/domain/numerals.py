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
