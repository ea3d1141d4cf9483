"""A cost row's target is a ceiling in the cycle forms (new-user trial 2026-12-06, finding 1): a unit cost written
``=350(元/批次)`` with an actual of 358 is an overrun — it loses points by cycle.md's 反向 rule, is flagged, and is
never proposed as next year's target; the same reading holds for any money-per-unit row and any money row under
成本指标, and leaves rates and output counts as they were."""

from datetime import date
from decimal import Decimal as D

import pytest

from assistant.cycle.findings import selfeval_findings
from assistant.cycle.monitoring import Light, monitor
from assistant.cycle.nextyear import Change, plan_next_year
from assistant.cycle.rules import RuleId
from assistant.cycle.scoring import score_evaluation, score_row
from assistant.domain.cycle import (
    BudgetExecution,
    FundKind,
    FundLine,
    IndicatorLink,
    MonitoringRow,
    MonitoringTable,
    SelfEvalRow,
    SelfEvaluation,
)
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import parse_value


def _link(name: str, level1: str, level2: str, position: int = 1) -> IndicatorLink:
    return IndicatorLink(
        name=name,
        position=position,
        level1_written=level1,
        level2_written=level2,
        level1=Level1(level1) if level1 in Level1._value2member_map_ else None,
        level2=Level2(level2) if level2 in Level2._value2member_map_ else None,
    )


def _row(name: str, target: str, actual: str, level1: str = "成本指标", level2: str = "经济成本指标") -> SelfEvalRow:
    return SelfEvalRow(link=_link(name, level1, level2), target=target, actual=actual, weight=D(10))


# (name, 一级, 二级, target, actual): cost rows of each kind, each spent above its target.
OVERRUNS = [
    ("检测费标准", "成本指标", "经济成本指标", "=350(元/批次)", "358"),  # the trial's row
    ("单批次检测成本", "产出指标", "数量指标", "350元/批次", "358元/批次"),  # per-unit money outside 成本指标, bare
    ("项目总成本", "成本指标", "经济成本指标", "=84(万元)", "90"),  # money under 成本指标
    ("人均培训成本", "产出指标", "成本指标", "=1200元", "1500"),  # pre-2021 framework: 成本 as 二级 under 产出
]


@pytest.mark.parametrize(("name", "level1", "level2", "target", "actual"), OVERRUNS)
def test_a_cost_spent_above_its_target_loses_points_by_the_reverse_rule(name, level1, level2, target, actual):
    score = score_row(0, _row(name, target, actual, level1, level2), D(10))
    goal = parse_value(target).number
    spent = parse_value(actual).number
    expected = (1 - (spent - goal) / goal) * 10  # cycle.md 反向: (1 − (实际 − 目标) / 目标) × 分值
    assert score.rule is RuleId.REVERSE_LINEAR
    assert score.score == expected.quantize(D("0.01"))
    assert score.score < D(10)
    assert "按上限计" in score.arithmetic
    assert score.overrun is not None and "成本超出目标" in score.overrun


def test_the_trial_row_scores_below_full_and_is_flagged():
    row = _row("检测费标准", "=350(元/批次)", "358")
    total = FundLine(kind=FundKind.TOTAL, full_year_budget=D(840000), executed=D(840000), weight=D(90))
    evaluation = SelfEvaluation(id="t", project_name="抽检", year=2027, funds=[total], rows=[row])
    card = score_evaluation(evaluation)
    assert card.rows[0].score == D("9.77")  # (1 − 8/350) × 10
    codes = {f.code for f in selfeval_findings(evaluation, card, today=date(2028, 1, 20))}
    assert {"SE-COST-OVERRUN", "SE-NO-REASON"} <= codes


@pytest.mark.parametrize(
    ("target", "actual"),
    [("=350(元/批次)", "350"), ("=350(元/批次)", "340"), ("≤84(万元)", "80")],
)
def test_a_cost_within_its_target_scores_full_with_no_flag(target, actual):
    score = score_row(0, _row("检测费标准", target, actual), D(10))
    assert score.score == D("10.00")
    assert score.overrun is None


@pytest.mark.parametrize(
    ("name", "level1", "level2", "target", "actual"),
    [
        ("抽检批次", "产出指标", "数量指标", "=2400(批次)", "2500"),  # a count: beating it is no overrun
        ("成本节约率", "成本指标", "经济成本指标", "≥5%", "8%"),  # a rate under 成本指标 is not an amount
        ("带动社会投资", "效益指标", "经济效益指标", "≥500万元", "600"),  # money outside 成本 and not per unit
    ],
)
def test_rows_that_are_not_costs_keep_the_positive_reading(name, level1, level2, target, actual):
    score = score_row(0, _row(name, target, actual, level1, level2), D(10))
    assert score.rule is RuleId.POSITIVE
    assert score.score == D("10.00")
    assert score.overrun is None


def _declaration(corpus, target: str) -> Declaration:
    """A real declaration from the corpus with its indicator table replaced by one cost row."""
    indicator = Indicator(
        position=1,
        line=1,
        level1_written="成本指标",
        level2_written="经济成本指标",
        level1=Level1.COST,
        level2=Level2.ECONOMIC_COST,
        name="检测费标准",
        name_written="检测费标准",
        value=parse_value(target),
    )
    return corpus.get("2023-003-05").model_copy(update={"indicators": [indicator]})


def test_next_year_keeps_an_overrun_cost_target_and_never_raises_it(corpus):
    decl = _declaration(corpus, "=350(元/批次)")
    row = _row("检测费标准", "=350(元/批次)", "358")
    evaluation = SelfEvaluation(id="t", project_name="抽检", year=2027, rows=[row])
    carried = plan_next_year(decl, evaluation).rows[0]
    assert carried.change is Change.UNMET
    assert carried.proposed == "=350(元/批次)"
    assert "358" not in carried.proposed
    assert "成本超出目标" in carried.why


def test_next_year_may_tighten_a_bare_cost_target_spent_below_and_keeps_it_a_ceiling(corpus):
    decl = _declaration(corpus, "350元/批次")
    row = _row("检测费标准", "350元/批次", "340")
    carried = plan_next_year(decl, SelfEvaluation(id="t", project_name="抽检", year=2027, rows=[row])).rows[0]
    assert carried.change is Change.TIGHTENED
    assert carried.proposed == "≤340(元/批次)"


def test_monitoring_reads_a_unit_cost_as_a_ceiling_not_a_count_to_cumulate():
    """Mid-year a unit cost of 340 against =350 is on target (it is not 97% of a count); 360 is above the limit."""

    def table(actual: str) -> MonitoringTable:
        row = MonitoringRow(
            link=_link("检测费标准", "成本指标", "经济成本指标"), target="=350(元/批次)", actual_to_date=actual
        )
        budget = BudgetExecution(initial_budget=D(840000), executed=D(500000))
        return MonitoringTable(id="m", project_name="抽检", as_of=date(2027, 7, 31), budget=budget, rows=[row])

    assert monitor(table("340"), today=date(2027, 8, 5)).rows[0].light is Light.GREEN
    over = monitor(table("360"), today=date(2027, 8, 5)).rows[0]
    assert over.light is Light.YELLOW and "上限" in over.reasons[0]
