"""Briefs of a new user (nu12: 养老, 供水, 非遗) and variants of other kinds (桥梁检测, 助残): a frequency counts the
calendar periods the project touches (每季度 from March to November is 4 quarters); a quantity keeps its unit (500样次,
172座次, 3600户次: any measure word + 次); a per-period name never carries a year's figure (每人每月…≥48); the quantity a
composition line multiplies out (320名×4次/月×12个月×30元/人次 → 15360人次) gets its row; a unit cost divides by the
quantity the price is stated per; names say no word twice (造价造价) and cut none (目标准, 庭补贴); hours taught are
数量指标. Real rules, real briefs, rules only."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level2
from assistant.drafting.brief_figures import brief_figure_notes
from assistant.suggest.brief_rows import output_statements, statement_rows
from assistant.suggest.costs import cost_rows

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu12"


def _rows(name: str) -> dict[str, tuple[str, Level2]]:
    brief = load_brief(BRIEFS / name)
    statements = output_statements(brief)
    rows = [*statement_rows(statements), *cost_rows(brief, statements).rows]
    return {r.name: (r.value.value, r.level2) for r in rows}


@pytest.mark.parametrize(
    ("name", "count", "value"),
    [
        ("b2_yinshui.yaml", "村级末梢水采样点每年检测次数", "≥4(次)"),  # 每季度1次, March to November: 4 quarters
        ("v1_bridge.yaml", "城市桥梁每年检测次数", "≥2(次)"),  # 每半年1次, April to December: 2 half-years
    ],
)
def test_a_frequency_counts_the_periods_the_project_touches(name: str, count: str, value: str) -> None:
    rows = _rows(name)
    assert rows.get(count, ("",))[0] == value, rows
    assert not any("每季度" in n or "每半年" in n for n in rows), rows


@pytest.mark.parametrize(
    ("name", "value", "price"),
    [("b2_yinshui.yaml", "≥500(样次)", "=1200(元/样次)"), ("v1_bridge.yaml", "≥172(座次)", "=3000(元/座次)")],
)
def test_a_quantity_keeps_its_measure_word_and_its_price(name: str, value: str, price: str) -> None:
    values = {v for v, _ in _rows(name).values()}
    assert value in values and price in values, values
    unit = value[value.index("(") + 1 : -1]
    notes = [n.message for n in brief_figure_notes(load_brief(BRIEFS / name))]
    assert not any(f"“{unit}”不是绩效指标使用的计量单位" in n for n in notes), notes


@pytest.mark.parametrize(
    ("name", "per_period", "total"),
    [
        ("b1_yanglao.yaml", ("每人每年探访次数", "≥48(次)"), ("上门探访服务人次", "≥15360(人次)")),
        ("v2_disabled.yaml", ("每户每年服务次数", "≥24(次)"), ("上门康复服务户次", "≥3600(户次)")),
    ],
)
def test_a_name_says_the_period_of_its_value_and_the_priced_total_has_a_row(
    name: str, per_period: tuple[str, str], total: tuple[str, str]
) -> None:
    rows = _rows(name)
    assert rows.get(per_period[0], ("",))[0] == per_period[1], rows
    assert rows.get(total[0], ("",))[0] == total[1], rows
    assert not any("每月" in n for n in rows), rows


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("b2_yinshui.yaml", ("造价造价",)),
        ("b3_feiyi.yaml", ("目标准", "区级人数", "区级成本", "开设数量")),
        ("v1_bridge.yaml", ("造价造价", "次检测费")),
        ("v2_disabled.yaml", ("庭补贴",)),
    ],
)
def test_names_say_no_word_twice_and_cut_none(name: str, wrong: tuple[str, ...]) -> None:
    rows = _rows(name)
    assert not any(w in n for w in wrong for n in rows), rows


@pytest.mark.parametrize(("name", "value"), [("b3_feiyi.yaml", "≥480(课时)"), ("v2_disabled.yaml", "≥96(学时)")])
def test_hours_taught_are_a_quantity(name: str, value: str) -> None:
    placed = {v: level2 for v, level2 in _rows(name).values()}
    assert placed.get(value) is Level2.QUANTITY, placed


@pytest.mark.parametrize("wording", ["75万元以内", "75万元以下", "75万元之内", "不超过75万元"])
def test_a_price_ceiling_said_after_or_before_the_figure_is_at_most(tmp_path: Path, wording: str) -> None:
    """nf15: 每座造价75万元以内 was drafted =750000; a ceiling worded 以内/以下/之内 after the figure is ≤, as 不超过 is."""
    text = (BRIEFS / "v1_bridge.yaml").read_text(encoding="utf-8").replace("75万元以内", wording)
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    brief = load_brief(tmp_path / "b.yaml")
    statements = output_statements(brief)
    rows = [*statement_rows(statements), *cost_rows(brief, statements).rows]
    priced = [r for r in rows if r.value.value.endswith("(元/座)")]
    assert [r.value.value for r in priced] == ["≤750000(元/座)"], [r.value.value for r in rows]
    assert not any(ch * 2 in repr(r) for r in rows for ch in "以内下之"), rows
