"""Prices the brief states (nu11, 2026-12-07, helper nf13), real statement reader:

- a price written with only the word for a price (单价每公里每年2,400元; 每人每月补贴600元) prices the count of its
  unit and is a cost row named from that count (…河道单价, 第三方督导员补贴标准), never dropped as nameless;
- a monthly standard per person is multiplied by the months of the project in the check;
- where stated prices × stated quantities exceed the project's money, the check says so with the figures.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.domain.brief import Brief, load_brief
from assistant.domain.statements import read_statements
from assistant.suggest.costs import cost_rows

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf13"


def _costs(brief: Brief) -> list[tuple[str, str, list[str]]]:
    return [(r.name, r.value.value, r.notes) for r in cost_rows(brief, read_statements(brief)).rows]


def test_river_price_per_km_is_the_unit_cost() -> None:
    rows = _costs(load_brief(BRIEFS / "b3_river.yaml"))
    unit = [r for r in rows if r[1] == "=2400(元/公里)"]
    assert len(unit) == 1 and "河道" in unit[0][0]
    assert any("1235公里 × 2400元/公里 = 2,964,000元" in n and "一致" in n for n in unit[0][2])


def test_a_bare_price_word_of_another_kind() -> None:
    brief = Brief.model_validate(
        {
            "项目名称": "公共绿地养护",
            "年度": 2027,
            "资金": {"总额": 900000},
            "主要内容": "养护街心公园绿地30,000平方米，单价每平方米每年30元。",
        }
    )
    rows = _costs(brief)
    unit = [r for r in rows if r[1] == "=30(元/平方米)"]
    assert len(unit) == 1 and "绿地" in unit[0][0]
    assert any("30000平方米 × 30元/平方米 = 900,000元" in n for n in unit[0][2])


def test_staff_subsidy_is_named_and_the_overrun_is_flagged() -> None:
    rows = _costs(load_brief(BRIEFS / "b1_trash.yaml"))
    subsidy = next(r for r in rows if r[1] == "=600(元/人·月)")
    assert subsidy[0] == "第三方督导员补贴标准"
    note = subsidy[2][0]
    assert "255名 × 600元/人·月 × 12个月" in note and "2,166,000元" in note
    assert "超过项目资金 1,836,000元 330,000元" in note


def test_monthly_staff_standard_that_matches_the_money() -> None:
    brief = Brief.model_validate(
        {
            "项目名称": "社区巡防",
            "年度": 2027,
            "资金": {"总额": Decimal(480000)},
            "开始日期": "2027-01-01",
            "结束日期": "2027-06-30",
            "主要内容": "招用社区巡防队员40名，每人每月补助2,000元。",
        }
    )
    subsidy = next(r for r in _costs(brief) if r[1] == "=2000(元/人·月)")
    assert "队员" in subsidy[0]
    assert any("40名 × 2000元/人·月 × 6个月 = 480,000元" in n and "一致" in n for n in subsidy[2])


def test_meal_price_per_serving_and_its_count() -> None:
    rows = _costs(load_brief(BRIEFS / "b2_meal.yaml"))
    unit = [r for r in rows if r[1] == "=4(元/客次)"]
    assert len(unit) == 1 and unit[0][0] == "助餐补贴标准"
    assert any("1095000客次 × 4元/客次 = 4,380,000元" in n and "一致" in n for n in unit[0][2])
    assert not any("简报未写明可核算单位成本" in n for r in rows for n in r[2])


def test_visits_counted_per_household_of_another_kind() -> None:
    brief = Brief.model_validate(
        {
            "项目名称": "居家养老上门服务",
            "年度": 2027,
            "资金": {"总额": 150000},
            "主要内容": "全年提供上门助浴服务3,000户次，每户次补贴50元。",
        }
    )
    rows = _costs(brief)
    unit = [r for r in rows if r[1] == "=50(元/户次)"]
    assert len(unit) == 1
    assert any("3000户次 × 50元/户次 = 150,000元" in n for n in unit[0][2])
