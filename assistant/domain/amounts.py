"""Money as written in forms and briefs: ``9,382,600.00``, ``164万元``, ``250万``, ``1.2亿元``.

Read exactly with decimal arithmetic into yuan (1万 = 10,000 元, 1亿 = 100,000,000 元); the unit the
source used is reported by ``amount_unit`` so callers can say they converted it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.domain.numerals import join_digit_groups

BLANK_MARKS = {"", "-", "—", "——", "--", "-----", "/", "／"}
_AMOUNT = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")
_SCALED = re.compile(r"^(?P<num>.+?)\s*(?P<unit>万元|万|亿元|亿|元)$")
SCALES = {  # yuan per unit written after a figure
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "亿": Decimal(100_000_000),
    "元": Decimal(1),
}
YUAN_PER_UNIT = {"万": "10,000", "万元": "10,000", "亿": "100,000,000", "亿元": "100,000,000"}


MAX_YUAN = (
    Decimal(10) ** 15
)  # 1,000 万亿元: far above any project; larger is a typo, and past 28 digits decimal arithmetic fails


TOO_LARGE_HINT = "多半是多打了零或单位写错（元、万元、亿元），请核对"


class AmountTooLarge(ValueError):
    """A well-formed amount of ``MAX_YUAN`` or more: a typo, said as such rather than "not an amount"."""


def unreadable(text: str, exc: ValueError) -> str:
    """Why an amount cell was left blank, for a parse note: ``金额「1e+20」过大（不少于 1,000 万亿元）…`` for
    `AmountTooLarge`, else ``金额「…」无法识别为数字``; the caller adds where it is."""
    if isinstance(exc, AmountTooLarge):
        return f"金额「{text}」过大（不少于 1,000 万亿元），{TOO_LARGE_HINT}；按空白处理"
    return f"金额「{text}」无法识别为数字，按空白处理"


def compact_amount(text: str) -> str:
    """The amount without spaces, full-width digits, grouping and point as ASCII (``２，１２４，０００．００`` →
    ``2124000.00``, `numerals.join_digit_groups`); an ASCII figure's ``，`` read as grouping, as before."""
    return join_digit_groups(text.strip()).replace(" ", "").replace("，", ",")


def is_plain_amount(text: str) -> bool:
    """A number without a unit, as the seed tables write amounts."""
    return bool(_AMOUNT.match(compact_amount(text)))


def amount_unit(text: str) -> str | None:
    """The unit written after an amount other than plain yuan (``164万元`` → ``万元``), else None."""
    scaled = _SCALED.match(compact_amount(text))
    return scaled["unit"] if scaled and scaled["unit"] != "元" and _AMOUNT.match(scaled["num"]) else None


def parse_amount(text: str) -> Decimal | None:
    """Yuan, exactly: ``9,382,600.00`` → 9382600.00, ``164万元`` → 1640000; None for a blank.

    Raises AmountTooLarge (a ValueError) for a figure of ``MAX_YUAN`` or more, ValueError for anything else.
    """
    cleaned = compact_amount(text)
    if cleaned in BLANK_MARKS or set(cleaned) <= {"-", "—"}:
        return None
    match = _SCALED.match(cleaned)
    number, scale = (match["num"], SCALES[match["unit"]]) if match else (cleaned, Decimal(1))
    if not _AMOUNT.match(number):
        raise ValueError(cleaned)
    try:
        amount = Decimal(number.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(cleaned) from exc
    if abs(amount * scale) >= MAX_YUAN:
        raise AmountTooLarge(cleaned)
    if scale == 1:
        return amount
    scaled = amount * scale
    return (
        scaled.quantize(Decimal(1)) if scaled == scaled.to_integral_value() else scaled
    )  # 1.2亿 → 120000000, not …0.0


def converted_note(label: str, text: str, amount: Decimal) -> str:
    """``「项目金额」写作「164万元」，已按 1万元 = 10,000 元换算为 1,640,000 元`` (the unit kept in the note)."""
    unit = amount_unit(text) or "万"
    return f"「{label}」写作「{text.strip()}」（单位：{unit}），已按 1{unit} = {YUAN_PER_UNIT[unit]} 元换算为 {amount:,} 元"


def unsigned_zero(value: Decimal) -> Decimal:
    """``value`` with a negative zero (``-0``, ``-0.00``, what ``-0`` typed or a tiny negative rounded gives) made
    plain zero of the same exponent, so no figure is ever shown or exported as ``-0.00``; other values unchanged."""
    return value.copy_abs() if value.is_zero() else value


def nonnegative_amount(text: str | None, what: str) -> Decimal | None:
    """A figure a person typed into a cycle form (执行数, 全年预算数 …) in yuan: ``215,457.6``, ``90万``, ``1.2亿``;
    None for a blank. Raises `InputError` naming ``what`` for a negative or unreadable figure."""
    from assistant.errors import InputError

    if text is None or not str(text).strip():
        return None
    try:
        value = parse_amount(str(text))
    except AmountTooLarge:
        raise InputError(f"{what}“{text}”过大（不少于 1,000 万亿元）", hint=TOO_LARGE_HINT) from None
    except ValueError:
        value = None
    if value is None or figure_problem(value) is not None:
        raise InputError(f"{what}“{text}”不是非负的金额", hint="请填写金额（元），如 215457.6；也可写 21.5万")
    return unsigned_zero(value)


def figure_problem(value: Decimal, *, negative_ok: bool = False) -> str | None:
    """Why a figure (an amount, 分值, 得分, 执行率) cannot be kept, in Chinese (``不是有限的数字``, ``是负数``,
    ``过大（…）``); None when it can. The one rule for every entry path: a typed figure (``selfeval fill``,
    ``monitor fill``) and a figure read from an imported form. Imports pass ``negative_ok`` (review flags those)."""
    if not value.is_finite():
        return "不是有限的数字（NaN、无穷大或公式错误值）"
    if value < 0 and not negative_ok:
        return "是负数"
    if abs(value) >= MAX_YUAN:
        return f"过大（不少于 1,000 万亿），{TOO_LARGE_HINT}"
    return None


def nonnegative_number(text: str | None, what: str) -> Decimal | None:
    """A figure a person typed (分值, 得分, 执行率 …): ``215,457.6`` → Decimal; None for a blank (None).
    Raises `InputError` naming ``what`` for text that is not a number or a figure `figure_problem` refuses."""
    from assistant.errors import InputError

    if text is None:
        return None
    try:
        value: Decimal | None = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        value = None
    problem = "不是数字" if value is None else figure_problem(value)
    if problem is not None:
        raise InputError(f"{what}“{text}”{problem}", hint="请填写非负的数字，如 215457.6")
    return value
