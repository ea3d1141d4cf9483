"""Measurability of each indicator and of the table as a whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from assistant.domain.framework import Level2
from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import IndicatorValue, Operator, ValueKind
from assistant.review import lexicon
from assistant.review.base import at_field, at_indicator, finding, quoted
from assistant.review.checks_framework import is_current
from assistant.review.models import Finding

SATISFACTION_FLOOR = Decimal(80)


def check_values(decl: Declaration) -> Iterator[Finding]:
    for ind in decl.indicators:
        yield from _value(ind)
    yield from _operators(decl)


def _value(ind: Indicator) -> Iterator[Finding]:
    value, name = ind.value, ind.name
    satisfaction = bool(lexicon.SATISFACTION.search(name))
    if value.kind is ValueKind.MISSING:
        yield finding("VAL-MISSING", f"指标“{name}”没有目标值。", at_indicator(ind))
        return
    if value.kind is ValueKind.QUANTITATIVE and value.unit is None:
        yield finding("VAL-NO-UNIT", f"指标{quoted(ind)}的数值没有计量单位。", at_indicator(ind))
    if value.kind is ValueKind.QUALITATIVE and lexicon.RATE_NAME.search(name) and not satisfaction:
        yield finding("VAL-RATE-QUALITATIVE", f"比率类指标{quoted(ind)}用了定性值，无法衡量。", at_indicator(ind))
    if lexicon.is_vague(value):
        yield finding("VAL-VAGUE", f"指标{quoted(ind)}的目标值只说明方向，没有可衡量的水平。", at_indicator(ind))
    if (
        value.unit in lexicon.COUNT_UNITS
        and value.decimals
        and value.number is not None
        and value.number == value.number.to_integral_value()
    ):
        whole = f"{value.operator.value if value.operator else ''}{int(value.number)}({value.unit})"
        yield finding(
            "VAL-DECIMAL-COUNT",
            f"指标{quoted(ind)}是整数计量，却写成了小数。",
            at_indicator(ind),
            fix=f"写作“{whole}”。",
        )
    yield from _direction(ind)
    if not lexicon.has_measure(name) and not _value_names_the_measure(value):
        yield finding(
            "NAME-NO-MEASURE", f"指标名称“{name}”没有说明衡量什么（目标值为“{value.raw}”）。", at_indicator(ind)
        )
    if satisfaction:
        yield from _satisfaction(ind)


def _value_names_the_measure(value: IndicatorValue) -> bool:
    """``=3(个)`` counts the named object and ``6月底前`` times it; ``100%`` or ``有效`` say nothing of what."""
    return value.kind is ValueKind.DEADLINE or (value.kind is ValueKind.QUANTITATIVE and value.unit not in {None, "%"})


def _direction(ind: Indicator) -> Iterator[Finding]:
    op = ind.value.operator
    if op in {Operator.GE, Operator.GT} and lexicon.is_negative(ind.name):
        yield finding("VAL-DIRECTION", f"“{ind.name}”越少越好，却用了“{op.value}”。", at_indicator(ind))
    if op in {Operator.LE, Operator.LT} and lexicon.SATISFACTION.search(ind.name):
        yield finding("VAL-DIRECTION", f"满意度越高越好，“{ind.name}”却用了“{op.value}”。", at_indicator(ind))


def _satisfaction(ind: Indicator) -> Iterator[Finding]:
    value = ind.value
    if value.kind is not ValueKind.QUANTITATIVE or value.unit != "%" or value.number is None:
        yield finding("SAT-NOT-PERCENT", f"满意度指标{quoted(ind)}不是百分比。", at_indicator(ind))
        return
    if value.number < SATISFACTION_FLOOR:
        yield finding("SAT-FLOOR", f"满意度目标 {value.raw} 低于 {SATISFACTION_FLOOR}%。", at_indicator(ind))
    elif value.number > 100:
        yield finding("SAT-FLOOR", f"满意度目标 {value.raw} 高于 100%，不可能达到，也无法区分绩效。", at_indicator(ind))
    elif value.number == 100:
        yield finding("SAT-FLOOR", f"满意度目标 {value.raw} 为 100%，难以实现也无法区分绩效。", at_indicator(ind))


def _operators(decl: Declaration) -> Iterator[Finding]:
    bare = [i for i in decl.indicators if i.value.kind is ValueKind.QUANTITATIVE and i.value.operator is None]
    if bare:
        sample = "、".join(f"{i.name}（{i.value.raw}）" for i in bare[:3])
        yield finding("VAL-NO-OPERATOR", f"{len(bare)} 项数值指标没有比较符号，如 {sample}。", at_indicator(bare[0]))


def check_table(decl: Declaration) -> Iterator[Finding]:
    yield from _all_hundred(decl)
    yield from _duplicates(decl)
    for ind in decl.indicators:
        yield from _input_as_result(decl, ind)


_INPUT_FIX = {
    "投入": "删除资金、人员等投入类指标，改为反映这些投入产出了什么（数量、质量、时效）或带来什么效益的指标。",
    "执行": "删除预算执行、资金结余、预算调整等过程类指标（属于预算管理，不是项目绩效），改设产出、效益指标。",
}


def _input_as_result(decl: Declaration, ind: Indicator) -> Iterator[Finding]:
    """Fires wherever the row is filed, except under the legacy 投入和管理目标, where inputs belonged."""
    kind = lexicon.input_kind(ind.name)
    if kind is None or (not is_current(decl) and ind.level1 is None):
        return
    filed = ind.level2_written or ind.level1_written or "（未分类）"
    what = "资金或人员投入" if kind == "投入" else "预算执行或资金管理过程"
    yield finding(
        "INPUT-AS-RESULT",
        f"指标{quoted(ind)}填在“{filed}”下，反映的是{what}，不是项目的产出或效益。",
        at_indicator(ind),
        fix=_INPUT_FIX[kind],
    )


def _all_hundred(decl: Declaration) -> Iterator[Finding]:
    numbers = [
        i for i in decl.indicators if i.value.kind is ValueKind.QUANTITATIVE and i.level2 is not Level2.SATISFACTION
    ]
    if len(numbers) >= 3 and all(i.value.unit == "%" and i.value.number == 100 for i in numbers):
        yield finding(
            "ALL-100",
            f"满意度以外的 {len(numbers)} 项数值指标全部为 100%，看不出目标的难度和依据。",
            at_field("indicators"),
        )


def _same_measure_renamed(ind: Indicator, earlier: Iterable[Indicator]) -> Indicator | None:
    """An earlier row in the same 二级 with the same numeric target whose name contains this one's or is contained
    in it (全年培训人数 / 全年培训人数（人工改）): one measure under two names."""
    if ind.value.kind is not ValueKind.QUANTITATIVE:
        return None
    key = lexicon.measure_key(ind.name)
    for other in earlier:
        other_key = lexicon.measure_key(other.name)
        short, long = sorted((key, other_key), key=len)
        same_target = other.value.render() == ind.value.render() and other.level2 is ind.level2
        if same_target and len(short) >= 3 and short in long:
            return other
    return None


def _duplicates(decl: Declaration) -> Iterator[Finding]:
    first: dict[str, Indicator] = {}
    for ind in decl.indicators:
        key = lexicon.measure_key(ind.name)
        if not key:
            continue
        if key in first:
            earlier = first[key]
            yield finding(
                "DUPLICATE",
                f"“{ind.name}”与第 {earlier.position} 行“{earlier.name}”衡量的是同一内容。",
                at_indicator(ind),
            )
        elif (twin := _same_measure_renamed(ind, first.values())) is not None:
            yield finding(
                "DUPLICATE",
                f"“{ind.name}”与第 {twin.position} 行“{twin.name}”同属{ind.level2_written or '同一二级指标'}、指标值同为"
                f"“{ind.value.render()}”，名称一个包含另一个，看来是同一内容写了两行（例如改名后原指标又被加回）。",
                at_indicator(ind),
            )
        else:
            first[key] = ind
