"""Red team rt10 #3: a question about what was ACHIEVED (实际完成值, 自评得分, 实际执行, 达到了吗) is answered from
declarations, whose values are targets. The answer says first that the forms hold targets only, shows what it shows
as 目标值, and carries no headline figure; a question about the targets themselves (or a form's own 上年 field) is
answered as before. Real corpus, no model; the expected targets are read from the raw JSON."""

import pytest
from qa_support import DECLS, ask

from assistant.qa.actuals import TARGETS_ONLY, asks_actual


def _targets(decl_id: str, name_part: str) -> list[str]:
    (d,) = [d for d in DECLS if d["id"] == decl_id]
    return [i["value"]["raw"] for i in d["indicators"] if name_part in i["name"]]


@pytest.mark.parametrize(
    ("question", "decl_id", "name_part"),
    [
        ("人大智能预算审查平台2019年预算执行率实际达到多少", "2019-002-01", "预算执行率"),
        ("老干部综合信息管理系统的验收合格率实际是多少", "2019-002-02", "验收合格率"),
        ("23年机关服务费食堂服务满意度达到了吗", "2023-003-04", "食堂服务满意度"),
    ],
)
def test_an_actual_asked_gets_the_targets_labelled_as_targets(question: str, decl_id: str, name_part: str) -> None:
    result = ask(question)
    assert result.text.startswith(TARGETS_ONLY)
    assert result.figure is None
    for raw in _targets(decl_id, name_part):
        assert raw in result.text


@pytest.mark.parametrize(
    "question", ["人大智能预算审查平台的自评得分是多少？", "党员远教电教工作经费今年实际执行了多少钱"]
)
def test_a_score_or_spending_asked_never_gets_a_figure_as_the_result(question: str) -> None:
    result = ask(question)
    assert "不记录实际完成值" in result.text and "自评得分" in result.text
    assert result.figure is None


@pytest.mark.parametrize(
    "question",
    [
        "人大智能预算审查平台2019年预算执行率目标是多少",
        "老干部系统上年预算执行数多少",  # a field the declaration itself records
        "信息化运维23年花了多少",  # officers' word for the declared amount
        "绩效自评几月底前交",
    ],
)
def test_targets_and_recorded_fields_are_not_called_actuals(question: str) -> None:
    assert not asks_actual(question)
    assert TARGETS_ONLY not in ask(question).text
