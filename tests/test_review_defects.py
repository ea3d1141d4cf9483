"""Defect classes from real forms (handed cases 02, 04, 06, 12) and invented variants of each class."""

from pathlib import Path

import pytest
from indicator_support import indicator_rows

from assistant.domain.model import Declaration
from assistant.ingest.text_export import parse_file
from assistant.review.engine import review
from assistant.review.models import Severity

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"


def _case(prefix: str) -> Declaration:
    (path,) = CASES.glob(f"{prefix}-*.txt")
    (decl,) = parse_file(path).declarations
    return decl


def _findings(decl: Declaration, rule_id: str) -> dict[str, object]:
    return {f.location.indicator.name: f for f in review(decl).findings if f.rule_id == rule_id}


def _with_rows(decl: Declaration, rows, *, year: int | None = None) -> Declaration:
    indicators = indicator_rows(rows)
    header = decl.header.model_copy(update={"year": year or decl.header.year})
    return decl.model_copy(update={"indicators": indicators, "header": header})


# --- case 12: a cost indicator that states no cost level -------------------------------------------


def _cost(decl: Declaration) -> list:
    return [f for f in review(decl).findings if f.rule_id == "COST-NO-LEVEL"]


def test_case12_cost_indicators_without_a_cost_level():
    (found,) = _cost(_case("12"))
    assert "「成本控制率」（不超预算）" in found.message and "「物业服务成本控制」（=100(%)）" in found.message
    assert found.location.field == "indicators"  # the table's defect: one amount anywhere cures it
    assert "3,600,000.00 元" in found.fix and "1200次" in found.fix and "3,000.00 元/次" in found.fix


def test_one_cost_level_anywhere_is_enough():
    decl = _with_rows(
        _case("12"),
        [
            ("成本指标", "经济成本指标", "成本控制率", "=100(%)"),
            ("成本指标", "经济成本指标", "单次维修平均成本", "≤3000(元/次)"),
        ],
    )
    assert _cost(decl) == []


@pytest.mark.parametrize("value", ["不超预算", "=100(%)", "控制在预算内", "≥2(%)"])
def test_cost_values_that_state_no_cost(value):
    (found,) = _cost(_with_rows(_case("12"), [("成本指标", "经济成本指标", "项目成本控制", value)]))
    assert "项目成本控制" in found.message


def test_cost_level_expected_from_2025_only():
    assert _cost(_with_rows(_case("12"), [("成本指标", "经济成本指标", "成本控制率", "=100(%)")], year=2024)) == []


# --- case 06: impossible rates, a misread ≥ ------------------------------------------------------


def test_case06_rates_above_100_are_errors_with_the_probable_reading():
    found = _findings(_case("06"), "VAL-IMPOSSIBLE")
    assert set(found) == {"大型设备更新验收合格率", "重要设备维保验收合格率"}
    assert found["大型设备更新验收合格率"].severity is Severity.ERROR
    assert "≥92(%)" in found["大型设备更新验收合格率"].message
    assert "≥95(%)" in found["重要设备维保验收合格率"].fix


@pytest.mark.parametrize(
    ("name", "value", "fires", "reading"),
    [
        ("村居垃圾分类覆盖率", "105%", True, None),  # above 100, not a leading 2
        ("群众满意度", "≥290(%)", True, None),  # an operator is there: no misread to suggest
        ("培训考核合格率", "280%", True, "≥80(%)"),
        ("社区服务参与人数占比", "=120(%)", True, None),
        ("游客接待量增长率", "≥150(%)", False, None),  # growth may exceed 100%
        ("验收合格率", "=100(%)", False, None),
        ("服务人次", "≥292(人次)", False, None),  # not a rate
        ("培训材料印制数量", "≥-5(份)", True, None),  # red team: a negative count passed review
        ("演练次数", "=-2(次)", True, None),
        ("单位成本下降率", "≥-5(%)", False, None),  # a change may be negative
    ],
)
def test_impossible_rate_variants(name, value, fires, reading):
    decl = _with_rows(_case("06"), [("产出指标", "质量指标", name, value)])
    found = _findings(decl, "VAL-IMPOSSIBLE")
    assert (name in found) is fires
    if reading:
        assert reading in found[name].message
    elif fires:
        assert "疑为" not in found[name].message


# --- case 02: template text in names, a name whose target contradicts the value --------------------


def test_case02_every_unfilled_template_name_is_flagged():
    found = _findings(_case("02"), "NAME-PLACEHOLDER")
    assert set(found) == {
        "农技培训场次(≥**场)",
        "培训农户人次（≥**人次）",
        "*培训考核合格率100%",
        "培训计划按期完成率(≥**%)",
        "人均培训成本(≤**元)",
        "参训农户技术应用率(≥**%)",
        "参训农户满意度(≥**%)",
    }
    assert "(≥**场)" in found["农技培训场次(≥**场)"].message


def test_case02_name_target_conflicts_with_value():
    found = _findings(_case("02"), "NAME-VALUE-CONFLICT")
    assert set(found) == {"*培训考核合格率100%"}
    assert "100%" in found["*培训考核合格率100%"].message and "≥98(%)" in found["*培训考核合格率100%"].message


@pytest.mark.parametrize(
    ("name", "value", "placeholder", "conflict"),
    [
        ("健康讲座场次（≥××场）", "≥12(场)", True, False),
        ("宣传册发放数量XX册", "≥1000(册)", False, False),  # XX outside brackets is too common in real names to flag
        ("宣传册发放数量(XX册)", "≥1000(册)", True, False),
        ("＊入户走访户数", "≥3000(户)", True, False),
        ("健康讲座场次(≥12场)", "≥12(场)", False, False),
        ("健康讲座场次(≥12场)", "≥8(场)", False, True),
        ("体检覆盖率95%", "≥95(%)", False, False),
        ("体检覆盖率≥95%", "≥90(%)", False, True),
        ("2025年度体检人数", "≥500(人)", False, False),
        ("体检人数（2025年）", "≥500(人)", False, False),  # a year in brackets is not a target
        ("社区覆盖数（3个街道）", "=100(%)", False, False),
    ],
)
def test_name_variants(name, value, placeholder, conflict):
    decl = _with_rows(_case("02"), [("产出指标", "数量指标", name, value)])
    assert (name in _findings(decl, "NAME-PLACEHOLDER")) is placeholder
    assert (name in _findings(decl, "NAME-VALUE-CONFLICT")) is conflict


# --- case 04: inputs and budget execution presented as results -----------------------------------


def test_case04_inputs_and_execution_flagged_wherever_filed():
    found = _findings(_case("04"), "INPUT-AS-RESULT")
    assert set(found) == {"经费足额保障率", "预算科目调整次数", "投入财政资金", "配备村务工作人员", "资金结余率"}
    assert "经济效益指标" in found["资金结余率"].message and "预算执行" in found["资金结余率"].message
    assert "资金或人员投入" in found["配备村务工作人员"].message


@pytest.mark.parametrize(
    ("name", "fires"),
    [
        ("项目资金投入", True),
        ("预算调整次数", True),
        ("配备专职辅导人员", True),
        ("资金保障率", True),
        ("支出进度", True),
        ("补贴发放准确率", False),
        ("村级组织正常运转率", False),
        ("公务用车保障率", False),
        ("村均运转经费", False),
        ("培训人员数量", False),
        ("交通信号配时调整次数", False),
        ("资金调整次数", True),
    ],
)
def test_input_variants(name, fires):
    decl = _with_rows(_case("04"), [("效益指标", "社会效益指标", name, "=100(%)")])
    assert (name in _findings(decl, "INPUT-AS-RESULT")) is fires
