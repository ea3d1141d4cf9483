"""Figures written with digit grouping (nu11, 2026-12-07, helper nf13), real brief loader and statement reader:

a figure copied from a spreadsheet (1,235公里, 1,095,000客次, full-width １，２３５, 1 235) is one number everywhere the
brief is read, never its tail (235, 000客次); a comma between figures of a list, or a space between two figures,
is not grouping.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.brief import Brief, load_brief
from assistant.domain.numerals import join_digit_groups
from assistant.domain.statements import Kind, read_statements
from assistant.suggest.brief_rows import output_statements, statement_rows
from assistant.suggest.costs import cost_rows

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf13"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("对全区河道1,235公里实施保洁", "对全区河道1235公里实施保洁"),
        ("全年补贴助餐1,095,000客次，合计", "全年补贴助餐1095000客次，合计"),
        ("维修路灯１，２３５盏", "维修路灯1235盏"),
        ("共1 235公里", "共1235公里"),
        ("共1\u202f235.5万元", "共1235.5万元"),
        ("达标率１２．５％", "达标率12.5％"),
        # not grouping: a list, a year pair, ASCII digits with the Chinese clause mark, two figures apart
        ("分别为1,2,3项", "分别为1,2,3项"),
        ("2026, 2027年", "2026, 2027年"),
        ("分别为120，150，180台", "分别为120，150，180台"),
        ("2027年1月1日 100 200", "2027年1月1日 100 200"),
        ("编号1,2345", "编号1,2345"),
    ],
)
def test_grouped_figures_are_one_number(text: str, expected: str) -> None:
    assert join_digit_groups(text) == expected


def _brief(content: str, total: int = 2964000) -> Brief:
    return Brief.model_validate({"项目名称": "示例项目", "年度": 2027, "资金": {"总额": total}, "主要内容": content})


def test_river_brief_length_is_the_whole_figure() -> None:
    brief = load_brief(BRIEFS / "b3_river.yaml")
    rows = statement_rows(output_statements(brief))
    lengths = [r for r in rows if r.value.unit == "公里"]
    assert [r.value.number for r in lengths] == [Decimal(1235)]
    assert all("235公里" not in r.value.basis or "1235公里" in r.value.basis for r in rows)


@pytest.mark.parametrize(
    "written",
    ["更换老旧小区路灯2,460盏", "更换老旧小区路灯２，４６０盏", "更换老旧小区路灯2 460盏"],
)
def test_a_grouped_count_of_another_kind_is_read_whole(written: str) -> None:
    counts = [s for s in read_statements(_brief(written)) if s.kind is Kind.COUNT]
    assert [s.number for s in counts] == [Decimal(2460)]


def test_plan_and_composition_text_are_read_whole() -> None:
    brief = Brief.model_validate(
        {
            "项目名称": "示例项目",
            "年度": 2027,
            "实施计划": [{"时间": "1—6月", "内容": "完成巡查1,200次"}],
            "项目构成": [{"名称": "巡查", "内容": "巡查1,200次", "金额": "1,200,000"}],
        }
    )
    assert brief.plan[0].work == "完成巡查1200次"
    assert brief.composition[0].detail == "巡查1200次"
    rows = cost_rows(brief, read_statements(brief)).rows
    assert any(r.value.number == Decimal(1000) and r.value.unit == "元/次" for r in rows)


def test_review_reads_grouped_figures_in_a_drafts_text() -> None:
    """A draft's 概况 edited to say 1,200名 states the count the table has: the mismatch with the money is the
    text's own (an 错误), not a division gone wrong."""
    from assistant.domain.framework import Level1, Level2
    from assistant.domain.model import SectionKind
    from assistant.domain.skeleton import IndicatorRow, brief_declaration
    from assistant.review.engine import review
    from assistant.review.models import Severity

    brief = Brief.model_validate({"项目名称": "困难老人慰问", "年度": 2027, "资金": {"总额": 500000}})
    rows = [
        IndicatorRow(Level1.OUTPUT, Level2.QUANTITY, "慰问困难老人人数", "≥1200(人)"),
        IndicatorRow(Level1.COST, Level2.ECONOMIC_COST, "困难老人慰问标准", "=500(元/人)"),
    ]
    text = "为全区1,200名困难老人每人发放慰问金500元。"
    decl = brief_declaration(brief, sections=[(SectionKind.OVERVIEW, text)], indicators=rows)
    found = [f for f in review(decl).findings if f.rule_id == "COST-ARITHMETIC"]
    assert found and found[0].severity is Severity.ERROR
