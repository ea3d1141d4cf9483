"""Unit costs and counts against the declaration's own figures (issue 21, item 6).

- ``COST-ARITHMETIC``: a unit cost (元/人, 元/台…) times what the table says the project delivers in that unit
  exceeds the project's money: 834元/人 × (900 + 300)人 = 1,000,800元 > 750,000元 — a total divided by one
  item of a listing (the brief's 900 of 1200), or a quotient of unrelated figures (1,380,000元 ÷ 4台 when the
  project buys eight). Only the quantity rows the cost row names are counted where it names some (老党员慰问标准
  → 老党员慰问人数), so a stated standard per group is not flagged.
- ``COST-UNIT-TOTAL``: the table's one unit cost times its quantity does not make the total: a funding change left
  ``350元/批次 × 2400批次 = 840,000元`` beside 项目资金 900,000元, or a 项目总成本 row that no longer matches (beyond
  the rounding the figures are written with). Judged only where the unit cost is the whole project's: one unit-cost
  row, its quantity in the table, at most one 项目构成 line. Several unit costs are not summed: the rules draft an
  all-in cost per person beside a line's cost per 期, which overlap.
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
from assistant.review.models import Finding, Severity

TOLERANCE = Decimal("1.01")  # a ceiling rounded up per unit may exceed the money by a rounding margin
_PEOPLE = {"人", "名", "位"}
_SERVED = re.compile(r"服务对象|覆盖|受益|惠及|服务人数|群众|居民")
_TEXT = (SectionKind.OVERVIEW, SectionKind.PLAN, SectionKind.COMPOSITION, SectionKind.GOAL_ANNUAL)


def check_counts(decl: Declaration) -> Iterator[Finding]:
    yield from _unit_costs(decl)
    yield from _unit_totals(decl)
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
        delivered = _own_counts(decl, ind, _one_per_figure(_named(ind, same)))
        if not delivered:
            continue
        quantity = sum((_number(c) or Decimal(0) for c in delivered), Decimal(0))
        if number * quantity > money * TOLERANCE and _all_stated(decl, ind, delivered):
            yield _stated_mismatch(ind, delivered, number * quantity, money)
        elif number * quantity > money * TOLERANCE:
            rows = " + ".join(f"{c.name}{_plain(_number(c))}" for c in delivered)
            message = (
                f"单位成本{quoted(ind)}与本表自身的数字对不上：{_plain(number)}{unit} × ({rows}) = "
                f"{number * quantity:,.0f}元，超过项目资金 {money:,.0f}元；可能是以总额除以其中一项数量，"
                f"或除以了与该笔资金无关的数量"
            )
            yield finding("COST-ARITHMETIC", message, at_indicator(ind))


def _own_counts(decl: Declaration, cost: Indicator, rows: list[Indicator]) -> list[Indicator]:
    """The counts ``cost``'s price pays for where the table prices one unit at several rates (筛查 18元/人, 复查
    60元/人): the count the text multiplies by this price (项目构成 2100人×60元/人), never the others' counts; none
    where the text pairs no count with it, as which of the counts it pays for is unknown. ``rows`` as they are where
    the price is the only one per its unit."""
    per = _per((cost.value.unit or "").removeprefix("元/"))
    others = [
        i
        for i in decl.indicators
        if i is not cost
        and i.level1 is Level1.COST
        and (i.value.unit or "").startswith("元/")
        and _per((i.value.unit or "").removeprefix("元/")) == per
        and i.value.number != cost.value.number
    ]
    if not others:
        return rows
    pairs = _priced_counts(decl, per)
    own = pairs.get(cost.value.number)
    return [r for r in rows if own is not None and _number(r) == own]


def _priced_counts(decl: Declaration, per: str) -> dict[Decimal | None, Decimal | None]:
    """price → count where one clause of the text multiplies a count by a price per ``per`` (2100人×60元/人)."""
    text = "\n".join(decl.section_text(kind) for kind in _TEXT)
    found = read_text(text, "text") if text.strip() else []
    pairs: dict[Decimal | None, Decimal | None] = {}
    for s in found:
        if s.kind is not Kind.STANDARD or _per(s.unit.removeprefix("元/")) != per:
            continue
        counts = [
            q for q in found if q.clause == s.clause and q.kind is Kind.COUNT and _per(q.unit) == per and q.number
        ]
        if len(counts) == 1:
            pairs.setdefault(s.number, _scaled(counts[0].number, counts[0].unit))
    return pairs


def _one_per_figure(rows: list[Indicator]) -> list[Indicator]:
    """The rows less a second row of the same measure holding the same figure (培训人次 ≥400(人次) beside 培训参训人次
    ≥400(人次): one name's pairs of characters all in the other's): one quantity written twice is delivered once,
    never added to itself. Two items of the same size (蒸柜更换数量 4台, 炒灶更换数量 4台) both count."""
    kept: list[Indicator] = []
    for row in rows:
        figure = (_number(row), _per(row.value.unit or ""))
        if not any((_number(k), _per(k.value.unit or "")) == figure and _same_measure(k.name, row.name) for k in kept):
            kept.append(row)
    return kept


def _same_measure(a: str, b: str) -> bool:
    pairs_a, pairs_b = ({s[i : i + 2] for i in range(len(s) - 1)} for s in (a, b))
    return pairs_a <= pairs_b or pairs_b <= pairs_a


def _all_stated(decl: Declaration, cost: Indicator, counts: list[Indicator]) -> bool:
    """Whether the declaration's own text (概况, 实施计划, 构成, 年度目标; a draft's 概况 restates the brief) states the
    unit cost as a standard (每台补贴30万元) and every count it is multiplied by (110台): then no division went wrong,
    the text's own figures disagree with the money."""
    text = "\n".join(decl.section_text(kind) for kind in _TEXT)
    found = read_text(text, "text") if text.strip() else []
    standards = {(s.number, _per(s.unit.removeprefix("元/"))) for s in found if s.kind is Kind.STANDARD}
    quantities = {(_scaled(s.number, s.unit), _per(s.unit)) for s in found if s.kind is Kind.COUNT}
    per = _per((cost.value.unit or "").removeprefix("元/"))
    return (cost.value.number, per) in standards and all(
        (_number(c), _per(c.value.unit or "")) in quantities for c in counts
    )


def _scaled(number: Decimal | None, unit: str) -> Decimal | None:
    return number * 10000 if number is not None and unit.startswith("万") and unit != "万元" else number


def _stated_mismatch(cost: Indicator, counts: list[Indicator], product: Decimal, money: Decimal) -> Finding:
    """An 错误: the declaration's own count × its own standard is not its money; one of the three is written wrong."""
    unit = cost.value.unit or ""
    terms = " + ".join(f"{_plain(_number(c))}{_per(c.value.unit or '')}" for c in counts)
    message = (
        f"申报表自身写明的数字互相矛盾：{terms} × {_plain(cost.value.number)}{unit}（{quoted(cost)}）= "
        f"{product:,.0f}元（{_plain(product / _WAN)}万元），与项目资金 {money:,.0f}元（{_plain(money / _WAN)}万元）不符"
    )
    fix = "请核对数量、单位标准和资金总额三者中哪一项写错，改正后使 数量 × 标准 = 资金总额（或在项目构成中写明其余资金的用途）。"
    found = finding("COST-ARITHMETIC", message, at_indicator(cost), fix=fix)
    return found.model_copy(update={"severity": Severity.ERROR})


_WAN = Decimal(10000)
_TOTAL_NAME = re.compile(r"总成本|总额|总投入|总预算|项目成本|成本总")


def _unit_cost(ind: Indicator) -> tuple[Decimal, str] | None:
    """(yuan per written 元 — 1 or 10,000 —, the unit it is per) of a 成本指标 row priced per unit (350元/批次,
    1.2万元/人); None for any other row."""
    unit, number = ind.value.unit or "", ind.value.number
    if ind.level1 is not Level1.COST or ind.value.kind is not ValueKind.QUANTITATIVE or number is None or number <= 0:
        return None
    for prefix, factor in (("元/", Decimal(1)), ("万元/", _WAN)):
        if unit.startswith(prefix):
            return factor, _per(unit.removeprefix(prefix))
    return None


def _step(number: Decimal, factor: Decimal) -> Decimal:
    """The rounding a written figure carries, in yuan: 350 → 1元, 0.55 → 0.01元, 84(万元) → 10,000元."""
    exponent = number.as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0) * factor


def _totals(decl: Declaration, money: Decimal) -> list[tuple[str, Decimal, Decimal]]:
    """(label, yuan, rounding in yuan) of what the unit costs must add up to: each 成本指标 row that states the whole
    cost in 元/万元 (named 总成本…, or the only such row), then the project's money."""
    whole = [
        i
        for i in decl.indicators
        if i.level1 is Level1.COST
        and i.value.kind is ValueKind.QUANTITATIVE
        and i.value.number
        and i.value.unit in ("元", "万元")
    ]
    named = [i for i in whole if _TOTAL_NAME.search(i.name)] or (whole if len(whole) == 1 else [])
    found = []
    for ind in named:
        factor = _WAN if ind.value.unit == "万元" else Decimal(1)
        number = ind.value.number or Decimal(0)
        found.append((f"成本指标{quoted(ind)}", number * factor, _step(number, factor)))
    return [*found, ("项目资金", money, Decimal("0.01"))]


def _unit_totals(decl: Declaration) -> Iterator[Finding]:
    money = _amount(decl)
    priced = [(i, c) for i in decl.indicators if (c := _unit_cost(i)) is not None]
    lines = [line for line in decl.budget_lines if line.amount is not None]
    if money is None or money <= 0 or len(priced) != 1 or len(lines) > 1:
        return  # several unit costs may overlap (an all-in cost per person beside a line's cost per 期): not summed
    ind, (factor, per) = priced[0]
    counts = [i for i in decl.indicators if i.level1 is Level1.OUTPUT and _number(i) and i.value.unit]
    delivered = _named(ind, [c for c in counts if _per(c.value.unit or "") == per])
    written = ind.value.number or Decimal(0)
    quantity = sum((_number(c) or Decimal(0) for c in delivered), Decimal(0))
    product = written * factor * quantity
    if not delivered or product > money * TOLERANCE:
        return  # no quantity of its unit in the table; or COST-ARITHMETIC says it
    rounding = quantity * _step(written, factor)
    wrong = [
        f"与{label} {amount:,.0f}元 相差 {abs(product - amount):,.0f}元"
        for label, amount, step in _totals(decl, money)
        if abs(product - amount) > rounding + step
    ]
    if wrong:
        shown = " + ".join(_plain(_number(c)) for c in delivered)
        shown = f"({shown})" if len(delivered) > 1 else shown
        message = (
            f"单位成本乘以数量与总额对不上：“{ind.name}” {_plain(written)}{ind.value.unit} × {shown}{per} = "
            f"{product:,.0f}元，{'；'.join(wrong)}"
        )
        yield finding("COST-UNIT-TOTAL", message, at_indicator(ind))


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
