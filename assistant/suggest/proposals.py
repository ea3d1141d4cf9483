"""A value for a suggested indicator: the most common usable precedent value, or a figure from the brief.

Precedent values the review engine would flag (no unit, a qualitative rate, a vague direction, a
decimal count, a satisfaction that is not a percentage between 80 and 100) are not proposed.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.framework import Level2
from assistant.domain.statements import Kind, read_text
from assistant.domain.text import sentences
from assistant.domain.values import IndicatorValue, Operator, ValueKind, parse_value
from assistant.review import lexicon
from assistant.review.checks_values import SATISFACTION_FLOOR
from assistant.suggest.bank import BankEntry
from assistant.suggest.models import Ground, SeenValue, ValueProposal
from assistant.suggest.text import grams

DAY_UNITS = {"天", "日"}
YEAR_DAYS = {Decimal(365), Decimal(366)}
_FIGURES = {Kind.COUNT, Kind.INPUT, Kind.DEADLINE}
MIN_SHARED_GRAMS = 2  # a brief sentence must share this many bigrams with the indicator name
COUNTABLE = lexicon.COUNT_UNITS | {"份", "期", "场"}


def usable(value: IndicatorValue, name: str) -> IndicatorValue | None:
    """The value as it should be written for ``name``, or None where the review engine would flag it."""
    satisfaction = bool(lexicon.SATISFACTION.search(name))
    match value.kind:
        case ValueKind.MISSING:
            return None
        case ValueKind.QUANTITATIVE:
            return _quantitative(value, name, satisfaction=satisfaction)
        case ValueKind.QUALITATIVE:
            rate = bool(lexicon.RATE_NAME.search(name))
            return None if satisfaction or rate or lexicon.is_vague(value) else value
        case ValueKind.DEADLINE | ValueKind.COMPOUND:
            return None if satisfaction else value


def _quantitative(value: IndicatorValue, name: str, *, satisfaction: bool) -> IndicatorValue | None:
    number, unit = value.number, value.unit
    if number is None or unit is None:
        return None
    operator = value.operator or (Operator.GE if satisfaction else Operator.EQ)
    if satisfaction and (
        unit != "%" or not SATISFACTION_FLOOR <= number < 100 or operator in {Operator.LE, Operator.LT}
    ):
        return None
    if operator in {Operator.GE, Operator.GT} and lexicon.is_negative(name):
        return None
    if unit in lexicon.COUNT_UNITS and number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return render(operator, number, unit)


def render(operator: Operator | None, number: Decimal, unit: str | None) -> IndicatorValue:
    return parse_value(f"{operator.value if operator else ''}{number}{f'({unit})' if unit else ''}")


def _key(value: IndicatorValue) -> tuple[object, ...]:
    if value.kind is ValueKind.QUANTITATIVE:
        return (value.kind, value.operator, value.number.normalize() if value.number is not None else None, value.unit)
    return (value.kind, (value.text or value.raw).strip())


def _shown(value: IndicatorValue) -> str:
    return value.render() if value.kind is ValueKind.QUANTITATIVE else value.raw.strip()


def propose(
    name: str, level2: Level2, entries: list[BankEntry], sims: dict[str, float], brief: Brief
) -> ValueProposal | None:
    """The proposed value for ``name`` from its template's entries (closest project first), or None."""
    groups: dict[tuple[object, ...], list[tuple[BankEntry, IndicatorValue]]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: -sims.get(e.declaration_id, 0.0)):
        value = usable(entry.value, name)
        if value is not None:
            groups[_key(value)].append((entry, value))
    if not groups:
        return None
    ranked = sorted(groups.values(), key=lambda g: -_weight(g, sims))
    best_value = ranked[0][0][1]
    seen = [SeenValue(value=_shown(g[0][1]), declarations=_ids(g)) for g in ranked]
    history = _history(best_value, _ids(ranked[0]), seen, len({e.declaration_id for e in entries}))
    return _from_plan(name, level2, best_value, history, brief) or history


def _ids(group: list[tuple[BankEntry, IndicatorValue]]) -> list[str]:
    return list(dict.fromkeys(entry.declaration_id for entry, _ in group))


def _weight(group: list[tuple[BankEntry, IndicatorValue]], sims: dict[str, float]) -> float:
    """Declarations using the value, each counting one plus its similarity: most common, then closest."""
    return sum(1 + sims.get(decl_id, 0.0) for decl_id in _ids(group))


def _history(value: IndicatorValue, sources: list[str], seen: list[SeenValue], total: int) -> ValueProposal:
    shown = _shown(value)
    basis = f"历史标准：{len(sources)}/{total} 份先例申报表取值 {shown}（{'、'.join(sources[:4])}{'等' if len(sources) > 4 else ''}）"
    return ValueProposal(
        value=shown,
        kind=value.kind,
        operator=value.operator,
        number=value.number,
        unit=value.unit,
        ground=Ground.HISTORY,
        basis=basis,
        sources=sources,
        seen=seen,
        range=_range(value, seen),
    )


def _range(value: IndicatorValue, seen: list[SeenValue]) -> str | None:
    if value.kind is not ValueKind.QUANTITATIVE:
        return None
    parsed = [parse_value(s.value) for s in seen]
    numbers = [
        v.number for v in parsed if v.kind is ValueKind.QUANTITATIVE and v.unit == value.unit and v.number is not None
    ]
    low, high = min(numbers).normalize(), max(numbers).normalize()
    return None if low == high else f"{low:f}–{high:f}({value.unit})"


def _from_plan(
    name: str, level2: Level2, value: IndicatorValue, history: ValueProposal, brief: Brief
) -> ValueProposal | None:
    """A figure the brief itself gives: the days it runs, or a quantity its content states."""
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None or value.unit in {None, "%"}:
        return None
    if value.unit in DAY_UNITS and value.operator is Operator.EQ and value.number in YEAR_DAYS:
        days = brief.service_days()
        basis = f"计划标准：按项目起止期间（{_period(brief)}）计 {days} 天；先例取值 {history.value}"
        return _planned(render(value.operator, Decimal(days), value.unit), history, basis)
    stated = _stated_quantity(name, value.unit, brief.content)
    if stated is None:
        return None
    number, unit, sentence = stated
    basis = f"计划标准：简报主要内容写明“{sentence}”；先例取值 {history.value}"
    return _planned(render(value.operator, number, unit), history, basis)


def _period(brief: Brief) -> str:
    if brief.start_date or brief.end_date:
        return f"{brief.start_date or f'{brief.year}-01-01'} 至 {brief.end_date or f'{brief.year}-12-31'}"
    return f"{brief.year} 年全年"


def _planned(value: IndicatorValue, history: ValueProposal, basis: str) -> ValueProposal:
    return history.model_copy(
        update={
            "value": value.render(),
            "number": value.number,
            "unit": value.unit,
            "ground": Ground.PLAN,
            "basis": basis,
        }
    )


def _stated_quantity(name: str, unit: str | None, content: str) -> tuple[Decimal, str, str] | None:
    """The first figure (a count or a deadline, ``assistant.domain.statements``) in a sentence of the brief's
    content that talks about the same thing as ``name``."""
    name_grams = set(grams(name))
    figures = [
        s
        for s in read_text(content, "主要内容")
        if s.kind in _FIGURES and s.number is not None and not s.derivation and not s.per_unit
    ]  # 每期50人 is the size of one session, never the year's count
    for sentence in sentences(content, ends="", breaks="。；;！？\n"):
        if len(name_grams & set(grams(sentence))) < MIN_SHARED_GRAMS:
            continue
        for s in (s for s in figures if s.clause in sentence):
            if s.number is not None and _compatible(unit, s.unit):
                return s.number, s.unit, sentence.strip()
    return None


def _compatible(template_unit: str | None, stated_unit: str) -> bool:
    """Whether a precedent counted in ``template_unit`` may take the brief's figure in ``stated_unit``: the same
    unit, or two countable units of the same kind (个/项/份…); people (人/名/位), visits (人次) and households (户)
    are each their own kind, so 全年培训人数 (人) never takes 8期 or 400人次."""
    if template_unit == stated_unit:
        return True
    if template_unit not in COUNTABLE or stated_unit not in COUNTABLE:
        return False
    return _unit_kind(template_unit) == _unit_kind(stated_unit)


def _unit_kind(unit: str | None) -> str:
    return next((kind for kind, units in _UNIT_KINDS.items() if unit in units), "件")


_UNIT_KINDS = {"人": {"人", "名", "位"}, "人次": {"人次"}, "户": {"户"}}
