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
