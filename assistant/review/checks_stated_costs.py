"""``COST-STATED-SUM``: the prices and quantities the declaration's own text states add up to more than its money.

A draft's 概况 restates the brief: 聘用督导员255名，每人每月补贴600元，全年12个月；制作折页12万份，每份0.8元；开展宣传活动
156场，每场1500元 makes 1,836,000 + 96,000 + 234,000 = 2,166,000元, more than the 1,836,000元 of the project. Each
price is paired with a quantity of its own unit stated in the same sentence (名 for 元/人), a monthly price (元/人·月)
times the months the sentence states (全年12个月) or 12; the finding quotes every term and the section it is in.
Only an excess is judged: prices that cover part of the money (the rest being unpriced work) are no error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.domain.model import Declaration, SectionKind
from assistant.domain.numerals import join_digit_groups
from assistant.domain.statement_base import Statement
from assistant.domain.statements import Kind, read_text
from assistant.review.base import at_section, finding
from assistant.review.models import Finding

_TEXT = (SectionKind.OVERVIEW, SectionKind.PLAN, SectionKind.COMPOSITION)
_SENTENCE = re.compile(r"[。；;！？!?\n]")
_MONTHS = re.compile(r"(\d+)个月")
_PEOPLE = {"人", "名", "位"}
_WAN = Decimal(10000)
TOLERANCE = Decimal("1.01")


def check_stated_costs(decl: Declaration) -> Iterator[Finding]:
    f = decl.funding
    money = f.annual or f.total or f.fiscal_annual or f.fiscal_total
    if money is None or money <= 0:
        return
    for kind in _TEXT:
        terms = stated_terms(decl.section_text(kind) or "")
        if not terms:
            continue
        total = sum((t.amount for t in terms), Decimal(0))
        if total > money * TOLERANCE:
            shown = " + ".join(t.shown for t in terms)
            message = (
                f"{kind.label}写明的单价与数量合计超过项目资金：{shown} = {total:,.0f}元（{_plain(total / _WAN)}万元），"
                f"项目资金为 {money:,.0f}元（{_plain(money / _WAN)}万元），多出 {total - money:,.0f}元"
            )
            yield finding("COST-STATED-SUM", message, at_section(decl, kind))


@dataclass(frozen=True)
class StatedTerm:
    """A price the text states with the quantity it prices: 26家 × 6万元/家 = 1,560,000元."""

    shown: str  # 26家 × 6万元/家 (× 12个月)
    amount: Decimal  # in 元
    price: Statement
    count: Decimal  # the quantity, in its own unit (万 read out)
    months: int  # 1, or the months a monthly price is paid for
    sentence: str


def stated_terms(text: str) -> list[StatedTerm]:
    """Each price ``text`` states whose quantity the same sentence states (see the module's doc)."""
    return list(_terms(join_digit_groups(text)))


def _terms(text: str) -> Iterator[StatedTerm]:
    """(“255名 × 600元/人·月 × 12个月”, 1,836,000) for each stated price whose quantity the same sentence states."""
    for sentence in _SENTENCE.split(text):
        found = read_text(sentence, "text") if sentence.strip() else []
        quantities = [s for s in found if s.kind in (Kind.COUNT, Kind.INPUT) and s.number and not s.per_unit]
        for price in (s for s in found if s.kind is Kind.STANDARD and s.number and not s.paid_by_users):
            per = _per(price.unit.removeprefix("元/").split("·")[0])
            same = [q for q in quantities if _per(q.unit) == per]
            if len(same) != 1 or price.number is None or same[0].number is None:
                continue  # no quantity of its unit, or two: which one it prices is unknown
            count = same[0].number * (_WAN if same[0].unit.startswith("万") else 1)
            months = _months(sentence) if price.unit.endswith("·月") else 1
            shown = f"{_plain(same[0].number)}{same[0].unit} × {_plain(price.number)}{price.unit}"
            shown += f" × {months}个月" if months > 1 else ""
            yield StatedTerm(shown, count * price.number * months, price, count, months, sentence)


def _per(unit: str) -> str:
    unit = unit.removeprefix("万")
    return "人" if unit in _PEOPLE else unit


def _months(sentence: str) -> int:
    found = _MONTHS.search(sentence)
    return int(found[1]) if found and 0 < int(found[1]) <= 12 else 12


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"
