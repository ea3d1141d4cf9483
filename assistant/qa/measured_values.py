"""The number a condition on indicators' values writes, with its unit (issue 24, sealed12/13): 满意度定在90%以上的项目,
平台稳定运行天数定到365天的项目, 响应时间不超过30分钟的项目.

A percentage is read first (as `special.by_value` always did); else a number with a unit the forms' indicator values
write (天, 次, 人, 分钟, …): 365天 is compared with the values written in 天 only. A count of projects or indicators
(5个项目, 8个指标) and money or years are no such value.
"""

from __future__ import annotations

import re

# The units the forms' quantitative indicator values write besides % (longest first)
UNITS = ("万页", "分钟", "小时", "天", "次", "个", "人", "期", "家", "件", "部", "条")
_MEASURED = re.compile(rf"(\d+(?:\.\d+)?)\s*({'|'.join(UNITS)})(?!项目|指标|申报|份|万|元|年|月)")

# 指标不满10条, 绩效指标不到10个: a number of indicators, written right after 指标 and a bound
_INDICATORS_COUNTED = re.compile(r"指标[^，,。？?\d]{0,4}$")
_COUNTING_UNITS = frozenset({"个", "条"})


def measured(question: str, percent: re.Pattern[str]) -> tuple[re.Match[str] | None, str]:
    """The number (group 1) asked of indicators' values and its unit: a percentage first, else a number with a unit."""
    found = percent.search(question)
    if found is not None:
        return found, "%"
    for other in _MEASURED.finditer(question):
        if other[2] in _COUNTING_UNITS and _INDICATORS_COUNTED.search(question[: other.start()]):
            continue  # 绩效指标不到10个的项目: indicators counted, no value of one
        return other, other[2]
    return None, "%"


# 不超过30分钟, 不高于5%, 30分钟以内: at most, the number itself included (超过 alone is at least)
_AT_MOST = re.compile(r"不超过|不超出|不高于|不大于|不多于|最多|以内|之内|≤")


def at_most_said(before: str, after: str) -> bool:
    """Whether the words around the number bound the values from above, the number included."""
    return _AT_MOST.search(before) is not None or _AT_MOST.match(after) is not None


def compared_as(unit: str) -> str:
    """How the answer says which values were compared."""
    return "百分比目标值" if unit == "%" else f"目标值（单位：{unit}）"


# 定到365天, 承诺到360天, 要求达到99%: the words before a number that set it as the target
_BOUND_SAID = re.compile(r"定|设|写|为|要求|是|承诺|达到|达")
# The words before the value that name the indicator (无安全事故运行时间 of 承诺年度系统无安全事故运行时间), less the verb
_NAMED_BEFORE = re.compile(
    r"([\u4e00-\u9fffA-Za-z]{2,16}?)(?:的?目标值?|指标)?(?:都|一般)?(?:承诺|要求|定|设|写|为|是|达)(?:到|在|为|成|了|达到)?\s*$"
)
MIN_NAMED = 4  # characters of an indicator's name the question must write, where a single name holds them


def bound_said(before: str) -> bool:
    """Whether the words right before the number set it as a target (定到, 承诺到, 要求达到)."""
    return _BOUND_SAID.search(before) is not None


def named_part(before: str, names: tuple[str, ...]) -> str | None:
    """The longest tail (≥ ``MIN_NAMED`` characters) of the words before the value that an indicator's name writes
    (无安全事故运行时间承诺到: 无安全事故运行时间); None where no name writes one."""
    found = _NAMED_BEFORE.search(before)
    if found is None:
        return None
    words = found[1]
    for at in range(len(words) - MIN_NAMED + 1):
        if any(words[at:] in name for name in names):
            return words[at:]
    return None
