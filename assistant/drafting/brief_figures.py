"""Figures of a brief that cannot all be true, and figures in a unit no measure uses, said as 起草提示 notes
(rt8 R7): ``全年办理援助案件1200件`` and ``全年办理援助案件3000件`` in one brief; ``每件补贴500元`` and ``每件补贴2万元``;
``开展普法讲座40光年``. The draft is never silently built on one of two figures: the note names both and where
each is written."""

from __future__ import annotations

import re

from assistant.domain.brief import Brief
from assistant.domain.figure_conflicts import conflicting, written_figures
from assistant.domain.statement_base import COUNT_UNITS, TIME_UNITS
from assistant.domain.statements import Statement, brief_texts, plain, read_statements
from assistant.drafting.models import GroundingNote, NoteKind

# First characters a unit of measure (or a word of quantity) written after a number may start with: counts, times,
# money, lengths, areas, weights, volumes, energy, shares, and the words that qualify a figure (多, 余, 以上 …).
_KNOWN_STARTS = frozenset(
    {u[0] for u in (*COUNT_UNITS, *TIME_UNITS)}
    | set("元万亿千百十年月日号时天周季岁级倍成分秒米厘毫里公亩顷吨斤克升度瓦伏兆户期届批轮平立方余多以左之来")
    | set("元角寸尺丈码英海兆吉帧像秒点档星线")
)
_FIGURE_END = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>[\u4e00-\u9fff]{1,3})(?=[，。；、,;：:！!？?\s）)]|$)")
_CLAUSE_START = re.compile(r"[，。；、,;：:！!？?\n]")


def brief_figure_notes(brief: Brief) -> list[GroundingNote]:
    """Notes for figures of ``brief`` that contradict each other (one measure, two different figures) and for
    figures ending a clause in a unit outside every measure vocabulary; empty when there are none."""
    return [*_conflict_notes(read_statements(brief)), *_unit_notes(brief_texts(brief))]


def _conflict_notes(statements: list[Statement]) -> list[GroundingNote]:
    """One note per measure written with two or more different figures (`conflicting`)."""
    notes = []
    for group in conflicting(statements):
        first = group[0]
        notes.append(
            GroundingNote(
                kind=NoteKind.CONFLICTING_FIGURES,
                fragment=written_figures(group),
                message=(
                    f"简报对同一项内容写了不同的数字（{'、'.join(plain(s.number) + s.unit for s in group)}），无法判断哪个正确；"
                    f"草稿暂按第一处（{plain(first.number)}{first.unit}）起草，"
                    "请核对后改正简报或草稿中的指标值和金额"
                ),
            )
        )
    return notes


def _unit_notes(texts: dict[str, str]) -> list[GroundingNote]:
    """A note for each figure that ends a clause in a word no measure starts with (``40光年``)."""
    notes = []
    for field, text in texts.items():
        for match in _FIGURE_END.finditer(text or ""):
            unit = match.group("unit")
            if unit[0] in _KNOWN_STARTS:
                continue
            start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, match.start())), default=0)
            clause = text[start : match.end()].strip()
            notes.append(
                GroundingNote(
                    kind=NoteKind.CONFLICTING_FIGURES,
                    fragment=f"{field}“{clause}”",
                    message=(
                        f"简报{field}中的“{match.group('num')}{unit}”，“{unit}”不是绩效指标使用的计量单位，"
                        "起草时未据此设指标；请核对该数字和单位"
                    ),
                )
            )
    return notes
