"""The new user's two declaration pages (2026-12-07 03h, P5/P6), saved in ``found/nu7/`` (first line ``source:``),
read with the product's reader as ``assistant import`` does, and variants of the same classes written here:
a Guangdong 绩效目标表 (预算金额 → 总金额 / 当年度金额, 项目概述, 总体绩效目标 → 当年度目标, 实施期限 in years) and a
Jiangsu 项目绩效公开 (实施部门, 预算单位, 项目必要性说明 / 项目可行性说明 / 项目概述, 开始时间/完成时间 as years)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.domain.model import SectionKind
from assistant.ingest.text_export import parse_file, parse_text_bytes

NU7 = Path(__file__).parent / "fixtures" / "real_pages" / "found" / "nu7"


def _sections(decl) -> dict[SectionKind, str]:
    return {s.kind: s.text for s in decl.sections}


def test_zhaoqing_amounts_sections_dates_and_the_cut_table() -> None:
    (decl,) = parse_file(NU7 / "zhaoqing_zhulao.txt").declarations
    assert decl.funding.total == Decimal("500000") and decl.funding.annual == Decimal("500000")
    sections = _sections(decl)
    assert sections[SectionKind.OVERVIEW].startswith("中共中央办公厅、国务院办公厅印发")
    assert "持续提升老年人生活安全感" in sections[SectionKind.GOAL_ANNUAL]
    assert decl.header.implementer == "肇庆市民政局、肇庆高新区社会工作局"
    assert (decl.header.start_date, decl.header.end_date) == (date(2024, 1, 1), date(2024, 12, 31))
    assert any(n.code == "file.truncated" and "满足开展" in n.message for n in decl.parse_notes)
    assert not any(n.code == "funding.bad_amount" for n in decl.parse_notes)


def test_zhenjiang_department_sections_and_year_dates() -> None:
    (decl,) = parse_file(NU7 / "zhenjiang_saizhenzhu.txt").declarations
    assert decl.header.department is not None and decl.header.department.replace(" ", "") == "镇江市文化广电和旅游局"
    assert decl.header.applicant == "镇江博物馆"
    sections = _sections(decl)
    assert sections[SectionKind.NECESSITY].startswith("赛珍珠文化公园为免费式开放公园")
    assert "中宣发[2008]2号" in sections[SectionKind.BASIS]
    assert sections[SectionKind.OVERVIEW].startswith("赛珍珠市著名的文学家")
    assert (decl.header.start_date, decl.header.end_date) == (date(2024, 1, 1), date(2026, 12, 31))
    notes = [n for n in decl.parse_notes if n.code == "header.year_only_date"]
    assert len(notes) == 2  # the year-only reading is said, not silent


def test_a_variant_page_of_the_same_labels() -> None:
    text = "\n\n".join(
        [
            "source: https://example.gov.cn/x.html",
            "绩效目标表",
            "项目名称",
            "社区长者饭堂运营补助",
            "主管部门",
            "某市民政局",
            "用款单位",
            "某区社会工作局",
            "实施期限",
            "起始年度",
            "2025年",
            "到期年度",
            "2026年",
            "预算金额",
            "总金额",
            "120万元",
            "当年度金额",
            "60万元",
            "项目概述",
            "为全市长者饭堂提供运营补助。",
            "总体绩效目标",
            "当年度目标",
            "全年提供助餐服务不少于10万人次。",
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "当年度指标值",
            "产出指标",
            "数量指标",
            "助餐服务人次",
            "≥10万人次",
        ]
    )
    (decl,) = parse_text_bytes(text.encode("utf-8"), "variant.txt").declarations
    assert decl.funding.total == Decimal("1200000") and decl.funding.annual == Decimal("600000")
    assert _sections(decl)[SectionKind.GOAL_ANNUAL] == "全年提供助餐服务不少于10万人次。"
    assert (decl.header.start_date, decl.header.end_date) == (date(2025, 1, 1), date(2026, 12, 31))
    assert [i.name for i in decl.indicators] == ["助餐服务人次"]


def _rows(decl) -> list[tuple[str | None, str | None, str, str]]:
    return [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]


def test_zhenjiang_decision_rows_are_placed_by_their_own_categories() -> None:
    (decl,) = parse_file(NU7 / "zhenjiang_saizhenzhu.txt").declarations
    assert _rows(decl) == [
        ("决策", "项目立项", "立项程序规范性", "规范"),
        ("决策", "项目立项", "立项依据充分性", "充分"),
        ("决策", "绩效目标", "绩效指标明确性", "明确"),
        ("决策", "绩效目标", "绩效目标合理性", "合理"),
    ]
    codes = [n.code for n in decl.parse_notes]
    assert "web.evaluation_levels" in codes and "indicator.level_outside_framework" in codes
    assert any(n.code == "file.truncated" and "预算编制科学" in n.message for n in decl.parse_notes)


def test_a_variant_with_process_rows_and_different_half_and_full_year_values() -> None:
    cells = [
        "source: https://example.gov.cn/y.html",
        "项目名称",
        "城市书房运行经费",
        "资金总额",
        "50万元",
        "一级指标",
        "二级指标",
        "三级指标",
        "半年(程) 指标值",
        "全年(程) 指标值",
        "过程",
        "资金管理",
        "资金使用合规性",
        "合规",
        "合规",
        "预算执行率",
        "≥50%",
        "≥95%",
        "组织实施",
        "管理制度健全性",
        "健全",
        "健全",
        "产出指标",
        "数量指标",
        "开放城市书房数量",
        "≥6个",
        "≥12个",
    ]
    (decl,) = parse_text_bytes("\n\n".join(cells).encode("utf-8"), "variant2.txt").declarations
    rows = _rows(decl)
    assert rows[:3] == [
        ("过程", "资金管理", "资金使用合规性", "合规"),
        ("过程", "资金管理", "预算执行率", "≥95%"),  # the 全年 value; the 半年 one is kept in 备注
        ("过程", "组织实施", "管理制度健全性", "健全"),
    ]
    assert rows[3][2:] == ("开放城市书房数量", "≥12个") and rows[3][:2] == ("产出指标", "数量指标")
    assert "半年" in (decl.indicators[1].remark or "") and "≥50%" in (decl.indicators[1].remark or "")


def test_a_name_that_is_an_evaluation_word_in_a_framework_table_stays_a_name() -> None:
    """Without a 决策/过程 一级 in the table, 绩效目标 or 资金管理 at a row's start is the row's 三级 name."""
    cells = [
        "项目名称",
        "社区服务经费",
        "资金总额",
        "20万元",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "质量指标",
        "资金管理",
        "规范",
    ]
    (decl,) = parse_text_bytes("\n\n".join(cells).encode("utf-8"), "variant3.txt").declarations
    assert _rows(decl) == [("产出指标", "质量指标", "资金管理", "规范")]
