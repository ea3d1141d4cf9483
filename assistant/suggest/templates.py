"""Rows from the project type's template (project_types.yaml), filled with the brief's own figures.

A row's value comes, in this order, from a target the brief sets for what the row measures
(考试合格率不低于95% → 培训考核合格率 ≥95(%), 计划标准 quoting the clause), from a quantity the brief
states (计划标准, with the field and the clause), from a budget line or the total divided by such a
quantity (a unit cost, with the arithmetic), from the brief's end date (a deadline), or from the
template's reference value (模板参考值), which a fitting precedent's usual value replaces where one
exists (历史标准). A rate target no row of the type measures becomes a row of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, Decimal

from assistant.domain.brief import Brief, CompositionLine
from assistant.domain.classify import brief_fields
from assistant.domain.framework import PARENT, Level2
from assistant.domain.project_types import Fill, TemplateIndicator, TypeVerdict, catalogue
from assistant.domain.statements import Kind, Statement, plain, read_text
from assistant.domain.values import ValueKind, parse_value
from assistant.drafting.injection import part_name
from assistant.suggest.brief_rows import output_statements
from assistant.suggest.models import Evidence, Ground, IndicatorSuggestion, Naming, Origin, ValueProposal
from assistant.suggest.money import money_used
from assistant.suggest.text import core_name, grams, specific_grams
from assistant.suggest.years import end_deadline


def brief_words(brief: Brief) -> str:
    return "\n".join(brief_fields(brief).values())


BRIEF_SCORE = 10.0  # a figure of the brief outranks any precedent (template scores stay below 3)
TEMPLATE_SCORE = 0.05  # a reference value ranks below precedents of the same type, above weak ones of other types
WAN = Decimal(10000)

# Precedent values for a template row's measure (name suffix) → proposal and its evidence, or None.
Backing = Callable[[TemplateIndicator], tuple[ValueProposal, list[Evidence]] | None]


@dataclass(frozen=True)
class BriefFigures:
    """What a template reads of a brief (its statements, ``assistant.domain.statements``): the counts (万
    multiplied out: 78万人 → 780000 人), the rate targets, the budget lines and amounts."""

    brief: Brief
    quantities: tuple[Statement, ...]
    targets: tuple[Statement, ...] = ()

    @classmethod
    def of(cls, brief: Brief) -> BriefFigures:
        statements = output_statements(brief)
        counts = tuple(_whole(s) for s in statements if s.kind in {Kind.COUNT, Kind.INPUT} and s.number is not None)
        targets = tuple(s for s in statements if s.kind is Kind.RATE and len(s.subject) >= 2)
        return cls(brief, counts, targets)

    def target(self, spec: TemplateIndicator) -> Statement | None:
        """The brief's own target for what a reference-valued row measures (same unit, same measure)."""
        if spec.default is None:
            return None
        return next((t for t in self.targets if t.unit == spec.unit and same_measure(spec.name, t.subject)), None)

    def find(self, fill: Fill) -> Statement | None:
        """The count in one of ``fill.units`` best placed near one of ``fill.words``; totals before per-unit
        figures, the total of a listing before its items where the words fit every item as well, then the
        units in the template's order (研究报告 5篇 before 课题 5项)."""
        scored = [
            (self._fit(q, fill.words), bool(q.parts), -fill.units.index(q.unit), -n, q)
            for n, q in enumerate(self.quantities)
            if q.unit in fill.units and not _per_unit(q)
        ]
        scored = [s for s in scored if s[0] > 0]
        return max(scored, key=lambda s: s[:4])[4] if scored else None

    @staticmethod
    def _fit(q: Statement, words: tuple[str, ...]) -> int:
        """3 when a word follows the figure (18个站点), 2 when it just precedes it, 1 anywhere in its clause;
        a listing's total fits as its worst-fitting item (讲座 fits 专题讲座6场 but not 履职辅导8场)."""
        if q.parts:
            return min(BriefFigures._fit(p, words) for p in q.parts)
        before, after = _around(q)
        if any(w in after for w in words):
            return 3
        if any(w in before for w in words):
            return 2
        return 1 if any(w in q.clause for w in words) else 0

    @property
    def amount(self) -> Decimal | None:
        used = money_used(self.brief)
        return used[0] if used else None

    @property
    def amount_field(self) -> str:
        """The name of the funding field :attr:`amount` is (项目资金, 2027年度申请, 财政资金)."""
        used = money_used(self.brief)
        return used[1] if used else "项目资金"


def template_rows(brief: Brief, verdict: TypeVerdict, backing: Backing) -> list[IndicatorSuggestion]:
    """The type's usual indicators for ``brief`` (none when the type is unknown), best grounded first."""
    if verdict.type is None:
        return []
    figures = BriefFigures.of(brief)
    specs = [*catalogue().spec(verdict.type).indicators, *catalogue().common]
    rows = [row for spec in specs if (row := _row(spec, figures, backing)) is not None]
    rows = [_named(row, figures, verdict) for row in rows] + _target_rows(figures, specs)
    return sorted(rows, key=lambda r: -r.score)


def _named(row: IndicatorSuggestion, figures: BriefFigures, verdict: TypeVerdict) -> IndicatorSuggestion:
    """A reference-valued row whose own object the brief names (考核 in 培训考核与总结) ranks above what a
    precedent of another type can score: the brief says this is part of its work."""
    if row.origin is not Origin.TEMPLATE or verdict.type is None:
        return row
    spec = catalogue().spec(verdict.type)
    own = {g for g in specific_grams(row.name) if not any(g in w for w in (*spec.markers, *spec.signals))}
    return row.model_copy(update={"score": NAMED_SCORE}) if own & set(grams(brief_words(figures.brief))) else row


def _whole(s: Statement) -> Statement:
    """A count in 万 as the plain number (78万人 → 780000 人), as a template's unit asks."""
    if s.number is None or not s.unit.startswith("万") or len(s.unit) == 1:
        return s
    return replace(s, number=s.number * WAN, unit=s.unit[1:], parts=tuple(map(_whole, s.parts)))


_HAN = re.compile(r"[\u4e00-\u9fff]{0,4}")


def _around(s: Statement) -> tuple[str, str]:
    """Up to 10 characters before a statement's figure within its item of a listing (专题讲座6场、履职辅导8场: 8场
    has 履职辅导 before it, not 讲座), and up to 4 Chinese characters after it."""
    at = s.clause.find(s.words)
    if at < 0:
        return "", ""
    after = _HAN.match(s.clause, at + len(s.words))
    return s.clause[:at].rsplit("、", 1)[-1][-10:], after.group(0) if after else ""


def _per_unit(s: Statement) -> bool:
    """A figure per unit right after 每 (每期约60人: its product counts), not one whose 每 names a thing (每次全体会议
    约280名委员参会: the people of that meeting)."""
    return s.per_unit is not None and _around(s)[0].endswith(f"每{s.per_unit}")


NAMED_SCORE = 0.15  # a precedent of another type scores at most its similarity × CROSS_TYPE_WEIGHT (0.3)


def same_measure(a: str, b: str) -> bool:
    """Whether two names measure the same thing: the same rate (合格率 / 通过率), else the same last word (响应时间)."""
    group_a, group_b = catalogue().rate_group(a), catalogue().rate_group(b)
    if group_a is not None or group_b is not None:
        return group_a is group_b
    return a[-2:] == b[-2:]


# Words of a measure's name that say nothing of what is measured: the rate's own word and the scope.
_MEASURE_WORD = re.compile(r"(?:[\u4e00-\u9fff]{2}率|满意度|[\u4e00-\u9fff]{2}度)$")
_SCOPE = re.compile(r"^(?:(?:19|20)\d{2}年度?)?(?:全区|全市|全镇|全街道|辖区|本区|区级)?")


_NAMED_OBJECT = 4  # characters: 分类实效, 垃圾分类 name an object of their own


def same_object(name: str, subject: str) -> bool:
    """Whether a brief's rate measures what a template row names (数据准确率 and 数据录入准确率; 合格率 with no object
    fits any); where not (分类实效达标率 under 宣传内容审核合格率) the row says so in a note."""
    own = [_SCOPE.sub("", _MEASURE_WORD.sub("", n)) for n in (name, subject)]
    if not own[0] or len(own[1]) < _NAMED_OBJECT:
        return True  # 考试合格率, 服务满意度: a short lead says how, not another object; the template's name fits
    pairs = [{w[i : i + 2] for i in range(len(w) - 1)} for w in own]
    return bool(pairs[0] & pairs[1])


def _row(spec: TemplateIndicator, figures: BriefFigures, backing: Backing) -> IndicatorSuggestion | None:
    target = figures.target(spec)
    evidence: list[Evidence] = []
    value = _targeted(spec.op, spec.unit, target) if target else _from_brief(spec, figures)
    origin = Origin.BRIEF
    if value is None and spec.default is not None:
        value, evidence = backing(spec) or (_default(spec), [])
        origin = Origin.TEMPLATE
    if value is None:
        return None
    name = surveyed(spec, target) or _for_unit(spec.name, value, spec.unit)
    notes = []
    if target is not None and name == spec.name and not same_object(spec.name, target.subject):
        notes.append(  # the figure keeps what it measures in sight: the officer judges whether the names agree
            f"简报写的是“{target.clause}”，指标名称“{name}”按类型模板取，二者所指可能不同：请核对，"
            f"不一致时请改用简报的名称（如“{target.subject}”）"
        )
    return IndicatorSuggestion(
        level1=PARENT[spec.level2],
        level2=spec.level2,
        notes=notes,
        name=name,
        template=spec.name,
        family=spec.name,
        naming=Naming.TEMPLATE,
        value=value,
        evidence=evidence,
        origin=origin,
        source=catalogue().sources[spec.source],
        score=BRIEF_SCORE if origin is Origin.BRIEF and not spec.deadline else TEMPLATE_SCORE,
    )


# What a satisfaction target names before 满意度 that is not a group of people: the thing judged or the scope.
_NOT_RESPONDENTS = frozenset({"总体", "综合", "整体", "服务", "工作", "项目", "社会", "平均", "质量", "满意"})
_SATISFACTION = re.compile(r"(满意度|满意率)$")


def surveyed(spec: TemplateIndicator, target: Statement | None) -> str | None:
    """The brief's own name for a satisfaction row when it says who is surveyed (学生家长满意度不低于90% →
    学生家长满意度, not the type's 委托单位满意度); None when the target names no group (服务满意度, 总体满意度) or
    the row is no satisfaction row. ``家长对食堂的满意度`` → 家长满意度."""
    if target is None or spec.level2 is not Level2.SATISFACTION:
        return None
    found = _SATISFACTION.search(target.subject)
    if found is None:
        return None
    who = target.subject[: found.start()].split("对", 1)[0].strip("的之 ")
    if len(who) < 2 or len(who) > MAX_RESPONDENTS or who in _NOT_RESPONDENTS:
        return None
    return f"{who}{found[1]}"


MAX_RESPONDENTS = 8  # a longer lead is a phrase (全区各中小学校食堂的家长), not a group's name


def _for_unit(name: str, value: ValueProposal, unit: str | None) -> str:
    """服务对象覆盖人数 that counts 人次 is named so (覆盖人次); a unit cost per another unit than the template's names
    that unit (单批次检测成本 of 1200元/样次 → 单样次检测成本): a name never says one unit over a value in another."""
    if value.unit == "人次" and name.endswith("人数"):
        return name[: -len("人数")] + "人次"
    own, per = (unit or "").removeprefix("元/"), (value.unit or "").removeprefix("元/")
    if (unit or "").startswith("元/") and (value.unit or "").startswith("元/") and own != per and own in name:
        return name.replace(own, per, 1)
    return name


def _target_rows(figures: BriefFigures, specs: list[TemplateIndicator]) -> list[IndicatorSuggestion]:
    """A rate the brief sets (学员到课率达到95%) that no row of the type measures, as a row of its own."""
    rows: list[IndicatorSuggestion] = []
    for t in figures.targets:
        group = catalogue().rate_group(t.subject)
        taken = any(figures.target(spec) is t for spec in specs) or any(r.name == t.subject for r in rows)
        if group is None or taken or t.unit != "%" or len(t.subject) > MAX_TARGET_NAME:
            continue
        rows.append(
            IndicatorSuggestion(
                level1=PARENT[group.level2],
                level2=group.level2,
                name=t.subject,
                template=t.subject,
                family=t.subject,
                naming=Naming.TEMPLATE,
                value=_targeted(t.op, t.unit, t),
                evidence=[],
                origin=Origin.BRIEF,
                source=catalogue().sources["F2021"],
                score=BRIEF_SCORE,
            )
        )
    return rows


MAX_TARGET_NAME = 10  # a longer subject is a phrase, not an indicator's name


def _targeted(op: str | None, unit: str | None, t: Statement) -> ValueProposal:
    basis = f"计划标准：简报{t.field}写明“{t.clause}”"
    return _proposal(f"{t.op or op}{plain(t.number)}({unit or t.unit})", Ground.PLAN, basis, fields=[t.field])


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


def _proposal(
    text: str, ground: Ground, basis: str, *, fields: list[str], arithmetic: str | None = None
) -> ValueProposal:
    value = parse_value(text)
    return ValueProposal(
        value=value.render() if value.kind is ValueKind.QUANTITATIVE else value.raw,
        kind=value.kind,
        operator=value.operator,
        number=value.number,
        unit=value.unit,
        ground=ground,
        basis=basis,
        fields=fields,
        arithmetic=arithmetic,
    )


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _stated(spec: TemplateIndicator, q: Statement) -> ValueProposal:
    how = f"，{q.derivation}" if q.derivation else ""
    basis = f"计划标准：简报{q.field}写明“{q.clause}”{how}"
    op = q.op if spec.op in {"≥", "="} else spec.op  # the brief's own wording: 应选300名 =, 不少于450人次 ≥
    people = {"人", "名", "位", "户", "人次"}
    unit = spec.unit if q.unit == spec.unit or {q.unit, spec.unit} & people else q.unit  # 5篇 stays 5(篇), not 5(份)
    if q.unit == "人次":
        unit = q.unit  # 6000人次 are visits, not 6000 people (nor 300人 6000人次); 320名 trained stay 320(人次)
    return _proposal(f"{op}{plain(q.number)}({unit})", Ground.PLAN, basis, fields=[q.field], arithmetic=q.derivation)


def _unit_cost(spec: TemplateIndicator, figures: BriefFigures) -> ValueProposal | None:
    assert spec.cost is not None
    per = figures.find(spec.cost.per)
    line = next(
        (c for c in figures.brief.composition if any(w in f"{c.part}{c.detail or ''}" for w in spec.cost.lines)), None
    )
    amount, where = (line.amount, f"项目构成“{line.part}”") if line else (figures.amount, figures.amount_field)
    if per is None or per.number is None or amount is None or per.number <= 0 or not _buys(figures, line, per):
        return None
    if line is not None and _priced_per(line) not in {None, per.unit}:
        return None  # 500样次×1200元/样次: the line's money is priced per 样次, never ÷ the 125 points it tests
    cost = (amount / per.number).quantize(Decimal(1), rounding=ROUND_CEILING)
    unit = _cost_unit(spec.unit, per.unit)
    arithmetic = f"{where} {amount:,.0f}元 ÷ {per.shown} ≈ {cost:,}{unit}"
    basis = f"计划标准（单位成本）：{arithmetic}；数量见简报{per.field}“{per.clause}”"
    fields = ["项目构成" if line else "资金", per.field]
    return _proposal(f"{spec.op}{cost}({unit})", Ground.PLAN, basis, fields=fields, arithmetic=arithmetic)


def _priced_per(line: CompositionLine) -> str | None:
    """The unit a 项目构成 line states its price per (500样次×1200元/样次 → 样次); None where it states none."""
    prices = [s for s in read_text(f"{line.part}：{line.detail or ''}", "项目构成") if s.kind is Kind.STANDARD]
    return prices[0].unit.removeprefix("元/").split("·")[0] if prices else None


_PEOPLE = {"人", "名", "位"}


def _cost_unit(spec_unit: str | None, per: str) -> str:
    """元 per the quantity divided by: 600,000元 ÷ 500样次 is 元/样次, whatever the template's unit says (元/批次);
    people (人, 名, 位) are one unit (元/人), and a visit count stays per visit (元/人次)."""
    own = (spec_unit or "").removeprefix("元/")
    if per == own or (per in _PEOPLE and own in _PEOPLE):
        return spec_unit or f"元/{per}"
    return f"元/{per}"


def _buys(figures: BriefFigures, line: CompositionLine | None, per: Statement) -> bool:
    """Whether the amount pays for the quantity (issue 21: never a quotient of unrelated figures): no item of a
    listing (1,380,000元 ÷ 4台蒸柜 when the project buys eight units), and for the whole project's money a
    quantity its name speaks of."""
    listed = any(q.parts and per in q.parts for q in figures.quantities)
    rivals = [q for q in figures.quantities if q.clause == per.clause and q.unit == per.unit and q is not per]
    if listed or rivals:
        return False
    return line is not None or bool(specific_grams(core_name(figures.brief.name)) & specific_grams(per.clause))


def _total_cost(spec: TemplateIndicator, figures: BriefFigures) -> ValueProposal | None:
    amount = figures.amount
    if amount is None or amount <= 0:
        return None
    wan = (amount / WAN).quantize(Decimal("0.01"), rounding=ROUND_CEILING).normalize()
    arithmetic = f"{figures.amount_field} {amount:,.0f}元 = {_plain(wan)}万元"
    lines = "、".join(f"{part_name(c.part)}{_plain(c.amount / WAN)}万元" for c in figures.brief.composition)
    basis = f"计划标准（总成本）：{arithmetic}" + (f"；分项：{lines}" if lines else "")
    return _proposal(f"{spec.op}{_plain(wan)}({spec.unit})", Ground.PLAN, basis, fields=["资金"], arithmetic=arithmetic)


def _deadline(brief: Brief) -> ValueProposal:
    end = brief.end_date or date(brief.year, 12, 31)
    basis = f"计划标准：简报结束日期 {end.isoformat()}" if brief.end_date else f"计划标准：预算年度 {brief.year} 年末"
    return _proposal(end_deadline(end), Ground.PLAN, basis, fields=["结束日期" if brief.end_date else "年度"])


def _default(spec: TemplateIndicator) -> ValueProposal:
    assert spec.default is not None
    value = f"{spec.op}{_plain(spec.default)}({spec.unit})"
    basis = f"模板参考值：简报未给出该项数据，相近项目也无可用先例，取类型模板常用值 {value}，请按实际核定"
    return _proposal(value, Ground.TEMPLATE, basis, fields=[])
