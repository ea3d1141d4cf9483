"""A question that asserts an amount and asks whether it is right (…资金总额为9999万元，对吗？, red team rt11 #5): the
answer gives the form's figure (cited, as any figure) and says whether the stated one is what the form says. The
stated amount is never repeated as a fact; it is quoted as the question's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.domain.amounts import parse_amount
from assistant.qa.models import Row

# 为/是/有 + an amount with its unit, then a check question within a few characters
_STATED = re.compile(
    r"(?:为|是|有|共|达到?)\s*(?P<amount>\d[\d,，]*(?:\.\d+)?\s*(?:亿元|万元|亿|万|元))"
    r"[^。？?]{0,6}?(?:对吗|对不对|是吗|是不是|没错吧|没错吗|正确吗|准确吗|吗)"
)


def stated_amount_note(question: str, rows: Sequence[Row]) -> list[str]:
    """One line on the amount the question states, against the amounts of the answer's rows; none when the question
    states no amount or the answer has none."""
    found = _STATED.search(question)
    amounts = [row.amount for row in rows if row.amount is not None]
    if found is None or not amounts:
        return []
    written = re.sub(r"\s+", "", found["amount"]).replace("，", ",")
    try:
        stated = parse_amount(written)
    except ValueError:
        return []
    if stated is None:
        return []
    if any(amount == stated for amount in amounts) or sum(amounts, Decimal(0)) == stated:
        return [f"问题中说的“{written}”与申报表所填一致。"]
    return [f"问题中说的“{written}”不是申报表所填的数字：以上面引用的申报表数字为准。"]
