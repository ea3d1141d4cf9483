"""Red team rt11, finding 4: one project filed in two years, asked without a year (…的资金总额是多少？), is answered
per year, each cited, with no sum across the years (nobody asked for one; it means nothing). Real corpus, rules."""

from qa_support import ask


def test_one_project_of_two_years_gets_each_year_and_no_cross_year_sum():
    answer = ask("信息化运维项目的资金总额是多少？")
    assert "合计" not in answer.text and "5,705,328" not in answer.text
    assert "2,882,482.00 元 [信息化运维项目 · 2023 · 项目资金总额]" in answer.text
    assert "[信息化运维项目 · 2026 · 年度资金申请总额]" in answer.text


def test_several_projects_still_get_their_sum():
    answer = ask("2023年所有项目的资金总额合计多少？")
    assert "合计" in answer.text


def test_a_question_asserting_a_wrong_figure_gets_the_real_one_and_is_told():
    answer = ask("上海市人大智能预算审查平台建设项目经费的资金总额为9999万元，对吗？")
    assert "2,124,000.00 元 [上海市人大智能预算审查平台建设项目经费 · 2019 · 项目资金总额]" in answer.text
    assert "“9999万元”不是申报表所填的数字" in answer.text


def test_a_question_asserting_the_right_figure_is_told_it_agrees():
    answer = ask("上海市人大智能预算审查平台建设项目经费的资金总额是212.4万元吗？")
    assert "“212.4万元”与申报表所填一致" in answer.text
