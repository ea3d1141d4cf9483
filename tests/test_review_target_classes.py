"""Target plausibility read from the parsed (operator, number, unit), not from a spelling (red team 2026-12-07 03h,
finding 6): the red team's variants that passed (≤0.0(%) on an attendance rate, ≥0(期), ≥10^14(期) in a project of
2.4 million yuan, a full-width ≥１ｅ２(%)) and variants of each class written here, each with a near miss that
must stay silent. Real declaration (2026-004-03 made clean: 年度运维报告完成数 on line 72, 验收达标率 on line 74,
重大故障发生数 =0(次) on line 80), real review engine."""

from __future__ import annotations

import pytest
from test_review_engine import _clean, _replace

from assistant.review.engine import review

# (rule, line, name, defect value, near-miss value)
CASES = [
    ("VAL-RATE-ODD", 74, "各类培训出勤率", "≤0.0(%)", "≥95(%)"),
    ("VAL-RATE-ODD", 74, "各类培训出勤率", "<1(%)", "≥1(%)"),
    ("VAL-RATE-ODD", 74, "服务对象满意度", "≤80(%)", "≥80(%)"),
    ("VAL-RATE-ODD", 74, "培训人员出勤率", "≥０(％)", "≥９５(％)"),
    ("VAL-RATE-ODD", 74, "系统验收通过率", "＜５０％", "≥５０％"),
    ("VAL-ZERO-TARGET", 72, "全年培训班次", "≥0(期)", "≥12(期)"),
    ("VAL-ZERO-TARGET", 72, "全年培训班次", "=0(期)", "=12(期)"),
    ("VAL-ZERO-TARGET", 72, "年度运维报告完成数", "0(次)", "2(次)"),
    ("VAL-ZERO-TARGET", 72, "宣传资料发放数量", "≥０(份)", "≥１０(份)"),
    ("VAL-ZERO-TARGET", 80, "重大故障发生数", "≥0(次)", "=0(次)"),
    ("VAL-ZERO-TARGET", 72, "年度运维费用", "≥0(元)", "≤184.2(万元)"),
    ("VAL-COUNT-BEYOND-FUNDS", 72, "全年培训班次", "≥100000000000000(期)", "≥12(期)"),
    ("VAL-COUNT-BEYOND-FUNDS", 72, "服务人次", "≥９９９９９９９９９９９９９(人次)", "≥99999(人次)"),
    ("VAL-EXPONENT", 74, "各类培训出勤率", "≥１ｅ２(%)", "≥９５(%)"),
    ("VAL-EXPONENT", 72, "全年培训班次", "≥1×10^3(期)", "≥1000(期)"),
    ("VAL-EXPONENT", 72, "全年培训班次", "≥１２Ｅ３(期)", "≥１２(期)"),
]


def _fired(decl) -> set[str]:
    return {f.rule_id for f in review(decl).findings}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_fires_on_the_class_and_not_on_its_near_miss(corpus, case):
    rule, line, name, bad, good = case
    clean = _clean(corpus)
    assert rule in _fired(_replace(clean, line, name=name, value=bad))
    assert rule not in _fired(_replace(clean, line, name=name, value=good))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("重大故障发生数", "=0(次)"),
        ("违规使用资金次数", "=0(次)"),
        ("有效投诉件数", "≤0(件)"),
        ("信息泄露事件", "0(起)"),
    ],
)
def test_a_zero_that_is_the_goal_is_not_flagged(corpus, name, value):
    assert "VAL-ZERO-TARGET" not in _fired(_replace(_clean(corpus), 80, name=name, value=value))


def test_a_cost_rate_capped_at_100_is_not_a_reversed_operator(corpus):
    fired = _fired(_replace(_clean(corpus), 74, name="成本控制率", value="≤100(%)"))
    assert "VAL-RATE-ODD" not in fired


def test_the_funding_message_names_the_amount(corpus):
    decl = _replace(_clean(corpus), 72, name="全年培训班次", value="≥100000000000000(期)")
    found = [f for f in review(decl).findings if f.rule_id == "VAL-COUNT-BEYOND-FUNDS"]
    assert len(found) == 1 and "全年培训班次" in found[0].message and "元" in found[0].message
