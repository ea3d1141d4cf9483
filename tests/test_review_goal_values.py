"""Review: a goal sentence whose figure for an indicator is not that indicator's value in the table (new-user trial
2026-12-06: 项目总目标 “保洁覆盖率达到95%” beside 考核要求区管河道保洁覆盖率 =100(%)) is GOAL-VALUE-MISMATCH, at the
goal, with the table's value as the fix; agreeing figures, other units and a multi-year project's total goal are not."""

from __future__ import annotations

from datetime import date

from assistant.domain.brief import example_brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.model import SectionKind
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.review.catalogue import RULES_BY_ID
from assistant.review.engine import review

ROWS = [
    IndicatorRow(PARENT[Level2.SOCIAL_BENEFIT], Level2.SOCIAL_BENEFIT, "考核要求区管河道保洁覆盖率", "=100(%)"),
    IndicatorRow(PARENT[Level2.QUALITY], Level2.QUALITY, "河道保洁考核合格率", "≥95(%)"),
    IndicatorRow(PARENT[Level2.QUANTITY], Level2.QUANTITY, "漂浮物打捞数量", "≥1800(吨)"),
    IndicatorRow(PARENT[Level2.SATISFACTION], Level2.SATISFACTION, "服务对象满意度", "≥85(%)"),
]


def _findings(total: str, annual: str, **brief: object):
    base = example_brief()
    data = base.model_dump(by_alias=True) | brief
    sections = [(SectionKind.GOAL_TOTAL, total), (SectionKind.GOAL_ANNUAL, annual)]
    decl = brief_declaration(type(base).model_validate(data), sections=sections, indicators=ROWS)
    return [f for f in review(decl).findings if f.rule_id == "GOAL-VALUE-MISMATCH"]


AGREEING = (
    "河道保洁考核合格率不低于95%，全年打捞漂浮物1800吨，考核要求区管河道保洁覆盖率达到100%，服务对象满意度不低于85%。"
)
ONE_YEAR = {"开始日期": date(2027, 1, 1), "结束日期": date(2027, 12, 31)}


def test_a_goal_figure_that_contradicts_the_table_is_a_finding_at_the_goal():
    wrong = (
        "通过本项目的实施，河道保洁考核合格率不低于95%；考核要求区管河道保洁覆盖率达到95%，服务对象满意度不低于85%。"
    )
    found = _findings(wrong, AGREEING, **ONE_YEAR)
    assert len(found) == 1, [f.message for f in found]
    assert found[0].location.section is SectionKind.GOAL_TOTAL
    assert (
        "95%" in found[0].message and "考核要求区管河道保洁覆盖率" in found[0].message and "=100(%)" in found[0].message
    )
    assert "=100(%)" in (found[0].fix or "") and RULES_BY_ID["GOAL-VALUE-MISMATCH"].title


def test_a_shortened_name_in_the_annual_goal_is_matched_to_its_row():
    found = _findings(AGREEING, "2027年度，区管河道保洁覆盖率达到95%，满意度不低于85%。", **ONE_YEAR)
    assert [f.location.section for f in found] == [SectionKind.GOAL_ANNUAL]


def test_agreeing_figures_and_other_units_are_not_findings():
    assert _findings(AGREEING, AGREEING, **ONE_YEAR) == []
    other_unit = "全年打捞漂浮物数量达到0.18万吨，考核要求区管河道保洁覆盖率全覆盖。"
    assert _findings(other_unit, other_unit, **ONE_YEAR) == []


def test_a_multi_year_projects_total_goal_may_set_another_figure():
    three_years = {"开始日期": date(2027, 1, 1), "结束日期": date(2029, 12, 31)}
    total = "三年内考核要求区管河道保洁覆盖率达到95%。"
    assert _findings(total, AGREEING, **three_years) == []
    assert len(_findings(AGREEING, total, **three_years)) == 1


def _stale(total: str, annual: str):
    base = example_brief()
    data = base.model_dump(by_alias=True) | ONE_YEAR
    sections = [(SectionKind.GOAL_TOTAL, total), (SectionKind.GOAL_ANNUAL, annual)]
    decl = brief_declaration(type(base).model_validate(data), sections=sections, indicators=ROWS)
    return [f for f in review(decl).findings if f.rule_id == "GOAL-NAME-STALE"]


def test_a_goal_naming_a_row_by_a_name_the_table_no_longer_has_is_a_finding():
    """漂浮物打捞数量 ≥1800(吨) was 漂浮物清理量 when the person wrote the goal: the goal's name is stale."""
    stale = "2027年度，漂浮物清理数量不少于1800吨，服务对象满意度不低于85%。"
    found = _stale(AGREEING, stale)
    assert [f.location.section for f in found] == [SectionKind.GOAL_ANNUAL]
    assert "漂浮物清理数量" in found[0].message and "漂浮物打捞数量" in (found[0].fix or "")
    assert RULES_BY_ID["GOAL-NAME-STALE"].title


def test_the_rows_own_names_its_ending_and_plain_wording_are_not_stale():
    assert _stale(AGREEING, AGREEING) == []
    ending = "2027年度，打捞数量达到1800吨，保洁覆盖率达到100%。"  # the name's ending: the row's own
    plain = "全年打捞漂浮物约1800吨，群众对河道环境满意。"  # no indicator-like name before the figure
    assert _stale(ending, plain) == []
