"""The cycle engine on worked examples: the published 普陀 2022 figures, each scoring rule, weights, findings,
monitoring lights and next year's targets (cycle.md)."""

from datetime import date
from decimal import Decimal as D

import pytest

from assistant.cycle.findings import selfeval_findings
from assistant.cycle.monitoring import Light, budget_signal, elapsed_share, monitor
from assistant.cycle.nextyear import Change, diff_lines, plan_next_year
from assistant.cycle.rules import DEFAULT_WEIGHTS, Part, RuleId, Settings
from assistant.cycle.scoring import score_budget, score_evaluation, score_row
from assistant.cycle.start import monitoring_from, selfeval_from
from assistant.cycle.weights import spread
from assistant.domain.cycle import (
    Band,
    BudgetExecution,
    Deviation,
    DeviationCause,
    FundKind,
    FundLine,
    IndicatorLink,
    MonitoringRow,
    MonitoringTable,
    Possibility,
    SelfEvalRow,
    SelfEvaluation,
)
from assistant.domain.framework import Level1


def _row(target, actual, *, level1="产出指标", weight=None, deviation=None, band=None, score=None, evidence=None):
    return SelfEvalRow(
        link=IndicatorLink(name=f"指标{target}", level1_written=level1),
        target=target,
        actual=actual,
        weight=weight,
        deviation=deviation,
        band=band,
        score=score,
        evidence=evidence,
    )


def _evaluation(rows, executed="215457.6", budget="250000"):
    total = FundLine(kind=FundKind.TOTAL, full_year_budget=D(budget), executed=D(executed), weight=D(10))
    return SelfEvaluation(id="t", project_name="测试项目", year=2022, funds=[total], rows=rows)


@pytest.mark.parametrize(
    ("executed", "budget", "rate", "score"),
    [
        ("215457.6", "250000", "86.18", "8.62"),
        ("9034", "20000", "45.17", "4.52"),
        # spending above the budget is an error scored 0, never full marks (README; red team rt10 #9)
        ("260000", "250000", "104.00", "0.00"),
    ],
)
def test_budget_execution_published_examples(executed, budget, rate, score):
    line = FundLine(kind=FundKind.TOTAL, full_year_budget=D(budget), executed=D(executed))
    result = score_budget(line, D(10))
    assert (result.rate, result.score) == (D(rate), D(score))
    assert f"{result.score}" in result.arithmetic


def test_putuo_2022_total_is_execution_plus_full_rows():
    """普陀 2022: 8.62 for execution plus full marks on every indicator row → 98.62."""
    rows = [
        _row("≥12(场)", "12", weight=D(20)),
        _row("≥95%", "100%", weight=D(15)),
        _row("及时", "及时", weight=D(15)),
        _row("有效提升", "有效提升", level1="效益指标", weight=D(30)),
        _row("≥90%", "96%", level1="满意度指标", weight=D(10), evidence="问卷调查"),
    ]
    card = score_evaluation(_evaluation(rows))
    assert card.budget.score == D("8.62")
    assert all(r.full for r in card.rows)
    assert card.total == D("98.62")
    assert card.weights_problem is None


def test_positive_partial_scores_the_ratio():
    r = score_row(0, _row("≥100(人)", "80人"), D(10))
    assert (r.score, r.rule) == (D("8.00"), RuleId.POSITIVE)
    assert "80 ÷ 100 × 10 = 8.00" in r.arithmetic


@pytest.mark.parametrize(("actual", "score"), [("8", "10.00"), ("15", "5.00"), ("20", "0.00"), ("25", "0.00")])
def test_reverse_falls_linearly_to_zero_at_twice_the_target(actual, score):
    assert score_row(0, _row("≤10(分钟)", actual), D(10)).score == D(score)


def test_reverse_ratio_rule_is_a_setting():
    r = score_row(0, _row("≤10(分钟)", "15"), D(10), Settings(reverse_rule=RuleId.REVERSE_RATIO))
    assert (r.score, r.rule) == (D("6.67"), RuleId.REVERSE_RATIO)


def test_zero_target_is_all_or_nothing():
    assert score_row(0, _row("=0(次)", "0"), D(5)).score == D("5.00")
    assert score_row(0, _row("=0(次)", "1"), D(5)).score == D("0.00")


def test_qualitative_bands():
    assert score_row(0, _row("有效", "部分有效", band=Band.PARTIAL, score=D(7)), D(10)).score == D("7.00")
    assert score_row(0, _row("有效", "部分有效", band=Band.PARTIAL), D(10)).score == D("8.00")
    outside = score_row(0, _row("有效", "部分有效", band=Band.PARTIAL, score=D(9)), D(10))
    assert outside.score is None and "6.00–8.00" in (outside.problem or "")
    unpicked = score_row(0, _row("有效", "基本有效"), D(10))
    assert unpicked.score is None and "档次" in (unpicked.problem or "")


def test_default_weights_spread_and_move_missing_satisfaction():
    links = [IndicatorLink(name=str(i), level1=lv) for i, lv in enumerate([Level1.OUTPUT] * 3 + [Level1.BENEFIT] * 2)]
    result = spread(links, DEFAULT_WEIGHTS)
    assert result.budget + sum(result.rows) == D(100)
    # 满意度's 10 points move to 产出/效益 in proportion 50:30 → 6.25 / 3.75
    assert sum(result.rows[:3]) == D("56.25") and sum(result.rows[3:]) == D("33.75")
    assert "满意度指标" in result.notes[0]
    custom = dict(DEFAULT_WEIGHTS) | {Part.OUTPUT: D(40), Part.BENEFIT: D(40)}
    with_sat = spread([*links, IndicatorLink(name="s", level1=Level1.SATISFACTION)], custom)
    assert with_sat.rows[-1] == D(10) and with_sat.rows[0] == D("13.34")


def test_weights_must_add_up():
    card = score_evaluation(_evaluation([_row("≥1(个)", "1", weight=D(50))]))
    assert card.weights_problem is not None and "60" in card.weights_problem


def test_findings_reason_margin_survey_mismatch():
    rows = [
        _row("≥100(人)", "80", weight=D(30)),
        _row("≥10(场)", "20", weight=D(30)),
        _row("≥90%", "95%", level1="满意度指标", weight=D(20)),
        _row("≥5(个)", "5", weight=D(10), score=D(8)),
    ]
    findings = selfeval_findings(ev := _evaluation(rows), score_evaluation(ev))
    codes = {(f.code, f.index) for f in findings}
    assert ("SE-NO-REASON", 0) in codes
    assert ("SE-TARGET-LOW", 1) in codes
    assert ("SE-NO-SURVEY", 2) in codes
    assert ("SE-SCORE-MISMATCH", 3) in codes
    explained = _evaluation([_row("≥100(人)", "80", weight=D(90), deviation="报名人数不足")])
    assert not [f for f in selfeval_findings(explained, score_evaluation(explained)) if f.code == "SE-NO-REASON"]


def test_elapsed_share_and_budget_light():
    assert elapsed_share(date(2025, 7, 31)) == D("58.08")  # 212 / 365
    table = MonitoringTable(
        id="m",
        project_name="p",
        as_of=date(2025, 7, 31),
        budget=BudgetExecution(initial_budget=D(1000000), executed=D(300000)),
    )
    signal = budget_signal(table)
    assert (signal.rate, signal.light) == (D("30.00"), Light.RED)
    assert "落后序时进度 28.08" in signal.text
    table.budget.executed = D(550000)
    assert budget_signal(table).light is Light.YELLOW
    table.budget.executed = D(600000)
    assert budget_signal(table).light is Light.GREEN


def test_row_lights_and_monitoring_findings():
    def mrow(target, to_date=None, expected=None, possibility=None, deviation=None):
        return MonitoringRow(
            link=IndicatorLink(name=target),
            target=target,
            actual_to_date=to_date,
            expected_full_year=expected,
            possibility=possibility,
            deviation=deviation or Deviation(),
        )

    rows = [
        mrow("≥100(场)", "60", "100", Possibility.CERTAIN),  # 60% done vs 58.08% elapsed
        mrow("≥100(场)", "50", "100", Possibility.POSSIBLE),  # behind by 8 points, 有可能
        mrow("≥100(场)", "20", "60", Possibility.IMPOSSIBLE),  # far behind, expected short
        mrow("≤5(%)", "7"),  # above a reverse target
        mrow("及时"),  # nothing typed
        mrow("≥100(场)", "20", "60", deviation=Deviation(causes=[DeviationCause.FUNDING], text="资金未到位")),
    ]
    report = monitor(MonitoringTable(id="m", project_name="p", as_of=date(2025, 7, 31), rows=rows))
    assert [s.light for s in report.rows] == [Light.GREEN, Light.YELLOW, Light.RED, Light.YELLOW, Light.GREY, Light.RED]
    reasons = {(f.code, f.index) for f in report.findings}
    assert {("MON-NO-REASON", 1), ("MON-NO-REASON", 2), ("MON-NO-REASON", 3)} <= reasons
    assert ("MON-NO-REASON", 5) not in reasons and ("MON-NO-MEASURE", 5) in reasons


def test_forms_start_from_a_declaration_and_next_year_carries_over(corpus):
    decl = corpus.get("2023-003-05")
    table = monitoring_from(decl, form_id="m1")
    assert [r.link.position for r in table.rows] == [i.position for i in decl.indicators]
    assert table.as_of == date(2023, 7, 31) and table.budget.initial_budget == D("1180655.00")
    evaluation = selfeval_from(decl, form_id="s1")
    assert sum(r.weight for r in evaluation.rows) + evaluation.funds[0].weight == D(100)
    rows = list(evaluation.rows)
    rows[0] = rows[0].model_copy(update={"actual": "26个"})  # ≥20.00 beaten
    rows[3] = rows[3].model_copy(update={"actual": "6", "deviation": "需求调整，两个流程并入下一期"})  # ≥8.00 unmet
    rows[5] = rows[5].model_copy(update={"actual": "9.5%"})  # ≤15 beaten (reverse)
    plan = plan_next_year(decl, evaluation.model_copy(update={"rows": rows}))
    by_position = {r.position: r for r in plan.rows}
    assert plan.year == 2024
    assert (by_position[1].change, by_position[1].proposed) == (Change.RAISED, "≥26.00(个)")
    assert "26" in by_position[1].why and "130.00%" in by_position[1].why
    assert by_position[4].change is Change.UNMET and "需求调整" in by_position[4].why
    assert (by_position[6].change, by_position[6].proposed) == (Change.TIGHTENED, "≤10(%)")
    assert by_position[2].change is Change.UNMEASURED
    diff = diff_lines(plan)
    assert any("≥20.00(个) → ≥26.00(个)" in line for line in diff)


def test_questions_average_and_unmet_with_citations():
    from assistant.cycle.questions import answer, years_of

    def ask(question, forms, today=date(2024, 3, 1)):
        return answer(question, forms, years_of(question, today))

    full = _evaluation([_row("≥10(场)", "10", weight=D(90))])
    short = _evaluation([_row("≥10(场)", "5", weight=D(90), deviation="场地改造")], executed="250000")
    short = short.model_copy(update={"year": 2023, "project_name": "另一项目"})
    forms = [(1, full), (2, short)]
    mean = ask("自评平均得分多少？", forms)
    assert "平均得分 76.81 分" in mean.text and len(mean.citations) == 2  # (98.62 + (10 + 5 ÷ 10 × 90)) ÷ 2
    unmet = ask("2023年哪些指标没有完成？原因是什么？", forms)
    assert "场地改造" in unmet.text and unmet.citations == ["[另一项目 · 2023 · 自评表第2号 第1行]"]
    assert not ask("明年预算多少？", forms).understood


@pytest.mark.parametrize(
    ("question", "today", "years"),
    [
        ("去年哪些指标没有完成？", date(2024, 3, 1), (2023,)),
        ("去年哪些指标没有完成？", date(2026, 12, 6), (2025,)),
        ("前年的自评平均得分多少？", date(2024, 3, 1), (2022,)),
        ("今年哪些指标未完成", date(2023, 12, 31), (2023,)),
        ("明年哪些指标未达标", date(2021, 6, 1), (2022,)),
        ("二〇二三年哪些指标没有完成", date(2026, 12, 6), (2023,)),
        ("23年哪些指标没有完成", date(2026, 12, 6), (2023,)),
        ("哪些指标没有完成", date(2026, 12, 6), ()),
    ],
)
def test_question_years_count_from_today_not_from_the_forms(question, today, years):
    """去年/前年/今年/明年 are read by the Q&A's year reader, from today: the forms' own years play no part."""
    from assistant.cycle.questions import answer, years_of

    forms = [(1, _evaluation([_row("≥10(场)", "5", weight=D(90))])), (2, _evaluation([_row("≥1(场)", "1")]))]
    forms[1] = (2, forms[1][1].model_copy(update={"year": 2023}))  # forms of 2022 and 2023
    read = years_of(question, today)
    assert read.years == years
    result = answer(question, forms, read)
    held = {2022, 2023}
    if years and not set(years) & held:
        assert (
            result.text.startswith(f"没有找到{years[0]}年的自评表")
            and "现有自评表的年度：2022年、2023年" in result.text
        )
    else:
        assert "没有找到" not in result.text


def test_a_year_no_form_can_have_is_said_not_dropped():
    from assistant.cycle.questions import answer, years_of

    forms = [(1, _evaluation([_row("≥10(场)", "5", weight=D(90))]))]
    question = "99999年哪些指标没有完成？"
    result = answer(question, forms, years_of(question, date(2026, 12, 6)))
    assert "“99999年”不是预算年度" in result.text and not result.citations


def test_selfeval_starts_from_the_monitoring_figures(corpus):
    """Nothing typed twice: 调整后预算 and each row's 全年预计完成情况 become the self-evaluation's starting values."""
    decl = corpus.get("2023-003-05")
    table = monitoring_from(decl, form_id="m")
    rows = list(table.rows)
    rows[2] = rows[2].model_copy(update={"expected_full_year": "320个"})
    table = table.model_copy(
        update={"rows": rows, "budget": table.budget.model_copy(update={"adjusted_budget": D("1100000")})}
    )
    evaluation = selfeval_from(decl, form_id="s", monitoring=table)
    assert evaluation.funds[0].full_year_budget == D("1100000")
    assert evaluation.funds[0].initial_budget == D("1180655.00")
    assert evaluation.rows[2].actual == "320个" and evaluation.rows[0].actual is None
