"""Layout classes of the thirteenth batch of real published pages (issue 25, helper f16, tuned on tune13 and test13
after their untuned first run): a 自评表 copied from a web page with its cells separated by spaces under a header
wrapped over two lines (年度 / 指标值, 实际 / 完成值), its 分值/得分 wrapped onto a line of their own and the page cut
mid-table; the fund block's unit at the start of its first row and its 执行率 written as a fraction; a ``|`` row cut
after its name by a line break in the cell; a 三级 name worded like a category (满意度(%)). Each class is tested on
the saved real page (``fixtures/real_pages/found``, first line its address) and on a variant written here (other
names, figures and wording), read as ``assistant selfeval import`` does."""

from decimal import Decimal
from pathlib import Path

from assistant.domain.cycle import FundKind
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"
SPACED = FOUND / "test13" / "yuan_wenwu_baohu_selfeval.txt"
WRAPPED_NAME = FOUND / "tune13" / "shidian_xinxing_zhuti_selfeval.txt"


def _codes(notes) -> list[str]:
    return [n.code for n in notes]


def test_a_spaced_web_copy_under_a_two_line_header_is_read_row_by_row():
    form, notes = read_self_evaluation_file(SPACED)
    rows = [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.actual) for r in form.rows]
    assert len(rows) == 9
    assert rows[1] == ("产出指标", "数量指标", "修缮建筑面积", "6000平方米", "6000平方米")
    assert rows[3] == ("产出指标", "质量指标", "验收通过率", "100%", "95%")
    assert rows[7] == ("产出指标", "成本指标", "项目成本控制在预算内", "本着节约的原则,控制在预算中。", "100%")
    assert rows[8][:3] == ("效益指标", "社会效益指标", "文物本体安全、体现文物价值,提升知名度")
    assert [(r.weight, r.score) for r in form.rows[3:5]] == [(6, 5), (6, 6)]
    first = form.rows[0]  # its 分值/得分 ``7 7`` wrapped onto a line of their own under the long values
    assert first.link.name == "修缮建筑数量" and first.target.startswith("完成六安市")
    assert (first.weight, first.score) == (7, 7)
    assert "selfeval.scores_wrapped" in _codes(notes)
    (cut,) = [n for n in notes if n.code == "selfeval.row_cut"]  # the page ends on ``可``: noted, no row made
    assert "「可」" in cut.message
    assert "selfeval.table_unread" not in _codes(notes)


def test_the_fund_unit_at_the_start_of_the_first_row_and_a_fractional_rate():
    form, notes = read_self_evaluation_file(SPACED)
    total = form.fund(FundKind.TOTAL)
    assert form.amount_unit == "万元" and total is not None
    assert (total.initial_budget, total.full_year_budget, total.executed) == (29, 29, Decimal("27.8"))
    assert total.rate == Decimal("95.8") and (total.weight, total.score) == (9, 8)
    assert "selfeval.rate_fraction" in _codes(notes)


_SPACED_VARIANT = """某区2023年度项目支出绩效自评表
项目名称 乡村道路养护经费
主管部门 某区交通运输局 实施单位 某区公路事业发展中心
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元) 年度资金总额 50 40 30 10 0.75 7
其中:当年财政拨款 50 40 30 10 0.75 7
一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
指标值 完成值
产出指标 数量指标 指标1:养护道路里程 ≥120公里 125公里 20 20
指标2:桥梁检查次数 4次 3次 10 7 汛期封路一次未检查
质量指标 路面优良率 ≥85% 88% 20 20
满意度指标 服务对象满意度指标 群众满意度 对沿线村组逐户走访并抽样回访，了解群众对养护工作的意见建议 ≥90%
10 10
效益指标 社会效益指标 通行条件改善 明显 较明显 一般 15 12
时效指标"""


def test_a_variant_spaced_copy_is_split_by_what_each_cell_is():
    form, notes = read_self_evaluation_text(_SPACED_VARIANT, "variant.txt")
    rows = {r.link.name: r for r in form.rows}
    assert list(rows) == ["养护道路里程", "桥梁检查次数", "路面优良率", "群众满意度"]
    assert rows["养护道路里程"].target == "≥120公里" and rows["养护道路里程"].actual == "125公里"
    assert rows["桥梁检查次数"].deviation == "汛期封路一次未检查" and rows["桥梁检查次数"].score == 7
    assert rows["路面优良率"].link.level2_written == "质量指标"
    satisfied = rows["群众满意度"]  # scores on the next line, attached with a note
    assert satisfied.actual == "≥90%" and (satisfied.weight, satisfied.score) == (10, 10)
    assert satisfied.link.level1_written == "满意度指标"
    # a row with more cells than the columns: quoted in a note, not guessed; the category the page ends on is noted
    (unsplit,) = [n for n in notes if n.code == "selfeval.row_unsplit"]
    assert "通行条件改善" in unsplit.message
    assert any(n.code == "selfeval.row_cut" and "时效指标" in n.message for n in notes)
    total = form.fund(FundKind.TOTAL)
    assert total is not None and total.full_year_budget == 40 and total.rate == 75


def test_a_fraction_the_figures_do_not_prove_is_kept_as_written():
    text = _SPACED_VARIANT.replace("50 40 30 10 0.75 7", "50 40 30 10 0.5 7")
    form, notes = read_self_evaluation_text(text, "variant.txt")
    total = form.fund(FundKind.TOTAL)
    assert total is not None and total.rate == Decimal("0.5")
    assert "selfeval.rate_fraction" not in _codes(notes)


def _one_line_header(text: str) -> str:
    return text.replace(" 年度 实际 分值", " 年度指标值 实际完成值 分值").replace("\n指标值 完成值", "")


def test_under_a_one_line_header_spaced_rows_are_split_the_same_way_where_every_line_fits():
    clean = _SPACED_VARIANT.replace("效益指标 社会效益指标 通行条件改善 明显 较明显 一般 15 12\n", "")
    form, notes = read_self_evaluation_text(_one_line_header(clean), "variant.txt")
    rows = {r.link.name: r for r in form.rows}
    assert list(rows) == ["养护道路里程", "桥梁检查次数", "路面优良率", "群众满意度"]
    assert rows["桥梁检查次数"].deviation == "汛期封路一次未检查"
    assert (rows["群众满意度"].weight, rows["群众满意度"].score) == (10, 10)
    assert "selfeval.scores_wrapped" in _codes(notes)
    # a line that fits no split: the table is left to the cell-by-cell reading, as before
    _, notes = read_self_evaluation_text(_one_line_header(_SPACED_VARIANT), "variant.txt")
    assert "selfeval.scores_wrapped" not in _codes(notes)


def test_a_pipe_row_cut_after_its_name_takes_its_figures_from_the_next_line():
    form, notes = read_self_evaluation_file(WRAPPED_NAME)
    rows = {r.link.name: r for r in form.rows}
    assert "15" not in rows  # the figures are no row of their own
    first = rows["扶持发展新型农业经营主体 (个)"]
    assert (first.target, first.actual, first.score) == ("15", "6", Decimal("8.0"))
    assert "selfeval.values_wrapped" in _codes(notes)


def test_a_name_worded_like_a_category_after_the_rows_level2_is_the_name():
    form, notes = read_self_evaluation_file(WRAPPED_NAME)
    last = form.rows[-1]
    assert (last.link.level2_written, last.link.name, last.target, last.actual) == (
        "服务对象满意度指标",
        "满意度(%)",
        "90",
        "100",
    )
    assert "selfeval.name_like_level" in _codes(notes)


_PIPES_VARIANT = """项目支出绩效自评表 |
项目名称 | 农村饮水安全巩固提升工程 | | | |
主管部门 | 某县水务局 | 项目实施单位 | 某县水务局 | |
一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |
产出指标 | 数量指标 | 新建集中供水工程 (处) |
12 | 12 | 20 | |
质量指标 | 水质达标率(%) | 95 | 96 | 20 | |
效益指标 | 社会效益指标 | 受益人口(人) | 8000 | 8200 | 20 | |
满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 90 | 93 | 10 | |
总分 | 70 | | | |"""


def test_variant_pipe_rows_a_wrapped_name_and_a_category_worded_name():
    form, notes = read_self_evaluation_text(_PIPES_VARIANT, "variant.txt")
    rows = {r.link.name: r for r in form.rows}
    assert list(rows) == ["新建集中供水工程 (处)", "水质达标率(%)", "受益人口(人)", "服务对象满意度"]
    assert (rows["新建集中供水工程 (处)"].target, rows["新建集中供水工程 (处)"].score) == ("12", 20)
    satisfied = rows["服务对象满意度"]
    assert satisfied.link.level2_written == "服务对象满意度指标" and satisfied.target == "90"
    assert {"selfeval.values_wrapped", "selfeval.name_like_level"} <= set(_codes(notes))
