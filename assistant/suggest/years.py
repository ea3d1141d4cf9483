"""A project over several years (分期: 2027年完成60万页，2028年完成60万页, 总计120万页): the budget year's table holds
that year's share, never a later year's target or the whole project's total.

    later_year(s, year) -> bool        a figure the brief dates in a later year (2028年完成60万页 in a 2027 table)
    whole_total(s, every, year) -> bool the total over the years (总计扫描120万页) beside a figure of the budget year
    year_of(s) -> int | None           the year the brief writes right before a figure's clause or a deadline
    year_notes(brief) -> list[str]     one Chinese note per figure left out of the year's table, saying where it goes

Only the 主要内容 is read for years; a brief within one year has no such figure and nothing changes.
"""

from __future__ import annotations

import re

from assistant.domain.brief import Brief
from assistant.domain.statements import Kind, Statement, read_statements

_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:度)?")


def year_of(s: Statement) -> int | None:
    """The year the clause gives its figure for (2028年完成60万页 → 2028; 2028年12月底前完成成果验收 → 2028); None
    where the clause names no year before the figure."""
    at = s.clause.find(s.words)
    found = list(_YEAR.finditer(s.clause[: at if at >= 0 else len(s.clause)]))
    return int(found[-1]["year"]) if found else None


def later_year(s: Statement, year: int | None) -> bool:
    """A count the brief plans for a year after the budget ``year`` (2028年完成60万页 in a 2027 brief): the later
    year's table holds it."""
    dated = year_of(s)
    return s.kind is Kind.COUNT and year is not None and dated is not None and dated > year


def whole_total(s: Statement, every: list[Statement], year: int | None) -> bool:
    """The count over all the years (总计扫描120万页) where the brief also gives the budget ``year``'s own count in
    the same unit (2027年完成60万页): the year's table takes the year's, the total stays in 总目标."""
    if s.kind is not Kind.COUNT or year is None or year_of(s) is not None:
        return False
    yearly = [q for q in every if q.kind is Kind.COUNT and q.unit == s.unit and year_of(q) == year]
    return bool(yearly) and any(q.number is not None and s.number is not None and q.number < s.number for q in yearly)


def year_notes(brief: Brief) -> list[str]:
    """Why a later year's figure or the total over the years has no row in this year's table (Chinese)."""
    every = [s for s in read_statements(brief) if s.field == "主要内容"]
    notes = []
    for s in every:
        if later_year(s, brief.year):
            notes.append(
                f"简报主要内容“{s.clause}”是{year_of(s)}年的计划，不是{brief.year}年度的目标，未写入本年度指标表；"
                f"请在{year_of(s)}年申报时填写，并可在“项目总目标”中说明"
            )
        elif whole_total(s, every, brief.year):
            notes.append(
                f"简报主要内容“{s.clause}”是项目各年度的合计，本年度指标表按{brief.year}年的计划填写；"
                "合计可在“项目总目标”中说明"
            )
    return notes
