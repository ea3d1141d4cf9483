"""Batch 15 (test15, helper f20, session 12: tuned on after its untuned first run), each class on the real page and
on a variant written here.

1. a fund block whose group label carries the total on its own row (Guangxi's 预算项目绩效目标公开表:
   ``项目资金 (万元) | 合计 | 250``): the figure after 合计 is the project's amount, in the group's unit;
2. header lines holding several label/value pairs run together (Chongqing's 重点项目绩效目标表, 江津): each short
   field's value cut before the next known label, a wrapped label and a label with its unit and figure below joined;
3. a 自评表 run together (宁夏, 原州): the 得分计算方法 column, 二级 cells marked (必填硬性指标), rows whose figures
   prove their edges by the score (分值 × 实际值 / 指标值, two decimals) with the reason's year after them, and the
   年度资金总额 written into its label cell while the columns beside it hold text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.ingest.selfeval import read_self_evaluations_text
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.ingest.selfeval_scored_rows import COLUMNS, scored_row
from assistant.ingest.text_export import parse_file, parse_text_bytes

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _codes(decl) -> set[str]:
    return {n.code for n in decl.parse_notes}


# -- 1. 项目资金 (万元) | 合计 | figure -------------------------------------------------------------------------


def test_the_guangxi_page_reads_the_total_after_its_fund_group():
    (decl,) = parse_file(FOUND / "test15" / "frenduro_baise_baidong_shengjun.txt").declarations
    assert decl.header.name == "百色市百东实验初级中学生均教育事业费"
    assert decl.funding.total == Decimal("2500000")
    assert "funding.group_total" in _codes(decl)
    assert "file.truncated" in _codes(decl)  # the page ends before its indicator table: said, nothing made up
    sections = {s.title: s.text for s in decl.sections}
    # 其他资金 is blank: the 项目实施内容 label below it is no amount, its text the project's overview
    assert sections["项目实施内容"].startswith("根据《百色市教育局委托")
    assert sections["中期绩效目标"].startswith("多渠道增加优质教育资源供给")
    assert decl.funding.other_total is None and "funding.bad_amount" not in _codes(decl)


_GROUP_TOTAL_VARIANT = """source: https://example.invalid/gk/1.html
| 2023年度预算项目绩效目标公开表 | |||||
| 项目名称 | 某县乡村公路养护补助经费 | |||||
| 项目主管部门 | 某县交通运输局 | 项目实施单位 | 某县公路养护中心 | ||
| 项目属性 | 一次性 | |||||
| 项目资金 (万元) | 合计 | 86.5 | ||||
| 一般公共预算拨款 | 小计 | 80 | ||||
| 县本级 | 80 | |||||
| 其他资金 | 6.5 | |||||
| 年度绩效目标 | 完成全县农村公路日常养护，保障道路安全畅通。 | |||||"""


def test_a_written_page_reads_the_group_total_in_the_groups_unit():
    (decl,) = parse_text_bytes(_GROUP_TOTAL_VARIANT.encode(), "v.txt").declarations
    assert decl.header.name == "某县乡村公路养护补助经费"
    assert decl.funding.total == Decimal("865000")  # 86.5 万元, the group's unit
    assert decl.header.year == 2023 and "header.year_from_page" not in _codes(decl)  # …绩效目标公开表: the form's title


def test_a_page_copied_a_cell_a_line_reads_the_group_total_too():
    lines = [cell.strip() for line in _GROUP_TOTAL_VARIANT.splitlines()[1:] for cell in line.split("|") if cell.strip()]
    text = "\n".join([_GROUP_TOTAL_VARIANT.splitlines()[0], *lines])
    (decl,) = parse_text_bytes(text.encode(), "v.txt").declarations
    assert "\n合计\n86.5\n" in text
    assert decl.funding.total == Decimal("865000")


def test_a_goal_group_with_a_total_word_is_no_amount():
    text = _GROUP_TOTAL_VARIANT.replace("| 项目资金 (万元) | 合计 | 86.5 |", "| 项目绩效目标 | 合计 | 86.5 |")
    (decl,) = parse_text_bytes(text.encode(), "v.txt").declarations
    assert decl.funding.total is None


# -- 2. several label/value pairs run together on one line (Chongqing's 重点项目绩效目标表) ---------------------------


def test_the_jiangjin_page_reads_each_pair_of_its_run_together_lines():
    (decl,) = parse_file(FOUND / "test15" / "jiangjin_dingshan_shizheng.txt").declarations
    header = decl.header
    assert (header.name, header.year) == ("市政日常维护经费", 2021)
    assert header.applicant == header.department == "重庆市江津区鼎山街道办事处"
    assert (header.nature, header.category) == ("延续", "常年性")  # 项目属性延续项目分类常年性支出分类重点专项
    assert (str(header.start_date), str(header.end_date)) == ("2021-01-01", "2021-12-31")  # 1/1/2021, 12/31/2021
    assert decl.funding.annual == Decimal("22430200")  # 项目申报金额 / (万元) / 2243.02 on three lines
    sections = {s.title: s.text for s in decl.sections}
    assert sections["政策依据"] == "江津府发【2016】40号"  # not run on into the bare 项目理由 below it
    assert sections["项目实施进度计划"] == "2021年12月31日前完成"  # 项目 / 实施进度计划 wrapped over two lines
    assert sections["项目中期规划绩效目标"] == ""  # left empty on the page: nothing made up
    assert sections["项目当年绩效目标"].startswith("完成1个老集镇的维护")
    kept = {n.fragment for n in decl.parse_notes if n.code == "header.kept_field"}
    assert "重点专项" in kept  # 支出分类: no field of its own, kept in a note
    assert "web.glued_lines" in _codes(decl)
    assert not decl.indicators


_PAIRS_VARIANT = """某区某镇人民政府2022年重点项目绩效目标表
预算单位某区某镇人民政府项目主管部门某区农业农村委员会项目名称高标准农田管护经费
项目预计开始时间2022-01-01预计完成时间2022-12-31项目申报金额
(万元)
86.4
项目属性新增项目分类一次性支出分类一般专项
政策依据某府办发〔2021〕12号
项目理由
项目概况用于全镇高标准农田3200亩的日常管护，项目资金按每亩270元计算。
项目
实施进度计划
2022年11月底前完成
项目中期规划绩效目标
项目当年绩效目标完成3200亩高标准农田的管护。
绩效指标指标"""


def test_a_written_page_of_the_family_reads_every_pair():
    (decl,) = parse_text_bytes(_PAIRS_VARIANT.encode(), "v.txt").declarations
    header = decl.header
    assert (header.name, header.year) == ("高标准农田管护经费", 2022)
    assert header.applicant == "某区某镇人民政府"
    assert header.department == "某区农业农村委员会"
    assert (header.nature, header.category) == ("新增", "一次性")
    assert str(header.start_date) == "2022-01-01" and str(header.end_date) == "2022-12-31"
    assert decl.funding.annual == Decimal("864000")
    sections = {s.title: s.text for s in decl.sections}
    # a text section's value is never cut at a label word it holds (项目资金 inside 项目概况)
    assert sections["项目概况"] == "用于全镇高标准农田3200亩的日常管护，项目资金按每亩270元计算。"
    assert sections["项目实施进度计划"] == "2022年11月底前完成"


def test_a_label_word_inside_a_text_value_is_no_edge():
    from assistant.ingest.web_glued_pairs import split_pairs

    assert split_pairs("项目概况本项目名称为某工程，项目资金50万元") == [
        "项目概况",
        "本项目名称为某工程，项目资金50万元",
    ]
    assert split_pairs("预算单位某局项目名称某经费") == ["预算单位", "某局", "项目名称", "某经费"]
    assert split_pairs("某局项目名称某经费") == ["某局项目名称某经费"]  # no label at its start: one cell
    # an amount's label inside a name is no edge unless a figure follows it
    assert split_pairs("项目名称某区财政资金监管平台运维") == ["项目名称", "某区财政资金监管平台运维"]
    assert split_pairs("项目名称某经费项目申报金额(万元)12.5") == ["项目名称", "某经费", "项目申报金额(万元)", "12.5"]


# -- 3. a 自评表 run together with a 得分计算方法 column -----------------------------------------------------------------


def _se_rows(form):
    return [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.weight, r.score) for r in form.rows]


def test_the_yuanzhou_page_reads_its_amount_and_every_row():
    path = FOUND / "test15" / "chacewang_yuanzhou_bianxiaocha_selfeval.txt"
    ((form, notes),) = read_self_evaluation_forms(path)
    assert (form.department, form.implementer) == (
        "原州区宗教事务局",
        "原州区民族宗教事务局",
    )  # 主管部门及代码: code apart
    total = form.funds[0]
    assert (total.full_year_budget, form.amount_unit) == (Decimal("38.75"), "万元")  # 年度资金总额:38.75万元
    assert total.executed is None  # the 全年执行数 cell holds text: nothing made up
    rows = _se_rows(form)
    assert [r[:2] for r in rows] == [
        ("产出指标", "数量指标(必填硬性指标)"),
        ("产出指标", "时效指标(必填)"),
        ("产出指标", "成本指标(必填硬性指标)"),
    ]
    assert rows[0][2].startswith("针对原州区监测帮扶对象") and rows[0][3:] == ("100", Decimal("20"), Decimal("20"))
    assert rows[1][2:] == ("确定于于2022年12月底前发放完毕", "100", Decimal("10"), Decimal("9.34"))
    assert rows[2][2:] == ("38.75万元", "38.75", Decimal("10"), Decimal("9.34"))
    assert form.rows[2].actual == "36.2" and form.rows[2].deviation.startswith("2021年底初步预算资金36.2万元")
    codes = [n.code for n in notes]
    # row 2 repeats its 指标值 (proven as such, with its two-decimal 得分); row 3 is proven by its score alone
    assert "selfeval.fund_in_label" in codes
    assert (codes.count("selfeval.row_proven"), codes.count("selfeval.row_scored")) == (2, 1)
    assert "selfeval.row_unsplit" in codes  # the 社会效益指标 row the page cuts off: said, not read
    unkept = next(n for n in notes if n.code == "selfeval.columns_unkept")
    assert "得分计算方法" in unkept.message  # its own column, named as written (not cut into 得分 | 计算方法)


_SELFEVAL_VARIANT = (
    "项目支出绩效自评表(2023年度)项目名称某县农村饮水工程维修养护项目主管部门及代码某县水务局123456001实施单位某县水利工作站"
    "项目资金(万元)年初预算数全年执行数年度资金总额:52.4万元某县农村饮水工程维修养护项目52.4万元(中央资金40万元,"
    "县级资金12.4万元)某县农村饮水工程维修养护项目52.4万元其中:财政拨款中央资金40万元其他资金县级资金12.4万元"
    "年度总体目标完成全县饮水工程维修养护,绩效指标一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分计算方法得分"
    "未完成原因分析产出指标(50分)数量指标(必填硬性指标)维修养护集中供水工程处数20121220质量指标(必填)"
    "工程维修合格率15959014.21时效指标(必填)维修完成及时率101001009.34维修响应及时率51001004.5成本指标(必填硬性指标)52.4万元1052.448.59.262023年底结余资金3.9万元,"
)


def test_a_written_page_of_the_family_reads_every_row_its_figures_prove():
    ((form, notes),) = read_self_evaluations_text(_SELFEVAL_VARIANT, "v.txt")
    assert form.project_name == "某县农村饮水工程维修养护项目" and form.year == 2023
    assert form.department == "某县水务局"
    assert form.funds[0].full_year_budget == Decimal("52.4")
    assert _se_rows(form) == [
        ("产出指标", "数量指标(必填硬性指标)", "维修养护集中供水工程处数", "12", Decimal("20"), Decimal("20")),
        ("产出指标", "质量指标(必填)", "工程维修合格率", "95", Decimal("15"), Decimal("14.21")),
        # two rows in one cell, each 实际值 repeating its 指标值, two-decimal 得分: the one way to cut them
        ("产出指标", "时效指标(必填)", "维修完成及时率", "100", Decimal("10"), Decimal("9.34")),
        ("产出指标", "时效指标(必填)", "维修响应及时率", "100", Decimal("5"), Decimal("4.5")),
        ("产出指标", "成本指标(必填硬性指标)", "52.4万元", "52.4", Decimal("10"), Decimal("9.26")),
    ]
    assert form.rows[4].deviation == "2023年底结余资金3.9万元"


def test_figures_that_more_than_one_cut_fits_are_not_read():
    columns = list(COLUMNS)
    assert scored_row("维修养护集中供水工程处数20121220", 1, columns) is None  # 20|12|12|20 and 20|1212|2|0 both fit
    assert scored_row("工程维修合格率1595909.47", 1, columns) is None  # 15×90/95 = 14.21, not 9.47: nothing proves
    assert scored_row("工程维修合格率15959014.21", 1, columns[:4]) is None  # no 得分 column: not this table


def test_a_total_in_its_label_is_not_read_where_the_columns_hold_figures():
    text = _SELFEVAL_VARIANT.replace("年初预算数全年执行数", "年初预算数全年预算数全年执行数")
    text = text.replace(
        "年度资金总额:52.4万元某县农村饮水工程维修养护项目52.4万元(中央资金40万元,县级资金12.4万元)"
        "某县农村饮水工程维修养护项目52.4万元",
        "年度资金总额:52.4万元52.452.448.5",
    )
    ((form, notes),) = read_self_evaluations_text(text, "v.txt")
    assert "selfeval.fund_in_label" not in {n.code for n in notes}


def test_a_date_with_its_year_last_is_read_only_where_its_order_is_beyond_doubt():
    from datetime import date

    import pytest

    from assistant.ingest.cells import parse_date

    assert parse_date("1/1/2021") == date(2021, 1, 1)
    assert parse_date("12/31/2021") == date(2021, 12, 31)
    assert parse_date("31/12/2021") == date(2021, 12, 31)
    with pytest.raises(ValueError):
        parse_date("3/4/2021")  # March 4th or April 3rd: not guessed


def test_a_units_code_after_its_name_is_kept_apart():
    from assistant.ingest.cells import strip_unit_code

    assert strip_unit_code("某县水务局123456001") == ("某县水务局", "123456001")
    assert strip_unit_code("某县第2中学") == ("某县第2中学", None)  # a short number is the name's
    assert strip_unit_code("820001-某镇人民政府") == ("某镇人民政府", "820001")


def test_a_unit_line_joins_only_a_label_that_ends_its_line():
    from assistant.ingest.web_glued_pairs import joined_lines

    lines = ["项目概况用于道路养护", "(万元)", "项目申报金额", "(万元)", "12"]
    assert joined_lines(lines, 1) == [(1, "项目概况用于道路养护"), (2, "(万元)"), (3, "项目申报金额(万元)12")]
