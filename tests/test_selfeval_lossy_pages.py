"""A published 自评表 whose copy lost its empty cells (cells separated by spaces, the whole table on one line):
real pages of 池州市贵池区棠溪镇 (fixtures/real_pages/found/tune5/anthempetcare_tangxi_*_flat.txt, issue 25).
Each indicator row is read up to its 得分 and kept where its 分值/得分 fall on numbers; a row the order cannot
split is a note, never a row."""

from decimal import Decimal
from pathlib import Path

from assistant.domain.cycle import FundKind
from assistant.ingest.selfeval_files import read_self_evaluation_file

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "tune5"


def test_header_funds_in_wan_and_the_year_of_a_one_line_copy():
    form, _ = read_self_evaluation_file(FOUND / "anthempetcare_tangxi_weituo_flat.txt")
    assert (form.project_name, form.year, form.amount_unit) == ("委托业务项目", 2022, "万元")
    # the budget code before the unit's name (219001-…) is not part of the name
    assert (form.department, form.implementer) == ("池州市贵池区棠溪镇人民政府", "池州市贵池区棠溪镇人民政府")
    fiscal = form.fund(FundKind.FISCAL)
    assert (fiscal.initial_budget, fiscal.full_year_budget, fiscal.executed) == (
        Decimal(90),
        Decimal("89.974"),
        Decimal("89.974"),
    )
    # the goal texts after the empty 上年结转资金/其他资金 rows are not taken for their figures
    assert form.fund(FundKind.OTHER).full_year_budget is None
    assert form.goal_planned and form.goal_planned.startswith("本项目共申请预算资金90万元")


def test_rows_are_read_up_to_their_score_with_categories_in_place():
    form, notes = read_self_evaluation_file(FOUND / "anthempetcare_tangxi_weituo_flat.txt")
    rows = [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.weight, r.score) for r in form.rows]
    assert rows[0] == ("产出指标", "数量指标", "基建工程委托业务项目数量", "≥50个", Decimal(8), Decimal(8))
    assert rows[4] == ("产出指标", "成本指标", "项目总成本", "≤90万元", Decimal(8), Decimal(8))
    assert rows[6] == ("效益指标", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", Decimal(10), Decimal(10))
    assert len(rows) == 9
    # the page ends inside its 满意度 row: a note quoting it, no row
    cut = [n for n in notes if n.code == "selfeval.row_unsplit"]
    assert [n.fragment for n in cut] == ["公众满"]


def test_the_second_page_of_the_same_site():
    form, _ = read_self_evaluation_file(FOUND / "anthempetcare_tangxi_cunji_flat.txt")
    assert form.fund(FundKind.FISCAL).full_year_budget == Decimal("132.912")
    assert [(r.link.name, r.target, r.actual) for r in form.rows][:2] == [
        ("补助村(社区)数量", "=8个", "8"),
        ("保障村干部人数", "=42个", "42"),
    ]
    assert [r.link.level1_written for r in form.rows].count("效益指标") == 2


def test_a_run_together_copy_gives_what_its_labels_part_and_notes_the_glued_figures_and_rows():
    """中江 (tune5/chacewang_zhongjiang_shuibiaochi_flat.txt): a notice and its 自评表 on one line with no space
    between cells. The header fields stand between labels and are read; the figures (年度资金总额:202010100.00%10 is
    20 | 20 | 10 | 100.00% | 10) and each row (安装坡面水标尺10≥266米≥266米10) ran together: read only where the
    figures prove one cut (the rate; a 实际值 repeating its 指标值: tests/test_real_pages_classes7.py), the rest noted."""
    form, notes = read_self_evaluation_file(FOUND / "chacewang_zhongjiang_shuibiaochi_flat.txt")
    assert form.project_name == "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装"
    assert (form.year, form.amount_unit, form.department, form.implementer) == (
        2022,
        "万元",
        "中江县水利局",
        "中江县水利局",
    )
    assert form.fund(FundKind.TOTAL).full_year_budget == 20  # proven by its 100.00%
    fiscal = form.fund(FundKind.FISCAL)
    assert fiscal is not None and fiscal.full_year_budget is None and fiscal.executed is None  # 2020: no rate
    codes = [n.code for n in notes]
    assert codes[0] == "selfeval.run_together"
    assert [n.fragment for n in notes if n.code == "selfeval.fund_unsplit"] == ["2020"]
    assert [n.fragment for n in notes if n.code == "selfeval.fund_glued_split"] == ["202010100.00%10"]
    proven = [n.fragment for n in notes if n.code == "selfeval.row_proven"]
    assert "安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10" in proven


def test_a_transfers_run_together_self_evaluation_gives_its_fund_name():
    form, notes = read_self_evaluation_file(FOUND / "chacewang_guangxi_feiyi_flat.txt")
    assert (form.project_name, form.department) == ("非物质文化遗产保护资金", "文化和旅游部")
    assert form.fund(FundKind.TOTAL).full_year_budget == 2118  # 21182118100%: only 2118 | 2118 fits its 100%
    assert any(n.code == "selfeval.fund_glued_split" and n.fragment == "21182118100%" for n in notes)
