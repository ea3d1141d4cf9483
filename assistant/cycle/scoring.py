"""Scores of a self-evaluation, recomputed from the rules in `rules.py`; each with its arithmetic in Chinese.

Shapes: `score_budget` takes the 年度资金总额 row and its 分值 → `BudgetScore`; `score_row` takes one indicator row
and its 分值 → `RowScore`; `score_evaluation` takes a whole `SelfEvaluation` → `Scorecard` (rows in order, total).
A row that cannot be scored (no 实际完成值, a qualitative row with no band chosen, no 分值) has ``score=None`` and
a ``problem`` saying what to fill; the total is then marked incomplete, never silently lower. An 实际完成值 is read
in its own unit and converted to the target's (`units.read_actual`: ``2小时`` against ``≤30(分钟)`` is 120 minutes);
the arithmetic is shown in the unit the person wrote. A figure that cannot be read or whose unit does not convert
(``3工作日`` against ``≤5(天)``) scores 0 with the reason in ``unreadable``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from assistant.cycle.bounds import impossible_actual, overspent, year_days
from assistant.cycle.costs import ceiling, overrun
from assistant.cycle.deadlines import met_by
from assistant.cycle.numbers import fmt, percent, quantize, target_of
from assistant.cycle.rules import BANDS, DEFAULT_SETTINGS, RULES, Part, RuleId, Settings
from assistant.cycle.units import Reading, approx, read_actual
from assistant.cycle.weights import Spread, part_of, spread, weights_problem
from assistant.domain.cycle import Band, FundKind, FundLine, SelfEvalRow, SelfEvaluation
from assistant.domain.values import IndicatorValue, Operator, ValueKind


@dataclass(frozen=True)
class BudgetScore:
    rate: Decimal | None  # percent, 2 decimals
    weight: Decimal
    score: Decimal | None
    arithmetic: str
    problem: str | None = None
    overspend: str | None = None  # Chinese: 执行数 above the budget (`bounds.overspent`)


@dataclass(frozen=True)
class RowScore:
    index: int  # 0-based row of the self-evaluation
    name: str
    part: Part
    weight: Decimal | None
    score: Decimal | None
    rule: RuleId | None
    arithmetic: str
    problem: str | None = None
    ratio: Decimal | None = None  # actual ÷ target for quantitative rows (how far beyond or short)
    direction: str | None = None  # "positive", "reverse", "zero", "band"
    impossible: str | None = None  # Chinese: why the 实际完成值 cannot be (`bounds.impossible_actual`); scored 0
    unreadable: str | None = None  # Chinese: why the 实际完成值 cannot be read or converted (`units`); scored 0
    hint: str | None = None  # Chinese: what to write instead of an unreadable 实际完成值
    overrun: str | None = None  # Chinese: a cost row's actual above its target (`costs.overrun`)

    @property
    def full(self) -> bool:
        return self.score is not None and self.weight is not None and self.score >= self.weight


@dataclass(frozen=True)
class Scorecard:
    budget: BudgetScore
    rows: list[RowScore]
    total: Decimal | None  # None when a row or the budget could not be scored
    partial_total: Decimal  # what the scored parts add up to
    weights_problem: str | None
    weight_notes: list[str]


def score_budget(
    line: FundLine | None, weight: Decimal, settings: Settings = DEFAULT_SETTINGS, *, unit: str = "元"
) -> BudgetScore:
    """执行率 = 全年执行数 ÷ 全年预算数 (年初预算数 when no 全年预算数); 得分 = 执行率 × 分值 (cycle.md: proportional,
    no threshold). Spending above the budget is an error, like an impossible 实际完成值: kept in ``overspend`` (the
    figures must be corrected or the adjusted budget written) and scored 0 with the reason, never as an achievement
    (README; red team rt10 #9: 1000% scored 10/10). ``unit``: the form's amount unit, named in the messages."""
    if line is None or line.executed is None:
        return BudgetScore(None, weight, None, "", problem="未填写全年执行数")
    budget, label = (
        (line.full_year_budget, "全年预算数")
        if line.full_year_budget is not None
        else (line.initial_budget, "年初预算数")
    )
    if budget is None:
        return BudgetScore(None, weight, None, "", problem="未填写全年预算数，无法计算执行率")
    if budget == 0:  # a stated 0 is a value (red team rt11): never replaced by the 年初预算数
        return _zero_budget(line.executed, weight, label, settings, unit)
    ratio = line.executed / budget
    rate = quantize(ratio * 100, settings.places)
    computed = f"执行率 = {fmt(line.executed)} ÷ {fmt(budget)}（{label}） = {rate}%"
    over = overspent(line.executed, budget, budget_label=label, unit=unit)
    if over:
        zero = quantize(Decimal(0), settings.places)
        arithmetic = f"{computed}；{over}，执行数不能超过预算：按0分计（得分 = {zero}），请核对后改正"
        return BudgetScore(rate, weight, zero, arithmetic, overspend=over)
    score = quantize(ratio * weight, settings.places)
    arithmetic = f"{computed}；得分 = {rate}% × {fmt(weight)} = {score}"
    return BudgetScore(rate, weight, score, arithmetic)


def _zero_budget(executed: Decimal, weight: Decimal, label: str, settings: Settings, unit: str) -> BudgetScore:
    """Against a budget written as 0: spending is overspend, scored 0; nothing spent leaves the rate uncomputable."""
    over = overspent(executed, Decimal(0), budget_label=label, unit=unit)
    if over is None:
        return BudgetScore(None, weight, None, "", problem=f"{label}填写为 0，执行率无法计算（不能以 0 作除数）")
    zero = quantize(Decimal(0), settings.places)
    arithmetic = f"{label}为 0，执行率无法计算；{over}，执行数不能超过预算：按0分计（得分 = {zero}），请核对后改正"
    return BudgetScore(None, weight, zero, arithmetic, overspend=over)


def score_row(
    index: int, row: SelfEvalRow, weight: Decimal | None, settings: Settings = DEFAULT_SETTINGS, *, days: int = 366
) -> RowScore:
    """One indicator row scored by the rule its target calls for (see module docstring); an 实际完成值 impossible for
    the indicator (`bounds.impossible_actual`; ``days``: the days of the evaluated year) scores 0 with the reason."""
    base: dict[str, Any] = {"index": index, "name": row.link.name, "part": part_of(row.link), "weight": weight}
    if weight is None:
        return RowScore(**base, score=None, rule=None, arithmetic="", problem="未设分值")
    target = target_of(row.target, row.target_value)
    if target.kind is ValueKind.QUANTITATIVE and target.number is not None:
        if not (row.actual or "").strip():
            return RowScore(**base, score=None, rule=None, arithmetic="", problem="未填写实际完成值")
        reading = read_actual(row.actual, target, row.link.name)
        wrong = impossible_actual(row.link.name, row.actual, target, days=days)
        wrong = None if wrong is None else f"实际完成值“{row.actual}”{wrong}"
        if wrong is not None:
            text = f"{wrong}：按0分计，请核对后改正"
            return RowScore(
                **base,
                score=Decimal(0).quantize(Decimal(1).scaleb(-settings.places)),
                rule=None,
                arithmetic=text,
                impossible=wrong,
            )
        if reading.refused:
            return _unreadable(base, row, reading, settings)
        if reading.value is not None:
            scored = _quantitative(base, target, reading, weight, settings, upper=ceiling(row.link, target))
            over = overrun(row.link, target, reading.value)  # in the target's unit
            return scored if over is None else replace(scored, overrun=over)
        if row.band is None:
            return RowScore(
                **base,
                score=None,
                rule=None,
                arithmetic="",
                problem=f"实际完成值“{row.actual}”不是数值：请填写数值，或选择档次（达成/部分达成/未达成）",
            )
    return _banded(base, row, target, weight, settings)


def _unreadable(base: dict[str, Any], row: SelfEvalRow, reading: Reading, settings: Settings) -> RowScore:
    why = f"实际完成值“{row.actual}”{reading.problem}"
    zero = Decimal(0).quantize(Decimal(1).scaleb(-settings.places))
    text = f"{why}：按0分计，请改正后重新计分"
    return RowScore(**base, score=zero, rule=None, arithmetic=text, unreadable=why, hint=reading.hint)


def _quantitative(
    base: dict[str, Any],
    target: IndicatorValue,
    reading: Reading,
    weight: Decimal,
    settings: Settings,
    *,
    upper: bool,
) -> RowScore:
    """Scored in the unit the person wrote: the target is converted to it (the rules' ratios do not depend on it).
    ``upper``: the target is a ceiling (``≤``, or ``=`` on a cost row: `costs.ceiling`), scored by the 反向 rule."""
    assert target.number is not None and reading.value is not None and reading.written is not None
    if reading.converted:
        actual, unit = reading.written, reading.unit or ""
        goal = reading.goal_as_written(target.number)
        shown = f"实际 {approx(actual)}{unit}，目标 {target.render()}（即 {approx(goal)}{unit}）"
    else:
        actual, goal, unit = reading.value, target.number, reading.unit or target.unit or ""
        shown = f"实际 {approx(actual)}{unit}，目标 {target.render()}"
    if upper:
        if target.operator not in (Operator.LE, Operator.LT):
            shown = f"{shown}（成本指标，目标按上限计）"
        return _reverse(base, goal, actual, weight, settings, shown)
    if goal == 0:
        score = weight if actual == 0 else Decimal(0)
        return RowScore(
            **base,
            score=quantize(score, settings.places),
            rule=RuleId.EQUAL_ZERO,
            arithmetic=f"{shown}：{'为0，得满分' if actual == 0 else '不为0，得0分'} {quantize(score, settings.places)}",
            ratio=None,
            direction="zero",
        )
    ratio = actual / goal
    if actual >= goal:
        text = f"{shown}：已达到，得满分 {quantize(weight, settings.places)}"
        score = weight
    else:
        score = max(ratio, Decimal(0)) * weight  # a negative actual scores 0, never below
        text = f"{shown}：未达到，得分 = {approx(actual)} ÷ {approx(goal)} × {fmt(weight)} = {quantize(score, settings.places)}"
    return RowScore(
        **base,
        score=quantize(score, settings.places),
        rule=RuleId.POSITIVE,
        arithmetic=text,
        ratio=ratio,
        direction="positive",
    )


def _reverse(
    base: dict[str, Any], goal: Decimal, actual: Decimal, weight: Decimal, settings: Settings, shown: str
) -> RowScore:
    rule = settings.reverse_rule
    ratio = actual / goal if goal else None
    if actual <= goal:
        score, text = weight, f"{shown}：未超过目标，得满分 {quantize(weight, settings.places)}"
    elif rule is RuleId.REVERSE_RATIO:
        score = goal / actual * weight
        text = f"{shown}：超过目标，得分 = {approx(goal)} ÷ {approx(actual)} × {fmt(weight)} = {quantize(score, settings.places)}"
    elif goal == 0 or actual >= 2 * goal:
        score, text = Decimal(0), f"{shown}：达到或超过目标的2倍，得0分"
    else:
        score = (1 - (actual - goal) / goal) * weight
        text = (
            f"{shown}：超过目标，得分 = (1 − ({approx(actual)} − {approx(goal)}) ÷ {approx(goal)}) × {fmt(weight)}"
            f" = {quantize(score, settings.places)}"
        )
    return RowScore(
        **base,
        score=quantize(score, settings.places),
        rule=rule if rule is RuleId.REVERSE_RATIO else RuleId.REVERSE_LINEAR,
        arithmetic=text,
        ratio=ratio,
        direction="reverse",
    )


def _same_words(a: str, b: str) -> bool:
    strip = str.maketrans("", "", " 　。.")
    return a.translate(strip) == b.translate(strip)


def _banded(
    base: dict[str, Any], row: SelfEvalRow, target: IndicatorValue, weight: Decimal, settings: Settings
) -> RowScore:
    """Qualitative, deadline or compound targets: the band the officer chose, the score within it."""
    band = row.band
    on_time = met_by(row.actual, target.raw) if band is None and row.actual else None
    if band is None and row.actual and _same_words(row.actual, target.raw):
        band = Band.ACHIEVED
        how = f"实际完成值与目标一致（{row.actual}），按“达成”档计"
    elif on_time is not None:
        band, how = Band.ACHIEVED, on_time  # 12月20日 against 12月底前: the date meets the deadline
    elif band is None:
        problem = (
            "未填写实际完成值" if not (row.actual or "").strip() else "定性指标：请选择档次（达成/部分达成/未达成）"
        )
        return RowScore(**base, score=None, rule=RuleId.BAND, arithmetic="", problem=problem, direction="band")
    else:
        how = f"填报人选择“{band.value}”档"
    low, high = (quantize(share * weight, settings.places) for share in BANDS[band])
    if row.score is None:
        return RowScore(
            **base,
            score=high,
            rule=RuleId.BAND,
            arithmetic=f"{how}（{low}–{high} 分），未填得分，按档次上限计 {high}，可在档内调整",
            direction="band",
        )
    if not low <= row.score <= high:
        return RowScore(
            **base,
            score=None,
            rule=RuleId.BAND,
            arithmetic="",
            problem=f"得分 {fmt(row.score)} 不在“{band.value}”档的 {low}–{high} 分之内",
            direction="band",
        )
    return RowScore(
        **base,
        score=quantize(row.score, settings.places),
        rule=RuleId.BAND,
        arithmetic=f"{how}（{low}–{high} 分），填报得分 {quantize(row.score, settings.places)}",
        direction="band",
    )


def row_weights(
    evaluation: SelfEvaluation, settings: Settings = DEFAULT_SETTINGS
) -> tuple[list[Decimal | None], Decimal, Spread]:
    """The 分值 in force: the ones written on the form, or the default spread when no row has one."""
    default = spread([r.link for r in evaluation.rows], settings.weights)
    total = evaluation.fund(FundKind.TOTAL)
    budget = total.weight if total is not None and total.weight is not None else default.budget
    written = [r.weight for r in evaluation.rows]
    if all(w is None for w in written):
        return list(default.rows), budget, default
    return written, budget, default


def score_evaluation(evaluation: SelfEvaluation, settings: Settings = DEFAULT_SETTINGS) -> Scorecard:
    """Every row and the budget scored; total = 预算执行率得分 + Σ 指标得分 (None while anything is unscored)."""
    weights, budget_weight, default = row_weights(evaluation, settings)
    budget = score_budget(evaluation.fund(FundKind.TOTAL), budget_weight, settings, unit=evaluation.amount_unit)
    days = year_days(evaluation.year) if evaluation.year else 366
    rows = [score_row(i, row, weights[i], settings, days=days) for i, row in enumerate(evaluation.rows)]
    scored = [r.score for r in rows] + [budget.score]
    partial = sum((s for s in scored if s is not None), Decimal(0))
    complete = all(s is not None for s in scored)
    used_default = all(r.weight is None for r in evaluation.rows)
    return Scorecard(
        budget=budget,
        rows=rows,
        total=quantize(partial, settings.places) if complete else None,
        partial_total=quantize(partial, settings.places),
        weights_problem=weights_problem(budget_weight, weights),
        weight_notes=default.notes if used_default else [],
    )


def rule_text(rule: RuleId | None) -> str:
    return "" if rule is None else f"{RULES[rule].title}：{RULES[rule].formula}"


__all__ = [
    "BudgetScore",
    "RowScore",
    "Scorecard",
    "percent",
    "rule_text",
    "score_budget",
    "score_evaluation",
    "score_row",
]
