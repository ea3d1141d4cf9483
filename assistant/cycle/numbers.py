"""Numbers in the cycle forms: parsing what a person typed as 实际完成值, rounding, Chinese renderings."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant.domain.amounts import unsigned_zero
from assistant.domain.values import IndicatorValue, ValueKind, parse_value

CENT = Decimal("0.01")


def quantize(value: Decimal, places: int = 2) -> Decimal:
    """Half-up rounding to ``places`` decimals (how published 自评表 round: 8.618 → 8.62)."""
    return unsigned_zero(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def number_of(text: str | None) -> Decimal | None:
    """The number a typed value states (``98%`` → 98, ``≥90(%)`` → 90, ``1,200`` → 1200); None when it states none."""
    if text is None or not text.strip():
        return None
    parsed = parse_value(text.replace(",", "").replace("，", ""))
    if parsed.kind is ValueKind.QUANTITATIVE and parsed.number is not None:
        return parsed.number
    return None


def target_of(target: str, parsed: IndicatorValue | None) -> IndicatorValue:
    return parsed if parsed is not None else parse_value(target)


def fmt(value: Decimal | None) -> str:
    """``Decimal('215457.60')`` → ``215,457.6``; None → ``—``."""
    if value is None:
        return "—"
    text = f"{unsigned_zero(value):,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{quantize(value)}%"
