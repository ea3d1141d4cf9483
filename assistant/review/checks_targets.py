"""Targets that cannot be meant as written (red team 2026-12-07, finding 8, and 03h finding 6): a number in exponent
notation (full-width letters and digits normalised first), a higher-is-better rate to reach 0% or capped low, a
target that any result meets (≥0), a count of zero outputs, a count beyond what the funding can buy, a fraction of a
countable unit, a number of days longer than the project's period. Each is read from the parsed (operator, number,
unit), not from a spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import IndicatorValue, Operator, ValueKind, mistyped_number
from assistant.review import lexicon
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.models import Finding

_EXPONENT = re.compile(
    r"^\s*(?:[≥≤=<>≧≦]|>=|<=)?\s*[+-]?\d+(?:\.\d+)?\s*(?:[eE][+-]?\d+|[×xX*]\s*10\s*(?:\^|\*\*|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]))"
)
_RATE = re.compile(r"(率|满意度|比例|占比)$")
_NOT_REACH = re.compile(r"(增长|增幅|增加|提高|提升|上升|下降|降低|减少|同比|环比|变化|偏差|误差|差异)")
_DAY_UNITS = {"天", "日", "个工作日", "工作日", "自然日"}
# Rates whose purpose is to be high: an upper bound below 100% on them is a reversed operator, not a target.
_HIGH_GOOD = re.compile(
    r"(?:满意|合格|完成|达标|出勤|覆盖|及时|知晓|参与|通过|准确|正确|完好|到课|参训|到岗|办结|结案|验收|响应|处置|解决|"
    r"入学|就业|签约|使用|利用|开通|上线|在线|接通|参学)(?:率|度)$"
)
# Counts whose target is rightly zero (incidents, complaints, violations): a zero there is the goal.
_ZERO_GOAL = re.compile(
    r"(故障|事故|事件|投诉|差错|错误|失误|违规|违纪|违法|泄露|泄密|纠纷|争议|伤亡|死亡|安全|风险|隐患|问题|返工|退回|"
    r"整改|扣分|处罚|通报|上访|信访|舆情|负面|损失|丢失|损坏|损毁|毁损|破损|遗失|超支|超标|超期|逾期|滞后|延期|延误|"
    r"拖欠|不合格|不达标|"
    r"不满意|未|缺陷|bug|中断|停机|漏|误)",
    re.IGNORECASE,
)
# Countable units: the lexicon's, and more that a count of outputs or events is written in.
_COUNTS = lexicon.COUNT_UNITS | {
    "份",
    "张",
    "起",
    "处",
    "辆",
    "座",
    "班",
    "门",
    "节",
    "堂",
    "本",
    "块",
    "栋",
    "间",
    "场次",
    "户次",
    "家次",
    "件次",
    "个次",
}
# Yuan of funding per counted unit below which a count cannot be bought: 1/10000 yuan, so that a form whose amounts
# were read in 万元 (a frequent mistake) is not accused; 10^14 sessions in a 60万元 project is still far beyond it.
_YUAN_PER_UNIT_FLOOR = 10000


def check_targets(decl: Declaration) -> Iterator[Finding]:
    """Each indicator's target read against what its unit and name allow; days against the project's period."""
    period = _period_days(decl)
    funds = _funds(decl)
    for ind in decl.indicators:
        if _EXPONENT.search(unicodedata.normalize("NFKC", ind.value.raw)):
            yield finding(
                "VAL-EXPONENT",
                f"指标{quoted(ind)}的目标值用了科学计数法（{ind.value.raw}），申报表的目标值须写成普通数字。",
                at_indicator(ind),
            )
            continue
        if mistyped_number(ind.value.raw):
            yield finding(
                "VAL-NUMBER-UNREADABLE",
                f"指标{quoted(ind)}的目标值像数值目标，但其中的数字无法读取（{ind.value.raw}），无法据此自评打分。",
                at_indicator(ind),
            )
            continue
        if ind.value.kind is not ValueKind.QUANTITATIVE or ind.value.number is None:
            continue
        yield from _rate(ind)
        yield from _vacuous(ind)
        yield from _count(ind, funds)
        yield from _fraction(ind)
        yield from _days(ind, period)


def _unit(value: IndicatorValue) -> str:
    """The unit with full-width forms folded (``％`` → ``%``); empty when there is none."""
    return unicodedata.normalize("NFKC", value.unit or "").strip()


def _rate(ind: Indicator) -> Iterator[Finding]:
    value, unit = ind.value, _unit(ind.value)
    if not _RATE.search(ind.name) or lexicon.is_negative(ind.name) or _NOT_REACH.search(ind.name):
        return
    number = value.number
    if unit == "%" and number is not None and value.operator in {Operator.LE, Operator.LT}:
        if number == 0 or (number < 100 and _HIGH_GOOD.search(ind.name)):
            yield finding(
                "VAL-RATE-ODD",
                f"指标{quoted(ind)}越高越好，目标值却是上限（{value.raw}），等于不要求达到任何水平。",
                at_indicator(ind),
                fix="越高越好的比率用“≥”写本项目要达到的下限（如“≥95(%)”）；若确是上限，请核对指标名称。",
            )
        return
    if unit == "‰":
        yield finding(
            "VAL-RATE-ODD",
            f"比率类指标{quoted(ind)}的单位写成了千分号（{value.raw}），这类比率按百分比填写。",
            at_indicator(ind),
            fix="核对单位：若原意是百分比，请改为“%”（如“≥95(%)”）。",
        )
    elif unit == "%" and value.number == 0 and value.operator in {None, Operator.EQ, Operator.GE}:
        yield finding(
            "VAL-RATE-ODD",
            f"指标{quoted(ind)}越高越好，目标值却是 0%（{value.raw}），等于不设目标。",
            at_indicator(ind),
            fix="填写本项目要达到的比率（如“≥95(%)”），依据历史数据、计划或行业标准。",
        )


def _vacuous(ind: Indicator) -> Iterator[Finding]:
    """≥0 (or >负数) on a count, a rate or an amount: every result meets it, so it sets no target."""
    value, unit = ind.value, _unit(ind.value)
    number = value.number
    if number is None or not (unit in _COUNTS or unit == "%" or unit.endswith("元")):
        return
    if unit == "%" and _RATE.search(ind.name) and not lexicon.is_negative(ind.name) and not _NOT_REACH.search(ind.name):
        return  # a higher-is-better rate at 0 is _rate's finding
    if (value.operator is Operator.GE and number <= 0) or (value.operator is Operator.GT and number < 0):
        yield finding(
            "VAL-ZERO-TARGET",
            f"指标{quoted(ind)}的目标值 {value.raw} 任何结果都能满足，等于不设目标。",
            at_indicator(ind),
            fix="填写本项目要达到的数值（如“≥12(期)”）；若目标是不发生（如事故），请写“=0”并在名称中写明所指。",
        )


def _count(ind: Indicator, funds: float | None) -> Iterator[Finding]:
    """A count of outputs set to zero, or a count more than the project's funding could buy."""
    value, unit = ind.value, _unit(ind.value)
    number = value.number
    if number is None or unit not in _COUNTS:
        return
    if (
        number == 0
        and value.operator in {None, Operator.EQ, Operator.LE, Operator.LT}
        and not lexicon.is_negative(ind.name)
        and not _ZERO_GOAL.search(ind.name)
    ):
        yield finding(
            "VAL-ZERO-TARGET",
            f"指标{quoted(ind)}计的是要完成的数量，目标值却是 0（{value.raw}），等于不做。",
            at_indicator(ind),
            fix="填写本项目计划完成的数量；若该指标记的是不应发生的事（事故、投诉），请在名称中写明。",
        )
    elif funds is not None and float(number) > funds * _YUAN_PER_UNIT_FLOOR:
        yield finding(
            "VAL-COUNT-BEYOND-FUNDS",
            f"指标{quoted(ind)}的目标 {value.raw} 远超项目资金（{funds:,.0f} 元）所能完成的数量，不可能实现。",
            at_indicator(ind),
            fix="核对数量：按项目资金和单位成本测算可完成的数量；是否多写了位数或写错了单位。",
        )


def _funds(decl: Declaration) -> float | None:
    """The project's funding in yuan (total, else the year's request); None when neither is a positive amount."""
    amount = decl.funding.total or decl.funding.annual
    return float(amount) if amount is not None and amount > 0 else None


def _fraction(ind: Indicator) -> Iterator[Finding]:
    value = ind.value
    number = value.number
    if _unit(value) not in lexicon.COUNT_UNITS or number is None or number == number.to_integral_value():
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
