"""Numbers from a brief's text through the one reader: Chinese numerals, units, per-unit products, frequencies."""

from decimal import Decimal

import pytest

from assistant.domain.quantities import cn_number, service_months
from assistant.domain.statements import Kind, read_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六", 6),
        ("十", 10),
        ("万", 10000),
        ("十万", 100000),
        ("十二", 12),
        ("二十五", 25),
        ("两", 2),
        ("一百零八", 108),
        ("两千三百", 2300),
        ("一万二千", 12000),
        ("1,000", 1000),
        ("4", 4),
    ],
)
def test_chinese_numerals(text, value):
    assert cn_number(text) == Decimal(value)


def test_not_a_number():
    with pytest.raises(ValueError):
        cn_number("若干")


def _found(text, months=12):
    """The figures the one reader (``assistant.domain.statements``) gives: number, unit, approx, per unit, arithmetic."""
    return [
        (s.number, s.unit, s.approx, s.per_unit, s.derivation)
        for s in read_text(text, "主要内容", months=months)
        if s.kind in {Kind.COUNT, Kind.INPUT}
    ]


def test_figures_of_the_training_brief():
    found = _found("为约320名区人大代表举办集中培训班4期，每期2天；开展专题讲座六场、辅导交流8次；编印学习读本1000册。")
    assert found[:2] == [(Decimal(320), "名", True, None, None), (Decimal(4), "期", False, None, None)]
    assert (Decimal(6), "场", False, None, None) in found and (Decimal(8), "次", False, None, None) in found
    assert found[-1] == (Decimal(1000), "册", False, None, None)


def test_per_unit_figures_multiply_into_a_total():
    found = _found("组织阵地管理人员培训2期，每期约60人。")
    assert found[-1] == (Decimal(120), "人次", True, None, "2期 × 每期约60人 = 120人次")


def test_a_monthly_round_over_every_site_is_counted_for_the_year():
    found = _found("下属18个站点阵地全年正常开放。开展安全巡查，每月巡查每个站点1次；")
    assert found[0][:2] == (Decimal(18), "个")
    assert found[-1][:2] == (Decimal(216), "次") and found[-1][4].endswith("= 216次")
    assert _found("每季度开展1次服务质量评估", months=12)[-1][0] == Decimal(4)


def test_ordinals_adjectives_and_money_are_not_quantities():
    assert _found("第一期为一次性项目，投入50万元") == []


def test_months_a_period_touches():
    assert service_months(2027, 1, 2027, 12) == 12 and service_months(2027, 3, 2027, 11) == 9


def test_a_listing_in_one_unit_adds_up_to_its_total():
    """A brief lists what a count covers: the total is the sum, shown with its items (a tester's meeting brief
    got 会议召开次数 ≥1 from 全体会议1次、常委会议6次)."""
    found = _found("全年召开全体会议1次、常委会议6次；每次全体会议约280名委员参会。")
    assert [f for f in found if f[0] == Decimal(7) and f[1] == "次" and f[4]]
    assert not [f for f in found if f[0] == Decimal(281)]  # different units or separate phrases never add up


def test_items_in_different_units_or_phrases_are_not_added():
    found = _found("开展专题讲座六场、辅导交流8次；编印读本1000册，另印资料500册。")
    assert [f for f in found if f[4]] == []


def _targets(text):
    return [(s.subject, s.op, s.number, s.unit) for s in read_text(text, "主要内容") if s.kind is Kind.RATE]


def test_targets_the_brief_sets():
    """Rates keep their whole name (考核通过率: 通过 here is part of the rate, not "by means of")."""
    assert _targets("培训结束组织结业考试，考试合格率不低于95%；") == [("考试合格率", "≥", Decimal(95), "%")]
    assert _targets("考核通过率达到98%以上，学员满意度不低于90%。") == [
        ("考核通过率", "≥", Decimal(98), "%"),
        ("学员满意度", "≥", Decimal(90), "%"),
    ]
    assert _targets("确保群众知晓率达到100%") == [("群众知晓率", "=", Decimal(100), "%")]
    assert _targets("投入50万元，举办培训4期") == []
