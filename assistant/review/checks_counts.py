"""Unit costs and counts against the declaration's own figures (issue 21, item 6).

- ``COST-ARITHMETIC``: a unit cost (元/人, 元/台…) times what the table says the project delivers in that unit
  exceeds the project's money: 834元/人 × (900 + 300)人 = 1,000,800元 > 750,000元 — a total divided by one
  item of a listing (the brief's 900 of 1200), or a quotient of unrelated figures (1,380,000元 ÷ 4台 when the
  project buys eight). Only the quantity rows the cost row names are counted where it names some (老党员慰问标准
  → 老党员慰问人数), so a stated standard per group is not flagged.
- ``COUNT-MISNAMED``: a count whose figure the declaration's own text gives for something else: 12 staff put
  in (配备接待人员12名) written as 服务对象覆盖人数 ≥12(人).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.domain.framework import Level1
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.statements import Kind, read_text
from assistant.domain.values import ValueKind
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.checks_relevance import specific_bigrams
from assistant.review.models import Finding

TOLERANCE = Decimal("1.01")  # a ceiling rounded up per unit may exceed the money by a rounding margin
_PEOPLE = {"人", "名", "位"}
_SERVED = re.compile(r"服务对象|覆盖|受益|惠及|服务人数|群众|居民")
_TEXT = (SectionKind.OVERVIEW, SectionKind.PLAN, SectionKind.COMPOSITION, SectionKind.GOAL_ANNUAL)


def check_counts(decl: Declaration) -> Iterator[Finding]:
    yield from _unit_costs(decl)
    yield from _misnamed(decl)


def _per(unit: str) -> str:
    unit = unit.removeprefix("万")
    return "人" if unit in _PEOPLE else unit


def _amount(decl: Declaration) -> Decimal | None:
    f = decl.funding
    return f.annual or f.total or f.fiscal_annual or f.fiscal_total


def _number(ind: Indicator) -> Decimal | None:
    v = ind.value
    if v.kind is not ValueKind.QUANTITATIVE or v.number is None or v.unit is None:
        return None
    return v.number * 10000 if v.unit.startswith("万") and v.unit != "万元" else v.number


def _unit_costs(decl: Declaration) -> Iterator[Finding]:
    money = _amount(decl)
    if money is None or money <= 0:
        return
    counts = [i for i in decl.indicators if i.level1 is Level1.OUTPUT and _number(i) and i.value.unit]
    for ind in decl.indicators:
        unit, number = ind.value.unit or "", ind.value.number
        if ind.level1 is not Level1.COST or not unit.startswith("元/") or number is None or number <= 0:
            continue
        per = _per(unit.removeprefix("元/"))
        same = [c for c in counts if _per(c.value.unit or "") == per]
        delivered = _named(ind, same)
        if not delivered:
            continue
        quantity = sum((_number(c) or Decimal(0) for c in delivered), Decimal(0))
        if number * quantity > money * TOLERANCE:
            rows = " + ".join(f"{c.name}{_plain(_number(c))}" for c in delivered)
            message = (
                f"单位成本{quoted(ind)}与本表自身的数字对不上：{_plain(number)}{unit} × ({rows}) = "
                f"{number * quantity:,.0f}元，超过项目资金 {money:,.0f}元；可能是以总额除以其中一项数量，"
                f"或除以了与该笔资金无关的数量"
            )
            yield finding("COST-ARITHMETIC", message, at_indicator(ind))


def _named(cost: Indicator, counts: list[Indicator]) -> list[Indicator]:
    """The quantity rows a cost row names best (老党员慰问标准 → 慰问老党员人数, not 慰问困难党员人数); all of them
    where it names none (人均补助标准)."""
    words = _own_words(cost.name)
    shared = {c.position: len(words & _own_words(c.name)) for c in counts}
    best = max(shared.values(), default=0)
    return [c for c in counts if shared[c.position] == best] if best else counts


def _own_words(name: str) -> set[str]:
    return specific_bigrams(re.sub(r"人均|单位|单个|成本|标准|数量|人数|次数|补助|经费", " ", name))


def _misnamed(decl: Declaration) -> Iterator[Finding]:
    text = "\n".join(decl.section_text(kind) for kind in _TEXT)
    if not text.strip():
        return
    inputs = [s for s in read_text(text, "项目概况") if s.kind is Kind.INPUT and s.number is not None]
    for ind in decl.indicators:
        number = _number(ind)
        if ind.level1 is Level1.COST or number is None or not _SERVED.search(ind.name):
            continue
        if _per(ind.value.unit or "") not in _PEOPLE | {"人次"}:
            continue
        staff = next((s for s in inputs if s.number == number), None)
        if staff is not None:
            message = f"指标{quoted(ind)}的数值在项目文字中是“{staff.clause}”（投入的人员），不是服务或覆盖的对象"
            yield finding("COUNT-MISNAMED", message, at_indicator(ind))


def _plain(number: Decimal | None) -> str:
    return "" if number is None else f"{number.normalize():f}"
