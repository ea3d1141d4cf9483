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
