"""Conditions on a figure of each form, read from a question: an amount (资金总额超过100万元的项目, 预算在50万以下的,
100万到200万之间) and a number of indicators (指标超过10个的项目, 设了15个及以上指标的项目).

Both become filters (`Filters.amount_over/amount_under`, `Filters.indicators_over/indicators_under`), strict bounds:
an inclusive bound (以上, 不少于, 以下, 不超过) is moved by one cent or one indicator, so that ``≥ 100万`` is
``> 999,999.99`` and ``≤ 10 个`` is ``< 11``. The span read is cut from the text, so that its digits are read as no
year, kind or purpose. An amount written without a unit (超过100的项目) is no amount condition.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.qa.cues import CUT, Cues

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = r"\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+"
_MONEY_UNIT = r"(?:万|亿)?(?:元|块钱|块)?"
# Bounds, as officers write them: strict (超过) or inclusive (不少于); before the figure or after it (以上).
_OVER = "超过|超出|高于|大于|多于|多过|高过|大过|超|过"  # 超200万, 过百万: 超过 said short
_AT_LEAST = "不少于|不低于|不小于|至少|达到|大于等于|不止"
# 没过十条 as officers say it: not yet ten (as 不到), said in the scope line (绩效指标少于 10 项); 没超过: ten at most
_UNDER = "不到|不足|不满|没满|没到|没过|没达到|低于|少于|小于|未满|未达到"
_AT_MOST = "不超过|没超过|未超过|不高于|不大于|最多|小于等于"
_PREFIX = f"{_AT_LEAST}|{_AT_MOST}|{_OVER}|{_UNDER}"  # longer words first: 不超过 before 超过
_SPOKEN_OVER = "及往上|往上|朝上|开外|起步"  # 三百万往上, 两百万开外: 以上 as officers say it
_SUFFIX = f"及以上|或以上|以上|{_SPOKEN_OVER}|及以下|或以下|以下|以内|及往下|往下|朝下"

_AMOUNT_RANGE = re.compile(
    f"(?:在|介于)?(?P<low>{_NUMBER})(?P<low_unit>{_MONEY_UNIT})(?:到|至|-|~|～|－|—)"
    f"(?P<high>{_NUMBER})(?P<high_unit>{_MONEY_UNIT})(?:之间|以内|范围内|区间内?|范围)?"
)
_AMOUNT_BOUND = re.compile(
    f"(?:在)?(?P<prefix>{_PREFIX})?(?P<number>{_NUMBER})(?P<unit>{_MONEY_UNIT})(?P<suffix>{_SUFFIX})?"
)
_COUNT_UNIT = "个|项|条"
# 指标超过10个, 指标数在10个以上, 绩效指标不到10个; 超过10个指标, 设了15个及以上指标.
# 十五条以上(不含十五), 10个以下（不含本数）: the bound itself left out, so 以上/以下 are strict
_EXCLUSIVE = r"(?P<exclusive>[（(]?不(?:含|包含|包括|算)[^)）]{0,6}[)）]?)?"
# 指标数过了12条, 指标写了十五条以上: a verb of writing, and 了 after the bound word
_COUNT_AFTER = re.compile(
    f"(?:绩效)?指标(?:的)?(?:数量|个数|总数|数)?(?:只有|仅有|只设了?|才|就|在|有|设了?|写了?|填了?|定了?|共)?"
    f"(?P<prefix>{_PREFIX})?了?(?P<number>{_NUMBER})(?:{_COUNT_UNIT})(?P<suffix>{_SUFFIX})?{_EXCLUSIVE}"
)
_COUNT_BEFORE = re.compile(
    f"(?:设了?|有|设置了?)?(?P<prefix>{_PREFIX})?(?P<number>{_NUMBER})(?:{_COUNT_UNIT})(?P<suffix>{_SUFFIX})?"
    "(?:的)?(?:绩效)?指标"
)

# 指标只有个位数, 两位数的指标: a number of indicators by how many digits it is written with
_DIGITS = {"个位": 1, "一位": 1, "两位": 2, "二位": 2, "双位": 2, "十位": 2, "三位": 3, "百位": 3}
_MAGNITUDE = f"(?P<digits>{'|'.join(_DIGITS)})数(?P<side>及?以上|及?以下)?"
_DIGITS_AFTER = re.compile(
    f"(?:绩效)?指标(?:的)?(?:数量|个数|总数|数)?(?:只有|仅有|只是|都是|才|是|为|在|有)*{_MAGNITUDE}"
)
_DIGITS_BEFORE = re.compile(f"(?:只有|仅有|只设了?|设了?|有)?{_MAGNITUDE}(?:个|项|条)?(?:的)?(?:绩效)?指标")


def number(written: str) -> Decimal:
    """``12``, ``2.5``, ``五十``, ``一百二十``, ``两百``, ``两百五`` (250: a last digit counts the unit below) as a number."""
    if written[0].isdigit():
        return Decimal(written)
    total, digit = 0, 0
    for char in written:
        if char in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
        else:
            digit = _CN_DIGITS[char]
    if len(written) > 1 and written[-2] in _CN_UNITS and written[-1] in _CN_DIGITS:  # 两百五: 250, the unit below
        digit *= _CN_UNITS[written[-2]] // 10
    return Decimal(total + digit)


def _yuan(written: str, unit: str) -> Decimal:
    scale = 100_000_000 if unit.startswith("亿") else 10_000 if unit.startswith("万") else 1
    return number(written) * scale


def bounds(
    prefix: str | None, suffix: str | None, value: Decimal, step: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """(over, under), strict, for one bound word: 超过 X → (X, None); 以下 X → (None, X + step)."""
    word = prefix or suffix or ""
    if re.fullmatch(_OVER, word):
        return value, None
    if re.fullmatch(_AT_LEAST, word) or word in ("及以上", "或以上", "以上") or re.fullmatch(_SPOKEN_OVER, word):
        return value - step, None
    if re.fullmatch(_UNDER, word):
        return None, value
    return None, value + step  # 不超过, 以下, 以内


def take_amount_condition(text: str, cues: Cues) -> tuple[str, Cues]:
    """超过100万元, 50万以下, 100万到200万之间: bounds on the amount (``cues.amount_over/amount_under``, yuan)."""
    if found := _AMOUNT_RANGE.search(text):
        if found.group("low_unit") or found.group("high_unit"):
            unit = found.group("high_unit") or found.group("low_unit")
            low, high = _yuan(found.group("low"), found.group("low_unit") or unit), _yuan(found.group("high"), unit)
            cues = _amounts(cues, low - Decimal("0.01"), high + Decimal("0.01"), found.group())
            return text.replace(found.group(), CUT, 1), cues
    for found in _AMOUNT_BOUND.finditer(text):
        if not found.group("unit") or not (found.group("prefix") or found.group("suffix")):
            continue
        value = _yuan(found.group("number"), found.group("unit"))
        bound = bounds(found.group("prefix"), found.group("suffix"), value, Decimal("0.01"))
        return text.replace(found.group(), CUT, 1), _amounts(cues, *bound, found.group())
    return text, cues


def _amounts(cues: Cues, over: Decimal | None, under: Decimal | None, written: str) -> Cues:
    return replace(cues, amount_over=over, amount_under=under, amount_written=written.removeprefix("在"))


def take_count_condition(text: str, cues: Cues) -> tuple[str, Cues]:
    """指标超过10个, 不到10个指标, 15个及以上指标: bounds on a form's number of indicators (all its indicators)."""
    for pattern in (_COUNT_AFTER, _COUNT_BEFORE):
        for found in pattern.finditer(text):
            if not (found.group("prefix") or found.group("suffix")):
                continue
            value = number(found.group("number"))
            over, under = bounds(found.group("prefix"), found.group("suffix"), value, Decimal(1))
            if found.groupdict().get("exclusive") and found.group("suffix"):  # 以上(不含十五): strict
                over, under = (value, None) if over is not None else (None, value)
            cues = replace(
                cues,
                indicators_over=None if over is None else int(over),
                indicators_under=None if under is None else int(under),
            )
            return text.replace(found.group(), CUT, 1), cues
    return _take_digits(text, cues)


def _take_digits(text: str, cues: Cues) -> tuple[str, Cues]:
    """指标只有个位数 (< 10), 两位数的指标 (10–99), 两位数以上 (≥ 10), 三位数以下 (< 100): strict bounds."""
    found = _DIGITS_AFTER.search(text) or _DIGITS_BEFORE.search(text)
    if found is None:
        return text, cues
    digits = _DIGITS[found.group("digits")]
    low, high = 10 ** (digits - 1) if digits > 1 else 0, 10**digits
    over, under = (low - 1 if low else None), high
    if found.group("side") and found.group("side").endswith("以上"):
        under = None
    elif found.group("side"):
        over, under = None, low or 1
    cues = replace(cues, indicators_over=over, indicators_under=under)
    return text.replace(found.group(), CUT, 1), cues
