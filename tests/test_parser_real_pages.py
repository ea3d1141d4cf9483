"""Real published 绩效目标表 copied from departments' budget-disclosure pages (issue 25 item 1).

Each fixture in ``fixtures/real_pages/`` is a page's text as it was copied, its first line naming the page
(``source: <address>``). What a careful reader gets from each is in shared/cases/turn3/README.md; these
tests hold the reader to it, through ``parse_file`` as ``assistant import`` uses it.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.framework import Level1, Level2
from assistant.domain.values import ValueKind
from assistant.ingest.text_export import parse_file
from assistant.review.engine import review

PAGES = Path(__file__).resolve().parent / "fixtures" / "real_pages"

# file → (name, year, yuan, indicator count)
EXPECTED = {
    "01_xiangtan_wupaoche.txt": ("雾炮车降尘抑尘服务", 2023, Decimal(2_500_000), 7),
    "04_wuhai_gongxiaoshe_zaisheng.txt": ("再生资源回收市场管理经费", 2021, Decimal(30_000), 11),
    "06_tongnan_wugui_xiangmuhuizong.txt": ("潼南区五桂镇汇总项目库", 2023, Decimal("2296600"), 5),
    "08_jingyan_mata_cunzuganbu_baochou.txt": ("村组干部报酬", 2023, Decimal("3309840"), 8),
    "10_jinzhai_kaifaqu_wuye.txt": ("物业管理", 2021, Decimal(11_250_000), 9),
    "11_jinan_tiyu_wangqiu_2025.txt": ("2025金安国际网球公开赛(国际系列赛事)", 2025, Decimal(10_000_000), 11),
}


def _one(name: str):
    (decl,) = parse_file(PAGES / name).declarations
    return decl


def _amount(decl) -> Decimal | None:
    funding = decl.funding
    return funding.annual if funding.annual is not None else funding.total


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_page_gives_its_project_amount_and_every_indicator_row(name):
    project, year, yuan, rows = EXPECTED[name]
    decl = _one(name)
    assert (decl.header.name, decl.header.year, _amount(decl), len(decl.indicators)) == (project, year, yuan, rows)
    assert all(i.name for i in decl.indicators)
    address = (PAGES / name).read_text(encoding="utf-8").split("\n", 1)[0].split(":", 1)[1].strip()
    assert any(n.code == "web.source" and address in n.message for n in decl.parse_notes)


def test_stream_copy_keeps_the_plan_standard_column_and_skips_empty_category_rows():
    decl = _one("01_xiangtan_wupaoche.txt")
    names = [i.name for i in decl.indicators]
    assert names[:2] == ["雾炮车降尘抑尘服务配备车辆数", "雾炮车风炮射程"]
    assert [i.value.raw for i in decl.indicators] == [
        "10辆",
        "≥80M",
        "优良",
        "2023.07-2024.01",
        "250万",
        "≥85%",
        "≥90%",
    ]
    assert all(i.remark == "绩效标准：计划标准" for i in decl.indicators)
    last = decl.indicators[-1]
    assert (last.level1, last.level2) == (Level1.SATISFACTION, Level2.SATISFACTION)
    assert decl.header.department == "湘潭市环境卫生管理处"


def test_nature_direction_and_score_columns_are_kept_and_serial_dates_read_with_a_note():
    decl = _one("04_wuhai_gongxiaoshe_zaisheng.txt")
    first = decl.indicators[0]
    assert (first.name, first.value.operator.value, first.value.number) == ("出差人数", "=", Decimal(8))
    assert first.remark == "指标性质：正向；分值：4"
    cost = decl.indicators[-1]
    assert "反向" in cost.remark and cost.value.unit == "万元"
    dated = [i for i in decl.indicators if i.name == "项目财政资金到位时间"][0]
    assert dated.value.raw == "2021年12月31日" and dated.value.kind is ValueKind.DEADLINE
    assert any(n.code == "indicator.serial_date" and "44,561" in n.message for n in decl.parse_notes)
    assert not any(n.code == "unplaced.cell" and n.fragment == "=" for n in decl.parse_notes)


def test_a_page_ending_mid_table_is_noted_and_nothing_is_invented():
    decl = _one("04_wuhai_gongxiaoshe_zaisheng.txt")
    assert [n.fragment for n in decl.parse_notes if n.code == "file.truncated"] == ["效"]
    assert all(i.level1 is not Level1.BENEFIT for i in decl.indicators)


def test_a_flat_list_is_placed_by_what_each_row_measures_with_a_note():
    decl = _one("06_tongnan_wugui_xiangmuhuizong.txt")
    placed = {i.name: (i.level1, i.level2) for i in decl.indicators}
    assert placed["发放人数"] == (Level1.OUTPUT, Level2.QUANTITY)
    assert placed["促进社会和谐"] == (Level1.BENEFIT, Level2.SOCIAL_BENEFIT)
    assert all(i.level1_written is None for i in decl.indicators)
    notes = [n for n in decl.parse_notes if n.code == "indicator.placed_by_content"]
    assert len(notes) == 5
    assert [i.remark for i in decl.indicators][:1] == ["指标权重：20"]
    qualitative = [i for i in decl.indicators if "定性" in (i.remark or "")]
    assert len(qualitative) == 3 and all(i.value.kind is ValueKind.MISSING for i in qualitative)
    flagged = {f.location.indicator.position for f in review(decl).findings if f.location.indicator}
    assert {i.position for i in qualitative} <= flagged


def test_a_department_summary_row_is_not_a_project_and_separate_columns_make_one_value():
    decl = _one("08_jingyan_mata_cunzuganbu_baochou.txt")
    assert decl.header.applicant == "井研县马踏镇人民政府"  # the budget code 820001 is no part of the name
    assert any(n.code == "header.unit_code" and "820001" in n.message for n in decl.parse_notes)
    summary = [n for n in decl.parse_notes if n.code == "web.summary_row"]
    assert len(summary) == 1 and "820-马踏镇部门" in summary[0].message
    count = [i for i in decl.indicators if i.name == "村组干部230人"][0]
    assert count.value.render() == "≥230(个)"
    assert "正向指标" in count.remark and "权重：10" in count.remark


def test_numbered_indicators_keep_template_text_for_the_review_and_footnotes_are_not_rows():
    decl = _one("10_jinzhai_kaifaqu_wuye.txt")
    assert decl.indicators[0].name == "安置小区物业费"
    assert decl.indicators[0].name_written == "指标1:安置小区物业费"
    templated = [i for i in decl.indicators if "**" in i.name]
    assert len(templated) == 3
    flagged = {f.location.indicator.position for f in review(decl).findings if f.location.indicator}
    assert {i.position for i in templated} <= flagged
    footnotes = [n for n in decl.parse_notes if n.code == "web.footnote"]
    assert len(footnotes) == 2 and not any("其他资金" in i.name for i in decl.indicators)


def test_not_applicable_rows_are_kept_as_written():
    decl = _one("11_jinan_tiyu_wangqiu_2025.txt")
    eco = [i for i in decl.indicators if i.level2 is Level2.ECOLOGICAL_BENEFIT]
    assert [(i.name, i.value.raw, i.value.kind) for i in eco] == [("本项目不适用此指标", "无", ValueKind.QUALITATIVE)]
    assert decl.header.department == "六安市金安区体育局"


def test_several_declarations_on_one_page_become_several(tmp_path):
    one = (PAGES / "11_jinan_tiyu_wangqiu_2025.txt").read_text(encoding="utf-8")
    two = one.replace("2025金安国际网球公开赛(国际系列赛事)", "2025金安区全民健身赛事")
    page = tmp_path / "two.txt"
    page.write_text(one + "\n" + two.split("\n", 1)[1], encoding="utf-8")
    decls = parse_file(page).declarations
    assert [d.header.name for d in decls] == ["2025金安国际网球公开赛(国际系列赛事)", "2025金安区全民健身赛事"]
    assert [len(d.indicators) for d in decls] == [11, 11]


# Variants of the same families written for these tests (invented projects; the layouts are the real pages').
VARIANTS = Path(__file__).resolve().parent / "fixtures" / "web_variants"


def test_a_list_of_several_projects_gives_one_declaration_each_with_the_page_year():
    decls = parse_file(VARIANTS / "list-two-projects.txt").declarations
    assert [(d.header.name, d.header.year, d.funding.annual, len(d.indicators)) for d in decls] == [
        ("道路养护", 2024, Decimal("1200000.00"), 3),
        ("环境卫生保洁", 2024, Decimal("800000.00"), 2),
    ]
    assert len({d.id for d in decls}) == 2
    assert any(n.code == "web.summary_row" for n in decls[0].parse_notes)


def test_midterm_and_annual_columns_read_the_annual_value_and_keep_the_midterm_one():
    (decl,) = parse_file(VARIANTS / "stream-midterm-annual.txt").declarations
    assert [(i.name, i.value.raw, i.remark) for i in decl.indicators] == [
        ("受助学生人数", "≥4000人", "中期指标值：≥12000人"),
        ("食品安全事故", "0起", "中期指标值：0起"),
        ("学生家长满意度", "≥90%", "中期指标值：≥90%"),
    ]
    assert decl.funding.total == Decimal(3_600_000)


FOUND = PAGES / "found"


def test_an_approval_table_with_points_per_category_and_a_page_unit():
    (decl,) = parse_file(FOUND / "test" / "cqfj_yunwu_jiagongyuan.txt").declarations
    assert decl.header.name == "2023年云雾土家族乡加工园配套设施建设项目"
    assert (decl.funding.total, decl.funding.annual) == (Decimal(650_000), Decimal(650_000))
    (row,) = decl.indicators
    assert (row.level1, row.level2, row.name, row.value.raw) == (
        Level1.COST,
        Level2.ECONOMIC_COST,
        "项目建设成本",
        "≤65万元",
    )
    assert [n.fragment for n in decl.parse_notes if n.code == "file.truncated"] == ["数量指"]


def test_a_project_row_whose_unit_cell_is_merged_with_the_one_above_starts_the_next_declaration():
    first, second = parse_file(FOUND / "test" / "qbidia_jingyan_mata_more.txt").declarations
    assert (second.header.name, second.funding.annual, len(second.indicators)) == (
        "基层组织活动经费",
        Decimal("660000.00"),
        5,
    )
    assert second.header.applicant == first.header.applicant == "井研县马踏镇人民政府"
    assert any(n.code == "web.merged_from_above" for n in second.parse_notes)


WEB = Path(__file__).resolve().parent / "fixtures" / "web"
_READ_BY_BOTH = [p.name for p in sorted(WEB.glob("*.txt")) if p.name not in {"web-06-notice-not-a-form.txt"}]


@pytest.mark.parametrize("name", _READ_BY_BOTH)
def test_the_page_reader_alone_reads_the_earlier_web_layouts_as_the_text_parser_does(name, monkeypatch):
    """The grid rebuilt from a page (ingest.web) against the text-export parser on the issue-15 layouts."""
    import assistant.ingest.text_export as text_export
    from assistant.ingest.web import read_web_text

    lines = (WEB / name).read_text(encoding="utf-8").split("\n")
    by_page = read_web_text(lines, name, "sha")
    monkeypatch.setattr(text_export, "read_web_text", lambda *args: [])
    by_parser = parse_file(WEB / name).declarations

    def rows(decls):
        return [(d.header.name, [(i.level2, i.name, i.value.raw) for i in d.indicators]) for d in decls]

    assert rows(by_page) == rows(by_parser)


def test_a_direction_column_gives_the_operator_when_none_is_written():
    (decl,) = parse_file(VARIANTS / "plain-direction-columns.txt").declarations
    assert [i.value.render() for i in decl.indicators] == ["≥500(吨)", "≤240(元/吨)", "≥90(%)"]
    senses = [n for n in decl.parse_notes if n.code == "indicator.direction_sense"]
    assert len(senses) == 3 and "反向" in senses[1].message
    assert decl.funding.total == Decimal(120_000)
