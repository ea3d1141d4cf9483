"""Figures a cycle form cannot hold: an 实际完成值 impossible for its indicator, and spending above the budget.

`impossible_actual(name, actual, target, days=…)` → a Chinese reason, or None when the figure is possible:
- a negative amount of anything (a count, days, people, a rate) — except a change (增长率 −3% is a fall) or a saving
  (节约率 −3% is an overrun);
- a share above 100% (‰ above 1000): a 完成率, 满意度, 覆盖率, 合格率, 占比 … — except a change (增长率, 提高 …) or an
  indicator whose own target is above 100%;
- more days than the period has (``days``: 365/366 for a year, the days to the cut-off mid-year) or more than 12
  months, for a count of time (``≥``/``=`` targets; a ``≤`` time limit may be overrun by any amount);
- a fraction of a count of whole things (``7.5人``, ``2.5台``; ``units.COUNT_NOUNS``) — except an average (人均,
  平均, 每…) or a target that is itself not whole.
The figure is read in the target's unit (`units.read_actual`: ``8760小时`` against ``=365(天)`` is 365 days), in
every number form the reader accepts (full-width digits included); a figure it cannot read or convert is not
judged here (`units.Reading.refused`: the caller refuses or flags it).
`overspent(executed, budget)` → a Chinese reason when 执行数 exceeds 预算数 (spending above the budget is not
allowed without an adjustment: the adjusted budget is then the figure to write).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal

from assistant.cycle.numbers import fmt
from assistant.cycle.units import normal, read_actual, unit_of
from assistant.domain.values import IndicatorValue, Operator, ValueKind

# Words naming a change, which may be negative or exceed 100%.
_CHANGE = re.compile(r"增长|增幅|增速|增加|增量|提升|提高|上升|同比|环比|涨|变化|变动|偏差|误差|超额|溢价")
# Words naming a saving or a fall, which may be negative (a 节约率 of −3% is an overrun) but stay within 100%.
_SIGNED = re.compile(r"节约|节省|降低|下降|减少|结余|压减|降幅")
_SHARE_LIMITS = {"%": Decimal(100), "％": Decimal(100), "‰": Decimal(1000)}
_DAY_UNITS = {"天", "日", "个工作日", "工作日", "自然日"}
_MONTH_UNITS = {"月", "个月"}
# Words naming an average or a rate of a count, which may have decimals (人均培训2.5次).
_AVERAGE = re.compile(r"均|每|率|比|指数|系数|密度")


def year_days(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def days_to(as_of: date) -> int:
    """Days from 1 January to ``as_of`` inclusive (31 July → 212)."""
    return as_of.timetuple().tm_yday


def impossible_actual(name: str, actual: str | None, target: IndicatorValue, *, days: int = 366) -> str | None:
    """Why ``actual`` (as typed, e.g. ``120%``) cannot be the result of the indicator ``name`` whose 年度指标值 is
    ``target``, in Chinese to follow the figure (``超过100%：…``); None when it can (or states no number).
    ``days``: the days of the period it covers."""
    if target.kind is not ValueKind.QUANTITATIVE:
        return None
    reading = read_actual(actual, target, name)
    number = reading.value
    if number is None:
        return None
    unit = normal(reading.target_unit or "")
    change = bool(_CHANGE.search(name))
    if number < 0 and not change and not _SIGNED.search(name):
        return "为负数，数量、时间和比率都不能小于0"
    limit = _SHARE_LIMITS.get(unit)
    if limit is not None and number > limit and not change and not _target_above(target, limit):
        return f"超过{fmt(limit)}{unit}：比率（完成率、满意度、覆盖率等）不可能超过{fmt(limit)}{unit}"
    counts_time = target.operator not in (Operator.LE, Operator.LT)
    if counts_time and unit in _DAY_UNITS and number > days:
        return f"超过所属期间的天数（{days}天）"
    if counts_time and unit in _MONTH_UNITS and number > 12:
        return "超过一年的月数（12个月）"
    if _fraction_of_whole(name, number, unit, target):
        return f"不是整数：以“{unit_of(unit).noun}”计的数量只能是整数"
    return None


def _fraction_of_whole(name: str, number: Decimal, unit: str, target: IndicatorValue) -> bool:
    """``number`` (in ``unit``, scale included: 1.25万人 is 12500 人) counts whole things but is not whole."""
    counted = unit_of(unit)
    goal = target.number if target.number is not None else Decimal(0)
    if not counted.counts or _AVERAGE.search(name) or (goal * counted.scale) % 1 != 0:
        return False
    return (number * counted.scale) % 1 != 0


def _target_above(target: IndicatorValue, limit: Decimal) -> bool:
    return target.number is not None and target.number > limit


def overspent(
    executed: Decimal | None, budget: Decimal | None, *, budget_label: str = "预算数", unit: str = "元"
) -> str | None:
    """``执行数 X 超过 预算数 Y`` in Chinese when ``executed`` exceeds ``budget``, a stated 0 included (red team rt11:
    spending against a budget cut to 0 is overspend); None otherwise or when either is blank.
    ``unit``: the form's amount unit (元 or 万元), named after every figure (red team rt10 #9: a 万元 form's
    amounts were shown as 元)."""
    if executed is None or budget is None or executed <= budget:
        return None
    over = fmt(executed - budget)
    return f"执行数 {fmt(executed)} {unit}超过{budget_label} {fmt(budget)} {unit}（超支 {over} {unit}）"


__all__ = ["days_to", "impossible_actual", "overspent", "year_days"]
