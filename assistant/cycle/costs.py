"""Cost rows of the cycle forms: their target is a ceiling, whatever operator it is written with.

A cost row is an amount of money spent: a row under 成本指标 (the current framework's 一级, its 二级 经济/社会/生态环境成本
指标, or the pre-2021 二级 成本指标 under 产出) whose unit is money (元, 万元, 亿元 …), or any row whose unit is money
per unit (元/批次, 万元/人·年 …) wherever it sits. cycle.md scores a 反向 (≤) target “实际 ≤ 目标 → full; between the
target and twice the target the score falls linearly”, and a cost is a 反向 quantity: spending less is not a
shortfall and spending more is an overrun. So an ``=`` (or bare) target on a cost row is read as ``≤``: an actual
above it loses points by the 反向 rule, is flagged (`overrun`), and is never proposed as next year's target.

Shapes: ``row`` is anything with ``level1``/``level2`` (framework enums or None) and ``level1_written``/
``level2_written`` (str or None): an `IndicatorLink` or a declaration `Indicator`; ``target`` is the parsed 年度指标值.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

from assistant.cycle.numbers import fmt, quantize
from assistant.domain.framework import Level1, Level2
from assistant.domain.values import IndicatorValue, Operator, ValueKind

_COST_LEVEL2 = (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST)
# A unit of money, alone or per something: 元, 万元, 亿元, 千元; 元/批次, 万元／人, 元每人.
_MONEY = re.compile(r"^(?:千|万|百万|亿)?元$")
_MONEY_PER = re.compile(r"^(?:千|万|百万|亿)?元\s*(?:/|／|每)")


class Levelled(Protocol):
    @property
    def level1(self) -> Level1 | None: ...
    @property
    def level2(self) -> Level2 | None: ...
    @property
    def level1_written(self) -> str | None: ...
    @property
    def level2_written(self) -> str | None: ...


def under_cost(row: Levelled) -> bool:
    """Whether the row sits under 成本指标 (either framework, read from the enums or the words as written)."""
    if row.level1 is Level1.COST or row.level2 in _COST_LEVEL2:
        return True
    return any("成本" in (w or "") for w in (row.level1_written, row.level2_written))


def is_cost(row: Levelled, target: IndicatorValue) -> bool:
    """A quantitative amount of money spent: money under 成本指标, or money per unit anywhere."""
    if target.kind is not ValueKind.QUANTITATIVE or target.number is None:
        return False
    unit = (target.unit or "").strip()
    if _MONEY_PER.match(unit):
        return True
    return bool(_MONEY.match(unit)) and under_cost(row)


def is_amount(row: Levelled, target: IndicatorValue) -> bool:
    """A cost row in plain money (项目总成本 ≤77.88(万元), not 元/台): a budget, set by the year's funding."""
    return is_cost(row, target) and bool(_MONEY.match((target.unit or "").strip()))


def ceiling(row: Levelled, target: IndicatorValue) -> bool:
    """Whether the target is an upper limit: written ``≤``/``<``, or an ``=``/bare target on a cost row."""
    if target.operator in (Operator.LE, Operator.LT):
        return True
    return target.operator in (Operator.EQ, None) and is_cost(row, target)


def overrun(row: Levelled, target: IndicatorValue, actual: Decimal | None) -> str | None:
    """``成本超出目标：实际 358元/批次，目标 =350(元/批次)，超出 8元/批次（2.29%）`` when a cost row's actual is above its
    target; None for any other row or an actual within the target."""
    goal = target.number
    if actual is None or goal is None or not is_cost(row, target) or not ceiling(row, target) or actual <= goal:
        return None
    unit = target.unit or ""
    share = f"（{quantize((actual - goal) / goal * 100)}%）" if goal else ""
    return (
        f"成本超出目标：实际 {fmt(actual)}{unit}，目标 {target.render()}，超出 {fmt(actual - goal)}{unit}{share}"
        "（成本指标的目标按上限计）"
    )


__all__ = ["ceiling", "is_amount", "is_cost", "overrun", "under_cost"]
