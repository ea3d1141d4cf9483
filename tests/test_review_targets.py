"""Targets that cannot be meant as written, and one measure under two names (red team 2026-12-07, findings 6 and 8):
each rule fires on a real declaration (2026-004-03, made clean) with the defect and not on its near miss."""

from __future__ import annotations

import pytest
from test_review_engine import _add, _clean, _replace

from assistant.review.engine import review

# (rule, the clean declaration with the defect, its near miss); rows: line 72 年度运维报告完成数 =2(次),
# line 74 IPTV平台运维服务验收达标率, line 80 重大故障发生数 =0(次); the project runs 2026-01-01 to 2026-12-31.
CASES = {
    "VAL-EXPONENT": (
        lambda d: _replace(d, 72, value="≥1e308(次)"),
        lambda d: _replace(d, 72, value="≥1000(次)"),
    ),
    "VAL-RATE-ODD zero": (
        lambda d: _replace(d, 74, name="培训人员出勤率", value="=0(%)"),
        lambda d: _replace(d, 80, name="重大故障发生率", value="=0(%)"),
    ),
    "VAL-RATE-ODD permille": (
        lambda d: _replace(d, 74, name="培训人员出勤率", value="≥95(‰)"),
        lambda d: _replace(d, 74, name="培训人员出勤率", value="≥95(%)"),
    ),
    "VAL-FRACTION-COUNT": (
        lambda d: _replace(d, 72, name="参训人数", value="≥0.5(人)"),
        lambda d: _replace(d, 72, name="人均培训学时", value="≥0.5(学时)"),
    ),
    "VAL-DAYS-BEYOND": (
        lambda d: _add(d, ("效益指标", "社会效益指标", "平台稳定运行天数", "=400(天)")),
        lambda d: _add(d, ("效益指标", "社会效益指标", "平台稳定运行天数", "=365(天)")),
    ),
    "DUPLICATE": (
        lambda d: _add(d, ("产出指标", "数量指标", "年度运维报告完成数（人工改）", "=2(次)")),
        lambda d: _add(d, ("产出指标", "数量指标", "年度运维报告完成数（季报）", "=4(次)")),
    ),
}


def _rules(decl) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in review(decl).findings:
        found.setdefault(f.rule_id, []).append(f.message)
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_fires_on_the_defect_and_not_on_its_near_miss(corpus, case):
    rule = case.split()[0]
    bad, good = CASES[case]
    fired = _rules(bad(_clean(corpus)))
    assert rule in fired, fired
    assert rule not in _rules(good(_clean(corpus)))


def test_messages_name_the_row(corpus):
    fired = _rules(_replace(_clean(corpus), 72, name="参训人数", value="≥0.5(人)"))
    assert any("参训人数" in m for m in fired["VAL-FRACTION-COUNT"])
    fired = _rules(_add(_clean(corpus), ("效益指标", "社会效益指标", "平台稳定运行天数", "=400(天)")))
    assert any("365 天" in m and "平台稳定运行天数" in m for m in fired["VAL-DAYS-BEYOND"])
