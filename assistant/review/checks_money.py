"""Budget arithmetic and dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from assistant.domain.model import Declaration, Layout, SectionKind
from assistant.domain.values import ValueKind
from assistant.review.base import at_field, at_indicator, at_section, finding
from assistant.review.models import Finding


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}元"


def _sum_check(parts: dict[str, Decimal | None], total_label: str, total: Decimal | None) -> str | None:
    """A message when every part and the total are present and the parts do not add up."""
    if total is None or any(v is None for v in parts.values()):
        return None
    got = sum((v for v in parts.values() if v is not None), Decimal(0))
    if got == total:
        return None
    terms = " + ".join(f"{k} {_yuan(v)}" for k, v in parts.items() if v is not None)
    return f"{terms} = {_yuan(got)}，与{total_label} {_yuan(total)} 不符（差额 {_yuan(total - got)}）。"


def check_funding_sums(decl: Declaration) -> Iterator[Finding]:
    f = decl.funding
    checks: list[tuple[dict[str, Decimal | None], str, Decimal | None]] = []
    if decl.layout is Layout.MUNICIPAL_2021:
        checks.append(({"财政资金": f.fiscal_total, "其他资金": f.other_total}, "项目资金总额", f.total))
        checks.append(
            (
                {"当年财政拨款": f.fiscal_annual, "上年结转": f.carryover, "其他资金": f.other_annual},
                "年度资金申请总额",
                f.annual,
            )
        )
    if decl.layout is Layout.DISTRICT_2020:
        checks.append(({"财政拨款": f.fiscal_annual, "其他资金": f.other_annual}, "当年预算", f.annual))
        checks.append(
            ({"上级": f.fiscal_upper, "本级": f.fiscal_same_level, "下级": f.fiscal_lower}, "财政拨款", f.fiscal_annual)
        )
    for parts, label, total in checks:
        message = _sum_check(parts, label, total)
        if message:
            yield finding("FUND-SUM", message, at_field("funding.fiscal"))
    if f.annual is not None and f.total is not None and f.annual > f.total:
        yield finding(
            "FUND-ANNUAL-GT-TOTAL",
            f"年度金额 {_yuan(f.annual)} 大于项目资金总额 {_yuan(f.total)}。",
            at_field("funding.annual"),
        )


def _phased(decl: Declaration) -> bool:
    """A project funded over several years: the year's request (年度申请) is less than the project's total."""
    f = decl.funding
    return f.total is not None and f.annual is not None and Decimal(0) < f.annual < f.total


def check_budget_lines(decl: Declaration) -> Iterator[Finding]:
    lines = decl.budget_lines
    if not lines:
        return
    for line in lines:
        if line.amount is None:
            yield finding(
                "BUDGET-LINES-SUM", f"预算明细“{line.name}”（第 {line.line} 行）没有金额。", at_field("budget_lines")
            )
    amounts = [line.amount for line in lines if line.amount is not None]
    got = sum(amounts, Decimal(0))
    target, label = (
        (decl.funding.annual, "当年预算") if decl.funding.annual is not None else (decl.funding.total, "项目总预算")
    )
    if target is not None and got != target and not (_phased(decl) and got == decl.funding.total):
        yield finding(  # a project over several years may list the whole project's lines (分期: 240万 of 120万 a year)
            "BUDGET-LINES-SUM",
            f"预算明细合计 {_yuan(got)} 与{label} {_yuan(target)} 不一致（差额 {_yuan(target - got)}）。",
            at_field("budget_lines"),
        )
    if decl.budget_lines_total is not None and decl.budget_lines_total != got:
        yield finding(
            "BUDGET-LINES-SUM",
            f"表中“金额合计”{_yuan(decl.budget_lines_total)} 与各行之和 {_yuan(got)} 不一致。",
            at_field("budget_lines"),
        )


def check_dates(decl: Declaration) -> Iterator[Finding]:
    h = decl.header
    for name, value in (("start_date", h.start_date), ("end_date", h.end_date)):
        if value is not None and h.year is not None and value.year != h.year:
            if name == "end_date" and value.year > h.year and _phased(decl):
                continue  # 分期: the year's request is part of a larger total, so the project runs on after the year
            label = "开始日期" if name == "start_date" else "结束日期"
            yield finding(
                "DATE-OUTSIDE-YEAR", f"{label} {value} 不在预算年度 {h.year} 年内。", at_field(f"header.{name}")
            )
    if h.start_date and h.end_date and h.end_date < h.start_date:
        yield finding("DATE-ORDER", f"结束日期 {h.end_date} 早于开始日期 {h.start_date}。", at_field("header.end_date"))
    yield from _plan_dates(decl)
    yield from _deadlines(decl)


_DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")


_YEAR_MONTH = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?")


def _plan_dates(decl: Declaration) -> Iterator[Finding]:
    """Dates (2027年3月15日), months (2031年1月) and years (2031年) of 实施计划 outside the project's dates."""
    start, end = decl.header.start_date, decl.header.end_date
    if start is None or end is None:
        return
    text, taken = decl.section_text(SectionKind.PLAN), []
    for match in _DATE.finditer(text):
        taken.append(match.span())
        try:
            when = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        if not start <= when <= end:
            yield _outside(decl, match[0], start, end)
    for match in _YEAR_MONTH.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        year, month = int(match[1]), int(match[2]) if match[2] else None
        first, last = (year, month or 12), (year, month or 1)  # a bare year overlaps if any month of it does
        if not 1 <= (month or 1) <= 12 or last > (end.year, end.month) or first < (start.year, start.month):
            yield _outside(decl, match[0], start, end)


def _outside(decl: Declaration, when: str, start: date, end: date) -> Finding:
    return finding(
        "DATE-PLAN",
        f"实施计划中的时间 {when} 不在项目起止日期 {start} 至 {end} 之内。",
        at_section(decl, SectionKind.PLAN),
    )


_MONTH = re.compile(r"(\d{1,2})\s*月")


def _deadlines(decl: Declaration) -> Iterator[Finding]:
    end, year = decl.header.end_date, decl.header.year
    if end is None or end.year != year:
        return
    for ind in decl.indicators:
        if ind.value.kind is not ValueKind.DEADLINE or not ind.value.text:
            continue
        months = [int(m) for m in _MONTH.findall(ind.value.text) if 1 <= int(m) <= 12]
        if months and max(months) > end.month:
            yield finding(
                "DATE-PLAN",
                f"时效指标“{ind.name}”的时限“{ind.value.raw}”晚于项目结束日期 {end}。",
                at_indicator(ind),
            )


def check_negative_amounts(decl: Declaration) -> Iterator[Finding]:
    """An amount below zero, wherever it is: the sums cannot catch it (上级财政拨款 −100,000 beside 本级 511,500 adds
    up to the 411,500 of the total), and no form asks for a negative figure."""
    for name, value in decl.funding:
        if isinstance(value, Decimal) and value < 0:
            where = at_field(f"funding.{name}")
            yield finding("FUND-NEGATIVE", f"{where.describe()}为 {_yuan(value)}，金额不能为负数。", where)
    for line in decl.budget_lines:
        if line.amount is not None and line.amount < 0:
            yield finding(
                "FUND-NEGATIVE",
                f"预算明细“{line.name}”（第 {line.line} 行）的金额为 {_yuan(line.amount)}，金额不能为负数。",
                at_field("budget_lines"),
            )
    if decl.budget_lines_total is not None and decl.budget_lines_total < 0:
        yield finding(
            "FUND-NEGATIVE",
            f"预算明细的金额合计为 {_yuan(decl.budget_lines_total)}，金额不能为负数。",
            at_field("budget_lines"),
        )
