"""Next year's targets from last year's declaration and its self-evaluation (issue 27, item 3).

Each indicator is carried over with last year's 实际完成值 as its 历史标准: a target that was beaten is proposed at
the level actually reached (rounded towards the old target, never past what was achieved; a percentage is kept
within 100), an unmet target is kept with the reason given for missing it, and a row with no 实际完成值 is kept
with a note; an 实际完成值 the indicator cannot have (`bounds.impossible_actual`: 120% satisfaction, 400 days in a
year) is never a 历史标准: the old target is kept with the reason; nor is one that cannot be read or whose unit does
not convert to the target's (`units.read_actual`); a figure in another unit (``45分钟`` against ``≤1(小时)``) is
converted to the target's unit before it is compared or proposed. `plan_next_year` → `NextYearPlan` (one
`CarriedRow` per declaration row, in order); `apply_plan` writes the proposals into a draft started from last
year's form and returns the diff (what changed and why).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from assistant.cycle.bounds import impossible_actual, year_days
from assistant.cycle.costs import ceiling, is_amount, is_cost
from assistant.cycle.numbers import fmt, quantize
from assistant.cycle.scoring import score_evaluation
from assistant.cycle.units import Reading, approx, read_actual
from assistant.domain.cycle import SelfEvalRow, SelfEvaluation
from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import IndicatorValue, Operator, ValueKind, parse_value


class Change(StrEnum):
    RAISED = "提高目标"
    TIGHTENED = "收紧目标"
    KEPT = "沿用目标"
    BUDGET = "成本总额按新年度预算，沿用目标"
    UNMET = "未完成，沿用目标"
    UNMEASURED = "无实际完成值，沿用目标"
    IMPOSSIBLE = "实际完成值不可能，沿用目标"
    UNREADABLE = "实际完成值无法读取，沿用目标"
    IMPLAUSIBLE = "完成值远超目标，沿用目标，请核实"


@dataclass(frozen=True)
class CarriedRow:
    position: int
    name: str
    last_target: str
    last_actual: str | None
    proposed: str  # next year's 指标值 as written
    change: Change
    why: str  # Chinese: the arithmetic, or last year's reason

    @property
    def changed(self) -> bool:
        return self.change in (Change.RAISED, Change.TIGHTENED)


@dataclass(frozen=True)
class NextYearPlan:
    year: int | None
    rows: list[CarriedRow]
    notes: list[str]
    unfilled: list[str]  # Chinese, one per self-evaluation row left unfilled (`unfilled_rows`)


def _match(decl: Declaration, evaluation: SelfEvaluation) -> dict[int, SelfEvalRow]:
    """Self-evaluation rows by declaration position: by the link's position, else by the 三级指标 name."""
    by_position = {r.link.position: r for r in evaluation.rows if r.link.position is not None}
    by_name = {r.link.name: r for r in evaluation.rows}
    found: dict[int, SelfEvalRow] = {}
    for ind in decl.indicators:
        row = by_position.get(ind.position)
        if row is None or row.link.name != ind.name:
            row = by_name.get(ind.name, row)
        if row is not None:
            found[ind.position] = row
    return found


PLAUSIBLE_TIMES = Decimal(3)  # an actual past 3× its (floor) target is checked, never made next year's target
ESTIMATE = "（预计数：填写时该年度尚未结束，须在年度结束后核实）"


def plan_next_year(decl: Declaration, evaluation: SelfEvaluation, estimates: Collection[int] = ()) -> NextYearPlan:
    """``estimates``: the self-evaluation's rows (numbered from 1) whose 实际完成值 was typed before its year ended,
    a 预计数 (red team rt12 #3): said so in each row's basis, and never past `PLAUSIBLE_TIMES` its target."""
    matched = _match(decl, evaluation)
    year = evaluation.year or decl.header.year
    guessed = {id(r) for n, r in enumerate(evaluation.rows, start=1) if n in estimates}
    rows = [_carry(ind, matched.get(ind.position), year, guessed) for ind in decl.indicators]
    used = {id(r) for r in matched.values()}
    notes = [
        f"自评表第 {i} 行“{r.link.name}”在上年申报表中找不到对应指标，未带入"
        for i, r in enumerate(evaluation.rows, start=1)
        if id(r) not in used
    ]
    return NextYearPlan(year=(year + 1) if year else None, rows=rows, notes=notes, unfilled=unfilled_rows(evaluation))


def unfilled_rows(evaluation: SelfEvaluation) -> list[str]:
    """The self-evaluation's rows next year's targets cannot learn from, one Chinese line each, numbered as the
    自评表 numbers them (from 1): no 实际完成值, one that cannot be read or converted (`units`), or a deviation (the rules score the row below its 分值, or the
    actual misses a numeric target) with no 偏差原因分析."""
    card = score_evaluation(evaluation)
    lines = []
    for n, (row, score) in enumerate(zip(evaluation.rows, card.rows, strict=True), start=1):
        where = f"自评表第 {n} 行“{row.link.name}”"
        if not (row.actual or "").strip():
            lines.append(f"{where}：没有实际完成值")
        elif score.unreadable:
            lines.append(f"{where}：{score.unreadable}")
        elif not (row.deviation or "").strip() and (short := _shortfall(row, score.score, score.weight)):
            lines.append(f"{where}：{short}，但没有填写偏差原因")
    return lines


def _shortfall(row: SelfEvalRow, score: Decimal | None, weight: Decimal | None) -> str | None:
    """How the row deviates from its target (Chinese), or None when it does not (or cannot be told)."""
    if score is not None and weight is not None and score < weight:
        return f"得分 {fmt(score)}，低于分值 {fmt(weight)}"
    target = row.target_value or parse_value(row.target)
    actual = read_actual(row.actual, target, row.link.name).value
    if target.kind is not ValueKind.QUANTITATIVE or target.number is None or actual is None:
        return None
    reverse = ceiling(row.link, target)
    missed = actual > target.number if reverse else actual < target.number
    return f"实际完成 {row.actual}，未达到目标 {target.render()}" if missed else None


def _carry(ind: Indicator, row: SelfEvalRow | None, year: int | None, guessed: set[int]) -> CarriedRow:
    target = ind.value
    base: dict[str, Any] = {"position": ind.position, "name": ind.name, "last_target": target.raw}
    when = f"{year}年" if year else "上年"
    guess = ESTIMATE if row is not None and id(row) in guessed else ""
    if row is None or not (row.actual or "").strip():
        return _target_kept(
            base,
            target,
            None,
            Change.UNMEASURED,
            f"{when}自评表没有该指标的实际完成值，无法作为历史标准；沿用原目标，请补充数据来源",
        )
    reading = read_actual(row.actual, target, ind.name)
    wrong = impossible_actual(ind.name, row.actual, target, days=year_days(year) if year else 366)
    if wrong is not None:
        return _target_kept(
            base,
            target,
            row.actual,
            Change.IMPOSSIBLE,
            f"{when}实际完成值“{row.actual}”{wrong}，不能作为历史标准；沿用原目标，请先改正自评表",
        )
    if target.kind is ValueKind.QUANTITATIVE and reading.refused:
        return _target_kept(
            base,
            target,
            row.actual,
            Change.UNREADABLE,
            f"{when}实际完成值“{row.actual}”{reading.problem}，不能作为历史标准；沿用原目标，请先改正自评表",
        )
    if target.kind is not ValueKind.QUANTITATIVE or target.number is None or reading.value is None:
        return _target_kept(
            base, target, row.actual, Change.KEPT, f"{when}实际完成情况：{row.actual}{guess}（定性指标，沿用原目标）"
        )
    if is_amount(ind, target) and reading.value <= target.number:
        return _target_kept(base, target, row.actual, Change.BUDGET, _budget_why(target, reading, when, guess))
    return _quantitative(
        base, target, reading, row, when, guess, cost=is_cost(ind, target), reverse=ceiling(ind, target)
    )


def _budget_why(target: IndicatorValue, reading: Reading, when: str, guess: str) -> str:
    """Why a cost in plain money (项目总成本) is not tightened to last year's spending: it is the budget, and the new
    draft's funding is last year's until the officer changes it; lowering it alone would contradict that funding."""
    return (
        f"{when}目标 {target.render()}，实际支出 {reading.shown()}{guess}；成本总额由新年度预算决定，不按上年实际支出收紧"
        "（否则与新草稿的资金不一致）：沿用原目标。新年度预算调整时，请修改资金，会提出按新金额重算成本指标的建议"
    )


def _quantitative(
    base: dict[str, Any],
    target: IndicatorValue,
    reading: Reading,
    row: SelfEvalRow,
    when: str,
    guess: str,
    *,
    cost: bool,
    reverse: bool,
) -> CarriedRow:
    """Compared and proposed in the target's unit (``reading.value``); the figure shown as written. ``reverse``: the
    target is a ceiling (``≤``, or any cost row's: `costs.ceiling`), so a cost spent above it is an unmet target kept
    as it was, never a level reached to raise the target to."""
    goal, actual = target.number, reading.value
    assert goal is not None and actual is not None
    shown = f"{when}目标 {target.render()}，实际完成 {reading.shown()}{guess}"
    met = actual <= goal if reverse else actual >= goal
    if not met:
        reason = (row.deviation or "").strip() or "（自评表未填写偏差原因，请补充）"
        missed = "成本超出目标，超出部分不作为历史标准，沿用原目标" if cost else "未达到目标"
        return _target_kept(base, target, row.actual, Change.UNMET, f"{shown}，{missed}；原因：{reason}")
    beaten = actual < goal if reverse else actual > goal
    if not beaten or goal == 0:
        return _target_kept(base, target, row.actual, Change.KEPT, f"{shown}，恰好达到目标，沿用")
    ratio = quantize(actual / goal * 100)
    if not reverse and actual / goal > PLAUSIBLE_TIMES:
        far = f"为目标的 {ratio}%，超过 {fmt(PLAUSIBLE_TIMES)} 倍"
        return _target_kept(
            base,
            target,
            row.actual,
            Change.IMPLAUSIBLE,
            f"{shown}（{far}）：疑为填写有误、口径不同或为预计数，未据此调整目标；请核实后再决定是否修改",
        )
    new = _level(actual, target, reverse)
    if new == goal:
        return _target_kept(base, target, row.actual, Change.KEPT, f"{shown}，按原目标的小数位取整后与原目标相同，沿用")
    proposed = _written(target, new, reverse)
    verb, change = ("收紧", Change.TIGHTENED) if reverse else ("提高", Change.RAISED)
    return CarriedRow(
        **base,
        last_actual=row.actual,
        proposed=proposed,
        change=change,
        why=(
            f"{shown}（为目标的 {ratio}%）；建议{verb}为 {proposed}：取{when}实际完成值 {approx(actual)}{target.unit or ''} "
            f"按原目标的小数位取整（历史标准）"
        ),
    )


def _target_kept(
    base: dict[str, Any], target: IndicatorValue, last_actual: str | None, change: Change, why: str
) -> CarriedRow:
    """A row whose target goes on as it was (unmet, unmeasured, unreadable, met exactly…), with the reason."""
    return CarriedRow(**base, last_actual=last_actual, proposed=target.render(), change=change, why=why)


def _level(actual: Decimal, target: IndicatorValue, reverse: bool) -> Decimal:
    places = Decimal(1).scaleb(-(target.decimals or 0))
    level = actual.quantize(places, rounding=ROUND_CEILING if reverse else ROUND_FLOOR)
    if target.unit == "%" and level > 100:
        level = Decimal(100)
    return level


def _written(target: IndicatorValue, number: Decimal, reverse: bool) -> str:
    op = (target.operator or (Operator.LE if reverse else Operator.GE)).value
    unit = f"({target.unit})" if target.unit else ""
    return f"{op}{number}{unit}"


def proposed_value(row: CarriedRow) -> IndicatorValue:
    return parse_value(row.proposed)


def diff_lines(plan: NextYearPlan) -> list[str]:
    """The diff in Chinese, one line per row that changed or needs attention, each naming its row as last year's
    申报表 numbers its indicators (from 1)."""
    lines = []
    for row in plan.rows:
        where = f"上年申报表指标第 {row.position} 行“{row.name}”"
        if row.changed:
            lines.append(f"{where}：{row.last_target} → {row.proposed}（{row.why}）")
        elif row.change in (
            Change.UNMET,
            Change.UNMEASURED,
            Change.IMPOSSIBLE,
            Change.UNREADABLE,
            Change.IMPLAUSIBLE,
            Change.BUDGET,
        ):
            lines.append(f"{where}：{row.change.value}（{row.why}）")
    return lines + plan.notes
