"""Cost rows after an edit (nu11, 2026-12-07, helper nf13): the amount the proposal names is the edited total in 万元
at its scale (3,000,000元 → 300万元, not 3万元), and a unit cost divided from the money divides by the quantity the
officer corrected in the table, not the one it was first divided by."""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1, Level2
from assistant.drafting.models import DraftIndicator
from assistant.services.derived import refunded, tied_note
from assistant.suggest.brief_rows import plan_value


def _brief(total: int) -> Brief:
    return Brief.model_validate({"项目名称": "河道保洁", "年度": 2027, "资金": {"总额": total, "年度申请": total}})


def _row(level1: Level1, level2: Level2, name: str, value: str, arithmetic: str | None = None) -> DraftIndicator:
    proposal = plan_value(value, f"计划标准：{arithmetic or '简报写明'}", fields=["资金"], arithmetic=arithmetic)
    return DraftIndicator(level1=level1, level2=level2, name=name, value=proposal)


def test_the_edited_total_is_named_at_its_scale() -> None:
    for total, shown in ((3000000, "300万元"), (2964000, "296.4万元"), (100000, "10万元"), (12345, "1.2345万元")):
        used = Brief.model_validate({"项目名称": "x", "年度": 2027, "资金": {"总额": total}})
        assert f"按项目资金总额 {shown} 计算" in tied_note(_brief(1), used)


def test_a_unit_cost_divides_by_the_corrected_quantity() -> None:
    cost = _row(
        Level1.COST,
        Level2.ECONOMIC_COST,
        "单位长度保洁成本",
        "≤12613(元/公里)",
        "项目资金 2,964,000元 ÷ 235公里 ≈ 12613元/公里",
    )
    length = _row(Level1.OUTPUT, Level2.QUANTITY, "保洁河道长度", "≥1235(公里)")
    again = refunded(cost, _brief(3000000), [length, cost])
    assert again is not None and again.number == Decimal(2430)
    assert again.arithmetic == "项目资金 3,000,000元 ÷ 1235公里 ≈ 2,430元/公里"
    # the money unchanged but the quantity corrected: divided again too
    same_money = refunded(cost, _brief(2964000), [length, cost])
    assert same_money is not None and same_money.number == Decimal(2400)
    # two rows in that unit: which one the quotient meant is unknown, so the old quantity stays
    other = _row(Level1.OUTPUT, Level2.QUANTITY, "巡查河道长度", "≥300(公里)")
    kept = refunded(cost, _brief(3000000), [length, other, cost])
    assert kept is not None and "÷ 235公里" in (kept.arithmetic or "")


def test_next_year_dates_say_what_last_year_had() -> None:
    from datetime import date

    from assistant.drafting.models import Draft
    from assistant.services.derived import rolled_over

    brief = Brief.model_validate({"项目名称": "河道保洁", "年度": 2028})
    draft = Draft.model_construct(brief=brief, sections=[], indicators=[])
    moved, changes = rolled_over(draft, old_year=2027, dates=(date(2027, 1, 1), date(2027, 12, 31)))
    assert moved.brief.start_date == date(2028, 1, 1)
    assert "开始日期：2027-01-01 → 2028-01-01" in changes
    assert not any("（空）" in c for c in changes)
