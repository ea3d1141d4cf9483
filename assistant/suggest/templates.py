"""Rows from the project type's template (project_types.yaml), filled with the brief's own figures.

A row's value comes, in this order, from a quantity the brief states (计划标准, with the field and
the clause), from a budget line or the total divided by such a quantity (a unit cost, with the
arithmetic), from the brief's end date (a deadline), or from the template's reference value
(模板参考值), which a fitting precedent's usual value replaces where one exists (历史标准).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from assistant.domain.brief import Brief
from assistant.domain.framework import PARENT
from assistant.domain.project_types import Fill, TemplateIndicator, TypeVerdict, catalogue
from assistant.domain.quantities import Quantity, extract, service_months
from assistant.domain.values import ValueKind, parse_value
from assistant.suggest.models import Evidence, Ground, IndicatorSuggestion, Naming, Origin, ValueProposal

BRIEF_SCORE = 10.0  # a figure of the brief outranks any precedent (template scores stay below 3)
TEMPLATE_SCORE = 0.05  # a reference value ranks below precedents of the same type, above weak ones of other types
WAN = Decimal(10000)

# Precedent values for a template row's measure (name suffix) → proposal and its evidence, or None.
Backing = Callable[[TemplateIndicator], tuple[ValueProposal, list[Evidence]] | None]


@dataclass(frozen=True)
class BriefFigures:
    """What a template reads of a brief: its quantities, budget lines and amounts."""

    brief: Brief
    quantities: tuple[Quantity, ...]

    @classmethod
    def of(cls, brief: Brief) -> BriefFigures:
        start = brief.start_date or date(brief.year, 1, 1)
        end = brief.end_date or date(brief.year, 12, 31)
        months = service_months(start.year, start.month, end.year, end.month)
        fields = {"主要内容": brief.content, "实施计划": "；".join(f"{s.period}{s.work}" for s in brief.plan)}
        fields["项目构成"] = "；".join(f"{c.part}：{c.detail or ''}" for c in brief.composition)
        return cls(brief, tuple(extract(fields, months=months)))

    def find(self, fill: Fill) -> Quantity | None:
        """The quantity of one of ``fill.units`` best placed near one of ``fill.words``; totals before per-unit figures."""
        scored = [(self._fit(q, fill.words), -n, q) for n, q in enumerate(self.quantities) if q.unit in fill.units and q.per is None]
        scored = [s for s in scored if s[0] > 0]
        return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None

    @staticmethod
    def _fit(q: Quantity, words: tuple[str, ...]) -> int:
        """3 when a word follows the figure (18个站点), 2 when it just precedes it, 1 anywhere in its clause."""
        if any(w in q.noun for w in words):
            return 3
        if any(w in q.before for w in words):
            return 2
        return 1 if any(w in q.clause for w in words) else 0

    @property
    def amount(self) -> Decimal | None:
        money = self.brief.funding
        return money.annual or money.total or money.fiscal


def template_rows(brief: Brief, verdict: TypeVerdict, backing: Backing) -> list[IndicatorSuggestion]:
    """The type's usual indicators for ``brief`` (none when the type is unknown), best grounded first."""
    if verdict.type is None:
        return []
    figures = BriefFigures.of(brief)
    specs = [*catalogue().spec(verdict.type).indicators, *catalogue().common]
    rows = [row for spec in specs if (row := _row(spec, figures, backing)) is not None]
    return sorted(rows, key=lambda r: -r.score)


def _row(spec: TemplateIndicator, figures: BriefFigures, backing: Backing) -> IndicatorSuggestion | None:
    value, evidence, origin = _from_brief(spec, figures), [], Origin.BRIEF
    if value is None and spec.default is not None:
        value, evidence = backing(spec) or (_default(spec), [])
        origin = Origin.TEMPLATE
    if value is None:
        return None
    return IndicatorSuggestion(
        level1=PARENT[spec.level2], level2=spec.level2, name=spec.name, template=spec.name, family=spec.name,
        naming=Naming.TEMPLATE, value=value, evidence=evidence, origin=origin, source=catalogue().sources[spec.source],
        score=BRIEF_SCORE if origin is Origin.BRIEF and not spec.deadline else TEMPLATE_SCORE,
    )  # fmt: skip


def _from_brief(spec: TemplateIndicator, figures: BriefFigures) -> ValueProposal | None:
    if spec.fill is not None:
        found = figures.find(spec.fill)
        return None if found is None else _stated(spec, found)
    if spec.cost is not None:
        return _unit_cost(spec, figures)
    if spec.total:
        return _total_cost(spec, figures)
    if spec.deadline:
        return _deadline(figures.brief)
    return None


def _proposal(text: str, ground: Ground, basis: str, *, fields: list[str], arithmetic: str | None = None) -> ValueProposal:
    value = parse_value(text)
    return ValueProposal(
        value=value.render() if value.kind is ValueKind.QUANTITATIVE else value.raw, kind=value.kind,
        operator=value.operator, number=value.number, unit=value.unit, ground=ground, basis=basis,
        fields=fields, arithmetic=arithmetic,
    )  # fmt: skip


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _stated(spec: TemplateIndicator, q: Quantity) -> ValueProposal:
    how = f"，{q.derivation}" if q.derivation else ""
    basis = f"计划标准：简报{q.field}写明“{q.clause}”{how}"
    return _proposal(f"{spec.op}{_plain(q.number)}({spec.unit})", Ground.PLAN, basis, fields=[q.field], arithmetic=q.derivation)


def _unit_cost(spec: TemplateIndicator, figures: BriefFigures) -> ValueProposal | None:
    assert spec.cost is not None
    per = figures.find(spec.cost.per)
    line = next((c for c in figures.brief.composition if any(w in f"{c.part}{c.detail or ''}" for w in spec.cost.lines)), None)
    amount, where = (line.amount, f"项目构成“{line.part}”") if line else (figures.amount, "项目资金")
    if per is None or amount is None or per.number <= 0:
        return None
    cost = (amount / per.number).quantize(Decimal(1), rounding=ROUND_CEILING)
    arithmetic = f"{where} {amount:,.0f}元 ÷ {per.shown} ≈ {cost:,}{spec.unit}"
    basis = f"计划标准（单位成本）：{arithmetic}；数量见简报{per.field}“{per.clause}”"
    fields = ["项目构成" if line else "资金", per.field]
    return _proposal(f"{spec.op}{cost}({spec.unit})", Ground.PLAN, basis, fields=fields, arithmetic=arithmetic)


def _total_cost(spec: TemplateIndicator, figures: BriefFigures) -> ValueProposal | None:
    amount = figures.amount
    if amount is None or amount <= 0:
        return None
    wan = (amount / WAN).quantize(Decimal("0.01"), rounding=ROUND_CEILING).normalize()
    arithmetic = f"项目资金 {amount:,.0f}元 = {_plain(wan)}万元"
    lines = "、".join(f"{c.part}{_plain(c.amount / WAN)}万元" for c in figures.brief.composition)
    basis = f"计划标准（总成本）：{arithmetic}" + (f"；分项：{lines}" if lines else "")
    return _proposal(f"{spec.op}{_plain(wan)}({spec.unit})", Ground.PLAN, basis, fields=["资金"], arithmetic=arithmetic)


def _deadline(brief: Brief) -> ValueProposal:
    end = brief.end_date or date(brief.year, 12, 31)
    basis = f"计划标准：简报结束日期 {end.isoformat()}" if brief.end_date else f"计划标准：预算年度 {brief.year} 年末"
    return _proposal(f"{end.month}月底前", Ground.PLAN, basis, fields=["结束日期" if brief.end_date else "年度"])


def _default(spec: TemplateIndicator) -> ValueProposal:
    assert spec.default is not None
    value = f"{spec.op}{_plain(spec.default)}({spec.unit})"
    basis = f"模板参考值：简报未给出该项数据，相近项目也无可用先例，取类型模板常用值 {value}，请按实际核定"
    return _proposal(value, Ground.TEMPLATE, basis, fields=[])
