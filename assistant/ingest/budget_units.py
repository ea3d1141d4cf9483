"""The unit of a budget line's 单价 (项目构成 tables of text exports and Word/Excel forms): the unit its header names
(单价（万元）) or the cell writes (``1.3万元``); a plain figure under an amount header in 万元/千元… only where
单价 × 数量 = 明细金额 shows which unit it is in (the header's, or 元); where neither fits, no figure, and a warning."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.domain.amounts import parse_amount
from assistant.domain.model import NoteLevel
from assistant.ingest.amount_units import own_unit, read_in_unit, scale, unit_message


@dataclass(frozen=True)
class Price:
    """A 单价 in yuan (None: blank, or its unit not shown) and the note to give on it, if any."""

    yuan: Decimal | None
    level: NoteLevel | None = None
    code: str = ""
    message: str = ""


def price_yuan(
    text: str, price_unit: str | None, amount_unit: str | None, amount: Decimal | None, quantity: Decimal | None
) -> Price:
    """Yuan for the 单价 cell ``text``; ``price_unit`` is the unit its header names, ``amount_unit`` the one the amount
    header names (None: none named), ``amount`` and ``quantity`` the line's 明细金额 (yuan) and 数量. Raises
    ValueError for a cell that is no figure."""
    if price_unit is not None or own_unit(text) is not None:
        yuan, used = read_in_unit(text, price_unit)
        if yuan is None or used == "元":
            return Price(yuan)
        return Price(yuan, NoteLevel.INFO, "budget.unit_converted", unit_message("单价", text, yuan, used, price_unit))
    plain = parse_amount(text)
    if plain is None or scale(amount_unit) == 1:
        return Price(plain)
    scaled = plain * scale(amount_unit)
    if amount is not None and quantity is not None and scaled * quantity == amount:
        message = f"单价「{text.strip()}」未写单位，单价×数量等于按{amount_unit}计的明细金额，按{amount_unit}计，已换算为 {scaled} 元"
        return Price(scaled, NoteLevel.INFO, "budget.price_unit", message)
    if amount is not None and quantity is not None and plain * quantity == amount:
        return Price(plain)  # the price in 元 under an amount header in 万元: 单价 × 数量 shows it
    message = (
        f"单价「{text.strip()}」未写单位，明细金额的表头以{amount_unit}计，而单价×数量与明细金额对不上（按元或按{amount_unit}"
        "都不相符，或缺少数量、金额），单位无法确定，单价未读取；请对照原表补录"
    )
    return Price(None, NoteLevel.WARNING, "budget.price_unit_unknown", message)
