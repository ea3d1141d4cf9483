"""A deadline row scored from the date the officer writes (nu12 finding 11: ``12月20日`` against ``12月底前`` was left
as 定性指标：请选择档次): a date on time is 达成; a late date, or words that are no date, leave the band to the officer."""

from decimal import Decimal as D

import pytest

from assistant.cycle.scoring import score_row
from assistant.domain.cycle import IndicatorLink, SelfEvalRow


def _row(target: str, actual: str) -> SelfEvalRow:
    return SelfEvalRow(
        link=IndicatorLink(name="服务合同履约时限", level1_written="产出指标"), target=target, actual=actual
    )


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("12月底前", "12月20日"),
        ("2027年10月31日前", "2027年10月31日"),
        ("12月前", "11月30日"),
        ("6月底前", "2027-06-15"),
    ],
)
def test_a_date_on_time_scores_the_achieved_band(target: str, actual: str) -> None:
    scored = score_row(0, _row(target, actual), D(10))
    assert scored.score == D("10.00") and scored.problem is None, scored
    assert "不晚于时限" in scored.arithmetic


@pytest.mark.parametrize(
    ("target", "actual"), [("12月前", "12月2日"), ("2027年10月31日前", "11月1日"), ("12月底前", "基本完成")]
)
def test_a_late_date_or_no_date_leaves_the_band_to_the_officer(target: str, actual: str) -> None:
    scored = score_row(0, _row(target, actual), D(10))
    assert scored.score is None and "请选择档次" in (scored.problem or ""), scored
