"""Cost levels a reviewer accepts, from the brief's own figures; never a quotient of unrelated figures.

    cost_rows(brief, statements) -> CostRows

In this order:
1. a standard the brief states (``困难党员慰问标准每人500元``) is its own cost row, and where the counts
   it applies to are stated too the products are added up and set against the project's money
   (``900名 × 500元/人 + 300名 × 1000元/人 = 750,000元``, shown);
2. a 项目构成 line divided by the quantity that line buys, matched by wording (``选举工作人员培训
   400,000元 ÷ 2500人次 = 160元/人次``); a line whose wording fits two different quantities equally is
   not divided;
3. the total divided by a count only when that count is what the whole project delivers (its object
   is in the project name, it is no part of a listing, and no other count of its kind competes);
4. always 项目总成本 with its items, and, where no unit cost was found, a note saying which one the
   officer should add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from assistant.domain.brief import Brief, CompositionLine
from assistant.domain.framework import Level2
from assistant.domain.quantities import service_months
from assistant.domain.statements import Kind, Statement, plain
from assistant.drafting.injection import part_name
from assistant.suggest.brief_rows import brief_row, plan_value
from assistant.suggest.models import IndicatorSuggestion, Naming, Origin
from assistant.suggest.money import money_used
from assistant.suggest.row_names import in_order, last_words
from assistant.suggest.text import core_name, grams, specific_grams

WAN = Decimal(10000)
_PEOPLE = {"人", "名", "位", "户"}


@dataclass(frozen=True)
class CostRows:
    unit_costs: list[IndicatorSuggestion]
    total: IndicatorSuggestion | None

    @property
    def rows(self) -> list[IndicatorSuggestion]:
        return [*self.unit_costs, *([self.total] if self.total else [])]


def cost_rows(brief: Brief, statements: list[Statement]) -> CostRows:
    counts = [s for s in statements if s.kind is Kind.COUNT and s.number and not s.per_unit]
    standards = _own_standards([s for s in statements if s.kind is Kind.STANDARD and s.number])
    side_fees = [s for s in standards if _side_fee(s, standards)]
    standards = [s for s in standards if s not in side_fees]
    # a standard per person may price the staff the brief engages (聘用督导员255名，每人每月补贴600元)
    staff = [s for s in statements if s.kind is Kind.INPUT and s.number and not s.per_unit and _per(s.unit) in _PEOPLE]
    rows = _standard_rows(brief, standards, counts + staff)
    covered = {_per(s.unit) for s in standards}
    rows += _line_rows(brief.composition, counts, covered, standards)
    if not rows and not standards:
        rows += _whole_project_row(brief, counts)
    return CostRows(rows, _total_row(brief, rows))


def side_fee_notes(statements: list[Statement]) -> list[str]:
    """One note (Chinese) per bare figure left out as a side fee (`_side_fee`), quoting its clause."""
    standards = _own_standards([s for s in statements if s.kind is Kind.STANDARD and s.number])
    return [_side_fee_note(s, standards) for s in standards if _side_fee(s, standards)]


def _side_fee(s: Statement, standards: list[Statement]) -> bool:
    """A bare figure per unit (每台1万元) beside a named standard per the same unit at another price (每台补贴28万元):
    it pays for something beside the unit, so it is neither the unit's cost nor a standard the product can name."""
    return _nameless(s) and any(k is not s and not _nameless(k) and _per(k.unit) == _per(s.unit) for k in standards)


def _side_fee_note(s: Statement, standards: list[Statement]) -> str:
    rival = next(k for k in standards if k is not s and not _nameless(k) and _per(k.unit) == _per(s.unit))
    return (
        f"简报{s.field}“{s.clause}”没有写明{s.words}是哪一项支出的单价（{rival.words}另是同一单位的标准），"
        f"不能作为单位成本，未设指标：请在简报中写明该费用的名称（如“第三方检测费每台1万元”）或列入项目构成后重新起草"
    )


# -- 1. stated standards --------------------------------------------------------------------------------


def _own_standards(standards: list[Statement]) -> list[Statement]:
    """The standards that are the project's money: not a price or share the people served pay (自付10元, 售价15元),
    and one figure per unit once (项目构成 restating 主要内容's 每份5元; 每名学生600元 and 每人600元 are one figure).
    Where 主要内容 gives the figure bare (委托第三方审价，每台1万元) and the 项目构成 line names what it pays for, the
    line's statement stands for it, so the row is named 第三方审价及质量监督标准, never the project's unit cost."""
    kept: list[Statement] = []
    for s in standards:
        if s.paid_by_users:
            continue
        same = next((n for n, k in enumerate(kept) if _same_standard(k, s)), None)
        if same is None:
            kept.append(s)
        elif _nameless(kept[same]) and not _nameless(s):
            kept[same] = s
    return kept


def _same_standard(kept: Statement, s: Statement) -> bool:
    return s.field == "项目构成" != kept.field and kept.number == s.number and _per(kept.unit) == _per(s.unit)


def _nameless(s: Statement) -> bool:
    """A standard that names nothing it prices (每台1万元 alone): no subject and no object but a function word."""
    return not s.subject and _NAMELESS.fullmatch(s.object) is not None


def _standard_rows(brief: Brief, standards: list[Statement], counts: list[Statement]) -> list[IndicatorSuggestion]:
    matched = [(s, _count_for(s, counts)) for s in standards]
    check = _products(brief, matched)
    rows = []
    for s, count in matched:
        if _generic(s) and count is not None and not _NAMELESS.fullmatch(count.object):
            word = _price_word(s)  # 单价每公里2400元 → 中小河道单价; 按每客补贴4元 ÷ 补贴助餐 → 助餐补贴标准
            name = f"{_short(count.object.replace(word, '')) or _short(count.object)}{standard_name(word)}"
        elif not s.subject and _NAMELESS.fullmatch(s.object):
            name = _unit_name(s, count)  # 按每页0.45元计 → 单页加工成本, never 按标准
        else:
            verb = (s.verb or ("" if s.object or not count else count.verb))[-2:]  # 会议餐饮标准, not 会议餐饮召开标准
            obj = _short(s.object or (count.object if count else ""))
            name = standard_name(s.subject) or f"{in_order(obj, verb, count.clause if count else s.clause)}标准"
        if len(name) <= len("标准"):
            continue  # a figure that names nothing it prices (每份5元 alone): no row rather than a nameless one
        note = f"核算：{check}" if check else None
        rows.append(brief_row(name, Level2.ECONOMIC_COST, f"{s.op}{plain(s.number)}({s.unit})", s, note=note))
    return rows


# An object that is only a function word before the figure (按每页0.45元计, 为每人500元): the standard names nothing.
_NAMELESS = re.compile(r"按照?|为|是|以|计|约|共|合计|")


# A standard whose only wording is the word for a price (单价每公里每年2400元, 每人每月补贴600元): it prices the
# count of its unit, and is named from that count's object.
_PRICE_WORDS = {"单价", "价格", "标准", "补贴", "补助", "费用", "成本"}


def _generic(s: Statement) -> bool:
    return _price_word(s) in _PRICE_WORDS


def _price_word(s: Statement) -> str:
    return re.sub(r"^(?:按照?|为|以)", "", s.subject or s.object)


def _unit_name(standard: Statement, count: Statement | None) -> str:
    """单页加工成本 from the unit (页) and the object of the count it prices (加工); 每页单价 with no such count."""
    per = (standard.per_unit or _per(standard.unit)).split("·")[0]
    obj = _short(count.object) if count and not _NAMELESS.fullmatch(count.object) else ""
    return f"单{per}{obj}成本" if obj else f"每{per}单价"


def standard_name(subject: str) -> str:
    """送餐费 → 送餐费标准, 就餐补贴 → 就餐补贴标准, 困难党员慰问标准 and 单价 as they are."""
    if not subject or subject.endswith(("标准", "单价", "价格", "成本")):
        return subject
    return f"{subject}标准"


def _count_for(standard: Statement, counts: list[Statement]) -> Statement | None:
    """The stated count a standard applies to: same unit, most shared wording (困难党员 for 困难党员慰问标准); none
    when the standard names an object of its own that no such count shares a word with (送餐费每单12元 is no price
    of 食品安全检查4次: another object's count is never borrowed)."""
    unit = _per(standard.unit).split("·")[0]  # 元/人·月 prices people (a count of 名) month by month
    fitting = [c for c in counts if _per(c.unit) == unit or (unit == "人" and _per(c.unit) in _PEOPLE)]
    fitting = [c for c in fitting if not c.parts]
    if not fitting:
        return None
    words = set(grams(standard.subject or standard.object or standard.clause))

    def share(c: Statement) -> float:
        return len(words & set(grams(c.object))) / max(len(set(grams(c.object))), 1)

    best = max(fitting, key=share)
    named = not _generic(standard) and bool(standard.subject or not _NAMELESS.fullmatch(standard.object))
    return best if share(best) > 0 or not named else None  # 每批次约300元 names nothing: the count of 批次 it prices


def _products(brief: Brief, matched: list[tuple[Statement, Statement | None]]) -> str | None:
    """900名 × 500元/人 + 300名 × 1000元/人 = 750,000元（与项目资金75万元一致）, when every standard has its count."""
    if not matched or any(c is None for _, c in matched):
        return None
    terms = [(s, c) for s, c in matched if c is not None and s.number is not None and c.number is not None]
    months = _months(brief)
    total = sum((_count_number(c) * (s.number or 0) * _times(s, months) for s, c in terms), Decimal(0))
    shown = " + ".join(
        f"{plain(c.number)}{c.unit} × {plain(s.number)}{s.unit}" + (f" × {months}个月" if _times(s, months) > 1 else "")
        for s, c in terms
    )
    money = _money(brief)
    if money is None:
        return f"{shown} = {total:,.0f}元"
    if total == money:
        verdict = "与项目资金一致"
    elif total > money:  # the stated prices and counts cost more than the money asked for
        verdict = f"超过项目资金 {money:,.0f}元 {total - money:,.0f}元，单价、数量或资金有误，请核对"
    else:
        verdict = f"项目资金为 {money:,.0f}元，请核对"
    return f"{shown} = {total:,.0f}元 = {plain(total / WAN)}万元（{verdict}）"


def _times(standard: Statement, months: int) -> int:
    """How often a standard is paid over the project: 元/人·月 once a month, any other once."""
    return months if standard.unit.endswith("·月") else 1


def _months(brief: Brief) -> int:
    start = brief.start_date or date(brief.year, 1, 1)
    end = brief.end_date or date(brief.year, 12, 31)
    return service_months(start.year, start.month, end.year, end.month)


# -- 2. budget lines ÷ what they buy ------------------------------------------------------------------------


def _line_rows(
    lines: list[CompositionLine], counts: list[Statement], covered: set[str], standards: list[Statement]
) -> list[IndicatorSuggestion]:
    """Each line ÷ the quantity it buys, except where a stated standard already prices that unit or the quotient is
    a stated standard's own figure (送餐上门配送补贴 240,000元 ÷ 8万人次 = 3元 restates 每次配送补贴3元: one row), or
    the brief states a standard of the line's own money per another unit (培训费 600,000元 ÷ 8期 beside 每人次培训费
    1500元: two standards of the same money; the stated one stands)."""
    rows = []
    for line in lines:
        count = _bought_by(line, counts)
        if (
            count is None
            or count.number is None
            or _per(count.unit) in covered
            or ("人" in covered and _per(count.unit) in _PEOPLE)
        ):
            continue
        per = _per(count.unit)
        number = _count_number(count)
        cost = _rounded(line.amount / number)
        if any(_restates(s, line, cost, per) or _prices(s, line) for s in standards):
            continue
        arithmetic = f"项目构成“{line.part}” {line.amount:,.0f}元 ÷ {count.shown} ≈ {plain(cost)}元/{per}"
        name = f"{line.part}{'人均' if per in _PEOPLE or per == '人次' else '单位'}成本"
        why = f"计划标准（单位成本）：{arithmetic}；数量见简报{count.field}“{count.clause}”"
        rows.append(_cost_row(name, f"≤{plain(cost)}(元/{per})", why, [count.field, "项目构成"], arithmetic))
    return rows


def _restates(standard: Statement, line: CompositionLine, cost: Decimal, per: str) -> bool:
    """Whether a line's quotient is the standard's stated figure for the same thing: the same amount, and a unit
    that is the standard's (次 within 人次) or wording the line shares (配送补贴 in 送餐上门配送补贴)."""
    if standard.number is None or standard.number != cost:
        return False
    own = _per(standard.unit).split("·")[0]
    wording = standard.subject or standard.object
    return own in per or per in own or (bool(wording) and names(f"{line.part}{line.detail or ''}", wording))


def _prices(standard: Statement, line: CompositionLine) -> bool:
    """Whether a stated standard is of the line's money: its subject is the line's name (培训费 for 培训费), or it is
    written in the line's own detail (培训费：8期，400人次，每人次1500元)."""
    own_clause = standard.field == "项目构成" and standard.clause in (line.detail or "")
    return own_clause or bool(standard.subject) and names(line.part, standard.subject)


def _bought_by(line: CompositionLine, counts: list[Statement]) -> Statement | None:
    """The one quantity the line's wording names (投票站运行保障 → 设立投票站约620个); None when it names none,
    or two different objects (选民登记与选区划分: 78万人 or 180个?). Of several counts of that one object
    (培训2期, 120人次) the finest, i.e. the largest number."""
    own = [c for c in counts if c.field == "项目构成" and c.clause.startswith(f"{line.part}：") and not c.parts]
    if len({(c.number, c.unit) for c in own}) == 1:  # 选民登记：46个选民登记站 — the line says what it buys
        return own[0]
    words = f"{line.part}{line.detail or ''}"
    named = [c for c in counts if not c.parts and names(words, c.object)]
    if not named or any(not _same_object(a.object, b.object) for a in named for b in named):
        return None
    parts = [p for p in re.split(r"与|及|和|、|以及", line.part) if p]
    if len(parts) > 1 and not all(any(names(p, c.object) or names(c.object + c.verb, p) for c in named) for p in parts):
        return None  # 应急演练与操作培训 ÷ 2次演练: the line pays for a second thing the count does not measure
    return max(named, key=lambda c: _count_number(c))


def _same_object(a: str, b: str) -> bool:
    """站点 and 站点阵地, 党组织 and 两新组织党组织: one names the other."""
    return a in b or b in a


def names(text: str, obj: str) -> bool:
    """Whether a text names an object: its head noun, the last two characters (投票站 in 投票站运行保障; not
    运维报告 in 平台日常运维), or more than half its bigrams (选区 in 选民登记与选区划分; not 普查区 in 普查员劳务补助)."""
    own, words = set(grams(obj)), set(grams(text))
    return (len(obj) >= 2 and obj[-2:] in text) or (bool(own) and len(own & words) * 2 > len(own))


# -- 3. the whole project ÷ what it delivers --------------------------------------------------------------


def _whole_project_row(brief: Brief, counts: list[Statement]) -> list[IndicatorSuggestion]:
    money = _money(brief)
    name_words = specific_grams(core_name(brief.name))
    own = [c for c in counts if not c.parts and len(specific_grams(c.object) & name_words) >= 1]
    listed = {p for c in counts for p in c.parts}
    own = [c for c in own if c not in listed]
    if money is None or len(own) != 1 or len(brief.composition) > 1:
        return []
    count = own[0]
    per = _per(count.unit)
    cost = _rounded(money / _count_number(count))
    arithmetic = f"{_label(brief)} {money:,.0f}元 ÷ {count.shown} ≈ {plain(cost)}元/{per}"
    why = f"计划标准（单位成本）：{arithmetic}；数量见简报{count.field}“{count.clause}”，为项目整体交付的数量"
    name = f"{'人均' if per in _PEOPLE else '单位'}{_short(count.object)}{count.verb}成本"
    return [_cost_row(name, f"≤{plain(cost)}(元/{per})", why, [count.field, "资金"], arithmetic)]


# -- 4. the total -----------------------------------------------------------------------------------------


def _total_row(brief: Brief, unit_costs: list[IndicatorSuggestion]) -> IndicatorSuggestion | None:
    money = _money(brief)
    if money is None or money <= 0:
        return None
    wan = (money / WAN).quantize(Decimal("0.01"), rounding=ROUND_CEILING).normalize()
    arithmetic = f"{_label(brief)} {money:,.0f}元 = {plain(wan)}万元"
    lines = "、".join(f"{part_name(c.part)}{plain(c.amount / WAN)}万元" for c in brief.composition)
    total = brief.funding.total
    if total is not None and brief.funding.annual is not None and total > money:
        # 分期: the year's request is the year's cost; the lines are of the whole project, said as such
        arithmetic = f"{brief.year}年度申请 {money:,.0f}元 = {plain(wan)}万元"
        why = f"计划标准（总成本）：{arithmetic}（项目总额 {plain(total / WAN)}万元，分年度安排）"
        why += f"；项目总额分项：{lines}" if lines else ""
    else:
        why = f"计划标准（总成本）：{arithmetic}" + (f"；分项：{lines}" if lines else "")
    row = _cost_row("项目总成本", f"≤{plain(wan)}(万元)", why, ["资金"], arithmetic)
    if unit_costs:
        return row
    missing = "、".join(c.part for c in brief.composition) or "主要产出"
    note = f"简报未写明可核算单位成本的数量：请补充单位成本（如{missing}的单价或人均标准），不宜用总额除以某一数量"
    return row.model_copy(update={"notes": [note]})


# -- helpers ----------------------------------------------------------------------------------------------


def _cost_row(name: str, value: str, why: str, fields: list[str], arithmetic: str) -> IndicatorSuggestion:
    from assistant.domain.framework import PARENT
    from assistant.domain.project_types import catalogue

    return IndicatorSuggestion(
        level1=PARENT[Level2.ECONOMIC_COST],
        level2=Level2.ECONOMIC_COST,
        name=name,
        template=name,
        family=name,
        naming=Naming.FILLED,
        value=plan_value(value, why, fields=fields, arithmetic=arithmetic),
        evidence=[],
        score=10.0,
        origin=Origin.BRIEF,
        source=catalogue().sources["SH2025"],
    )


def _money(brief: Brief) -> Decimal | None:
    used = money_used(brief)
    return used[0] if used else None


def _label(brief: Brief) -> str:
    """The name of the funding field :func:`_money` took (项目资金, 2027年度申请, 财政资金)."""
    used = money_used(brief)
    return used[1] if used else "项目资金"


def _per(unit: str) -> str:
    """The unit one cost is per: 元/人 → 人; 万人 → 人; 名 → 人; 元/名·月 → 人·月 (a product keeps its second unit)."""
    first, dot, second = unit.removeprefix("元/").removeprefix("万").partition("·")
    return ("人" if first in {"名", "位"} else first) + dot + second


def _count_number(count: Statement) -> Decimal:
    number = count.number or Decimal(0)
    return number * WAN if count.unit.startswith("万") else number


def _rounded(cost: Decimal) -> Decimal:
    """Whole yuan for a ceiling (rounded up); two decimals under 10元 (0.55元/页)."""
    if cost >= 10:
        return cost.quantize(Decimal(1), rounding=ROUND_CEILING)
    return cost.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def _short(obj: str) -> str:
    return last_words(obj, 8)
