"""Defects found in real forms (handed cases 02, 06, 12): a cost indicator that states no cost,
impossible rates, template text left in a name, and a name whose own target contradicts its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import IndicatorValue, ValueKind, parse_value
from assistant.review import lexicon
from assistant.review.base import at_field, at_indicator, finding, quoted
from assistant.review.checks_framework import COST_EXPECTED_FROM
from assistant.review.models import Finding


def check_defects(decl: Declaration) -> Iterator[Finding]:
    yield from _cost_levels(decl)
    for ind in decl.indicators:
        yield from _impossible(ind)
        yield from _placeholder(ind)
        yield from _name_target(ind)


# --- cost indicators that state no cost level (primer: 总成本、单位成本、分项成本) -------------------


def states_cost_level(value: IndicatorValue) -> bool:
    """A money amount (元, 万元, 元/人…) is a cost level; ``=100(%)`` or ``不超预算`` is not."""
    if value.kind is ValueKind.QUANTITATIVE:
        return value.unit is not None and "元" in value.unit
    if value.kind is ValueKind.COMPOUND:
        return any(part.unit is not None and "元" in part.unit for part in value.parts)
    return False


def _cost_levels(decl: Declaration) -> Iterator[Finding]:
    if (decl.header.year or 0) < COST_EXPECTED_FROM:
        return
    costs = [i for i in decl.indicators if i.level1 is Level1.COST]
    if not costs or any(states_cost_level(i.value) for i in costs):
        return
    # One table-level finding: the defect is the table's (no cost indicator states a cost), and any one
    # indicator with an amount would cure it; it names every cost indicator concerned.
    named = "、".join(quoted(ind) for ind in costs)
    yield finding(
        "COST-NO-LEVEL",
        f"成本指标{named}都没有写明成本水平（总成本、单位成本或分项成本的金额），表中没有一项成本指标写明金额。",
        at_field("indicators"),
        fix=_cost_fix(_unit_cost_example(decl)),
    )


def _unit_cost_example(decl: Declaration) -> str | None:
    """A unit cost computed from the declaration's own figures: annual funding ÷ the first countable output."""
    annual = decl.funding.annual
    if annual is None or annual <= 0:
        return None
    for ind in decl.indicators:
        value = ind.value
        if ind.level2 is Level2.QUANTITY and value.unit in lexicon.COUNT_UNITS and value.number and value.number > 0:
            per = (annual / value.number).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return f"按本表年度资金 {annual:,.2f} 元 ÷ “{ind.name}” {value.number}{value.unit} 测算，约 {per:,.2f} 元/{value.unit}"
    return None


def _cost_fix(example: str | None) -> str:
    base = "改为写明金额的成本指标，如“人均培训成本≤2700(元/人)”“单站点年运维成本≤5.7(万元/个)”，金额依据成本定额、支出标准或预算测算"
    return f"{base}；{example}。" if example else f"{base}。"


# --- impossible values: a bounded rate above 100% ----------------------------------------------------

_BOUNDED_RATE = re.compile(r"(满意度|率|比例|占比|覆盖面)$")
# A rate that may exceed 100% or fall below 0 (增长率 120%): its name says it measures a change. Suggestions use it too.
UNBOUNDED = re.compile(r"增长|增幅|增加|提高|提升|上升|同比|环比|倍|超额|溢价")
_HUNDRED = Decimal(100)


def _impossible(ind: Indicator) -> Iterator[Finding]:
    value, name = ind.value, ind.name
    if value.kind is ValueKind.QUANTITATIVE and value.number is not None and value.number < 0:
        if not UNBOUNDED.search(name) and not re.search(r"降|减|下降|变化|差", name):  # 成本下降率 may be negative
            yield finding(
                "VAL-IMPOSSIBLE",
                f"指标{quoted(ind)}的目标值是负数（{value.number}{value.unit or ''}），数量、次数、时间和比率都不能为负。",
                at_indicator(ind),
                fix="核对原表：目标值应为 0 或正数；要写减少，请写成“下降率”或“不超过”某个正数。",
            )
        return
    if value.kind is not ValueKind.QUANTITATIVE or value.unit != "%" or value.number is None:
        return
    if value.number <= _HUNDRED or not _BOUNDED_RATE.search(name) or UNBOUNDED.search(name):
        return
    reading = misread_operator(value)
    message = f"比率类指标{quoted(ind)}的目标值超过 100%，不可能实现。"
    fix = "核对原表：合格率、达标率、覆盖率、满意度等比率的目标值不能超过 100%。"
    if reading is not None:
        message += f"疑为“≥”被识别或录入成数字“2”，原意可能是“{reading}”。"
        fix = f"核对原表：若原意为“{reading}”，请改正；比率的目标值不能超过 100%。"
    yield finding("VAL-IMPOSSIBLE", message, at_indicator(ind), fix=fix)


def misread_operator(value: IndicatorValue) -> str | None:
    """``292%`` → ``≥92(%)``: a leading 2 that is a misread ``≥`` leaves a plausible rate behind."""
    digits = str(value.number)
    if value.operator is not None or not digits.startswith("2") or len(digits.split(".")[0]) < 2:
        return None
    rest = Decimal(digits[1:])
    if not 0 < rest <= _HUNDRED:
        return None
    return f"≥{digits[1:]}(%)"


# --- template text left in a name ---------------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"[（(][^（）()]*?(?:[*＊]+|×{2,}|[xX]{2,})[^（）()]*[)）]|[*＊]{2,}[^，,；;（）()]*|×{2,}|^[*＊]"
)


def _placeholder(ind: Indicator) -> Iterator[Finding]:
    found = _PLACEHOLDER.search(ind.name)
    if found is None:
        return
    fragment = found[0] if found[0] not in {"*", "＊"} else "开头的“*”"
    yield finding(
        "NAME-PLACEHOLDER",
        f"指标名称“{ind.name}”含未填写的模板内容「{fragment}」。",
        at_indicator(ind),
    )


# --- a name that states its own target ----------------------------------------------------------------

_OP = r"(?:[≥≤=<>＞＜≧≦]|>=|<=|不低于|不少于|不高于|不超过|达到)"
_NAME_TARGET = (
    re.compile(rf"[（(]\s*(?P<target>{_OP}?\s*\d+(?:\.\d+)?\s*[^\d\s()（）]{{0,4}})\s*[)）]$"),
    re.compile(rf"(?:率|度)(?P<target>{_OP}?\s*\d+(?:\.\d+)?\s*%)$"),
)


def stated_target(name: str) -> IndicatorValue | None:
    """The target a name writes into itself (``…合格率100%``, ``…场次(≥6场)``), parsed; None if none."""
    for pattern in _NAME_TARGET:
        found = pattern.search(name)
        if found is not None:
            parsed = parse_value(found["target"])
            if parsed.kind is ValueKind.QUANTITATIVE:
                return parsed
    return None


def _name_target(ind: Indicator) -> Iterator[Finding]:
    stated, value = stated_target(ind.name), ind.value
    if stated is None or value.kind is not ValueKind.QUANTITATIVE or stated.unit not in {None, value.unit}:
        return  # ``培训人数（2025年）`` names a year, not a target in the value's unit
    if stated.number == value.number and stated.operator in {None, value.operator}:
        return
    yield finding(
        "NAME-VALUE-CONFLICT",
        f"指标名称“{ind.name}”自带目标“{stated.raw.strip()}”，与指标值“{value.raw}”不一致。",
        at_indicator(ind),
        fix=f"目标值只写在指标值栏：删去名称中的“{stated.raw.strip()}”，并核对应取哪个值。",
    )
