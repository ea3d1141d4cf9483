"""A figure the brief fixes to one year (全年培训330人次, 每年…, 年度…) is that year's, never the total over several
years (nu14 P2, helper nf18): it is kept as the year's row and no note calls it a multi-year total; rules only, real
reader and bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief, load_brief
from assistant.suggest.bank import build_bank
from assistant.suggest.suggest import suggest
from assistant.suggest.years import year_notes

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf18"
REPO = Path(__file__).resolve().parents[1]

OTHER = Brief.model_validate(
    {
        "项目名称": "街道社区法律咨询服务项目",
        "年度": 2027,
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": "2027年在8个居委设法律咨询点，每点每月坐班4次；年度接待群众咨询1200人次，其中2027年上门服务300人次。",
    }
)


@pytest.fixture(scope="module")
def bank():
    return build_bank(Corpus.load(REPO / "corpus").declarations)


@pytest.mark.parametrize("brief", [load_brief(BRIEFS / "b3_dangxiao.yaml"), OTHER], ids=["dangxiao", "other"])
def test_a_one_year_figure_is_no_multi_year_total(brief: Brief) -> None:
    assert not [n for n in year_notes(brief) if "各年度的合计" in n]


def test_the_years_own_figure_is_the_row(bank) -> None:
    values = [r.value.value for r in suggest(load_brief(BRIEFS / "b3_dangxiao.yaml"), bank).suggestions]
    assert "≥330(人次)" in values, values
    assert not any(v.endswith("10207(元/人次)") for v in values), values  # 2,449,500元 ÷ 240人次: a part of the year


def test_a_total_over_years_is_still_one(bank) -> None:
    notes = year_notes(load_brief(BRIEFS / "b2_dangan.yaml"))
    assert any("320万页" in n and "各年度的合计" in n for n in notes), notes
