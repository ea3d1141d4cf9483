"""Briefs of a new user (2026-12-07 06h, a budget officer) and variants of other kinds: a figure said as an excess in
a sentence of the problem (排队时间超过20分钟, 候诊时间超过40分钟) and a demand's growth (查档利用需求年均增长15%) are
the present state, never a target; a ceiling with a figure (年故障停梯次数每台不超过2次) is a commitment, a ≤ row
counted per item; one stated figure is one row (8期，每期50人，共400人次: no 人数 row in 期, no second row of 8期 or
400人次, no goal saying 培训人数不少于8期). Real rules, real corpus, rules only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level2
from assistant.domain.model import SectionKind
from assistant.drafting.necessity import rules_necessity
from assistant.review.models import Severity
from assistant.services import build_services
from assistant.suggest.brief_rows import background_notes, output_statements, statement_rows

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu8"


def _rows(name: str) -> list[tuple[str, str, Level2]]:
    brief = load_brief(BRIEFS / name)
    return [(r.name, r.value.value, r.level2) for r in statement_rows(output_statements(brief))]


@pytest.mark.parametrize(
    ("name", "figures"),
    [
        ("b5_canteen.yaml", ["20"]),  # 就餐高峰排队时间超过20分钟
        ("b3_archive.yaml", ["15"]),  # 查档利用需求年均增长15%
        ("v1_ultrasound.yaml", ["40", "12"]),  # 候诊时间超过40分钟, 超声检查需求年均增长12%
    ],
)
def test_a_problem_figure_is_a_note_never_a_target(name: str, figures: list[str]) -> None:
    rows = _rows(name)
    assert not any(re.match(rf"[≥≤=<>]{f}\(", value) for f in figures for _, value, _ in rows), rows
    assert not any("需求" in row_name for row_name, _, _ in rows), rows
    notes = background_notes(load_brief(BRIEFS / name))
    assert all(any(f in n and "现状" in n and "必要性" in n for n in notes) for f in figures), notes


@pytest.mark.parametrize(
    ("name", "value"),
    [("b2_elevator.yaml", "≤2(次/台)"), ("v1_ultrasound.yaml", "≤3(次/台)")],
)
def test_a_ceiling_per_item_is_a_target_row(name: str, value: str) -> None:
    rows = {v: (n, level2) for n, v, level2 in _rows(name)}
    assert value in rows, rows
    row_name, level2 = rows[value]
    assert level2 is Level2.QUALITY and row_name.endswith("次数") and "每台" not in row_name, rows
    assert not any(value[1] in n and "现状" in n for n in background_notes(load_brief(BRIEFS / name)))


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("nu8") / "data"))
    yield opened.workspace()
    opened.close()


@pytest.mark.parametrize(
    ("name", "sessions", "visits"),
    [("b4_training.yaml", "≥8(期)", "≥400(人次)"), ("v2_fire_training.yaml", "≥6(期)", "≥240(人次)")],
)
def test_one_stated_figure_is_one_row(workspace, name: str, sessions: str, visits: str) -> None:
    draft = workspace.draft(load_brief(BRIEFS / name), on_event=_quiet).draft
    values = [r.value.value for r in draft.indicators]
    assert values.count(sessions) == 1 and values.count(visits) == 1, values
    in_sessions = [r.name for r in draft.indicators if r.value.unit == "期"]
    assert not any("人数" in n for n in in_sessions), in_sessions
    goals = " ".join(s.text for s in draft.sections if s.kind in {SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL})
    assert "人数不少于8期" not in goals and "人数不少于6期" not in goals, goals
    assert "COST-ARITHMETIC" not in {f.rule_id for f in draft.review.findings}, draft.review.findings


@pytest.mark.parametrize("name", ["b1_family_doctor.yaml", "b3_archive.yaml", "v3_toilets.yaml"])
def test_the_goals_state_no_figure_the_brief_does_not_give(workspace, name: str) -> None:
    brief = load_brief(BRIEFS / name)
    draft = workspace.draft(brief, on_event=_quiet).draft
    said = (BRIEFS / name).read_text(encoding="utf-8")
    goals = [s.text for s in draft.sections if s.kind in {SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL}]
    figures = {f for goal in goals for f in re.findall(r"\d+(?:\.\d+)?", goal)}
    assert figures and all(f in said for f in figures), (figures, goals)
    referenced = [r for r in draft.indicators if r.value.ground == "模板参考值" and r.value.number is not None]
    assert not any(r.name in goal for r in referenced for goal in goals), goals


@pytest.mark.parametrize(
    ("name", "targets", "reason"),
    [
        ("b2_elevator.yaml", "每台不超过2次", "多层住宅上下楼困难"),
        ("v5_streetlights.yaml", "不超过24小时", "夜间照明不足"),
    ],
)
def test_the_rules_necessity_gives_the_reasons_not_the_targets(name: str, targets: str, reason: str) -> None:
    text = rules_necessity(load_brief(BRIEFS / name), [])
    assert reason in text and targets not in text and "不低于" not in text, text


@pytest.mark.parametrize("name", ["b2_elevator.yaml", "v4_ramps.yaml"])
def test_the_officer_s_own_reason_is_not_called_another_project_s(workspace, name: str) -> None:
    draft = workspace.draft(load_brief(BRIEFS / name), on_event=_quiet).draft
    necessity = next(s.text for s in draft.sections if s.kind is SectionKind.NECESSITY)
    assert "老年人占比高" in necessity, necessity
    assert "NEC-OFF-DOMAIN" not in {f.rule_id for f in draft.review.findings}, draft.review.findings


@pytest.mark.parametrize(
    ("name", "year_share", "later", "total", "deadline", "cost", "whole"),
    [
        ("b3_archive.yaml", "≥60(万页)", "2028年", "120(万页)", "2028年12月底前", "≤120(万元)", "240万元"),
        ("v6_sewer_two_years.yaml", "≥150(处)", "2028年", "300(处)", "2028年10月底前", "≤300(万元)", "600万元"),
    ],
)
def test_a_project_over_two_years_fills_the_budget_year_s_table(
    workspace, name: str, year_share: str, later: str, total: str, deadline: str, cost: str, whole: str
) -> None:
    draft = workspace.draft(load_brief(BRIEFS / name), on_event=_quiet).draft
    rows = {r.name: r for r in draft.indicators}
    values = [r.value.value for r in draft.indicators]
    assert values.count(year_share) == 1 and not any(v.endswith(total) for v in values), values
    assert not any(n.startswith(later) for n in rows), list(rows)
    assert deadline in values, values
    assert rows["项目总成本"].value.value == cost and whole in rows["项目总成本"].value.basis, rows["项目总成本"].value
    assert not any(r.value.value == "=0(次)" and r.value.ground != "计划标准" for r in draft.indicators), values
    assert any(r.value.value.startswith("=0") for r in draft.indicators), values
    errors = {f.rule_id for f in draft.review.findings if f.severity is Severity.ERROR}
    assert not errors & {"COST-ARITHMETIC", "DATE-OUTSIDE-YEAR", "BUDGET-LINES-SUM"}, draft.review.findings
    goal = next(s.text for s in draft.sections if s.kind is SectionKind.GOAL_TOTAL)
    assert total.split("(")[0] in goal, goal


@pytest.mark.parametrize(
    ("name", "standard"),
    [("b5_canteen.yaml", "=1200(元/平方米)"), ("v8_sidewalk.yaml", "=350(元/平方米)")],
)
def test_a_unit_cost_stated_in_a_budget_line_is_a_row(workspace, name: str, standard: str) -> None:
    draft = workspace.draft(load_brief(BRIEFS / name), on_event=_quiet).draft
    costs = {r.value.value: r for r in draft.indicators if r.level2 is Level2.ECONOMIC_COST}
    assert standard in costs and costs[standard].value.ground == "计划标准", list(costs)
    assert "COST-FOREIGN-FIGURE" not in {f.rule_id for f in draft.review.findings}, draft.review.findings


def test_a_zero_harm_the_brief_states_is_its_own_row() -> None:
    rows = {v: n for n, v, _ in _rows("b5_canteen.yaml")}
    assert "=0(起)" in rows and "安全事故" in rows["=0(起)"], rows
