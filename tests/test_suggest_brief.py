"""The Brief model and its loader: Chinese or English field names, blanks as None, clear errors."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.brief import Brief, example_brief, example_brief_path, load_brief
from assistant.errors import InputError

CHINESE = """
项目名称: 党员教育平台运维项目
年度: 2027
主管部门: 中共上海市委组织部
实施单位: 上海市党建服务中心
项目性质: 其他经常性项目
项目类别: 其他运转类
资金:
  总额: "2,650,000"
  财政资金: 2650000
  其他资金:
  年度申请: 2650000
开始日期: 2027-01-01
结束日期: 2027-12-31
主要内容: |-
  保障平台全年稳定运行。
  每季度提交运维报告，全年4份。
"""


def _write(tmp_path: Path, text: str, name: str = "brief.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_chinese_yaml(tmp_path):
    brief = load_brief(_write(tmp_path, CHINESE))
    assert brief.name == "党员教育平台运维项目" and brief.year == 2027
    assert brief.funding.total == Decimal("2650000") and brief.funding.other is None  # blank is None, not zero
    assert brief.start_date == date(2027, 1, 1) and brief.service_days() == 365
    assert "全年4份" in brief.content


def test_english_names_and_json(tmp_path):
    path = _write(tmp_path, '{"name": "机关服务费", "year": 2028, "funding": {"annual": 100}}', "brief.json")
    brief = load_brief(path)
    assert brief.funding.annual == Decimal(100) and brief.service_days() == 366  # 2028 is a leap year


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        ("项目名称: 甲\n年度: 明年\n", "年度", "应为整数"),
        ("项目名称: 甲\n年度: 2027\n资金:\n  总额: 一百万\n", "资金.总额", "不是金额"),
        ("项目名称: 甲\n年度: 2027\n资金:\n  总额: -5\n", "资金.总额", "不能为负数"),
        ("年度: 2027\n", "项目名称", "缺少该字段"),
        ("项目名称: 甲\n年度: 2027\n预算: 5\n", "预算", "不是简报的字段"),
        ("项目名称: 甲\n年度: 2027\n开始日期: 2027-13-01\n", "开始日期", "应为日期"),
        (
            "项目名称: 甲\n年度: 2027\n项目构成:\n  - 名称: 运维\n    金额: 5\n  - 名称: 培训\n    金额: 五万\n",
            "项目构成.第2项.金额",
            "不是金额",
        ),
        ("项目名称: 甲\n年度: 2027\n实施计划:\n  - 时间: 1月\n", "实施计划.第1项.内容", "缺少该字段"),
    ],
)
def test_rejects_bad_input_naming_file_and_field(tmp_path, text, field, problem):
    with pytest.raises(InputError) as caught:
        load_brief(_write(tmp_path, text))
    message = caught.value.message
    assert "brief.yaml" in message and f"字段 {field}" in message and problem in message
    # the field list where a field is missing or unknown; a wrong value gets what to do about it (red team rt11 #7)
    assert ("可用字段" in (caught.value.hint or "")) == (problem in ("缺少该字段", "不是简报的字段"))


def test_rejects_dates_out_of_order(tmp_path):
    with pytest.raises(InputError, match="早于开始日期"):
        load_brief(_write(tmp_path, "项目名称: 甲\n年度: 2027\n开始日期: 2027-06-01\n结束日期: 2027-01-01\n"))


@pytest.mark.parametrize(("text", "expected"), [("- 甲\n- 乙\n", "顶层"), ("项目名称: [\n", "不是合法的 YAML")])
def test_rejects_files_that_are_not_a_brief(tmp_path, text, expected):
    with pytest.raises(InputError, match=expected):
        load_brief(_write(tmp_path, text))


def test_missing_file_says_where_to_start(tmp_path):
    with pytest.raises(InputError) as caught:
        load_brief(tmp_path / "nope.yaml")
    assert "找不到简报文件" in caught.value.message and "--example" in (caught.value.hint or "")


def test_bundled_example_is_valid_and_uses_chinese_names():
    assert example_brief_path().is_file()
    assert "项目名称:" in example_brief_path().read_text(encoding="utf-8")
    brief = example_brief()
    assert brief.year >= 2025 and brief.implementer == "上海市党建服务中心" and brief.content
    assert Brief.model_validate(brief.model_dump(by_alias=True)) == brief  # round-trips through the Chinese names


def test_a_blank_text_amount_is_none_and_text_amounts_are_read(tmp_path):
    text = '{"项目名称": "甲", "年度": 2027, "资金": {"总额": " ", "财政资金": "1,860,000元"}, "项目构成": [{"名称": "运维", "金额": "860,000"}]}'
    brief = load_brief(_write(tmp_path, text, "brief.json"))
    assert brief.funding.total is None and brief.funding.fiscal == Decimal("1860000")
    assert brief.composition[0].amount == Decimal("860000")
