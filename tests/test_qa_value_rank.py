"""A ranking that names an indicator ranks by that indicator's value, never by money (new-user trial: 满意度最高的
项目是哪个 was answered with the projects' budgets). Real corpus, no model."""

from test_qa_officer import ask


def test_the_highest_satisfaction_target_is_ranked_by_its_value_not_by_money():
    result = ask("满意度最高的项目是哪个")
    assert "元" not in result.text and "资金" not in result.text
    assert result.text.startswith("满意度指标目标值最高的") and "≥90" in (result.figure or "")


def test_the_lowest_one_of_a_year_is_named_with_its_indicator_and_citation():
    result = ask("2023年哪个项目满意度目标定得最低")
    assert "最低的是信息化建设项目（2023）：≥80(%)" in result.text
    assert all(row.year == 2023 and "满意度" in row.field for row in result.rows)


def test_a_named_indicator_is_ranked_by_its_own_value():
    result = ask("哪个项目的验收合格率最高")
    assert "验收合格率" in result.text and "元" not in result.text and result.rows
    assert all("验收合格率" in row.field for row in result.rows)


def test_a_value_in_another_unit_is_listed_apart_not_ranked():
    result = ask("满意度最高的项目是哪个")
    ranked = result.text.split("未参加排序")[0]
    assert "件" not in ranked  # a complaint count filed under 满意度 is no satisfaction value to rank


def test_money_rankings_are_unchanged():
    result = ask("2023年哪个项目钱最多")
    assert "9,382,600.00 元" in result.text
