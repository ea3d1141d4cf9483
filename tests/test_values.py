"""The value parser on every form in primer §4."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.domain.values import Operator, ValueKind, parse_value


@pytest.mark.parametrize(
    ("raw", "operator", "number", "unit", "decimals"),
    [
        ("≥90(%)", Operator.GE, "90", "%", 0),
        ("=100.00%", Operator.EQ, "100.00", "%", 2),
        ("≤30(分钟)", Operator.LE, "30", "分钟", 0),
        ("=365(天)", Operator.EQ, "365", "天", 0),
        ("≥20(万页)", Operator.GE, "20", "万页", 0),
        ("=0(次)", Operator.EQ, "0", "次", 0),
        ("≥1000", Operator.GE, "1000", None, 0),
        ("≧90%", Operator.GE, "90", "%", 0),
        (">5(个)", Operator.GT, "5", "个", 0),
        ("<3(次)", Operator.LT, "3", "次", 0),
        ("=10(条/周)", Operator.EQ, "10", "条/周", 0),
        ("≥4.00(次)", Operator.GE, "4.00", "次", 2),
        ("100%", None, "100", "%", 0),
        ("＝100（%）", Operator.EQ, "100", "%", 0),
        ("≥ 95 %", Operator.GE, "95", "%", 0),
    ],
)
def test_quantitative(raw, operator, number, unit, decimals):
    value = parse_value(raw)
    assert value.kind is ValueKind.QUANTITATIVE
    assert value.operator == operator
    assert value.number == Decimal(number)
    assert value.unit == unit
    assert value.decimals == decimals
    assert value.raw == raw


@pytest.mark.parametrize(
    "raw",
    [
        "及时",
        "有效",
        "合规",
        "健全",
        "达标",
        "合格",
        "是",
        "安全",
        "稳定",
        "增长",
        "完善",
        "有序开展",
        "进一步提升",
        "三级",
    ],
)
def test_qualitative(raw):
    value = parse_value(raw)
    assert value.kind is ValueKind.QUALITATIVE
    assert value.text == raw
    assert value.number is None


@pytest.mark.parametrize("raw", ["6月底前", "12月前", "10月前", "分别4月底及12月底前完成", "2020年6月30日前"])
def test_deadline(raw):
    value = parse_value(raw)
    assert value.kind is ValueKind.DEADLINE
    assert value.text == raw


@pytest.mark.parametrize("raw", ["1小时内响应，3小时内抵达现场", "1小时内响应,3小时内抵达现场"])
def test_compound(raw):
    value = parse_value(raw)
    assert value.kind is ValueKind.COMPOUND
    assert [(p.number, p.unit) for p in value.parts] == [(Decimal(1), "小时"), (Decimal(3), "小时")]


@pytest.mark.parametrize("raw", ["", "  ", "—", "——", "/"])
def test_missing(raw):
    assert parse_value(raw).kind is ValueKind.MISSING


def test_text_with_a_number_is_not_quantitative():
    value = parse_value("完成安全测评、软件测评2项工作")
    assert value.kind is ValueKind.QUALITATIVE


def test_render_is_canonical():
    assert parse_value("≥ 90 %").render() == "≥90(%)"
    assert parse_value("及时").render() == "及时"


@given(st.text(max_size=60))
def test_never_raises_and_keeps_raw(raw):
    value = parse_value(raw)
    assert value.raw == raw
    if value.kind is ValueKind.QUANTITATIVE:
        assert value.number is not None


@pytest.mark.parametrize(
    ("raw", "rendered"),
    [
        ("3个工作日内", "≤3(个工作日)"),  # 案件受理后3个工作日内指派律师 (tests/fixtures/newuser/notice_falv.txt)
        ("2小时内", "≤2(小时)"),  # tests/fixtures/cases/12-cost-indicator-without-cost-level.txt
        ("30天内", "≤30(天)"),
        ("1个月内", "≤1(个月)"),
        ("5日内", "≤5(日)"),
    ],
)
def test_a_time_limit_written_with_nei_is_at_most(raw, rendered):
    """内 after a unit of time is a limit, as 以内 is: the unit is the time unit, never ``个工作日内``."""
    value = parse_value(raw)
    assert (value.kind, value.operator, value.render()) == (ValueKind.QUANTITATIVE, Operator.LE, rendered)
    assert value.raw == raw


@pytest.mark.parametrize("raw", ["省内", "区内", "2年内"])
def test_nei_after_no_number_or_a_year_is_not_a_limit(raw):
    assert parse_value(raw).operator is None
