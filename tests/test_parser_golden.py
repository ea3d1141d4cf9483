"""Golden tests: every seed declaration, every indicator row, checked against the seeds by reading them.

`tests/golden/seeds.txt` was written from the parser's output and then checked line by line against
the seed files; set UPDATE_GOLDEN=1 to rewrite it after a deliberate change, and re-check the diff.
"""

import os
from decimal import Decimal
from pathlib import Path

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import CheckState, Declaration, Layout, SectionKind
from assistant.domain.values import ValueKind

GOLDEN = Path(__file__).parent / "golden" / "seeds.txt"


def golden_text(declarations: dict[str, Declaration]) -> str:
    lines = []
    for decl in declarations.values():
        h, f = decl.header, decl.funding
        lines.append(f"# {decl.id} {decl.layout.value} {decl.provenance.source_file}#{decl.provenance.index_in_file}")
        lines.append(
            f"header: {h.name} | {h.year} | {h.applicant} | {h.department} | {h.implementer} | {h.start_date} | {h.end_date}"
        )
        funding = " ".join(f"{k}={v}" for k, v in f.model_dump().items() if v is not None)
        lines.append(f"funding: {funding}")
        lines.append("sections: " + " ".join(f"{s.kind.value}@{s.span.start}:{len(s.text)}" for s in decl.sections))
        lines.append(f"indicators: {len(decl.indicators)}")
        for i in decl.indicators:
            mapped = f"{i.level1.value if i.level1 else '-'}/{i.level2.value if i.level2 else '-'}"
            lines.append(
                f"  L{i.line} | {i.level1_written} | {i.level2_written} | {mapped} | {i.name} | {i.value.raw} | {i.value.kind.value}"
            )
        lines.append("budget: " + " ; ".join(f"{b.name}={b.amount}" for b in decl.budget_lines))
        lines.append("notes: " + " ; ".join(f"{n.code}@{n.line}" for n in decl.parse_notes))
    return "\n".join(lines) + "\n"


def test_golden(seed_declarations):
    text = golden_text(seed_declarations)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_every_declaration_and_row_comes_through(seed_declarations):
    assert len(seed_declarations) == 18
    per_file = {}
    for d in seed_declarations.values():
        per_file[d.provenance.source_file[:3]] = per_file.get(d.provenance.source_file[:3], 0) + 1
    assert per_file == {"000": 1, "001": 1, "002": 5, "003": 6, "004": 5}
    # Counted by hand in the seed files, one data row per indicator.
    counts = [len(d.indicators) for d in seed_declarations.values()]
    assert counts == [13, 6, 15, 15, 13, 19, 18, 23, 13, 10, 9, 13, 14, 8, 15, 13, 7, 11]
    assert sum(counts) == 235


def test_layouts(seed_declarations):
    assert seed_declarations["2020-000-01"].layout is Layout.DISTRICT_2020
    assert seed_declarations["2019-002-03"].layout is Layout.MUNICIPAL_2019
    assert seed_declarations["2026-004-05"].layout is Layout.MUNICIPAL_2021


# --- hostile rows, asserted independently of the golden file -------------------------------------


def _row(decl: Declaration, line: int):
    return next(i for i in decl.indicators if i.line == line)


def test_name_in_second_level_column_of_district_table(seed_declarations):
    # 000 line 61: "\t\t党费缴纳有效性\t\t\t有效\t立项目的" — the name sits in the 二级 column.
    row = _row(seed_declarations["2020-000-01"], 61)
    assert (row.level1_written, row.level2_written, row.name, row.value.raw) == (
        "效果目标",
        "社会效益",
        "党费缴纳有效性",
        "有效",
    )
    assert row.remark == "立项目的"


def test_row_shifted_right_by_two(seed_declarations):
    # 000 line 60 starts with three empty cells before 效果目标.
    row = _row(seed_declarations["2020-000-01"], 60)
    assert (row.level1, row.level2, row.name, row.value.raw) == (
        Level1.BENEFIT,
        Level2.SOCIAL_BENEFIT,
        "党费缴纳信息系统完善率",
        "100%",
    )


def test_legacy_satisfaction_label_in_first_column(seed_declarations):
    # 000 line 65: "满意度\t\t业务科室满意度\t80%\t预期性目标" under 影响力目标.
    row = _row(seed_declarations["2020-000-01"], 65)
    assert (row.level1_written, row.level2_written) == ("影响力目标", "满意度")
    assert (row.level1, row.level2) == (Level1.SATISFACTION, Level2.SATISFACTION)


def test_second_level_label_in_first_level_column(seed_declarations):
    # 002 line 261: "数量目标\t数量目标\t系统开发完成率\t=100%".
    decl = seed_declarations["2019-002-05"]
    row = _row(decl, 261)
    assert row.level1_written == "数量目标"
    assert (row.level1, row.level2) == (Level1.OUTPUT, Level2.QUANTITY)
    assert any(n.code == "indicator.level1_mislabel" and n.line == 261 for n in decl.parse_notes)


def test_legacy_input_management_rows_have_no_current_category(seed_declarations):
    row = _row(seed_declarations["2019-002-01"], 58)
    assert (row.level1_written, row.level2_written, row.name) == ("投入和管理目标", "资金投入管理", "预算执行率")
    assert row.level1 is None and row.level2 is None


def test_line_wrapped_name_is_compacted_and_original_kept(seed_declarations):
    row = _row(seed_declarations["2019-002-02"], 137)
    assert row.name == "老干部日常工作情况的管理高效性"
    assert row.name_written == "老干部日常工作 情况的管理高效 性"


def test_page_break_keeps_table_together(seed_declarations):
    decl = seed_declarations["2019-002-04"]
    assert [i.line for i in decl.indicators][-6:] == [223, 224, 225, 226, 227, 228]
    assert _row(decl, 223).level2 is Level2.TIMELINESS


def test_missing_value_stays_missing_and_is_marked(seed_declarations):
    decl = seed_declarations["2023-003-05"]
    for line, name in ((140, "工作日故障运维人员抵达现场时间"), (143, "是否支撑基层工作开展")):
        row = _row(decl, line)
        assert row.name == name and row.value.kind is ValueKind.MISSING
        assert any(n.code == "indicator.value_missing" and n.line == line for n in decl.parse_notes)


def test_second_level_label_in_name_column(seed_declarations):
    # 003 line 140: "\t\t\t时效指标\t工作日故障…\t" — 二级 label shifted into the 三级 column.
    row = _row(seed_declarations["2023-003-05"], 140)
    assert row.level2_written == "时效指标"


def test_name_in_first_column_after_merged_cells(seed_declarations):
    # 004 line 54: "基层党组织满意度\t\t\t≥90.00(%)" under 满意度指标.
    row = _row(seed_declarations["2026-004-02"], 54)
    assert (row.level1, row.name, row.value.number) == (Level1.SATISFACTION, "基层党组织满意度", Decimal("90.00"))


def test_cost_indicator_as_second_level_under_output(seed_declarations):
    # 003 line 115: 成本指标 in the 二级 column under 产出指标 (transitional form), mapped to 成本/经济成本.
    row = _row(seed_declarations["2023-003-04"], 115)
    assert (row.level1_written, row.level2_written) == ("产出指标", "成本指标")
    assert (row.level1, row.level2) == (Level1.COST, Level2.ECONOMIC_COST)


def test_cost_indicator_in_first_level_column(seed_declarations):
    row = _row(seed_declarations["2023-003-06"], 169)
    assert (row.level1_written, row.level2_written, row.level1) == ("成本指标", None, Level1.COST)


def test_compound_value(seed_declarations):
    row = _row(seed_declarations["2023-003-06"], 166)
    assert row.value.kind is ValueKind.COMPOUND and len(row.value.parts) == 2


# --- headers, funding, sections ------------------------------------------------------------------


def test_municipal_2021_header_and_funding(seed_declarations):
    d = seed_declarations["2023-003-01"]
    assert (d.header.name, d.header.nature, d.header.category) == (
        "组织部门建设和管理工作经费",
        "经常性专项业务费",
        "特定目标类",
    )
    assert d.header.department == d.header.implementer == "中共上海市委组织部"
    assert d.funding.total == d.funding.annual == d.funding.fiscal_annual == Decimal("9382600.00")
    assert d.funding.other_total == d.funding.other_annual == d.funding.carryover == Decimal("0.00")


def test_blank_total_stays_blank(seed_declarations):
    d = seed_declarations["2026-004-01"]
    assert d.funding.total is None and d.funding.fiscal_total is None and d.funding.other_total is None
    assert d.funding.annual == Decimal("1139000.00")
    assert d.section_text(SectionKind.GOAL_TOTAL) == ""
    assert d.section_text(SectionKind.GOAL_ANNUAL).startswith("打造与城市基层党建")


def test_district_funding_in_html(seed_declarations):
    d = seed_declarations["2020-001-01"]
    assert d.funding.total == Decimal("240000")
    assert d.funding.annual is None  # "二、当年预算：" has no figure in the source
    assert d.funding.fiscal_annual == Decimal("240000") and d.funding.fiscal_upper == Decimal("0")


def test_checkboxes(seed_declarations):
    checked = seed_declarations["2019-002-01"].header
    assert checked.project_type.selected == ["其他一次性项目"]
    assert checked.fund_use.selected == ["信息化建设类"]
    lost = seed_declarations["2019-002-02"]
    assert {o.state for o in lost.header.project_type.options} == {CheckState.UNKNOWN}
    assert any(n.code == "header.checkbox_lost" for n in lost.parse_notes)
    glyphs = seed_declarations["2020-001-01"].header.project_type
    assert [o.label for o in glyphs.options] == ["一次性项目", "经常性项目", "中期预算试点项目"]
    assert {o.state for o in glyphs.options} == {CheckState.UNCHECKED}


def test_one_cell_per_line_export(seed_declarations):
    d = seed_declarations["2019-002-02"]
    assert d.header.name == "上海市人大老干部综合信息管理系统建设经费"
    assert str(d.header.start_date) == "2019-01-01" and str(d.header.end_date) == "2019-12-31"
    assert d.section_text(SectionKind.BASIS) == "各委、办、局的发展规划和实施计划。"


def test_label_split_over_two_lines_and_stray_fragment(seed_declarations):
    d = seed_declarations["2019-002-01"]
    necessity = d.section(SectionKind.NECESSITY)
    assert necessity is not None and necessity.span.start == 17
    assert "女工" not in necessity.text and "明的预算制度。" in necessity.text
    note = next(n for n in d.parse_notes if n.code == "artefact.stray_fragment")
    assert (note.line, note.fragment) == (44, "女工")


def test_glued_number_reported_not_kept(seed_declarations):
    d = seed_declarations["2020-001-01"]
    assert not d.section_text(SectionKind.GOAL_TOTAL).endswith("3000000")
    assert any(n.code == "artefact.glued_number" and n.fragment == "3000000" for n in d.parse_notes)


def test_district_text_with_inline_colons_is_kept_whole(seed_declarations):
    text = seed_declarations["2020-000-01"].section_text(SectionKind.RESOURCES)
    assert text.startswith("1、项目资金：由区级财政承担") and "3、制度建设" in text


def test_budget_lines_and_safeguards(seed_declarations):
    d = seed_declarations["2020-000-01"]
    assert [b.amount for b in d.budget_lines] == [
        Decimal(x) for x in ("130000.00", "120000.00", "140000.00", "9800.00", "11700.00")
    ]
    assert sum(b.amount for b in d.budget_lines) == d.funding.total
    assert d.budget_lines_total is None
    assert len(d.safeguards) == 5
    assert [s.applies for s in d.safeguards[1].stages] == [True, False, False]
    assert seed_declarations["2019-002-03"].budget_lines[0].amount == Decimal("2853560")


def test_provenance(seed_declarations):
    d = seed_declarations["2023-003-06"]
    assert d.provenance.source_file == "003_4c2dd59215bbba6d.txt"
    assert d.provenance.index_in_file == 6
    assert d.provenance.span.start == 148 and d.provenance.span.end == 175
