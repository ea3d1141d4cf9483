"""Numbers as briefs write them: Chinese numerals (六, 十二, 两, 一千二百) read exactly, and the calendar months
a period touches. The one reader of a brief's figures is ``assistant.domain.statements`` (counts, rates,
standards, deadlines, zero targets); this module holds only what it and others share.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.numerals import CAPITAL_NUMBER, small_numerals

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_SMALL_NUMBER = "[零〇一二两三四五六七八九十百千万]+"
CN_NUMBER = f"(?:{CAPITAL_NUMBER}|[零〇一二两三四五六七八九十百千万])+"  # 大写 too: 叁拾, 壹佰万 (numerals.py)


def cn_number(text: str) -> Decimal:
    """``六`` → 6, ``十二`` → 12, ``两千三百`` → 2300, ``一万二千`` → 12000; digits as they are. ValueError otherwise."""
    text = small_numerals(text.replace(",", "").replace("，", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    if not text or not re.fullmatch(_SMALL_NUMBER, text):
        raise ValueError(f"不是数字：{text}")
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        else:  # 万; a bare 万 is ten thousand
            total += ((section + digit) or 1) * 10000
            section, digit = 0, 0
    return Decimal(total + section + digit)


def service_months(start_year: int, start_month: int, end_year: int, end_month: int) -> int:
    """Calendar months a period touches: 2027-01 … 2027-12 → 12."""
    return (end_year - start_year) * 12 + end_month - start_month + 1
