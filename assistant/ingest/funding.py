"""The year's amount of a form whose 资金总额 cell was left blank beside a filled fiscal amount.

Published forms often fill only 其中：财政拨款 (or a 财政拨款小计, or 其中：中央补助) and leave 资金总额 /
年度资金总额 blank: the fiscal amount is then the only amount the form gives for the project. It is taken as the
year's amount with a note saying so, never summed or guessed: when the form gives none, several fiscal parts, or
other funds beside it (a total that would have to be added up), the amounts stay as written.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.model import NoteLevel, ParseNote

# (Funding field, the form's wording) in the order a fiscal amount stands in for the blank total.
_WHOLE = (("fiscal_annual", "财政拨款"), ("fiscal_total", "财政资金"))
_PARTS = (("fiscal_upper", "上级财政拨款"), ("fiscal_same_level", "本级财政安排"), ("fiscal_lower", "下级财政配套"))
_OTHERS = ("other_total", "other_annual", "carryover")


def fill_blank_total(amounts: dict[str, Decimal | None]) -> tuple[dict[str, Decimal | None], ParseNote | None]:
    """``amounts`` (Funding field → yuan) with ``annual`` taken from the one fiscal amount written when neither
    ``annual`` nor ``total`` is; the note that says so, or None when nothing was taken."""
    if amounts.get("annual") is not None or amounts.get("total") is not None:
        return amounts, None
    if any(amounts.get(k) for k in _OTHERS):  # the total would be a sum of parts: not taken
        return amounts, None
    source = next(((f, w) for f, w in _WHOLE if amounts.get(f) is not None), None)
    if source is None:
        parts = [(f, w) for f, w in _PARTS if amounts.get(f) is not None]
        source = parts[0] if len(parts) == 1 else None
    if source is None:
        return amounts, None
    field, wording = source
    note = ParseNote(
        level=NoteLevel.INFO,
        code="funding.total_from_fiscal",
        message=f"表中资金总额（年度资金总额）一栏空白，只填了{wording}：按{wording}读作本项目当年的金额，请核对",
        field="funding.annual",
    )
    return {**amounts, "annual": amounts[field]}, note
