"""A question that asserts an amount (…资金总额为9999万元，对吗？, red team rt11 #5; …是不是120万元？, 花了120万吧？,
new user nu12 #8; 2026年比2023年多了100万元，多出的钱用在哪里？, red team rt12): the answer gives the form's figure
(cited, as any figure) and says whether the stated one is what the form says, in so many words: 不是120万元，而是
411,500.00 元. The stated amount is never repeated as a fact; it is quoted as the question's.

Two kinds of assertion: an amount checked (a check word anywhere: 对吗, 是不是, 吧, 没错…), and a difference taken
as the premise of the question (多了/少了/相差 X): the forms' difference of the two amounts answered is said against it.
An amount bounding a condition (超过100万元, 100万元以上, 100万左右) asserts nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.domain.amounts import parse_amount
from assistant.qa.models import Row

_AMOUNT = r"\d[\d,，]*(?:\.\d+)?\s*(?:亿元|万元|亿|万|元|块钱|块)"
_DIFFERENCE = r"多了|少了|多出了?|增加了?|减少了?|增长了?|下降了?|涨了|降了|差了|相差|差|高了|低了|多|少"
# 多了100万元 (a difference), or any amount
_STATED = re.compile(rf"(?P<diff>{_DIFFERENCE})?(?P<amount>{_AMOUNT})")
_CHECK = re.compile(
    r"对吗|对不对|对吧|是吗|是不是|是否|没错|正确吗|准确吗|确实|真的|吧[？?！!。]*$|吗[？?！!。]*$|不是.{0,12}吗"
)
_BOUND_BEFORE = re.compile(r"(?:超过|超出|高于|低于|大于|小于|多于|少于|不到|不足|不超过|不少于|以上|以下|到|至|~|-)$")
_BOUND_AFTER = re.compile(r"^(?:以上|以下|以内|之间|左右|上下|多|往上|往下|开外|出头|到|至|~|-)")


def stated_amount_note(question: str, rows: Sequence[Row]) -> list[str]:
    """One line on the amount the question states, against the amounts of the answer's rows; none when the question
    states no amount or the answer has none."""
    amounts = [row for row in rows if row.amount is not None]
    found = _stated(question)
    if found is None or not amounts:
        return []
    written, stated, difference = found
    if difference:
        return _difference_line(written, stated, amounts)
    if not _CHECK.search(question):
        return []
    values = [row.amount for row in amounts if row.amount is not None]
    if stated in values or sum(values, Decimal(0)) == stated:
        return [f"问题中说的“{written}”与申报表所填一致。"]
    return [f"问题中说的“{written}”不是申报表所填的数字：不是{written}，而是{_figures(amounts)}。"]


def _stated(question: str) -> tuple[str, Decimal, bool] | None:
    """The amount the question asserts (as written, its value, whether it is a difference), or None."""
    text = "".join(question.split())
    for found in _STATED.finditer(text):
        before, after = text[: found.start("amount")], text[found.end("amount") :]
        if _BOUND_BEFORE.search(before) or _BOUND_AFTER.match(after):
            continue  # 超过100万元, 100万元以上: a condition, no assertion
        amount = found["amount"].replace("，", ",").replace("块钱", "元").replace("块", "元")
        try:
            value = parse_amount(amount)
        except ValueError:
            continue
        if value is not None:
            said = f"{found['diff'] or ''}{found['amount'].replace('，', ',')}"
            return said, value, found["diff"] is not None
    return None


def _difference_line(written: str, stated: Decimal, rows: list[Row]) -> list[str]:
    """多了100万元 against the two amounts answered: their difference, said; nothing for other than two amounts."""
    if len(rows) != 2:
        return []
    first, second = (row.amount for row in rows)
    assert first is not None and second is not None
    gap = abs(first - second)
    if gap == stated:
        return [f"问题中说的“{written}”与申报表所填一致（相差 {gap:,.2f} 元）。"]
    return [f"问题中说的“{written}”与申报表不符：按申报表，两者相差 {gap:,.2f} 元，不是{_bare(written)}。"]


def _bare(written: str) -> str:
    return re.sub(f"^(?:{_DIFFERENCE})", "", written)


def _figures(rows: list[Row]) -> str:
    """411,500.00 元; where several rows were answered, each with its project and year."""
    if len(rows) == 1:
        return f" {rows[0].amount:,.2f} 元"
    shown = [f"{row.project}（{row.year or '年度不详'}）{row.amount:,.2f} 元" for row in rows[:4]]
    return "：" + "；".join(shown) + ("等" if len(rows) > 4 else "")


def asserted_amount(question: str) -> tuple[str, Decimal, bool] | None:
    """The amount ``question`` asserts (as written, its value, whether it is a difference), or None; a bound of a
    condition (超过100万元) asserts nothing."""
    return _stated(question)
