"""One stated figure gives one row, in the brief's own unit (nu14 P3, helper nf18): a price per a product unit
(4500元/人·月, 400元/人·天) keeps the product, so the 项目构成 line restating 主要内容's standard is the same figure;
a count whose clause names only its year (其中2027年完成180万页) is the figure another clause names (档案扫描180万页);
rules only, real reader and bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief, load_brief
from assistant.domain.statements import Kind, read_text
from assistant.suggest.bank import build_bank
from assistant.suggest.suggest import suggest

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf18"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bank():
    return build_bank(Corpus.load(REPO / "corpus").declarations)


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("督导员服务费：48名督导员×4500元/人·月×12个月", "元/人·月"),
        ("培训综合定额：5700人·天×400元/人·天", "元/人·天"),
        ("设备维保：30台×2万元/台·年", "元/台·年"),
    ],
)
def test_a_price_per_a_product_keeps_the_product(line: str, unit: str) -> None:
    units = [s.unit for s in read_text(line, "项目构成") if s.kind is Kind.STANDARD]
    assert units == [unit], units


def _values(brief: Brief, bank) -> list[str]:
    return [r.value.value for r in suggest(brief, bank).suggestions]


@pytest.mark.parametrize(
    ("name", "figure", "unit"),
    [
        ("b1_lajifenlei.yaml", "4500", "元/名·月"),
        ("b3_dangxiao.yaml", "400", "元/人·天"),
        ("b2_dangan.yaml", "180", "万页"),
    ],
)
def test_one_stated_figure_is_one_row_in_its_own_unit(bank, name: str, figure: str, unit: str) -> None:
    values = _values(load_brief(BRIEFS / name), bank)
    same = [v for v in values if v.lstrip("=≥≤").startswith(f"{figure}(")]
    assert len(same) == 1 and same[0].endswith(f"({unit})"), values


def test_a_variant_brief_gets_one_monthly_price_row(bank) -> None:
    brief = Brief.model_validate(
        {
            "项目名称": "社区巡防服务采购项目",
            "年度": 2027,
            "资金": {"总额": 480000, "财政资金": 480000, "年度申请": 480000},
            "开始日期": "2027-01-01",
            "结束日期": "2027-12-31",
            "主要内容": "招用社区巡防队员20名，每人每月补助2000元，服务12个月，开展夜间巡逻。",
            "项目构成": [{"名称": "巡防队员补助", "内容": "20名×2000元/人·月×12个月", "金额": 480000}],
        }
    )
    values = _values(brief, bank)
    prices = [v for v in values if "2000(" in v]
    assert prices == ["=2000(元/人·月)"], values
