"""A project over several years (分期: 2027年完成60万页，2028年完成60万页, 总计120万页): the budget year's table holds
that year's share, never a later year's target or the whole project's total.

    later_year(s, year) -> bool        a figure the brief dates in a later year (2028年完成60万页 in a 2027 table)
    earlier_year(s, year) -> bool      a figure the brief dates in an earlier year (2026年3月开展培训12场 in a 2027
                                       table): what was done, the 历史标准 a target may build on, never the target
    whole_total(s, every, year) -> bool the total over the years (总计扫描120万页) beside a figure of the budget year
    year_of(s) -> int | None           the year the brief writes right before a figure's clause or a deadline
    year_notes(brief) -> list[str]     one Chinese note per figure left out of the year's table, saying where it goes
    year_measure(s, name) -> Statement  a count whose only object is its year (2027年完成60万页) measures the project's
                                       object: 档案数字化, from the project's name (the row is 档案数字化页数, not
                                       2027年度完成页数; the year is the table's and the goal's)

Only the 主要内容 is read for years; a brief within one year has no such figure and nothing changes.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from assistant.domain.brief import Brief
from assistant.domain.phrases import tagged
from assistant.domain.statements import Kind, Statement, read_statements
from assistant.suggest.text import short_object

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


# Words between an earlier year and its figure that make the figure a change against that year (较2026年提高5个百分点,
# 在2026年基础上增加10场): a target of the budget year, measured from the earlier one.
_AGAINST = re.compile(r"较|比|相比|对比|基础上|同比|提高|增长|增加|提升|减少|下降|降低|压减|上升")


# The first year and the dash of a span of years (1960-1990年文书档案, 2001至2010年形成的档案): the span says what the
# material covers, not when the work is done, so its end year dates nothing.
_RANGE_START = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*$")


def earlier_year(s: Statement, year: int | None) -> bool:
    """A count or rate the brief dates in a year before the budget ``year`` (2026年3月开展培训12场 in a 2027 brief):
    what happened then, background or the 历史标准 of a row, not this year's target. A change against the earlier year
    (较2026年增长10%) stays a target."""
    if s.kind not in {Kind.COUNT, Kind.RATE} or year is None:
        return False
    at = s.clause.find(s.words)
    before = s.clause[:at] if at >= 0 else s.clause  # the clause up to the figure
    found = [m for m in _YEAR.finditer(before) if not _RANGE_START.search(before[: m.start()])]
    if not found or int(found[-1]["year"]) >= year:
        return False
    return not _AGAINST.search(before[found[-1].start() :])


def earlier_note(s: Statement, year: int) -> str:
    """Why a figure of an earlier year has no row in the budget ``year``'s table (Chinese)."""
    return (
        f"简报{s.field}“{s.clause}”写的是{year_of(s)}年的情况，早于{year}预算年度，不是本年度的目标，未写入本年度指标表；"
        f"可作为历史标准或在“项目设立的必要性”中引用，{year}年的目标值请另行写明"
    )


# A word before a figure that makes it one year's (全年培训330人次, 每年接待2万人次, 年度完成120场): never the total over
# the years, whatever other counts of the year the brief lists. 分年度/各年度/跨年度 speak of several years.
_ONE_YEAR = re.compile(r"(?<![分各跨多])(?:全年|每年|年度|本年|当年|年内)")


def one_year(s: Statement) -> bool:
    """A figure the clause fixes to one year by a word before it (全年培训330人次、5700人·天)."""
    at = s.clause.find(s.words)
    return bool(_ONE_YEAR.search(s.clause[: at if at >= 0 else len(s.clause)]))


def whole_total(s: Statement, every: list[Statement], year: int | None) -> bool:
    """The count over all the years (总计扫描120万页) where the brief also gives the budget ``year``'s own count in
    the same unit (2027年完成60万页): the year's table takes the year's, the total stays in 总目标. A figure stated
    for one year (全年培训330人次) is never such a total: a larger figure of the year is the sum of its parts."""
    if s.kind is not Kind.COUNT or year is None or year_of(s) is not None or one_year(s):
        return False
    yearly = [q for q in every if q.kind is Kind.COUNT and q.unit == s.unit and year_of(q) == year]
    return bool(yearly) and any(q.number is not None and s.number is not None and q.number < s.number for q in yearly)


YEAR_OBJECT = 6  # characters of the project's object a dated count is named by (馆藏档案数字化 → 档案数字化)


def year_measure(s: Statement, name: str) -> Statement:
    """The statement less the year its object starts with (2027年筛查 → 筛查); a bare year (2027年 in 2027年完成60万页
    of 区档案馆馆藏档案数字化（二期）) gives way to the last whole words of the project's short object within
    YEAR_OBJECT characters (档案数字化)."""
    dated = _YEAR.match(s.object) if s.kind is Kind.COUNT else None
    if dated is None:
        return s
    if rest := s.object[dated.end() :]:  # 2027年筛查4000人次 → 筛查人次
        return replace(s, object=rest)
    kept = ""
    for word, _ in reversed(tagged(short_object(name))):
        if len(kept) + len(word) > YEAR_OBJECT:
            break
        kept = word + kept
    return replace(s, object=kept) if kept else s


# At most a verb between the year and its figure (其中2027年完成180万页): the clause names no object of its own.
_YEAR_ONLY = re.compile(r"[\u4e00-\u9fff]{0,2}")


def year_restated(s: Statement, every: list[Statement]) -> bool:
    """A count whose clause names only its year (其中2027年完成180万页) where another statement gives the same figure
    with its own object (档案扫描180万页): one stated figure, one row, named by the brief's own words."""
    at = s.clause.find(s.words)
    found = list(_YEAR.finditer(s.clause[: at if at >= 0 else 0]))
    if s.kind is not Kind.COUNT or not found or not _YEAR_ONLY.fullmatch(s.clause[found[-1].end() : at]):
        return False
    return any(
        o is not s and o.kind is Kind.COUNT and (o.number, o.unit) == (s.number, s.unit) and o.clause != s.clause
        for o in every
    )


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


def end_deadline(end: date) -> str:
    """The deadline an end date sets, as the brief states it: 2027-12-31 → 12月底前, 2027-08-13 → 8月13日前 (never
    8月底前, which would give the project 18 days it does not have)."""
    last = calendar.monthrange(end.year, end.month)[1]
    return f"{end.month}月底前" if end.day == last else f"{end.month}月{end.day}日前"
