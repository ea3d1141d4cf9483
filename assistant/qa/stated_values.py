"""A question that asserts an indicator's value (issue 24, red team rt13 #6): 运维满意度是100%吧？, 响应时间是不是
60分钟, 满意度为什么定成了100%？ The answer gives the form's value (cited, as any figure) and says whether the
asserted one is what the form writes, in so many words: 不是100%，而是≥90(%). The asserted value is quoted as the
question's, never repeated as a fact. Amounts of money are `assistant.qa.stated`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from assistant.qa.models import Row

_UNIT = r"%|％|分钟|小时|个工作日|工作日|天|日|个月|月|次|场|期|人次|人|名|个|项|件|份|篇|条|套|台|家|所|户|分"
_VALUE = re.compile(rf"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})|(?P<full>百分之百|百分百)")
# 对吗, 吧, 是不是…: a value checked; 为什么定成了X, 怎么定为X: a value taken as the premise
_CHECK = re.compile(r"对吗|对不对|对吧|是吗|是不是|没错|正确吗|准确吗|确实|真的|吧[？?！!。]*$|吗[？?！!。]*$")
_PREMISE = re.compile(r"(?:为什么|为何|怎么|咋)(?:会)?(?:定|设|写|填)(?:成了?|为|了|到)")
_BOUND_BEFORE = re.compile(r"(?:超过|超出|高于|低于|大于|小于|多于|少于|不到|不足|不超过|不少于|不低于|到|至|~|-|在)$")
_BOUND_AFTER = re.compile(r"^(?:以上|以下|以内|之间|左右|上下|及以上|及以下|往上|往下|到|至|~|-)")
_WRITTEN = re.compile(r"(?P<number>\d+(?:\.\d+)?)")


def stated_value_note(question: str, rows: Sequence[Row]) -> list[str]:
    """One line on the indicator value the question asserts, against the indicator rows answered; none when the
    question asserts no value or the answer holds no indicator with a figure."""
    text = "".join(question.split())
    if not (_CHECK.search(text) or _PREMISE.search(text)) or (found := _asserted(text)) is None:
        return []
    written, number, unit = found
    figured = [(row, value) for row in rows if _is_indicator(row) and (value := _number(row.value)) is not None]
    if not figured:
        return []
    same_unit = [(row, value) for row, value in figured if _unit_of(unit) in row.value]
    figured = same_unit or figured
    if any(value == number for _, value in figured):
        shown = "；".join(f"{row.field} {row.value}" for row, value in figured if value == number)
        return [f"问题中说的“{written}”与申报表所填的数字一致（{shown}）。"]
    shown = "；".join(_shown(row, len(figured) > 1) for row, _ in figured[:4])
    return [f"问题中说的“{written}”不是申报表所填的值：不是{written}，而是{shown}。"]


def _shown(row: Row, several: bool) -> str:
    """≥90(%)（运维满意度）; with several rows, the project as well."""
    whose = f"{row.project}（{row.year}）的" if several else ""
    return f"{row.value}（{whose}{row.field}）"


def _asserted(text: str) -> tuple[str, Decimal, str] | None:
    """The value ``text`` asserts (as written, its number, its unit), or None: a bound of a condition asserts none."""
    for found in _VALUE.finditer(text):
        before, after = text[: found.start()], text[found.end() :]
        if _BOUND_BEFORE.search(before) or _BOUND_AFTER.match(after):
            continue
        if found["full"]:
            return found["full"], Decimal(100), "%"
        if found["unit"] in ("月", "日", "个月") and re.search(r"[年月]$", before):
            continue  # 2023年12月, 12月31日: a date, no value asserted
        try:
            return found.group(0), Decimal(found["number"]), found["unit"]
        except InvalidOperation:
            continue
    return None


def _is_indicator(row: Row) -> bool:
    return "#indicator-" in row.citation.ref and row.amount is None


def _number(value: str) -> Decimal | None:
    found = _WRITTEN.search(value)
    return Decimal(found["number"]) if found else None


def _unit_of(unit: str) -> str:
    return "%" if unit in ("%", "％") else unit
