"""nf16: background figures behind a source word, per-site counts, calls counted in 通, funding fix from the header."""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.statements import Kind, read_text
from assistant.review.checks_totals import funding_fix
from assistant.suggest.brief_rows import output_statements


def _brief(text: str) -> Brief:
    return Brief.model_validate({"项目名称": "社区健康服务项目", "年度": 2027, "主要内容": text})


def test_sourced_earlier_year_is_background() -> None:
    brief = _brief("全年为老人体检3000人。根据2024年统计，本街道老人高血压知晓率约为60%，需要加强宣传。")
    rates = [s for s in output_statements(brief) if s.kind is Kind.RATE]
    assert not rates  # 60% was measured in 2024: context, not a target


def test_per_site_count_is_multiplied_by_the_sites() -> None:
    found = read_text("为全镇12个村卫生室各配置血压计2台。", "主要内容")
    counts = {(s.number, s.unit) for s in found if s.kind is Kind.COUNT and not s.per_unit}
    assert (Decimal(24), "台") in counts and (Decimal(2), "台") not in counts


def test_calls_counted_in_tong() -> None:
    found = read_text("全年接听咨询电话不少于5万通，开通4通道。", "主要内容")
    assert [(s.number, s.unit) for s in found if s.kind is Kind.COUNT] == [(Decimal(5), "万通")]


def test_funding_fix_figure_comes_from_the_header() -> None:
    fix = funding_fix([("项目资金总额", Decimal(657800))])
    assert "65.78(万元)" in fix and "657,800元" in fix and "48" not in fix
