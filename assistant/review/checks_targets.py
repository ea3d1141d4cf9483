"""Targets that cannot be meant as written (red team 2026-12-07, finding 8): a number in exponent notation, a rate
to reach 0% or written in ‰, a fraction of a countable unit, a number of days longer than the project's period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import Operator, ValueKind
from assistant.review import lexicon
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.models import Finding

_EXPONENT = re.compile(r"^\s*(?:[≥≤=<>＞＜≧≦]|>=|<=)?\s*[+-]?\d+(?:\.\d+)?\s*[eE][+-]?\d+")
_RATE = re.compile(r"(率|满意度|比例|占比)$")
_NOT_REACH = re.compile(r"(增长|增幅|增加|提高|提升|上升|下降|降低|减少|同比|环比|变化|偏差|误差|差异)")
_DAY_UNITS = {"天", "日", "个工作日", "工作日", "自然日"}


def check_targets(decl: Declaration) -> Iterator[Finding]:
    """Each indicator's target read against what its unit and name allow; days against the project's period."""
    period = _period_days(decl)
    for ind in decl.indicators:
        if _EXPONENT.search(ind.value.raw):
            yield finding(
                "VAL-EXPONENT",
                f"指标{quoted(ind)}的目标值用了科学计数法（{ind.value.raw}），申报表的目标值须写成普通数字。",
                at_indicator(ind),
            )
            continue
        if ind.value.kind is not ValueKind.QUANTITATIVE or ind.value.number is None:
            continue
        yield from _rate(ind)
        yield from _fraction(ind)
        yield from _days(ind, period)


def _rate(ind: Indicator) -> Iterator[Finding]:
    value = ind.value
    if not _RATE.search(ind.name) or lexicon.is_negative(ind.name) or _NOT_REACH.search(ind.name):
        return
    if value.unit == "‰":
        yield finding(
            "VAL-RATE-ODD",
            f"比率类指标{quoted(ind)}的单位写成了千分号（{value.raw}），这类比率按百分比填写。",
            at_indicator(ind),
            fix="核对单位：若原意是百分比，请改为“%”（如“≥95(%)”）。",
        )
    elif value.unit == "%" and value.number == 0 and value.operator in {None, Operator.EQ, Operator.GE}:
        yield finding(
            "VAL-RATE-ODD",
            f"指标{quoted(ind)}越高越好，目标值却是 0%（{value.raw}），等于不设目标。",
            at_indicator(ind),
            fix="填写本项目要达到的比率（如“≥95(%)”），依据历史数据、计划或行业标准。",
        )


def _fraction(ind: Indicator) -> Iterator[Finding]:
    value = ind.value
    number = value.number
    if value.unit not in lexicon.COUNT_UNITS or number is None or number == number.to_integral_value():
        return
    yield finding(
        "VAL-FRACTION-COUNT",
        f"指标{quoted(ind)}按“{value.unit}”计数，目标值却不是整数（{value.raw}）。",
        at_indicator(ind),
        fix=f"“{value.unit}”只能是整数：核对原意，改为整数目标，或改用比率、金额等可取小数的单位。",
    )


def _days(ind: Indicator, period: int | None) -> Iterator[Finding]:
    value = ind.value
    if period is None or value.unit not in _DAY_UNITS or value.number is None or value.number <= period:
        return
    yield finding(
        "VAL-DAYS-BEYOND",
        f"指标{quoted(ind)}的目标 {value.raw} 超过了项目实施期（共 {period} 天）。",
        at_indicator(ind),
        fix=f"核对天数：项目实施期内最多 {period} 天；跨期的工作请按本期计算，或核对项目起止日期。",
    )


def _period_days(decl: Declaration) -> int | None:
    """Days from the start to the end date (both counted); the declared year when a date is missing; None if neither."""
    start, end = decl.header.start_date, decl.header.end_date
    if start is not None and end is not None and end >= start:
        return (end - start).days + 1
    year = decl.header.year
    if year is None:
        return None
    return (date(year, 12, 31) - date(year, 1, 1)).days + 1
