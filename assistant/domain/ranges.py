"""Figures a brief writes as a range (配备运维人员3-5人, 培训10～15场, 每场30至50人): read as the range's lower bound.

A target is one figure. Of the two ends, the lower one is what the plan commits to at least (培训10～15场 → ≥10场):
taking the upper end would promise what the brief only hopes for, and a reviewer who finds ≥15 where the brief says
10～15 sends the form back. The row says so in a note (``range_note``), so the officer can raise it.

    range_low(before) -> Match | None   the ``10～`` a figure's text ends with, before the upper end (15场)
    ranges_in(text) -> list[str]        every range written in ``text`` (10～15场, 30至50人), as written
"""

from __future__ import annotations

import re

from assistant.domain.quantities import CN_NUMBER

SEP = r"\s*(?:-|－|—|–|~|～|〜|至|到)\s*"
_LOW = re.compile(rf"(?P<low>\d+(?:\.\d+)?|{CN_NUMBER}){SEP}$")
_RANGE = re.compile(rf"(?<![\d.])(?P<low>\d+(?:\.\d+)?){SEP}(?P<high>\d+(?:\.\d+)?)(?P<unit>[\u4e00-\u9fff%％]{{1,3}})")
_FIRST = re.compile(r"\d+(?:\.\d+)?")
_NOT_UNIT = re.compile(r"^(?:年|月|日|号|时|点|岁|周岁|级|层|楼)")


def range_low(before: str) -> re.Match[str] | None:
    """The lower end and separator right before an upper end (``培训10～`` before ``15场``), else None. A year or a
    date (2026-2027年) never reaches here: their units are no count's."""
    return _LOW.search(before)


def ranges_in(text: str) -> list[str]:
    """The ranges of figures ``text`` writes (10～15场, 30至50人), not years or dates (2026—2027年, 3-5月)."""
    return [m[0] for m in _RANGE.finditer(text or "") if not _NOT_UNIT.match(m["unit"]) and m["low"] != m["high"]]


def range_note(words: str, clause: str, derivation: str | None, value: str) -> str | None:
    """The note of a row whose figure comes from a range (``10～15场`` → ≥10(场)), or None: why the lower end."""
    if not ranges_in(words):
        return None
    used = words + (derivation or "")
    ranges = [r for r in ranges_in(clause) if (low := _FIRST.match(r)) and low[0] in used]
    shown = "、".join(dict.fromkeys(ranges or ranges_in(words)))
    return (
        f"简报写的是范围（{shown}），指标值按范围的下限写作“{value}”：下限是计划至少要完成的数，"
        "取上限会把简报只是预期的数写成必须完成的目标；如需按上限或其他数考核，请改写指标值"
    )
