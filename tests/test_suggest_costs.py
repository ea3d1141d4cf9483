"""Rows from statements and cost levels a reviewer accepts (issue 21, items 2 and 3)."""

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.brief import Brief, load_brief
from assistant.domain.framework import Level2
from assistant.domain.statements import read_statements
from assistant.suggest.brief_rows import output_statements, statement_rows
from assistant.suggest.costs import cost_rows
from assistant.suggest.models import Ground, Origin
from assistant.suggest.scope import scope_notes

CASES = Path(__file__).resolve().parent.parent / "evals" / "indicators" / "types" / "unlisted" / "briefs"


def _rows(brief: Brief):
    return {r.name: r for r in statement_rows(read_statements(brief))}


def _costs(brief: Brief):
    found = cost_rows(brief, read_statements(brief))
    return {r.name: r for r in found.rows}


@pytest.fixture(scope="module")
def election():
    return load_brief(CASES / "01-election.yaml")


@pytest.fixture(scope="module")
def condolence():
    return load_brief(CASES / "02-condolence.yaml")


def test_rows_are_named_from_their_phrase_and_placed(election):
    rows = _rows(election)
    values = {n: (r.value.value, r.level2) for n, r in rows.items()}
    assert values["选区划分数量"] == ("≥180(个)", Level2.QUANTITY)
    assert values["投票站设立数量"] == ("≥620(个)", Level2.QUANTITY)
    assert values["选民登记人数"] == ("≥78(万人)", Level2.QUANTITY)
    assert values["选举工作人员业务培训人次"] == ("≥2500(人次)", Level2.QUANTITY)
    row = rows["选区划分数量"]
    assert row.origin is Origin.BRIEF and row.value.ground is Ground.PLAN
    assert row.value.basis == "计划标准：简报主要内容写明“全区划分选区约180个”" and row.value.fields == ["主要内容"]


def test_deadlines_zeros_and_rates_go_to_their_level2():
    brief = Brief(
        name="食品安全快速检测",
        year=2027,
        content="每月抽检40批次，检测报告在抽样后3个工作日内出具，目录数据准确率不低于99.5%，全年不发生食品安全事故。",
    )
    rows = {n: (r.value.value, r.level2) for n, r in _rows(brief).items()}
    assert rows["检测报告出具时限"] == ("≤3(个工作日)", Level2.TIMELINESS)
    assert rows["目录数据准确率"] == ("≥99.5(%)", Level2.QUALITY)
    assert rows["食品安全事故发生次数"] == ("=0(起)", Level2.QUALITY)
    assert rows["抽检批次"] == ("≥480(批次)", Level2.QUANTITY)
    assert _rows(brief)["抽检批次"].value.arithmetic == "每月40批次 × 12个月 = 480批次"


def test_stated_standards_are_the_cost_rows_with_their_products_checked(condolence):
    costs = _costs(condolence)
    assert costs["困难党员慰问标准"].value.value == "=500(元/人)"
    assert costs["老党员慰问标准"].value.value == "=1000(元/人)"
    check = "900名 × 500元/人 + 300名 × 1000元/人 = 750,000元 = 75万元（与项目资金一致）"
    assert costs["困难党员慰问标准"].notes == [f"核算：{check}"]
    assert not any(r.value.number == Decimal(834) for r in costs.values())
    assert set(costs) == {"困难党员慰问标准", "老党员慰问标准", "项目总成本"}


def test_a_budget_line_is_divided_by_what_it_buys_only(election):
    costs = _costs(election)
    training = costs["选举工作人员培训人均成本"]
    assert training.value.value == "≤160(元/人次)"
    assert training.value.arithmetic == "项目构成“选举工作人员培训” 400,000元 ÷ 约2500人次 ≈ 160元/人次"
    assert costs["投票站运行保障单位成本"].value.value == "≤1613(元/个)"
    # 选民登记与选区划分 names two quantities (78万人, 180个): not divided; 印制, 宣传 state none
    assert set(costs) == {"选举工作人员培训人均成本", "投票站运行保障单位成本", "项目总成本"}


def test_never_the_total_over_one_item_of_a_listing():
    brief = Brief(
        name="机关食堂厨房设备更新",
        year=2027,
        funding={"总额": 1380000},
        content="更换蒸柜4台、炒灶4台，改造排烟管道。",
    )
    costs = _costs(brief)
    assert set(costs) == {"项目总成本"}
    assert "请补充单位成本" in costs["项目总成本"].notes[0]


def test_the_total_over_what_the_whole_project_delivers():
    brief = Brief(
        name="区人大代表履职培训", year=2027, funding={"总额": 860000}, content="为约320名区人大代表举办培训。"
    )
    [unit] = [r for n, r in _costs(brief).items() if n != "项目总成本"]
    assert unit.value.value == "≤2688(元/人)" and unit.value.arithmetic == "项目资金 860,000元 ÷ 约320名 ≈ 2688元/人"


def test_a_line_that_says_what_it_buys_is_divided_by_that():
    brief = load_brief(CASES / "16-voter-registration.yaml")
    assert _costs(brief)["选民登记单位成本"].value.value == "≤5000(元/个)"  # 230,000 ÷ 46个选民登记站, not ÷ 6.3万人


@pytest.mark.parametrize(
    ("content", "line", "standard"),
    [
        (
            "全年送餐8万人次，每次配送补贴3元。",
            {"名称": "送餐上门配送补贴", "内容": "8万人次×3元", "金额": 240000},
            "=3(元/次)",
        ),
        ("送餐上门约2万单，每单送餐费12元。", {"名称": "送餐服务费", "内容": "约2万单", "金额": 240000}, "=12(元/单)"),
        (
            "开展入户巡访5000户次，巡访补贴每户40元。",
            {"名称": "巡访补贴", "内容": "5000户", "金额": 200000},
            "=40(元/户)",
        ),
    ],
)
def test_one_stated_figure_is_one_cost_row(content, line, standard):
    """A budget line whose quotient is the standard the brief states for the same thing adds no second row."""
    brief = Brief(name="社区为老服务", year=2027, funding={"总额": line["金额"]}, content=content, composition=[line])
    costs = {n: r.value.value for n, r in _costs(brief).items() if n != "项目总成本"}
    assert standard in costs.values(), costs
    assert len(costs) == 1, costs


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("依托辖区13个街镇的社区长者食堂和42个助餐点，全年供餐45万人次。", "≥42(个)"),
        ("服务覆盖全区13个街镇，新建助餐点42个。", "≥42(个)"),
        ("为辖区14个街镇困难群众提供法律援助，全年办理援助案件1200件。", "≥1200(件)"),
        ("在全区120个居村开展法治讲座240场。", "≥240(场)"),
    ],
)
def test_the_areas_a_service_sits_in_are_scope_not_an_output(content, kept):
    """依托/覆盖/为/在 N个街镇…: no 街镇数量 row; the count said of the service's own output stays; a note says why."""
    brief = Brief(name="社区为老服务", year=2027, content=content)
    values = [r.value.value for r in statement_rows(output_statements(brief))]
    assert kept in values and not any(v.startswith(("≥13(", "≥14(", "≥120(")) for v in values), values
    [note] = scope_notes(brief)
    assert "不是项目的产出" in note and "覆盖率" in note


@pytest.mark.parametrize(
    ("content", "value"),
    [
        ("对全区12个街镇人大代表联络站进行标准化改造。", "≥12(个)"),  # stations counted per area
        ("完成村庄生活污水治理6个村。", "≥6(个)"),  # villages the work is done to
    ],
)
def test_a_count_of_facilities_or_of_treated_areas_stays(content, value):
    brief = Brief(name="基层设施改造", year=2027, content=content)
    assert value in [r.value.value for r in statement_rows(output_statements(brief))]
    assert scope_notes(brief) == []


def test_a_facility_set_up_in_each_area_is_counted_by_the_areas():
    brief = Brief(
        name="老年助餐服务",
        year=2027,
        content="依托镇社区中央厨房，在8个村居设立老年助餐服务点，全年供应助餐约7.2万份。",
    )
    rows = {r.name: r.value.value for r in statement_rows(output_statements(brief))}
    assert rows.get("老年助餐服务点数量") == "≥8(个)" and "村居数量" not in rows, rows
