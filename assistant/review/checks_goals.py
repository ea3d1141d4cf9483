"""``GOAL-VALUE-MISMATCH``: a goal sentence that gives an indicator a figure other than the indicator table's
(项目总目标 “考核要求区管河道保洁覆盖率达到95%” beside 考核要求区管河道保洁覆盖率 =100(%)).

An indicator is found in a goal by its name, or by its name's longest ending of four characters and at least half
the name (保洁覆盖率 for 考核要求区管河道保洁覆盖率), followed within eight characters (达到、不低于、保持在…) by a
figure in the indicator's own unit (95%, 1800吨); a figure in another unit (0.18万吨) or none (全覆盖) is not read.
Where two rows' names reach the same figure, the longer match names it; rows that tie with different values leave it
unread. The table holds the year's values, so 项目总目标 is read only for a project of one year (its dates in one
year, or without dates, 年度申请 = 总额); 年度绩效目标 always.

GOAL-NAME-STALE: a goal that gives a row's exact figure under an indicator-like name the table no longer has
(``助餐点检查次数不少于168次`` after row 3 was renamed 季度食品安全检查次数 ≥168(次)): the name before the figure ends like
an indicator's (次数, 数量, 率…), no row is named so or reads that figure by name, and exactly one row has that figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.values import ValueKind
from assistant.review.base import at_section, finding
from assistant.review.models import Finding

MIN_ENDING = 4  # characters of a name's ending that identify its row in a goal
BRIDGE = r"[^\d，,；;。：:、\n]{0,8}?"  # 达到、不低于、保持在… between a name and its figure


@dataclass(frozen=True)
class _Read:
    """One figure of a goal read as row ``ind``'s: the span of the figure, how many name characters matched."""

    ind: Indicator
    span: tuple[int, int]
    matched: int
    text: str
    number: Decimal


def check_goal_values(decl: Declaration) -> Iterator[Finding]:
    rows = [i for i in decl.indicators if _figure(i) is not None]
    if not rows:
        return
    kinds = ([SectionKind.GOAL_TOTAL] if _one_year(decl) else []) + [SectionKind.GOAL_ANNUAL]
    for kind in kinds:
        for read in _reads(decl.section_text(kind), rows):
            number, unit = _figure(read.ind) or (Decimal(0), "")
            if read.number == number:
                continue
            yield finding(
                "GOAL-VALUE-MISMATCH",
                f"{kind.label}写“{read.text}”，而绩效指标「{read.ind.name}」的指标值是 {read.ind.value.raw}"
                f"（{_plain(read.number)}{unit} ≠ {_plain(number)}{unit}），目标与指标表不一致。",
                at_section(decl, kind),
                fix=f"把{kind.label}中的“{read.text}”改为与指标值 {read.ind.value.raw} 一致，"
                "或改正指标表中该指标的值，使两处写同一个数。",
            )


def check_goal_names(decl: Declaration) -> Iterator[Finding]:
    rows = [i for i in decl.indicators if _figure(i) is not None]
    names = [re.sub(r"\s+", "", i.name) for i in decl.indicators]
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        text = decl.section_text(kind)
        read = {r.span for r in _reads(text, rows)}
        for ind in rows:
            for name, figure, span in _named_figures(text, ind):
                if span in read or any(name in n or n in name for n in names):
                    continue
                if sum(_figure(r) == _figure(ind) for r in rows) != 1:
                    continue
                yield finding(
                    "GOAL-NAME-STALE",
                    f"{kind.label}写“{name}”{figure}，指标表中没有名为“{name}”的指标；{figure}是指标「{ind.name}」"
                    f"（{ind.value.raw}）的值，若该指标已改名，目标中的名称未随之修改。",
                    at_section(decl, kind),
                    fix=f"把{kind.label}中的“{name}”改为「{ind.name}」，或改正指标表中该指标的名称。",
                )
            for said in _renamed_and_revalued(text, ind, rows, names):
                yield finding(
                    "GOAL-NAME-STALE",
                    f"{kind.label}写{said}，指标表中没有这个名称，也没有这个值；同类指标只有「{ind.name}」"
                    f"（{ind.value.raw}），若该指标已改名并改值，目标未随之修改。",
                    at_section(decl, kind),
                    fix=f"把{kind.label}中的{said}改为「{ind.name}」及其指标值 {ind.value.raw}，或改正指标表。",
                )


# The ending of an indicator's name (…次数, …数量, …覆盖率, …满意度, …时限, …单位成本).
_NAME_END = r"(?:次数|人次|人数|数量|场次|批次|户数|期数|卷数|页数|件数|个数|面积|时长|时限|率|度|成本|标准)"
_BEFORE = r"(?:不少于|不低于|不超过|不高于|控制在|保持在|达到|达|为|≥|≤|=)?"


def _named_figures(text: str, ind: Indicator) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """(name, figure as written, span of the number) for each place ``text`` gives ``ind``'s figure after a name."""
    number, unit = _figure(ind) or (Decimal(0), "")
    for name, figure, span, found in _unit_figures(text, unit):
        if found == number:
            yield name, figure, span


def _unit_figures(text: str, unit: str) -> Iterator[tuple[str, str, tuple[int, int], Decimal]]:
    """(name, figure as written, span of the number, number) for each figure in ``unit`` that ``text`` gives after an
    indicator-like name."""
    units = r"[%％]" if unit == "%" else re.escape(unit)
    pattern = re.compile(
        rf"([^\d，,；;。：:、\s（(]{{2,24}}?{_NAME_END}){_BEFORE}\s*(?<![\d.])(\d+(?:\.\d+)?)\s*({units})"
    )
    for match in pattern.finditer(text):
        try:
            number = Decimal(match.group(2))
        except InvalidOperation:
            continue
        name = re.sub(r"^(?:通过本项目的实施|通过项目实施|全年|年度内|确保|实现|完成)", "", match.group(1))
        yield name, f"{match.group(2)}{match.group(3)}", match.span(2), number


def _renamed_and_revalued(text: str, ind: Indicator, rows: list[Indicator], names: list[str]) -> Iterator[str]:
    """A goal's “name figure” in ``ind``'s unit, under a name no row has, ending like ``ind``'s name (…时限), with a
    figure no row has, where ``ind`` is the only row of that unit and ending: the row was renamed and revalued and
    the goal was not (``群众举报接报后处置时限不超过2小时`` beside 接报到场时限 ≤1.5(小时))."""
    number, unit = _figure(ind) or (Decimal(0), "")
    ending = _ENDING.search(ind.name)
    if ending is None:
        return
    alike = [r for r in rows if (_figure(r) or (0, ""))[1] == unit and r.name.endswith(ending.group(0))]
    figures = {_figure(r) for r in rows}
    for name, figure, _, found in _unit_figures(text, unit):
        if len(alike) != 1 or found == number or (found, unit) in figures or not name.endswith(ending.group(0)):
            continue
        if not any(name in n or n in name for n in names):
            yield f"“{name}”{figure}"


_ENDING = re.compile(_NAME_END + "$")


def _figure(ind: Indicator) -> tuple[Decimal, str] | None:
    value = ind.value
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None or not value.unit:
        return None
    return value.number, value.unit


def _one_year(decl: Declaration) -> bool:
    start, end = decl.header.start_date, decl.header.end_date
    if start is not None and end is not None:
        return start.year == end.year
    money = decl.funding
    return money.annual is not None and money.annual == money.total


def _reads(text: str, rows: list[Indicator]) -> list[_Read]:
    """Each figure of ``text`` read as one row's: the row whose name reaches it with the longest match."""
    best: dict[tuple[int, int], list[_Read]] = {}
    for ind in rows:
        for read in _row_reads(text, ind):
            kept = best.get(read.span, [])
            if not kept or read.matched > kept[0].matched:
                best[read.span] = [read]
            elif read.matched == kept[0].matched:
                kept.append(read)
    found = []
    for span in sorted(best):
        reads = best[span]
        if len({_figure(r.ind) for r in reads}) == 1:
            found.append(reads[0])
    return found


def _row_reads(text: str, ind: Indicator) -> Iterator[_Read]:
    _, unit = _figure(ind) or (Decimal(0), "")
    name = re.sub(r"\s+", "", ind.name)
    units = r"[%％]" if unit == "%" else re.escape(unit)
    shortest = max(MIN_ENDING, (len(name) + 1) // 2)
    for size in range(len(name), min(shortest, len(name)) - 1, -1):
        pattern = re.compile(re.escape(name[-size:]) + BRIDGE + r"(?<![\d.])(\d+(?:\.\d+)?)\s*" + units)
        matches = list(pattern.finditer(text))
        for match in matches:
            try:
                number = Decimal(match.group(1))
            except InvalidOperation:
                continue
            yield _Read(ind, match.span(1), size, match.group(0), number)
        if matches:
            return


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")
