"""Next year's cost total follows next year's budget, not last year's spending (new-user trial nu12, finding 7):
``selfeval next-year`` proposed 项目总成本 ≤77.88(万元) → ≤76.20(万元) while the new draft's funding stayed 778,800元,
so the table contradicted its own funding. A cost in plain money is kept, and the diff says why; a unit cost
(元/台) may still be tightened from what was achieved."""

from decimal import Decimal as D

import pytest

from assistant.cycle.nextyear import Change, diff_lines, plan_next_year
from assistant.domain.cycle import IndicatorLink, SelfEvalRow, SelfEvaluation
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Indicator
from assistant.domain.values import parse_value


def _plan(corpus, name: str, target: str, actual: str, level1=Level1.COST, level2=Level2.ECONOMIC_COST):
    indicator = Indicator(
        position=1,
        line=1,
        level1_written=level1.value,
        level2_written=level2.value,
        level1=level1,
        level2=level2,
        name=name,
        name_written=name,
        value=parse_value(target),
    )
    decl = corpus.get("2023-003-05").model_copy(update={"indicators": [indicator]})
    link = IndicatorLink(
        name=name, position=1, level1_written=level1.value, level2_written=level2.value, level1=level1, level2=level2
    )
    row = SelfEvalRow(link=link, target=target, actual=actual, weight=D(10))
    return plan_next_year(decl, SelfEvaluation(id="t", project_name="x", year=2027, rows=[row]))


@pytest.mark.parametrize(
    ("name", "target", "actual"),
    [
        ("项目总成本", "≤77.88(万元)", "76.2万元"),  # nu12's row (社区居家养老, 778,800元)
        ("培训总经费", "=600000(元)", "590000元"),  # a variant: a bare total in 元
        ("设备购置成本", "≤90(万元)", "85"),  # a variant: the actual without its unit
    ],
)
def test_a_cost_total_is_kept_for_next_years_budget_and_says_why(corpus, name, target, actual):
    plan = _plan(corpus, name, target, actual)
    carried = plan.rows[0]
    assert carried.change is Change.BUDGET and carried.proposed == parse_value(target).render()
    (line,) = diff_lines(plan)
    assert "新年度预算" in line and name in line


def test_a_unit_cost_may_still_be_tightened_from_last_years_level(corpus):
    carried = _plan(corpus, "安装购置标准", "=450(元/台)", "440元/台").rows[0]
    assert carried.change is Change.TIGHTENED and carried.proposed == "=440(元/台)"


def test_a_cost_total_overrun_stays_an_unmet_target(corpus):
    carried = _plan(corpus, "项目总成本", "≤77.88(万元)", "80万元").rows[0]
    assert carried.change is Change.UNMET and "成本超出目标" in carried.why
