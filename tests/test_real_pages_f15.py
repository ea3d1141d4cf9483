"""Classes left on the seen halves after session 9 (helper f15), each on its real page and a variant written here.

1. a 自评表 whose indicator table has a 指标方向 column of words (``正向 | 大于等于 | 1 | 1 | 次``) after 指标性质 and whose
   一级 column is blank (test10, 巴彦淖尔: tuned on): the direction is read as the value's sign (the column had been
   taken for an indicator row, and every cell after it for one more row), the blank 一级 placed by its 二级 with a
   note; the first rows of a table whose 一级 cells were lost altogether (tune7 旺苍, tune8 阆中: the rows start at
   their 二级) placed the same way, with one note;
2. a 自评表 title whose year stands bare in brackets (``自评表 (2021)``) on a page whose publication date
   (``发布日期: 2022年04月02日``) runs into the title's line (test10, 咸宁): the form's year is the title's.
"""

from __future__ import annotations

from pathlib import Path

from assistant.domain.values import Operator, ValueKind, parse_value
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.ingest.text_export import parse_file, parse_text_bytes

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


# ---- 1. a 指标方向 column and a blank 一级 ------------------------------------------------------------------------


def test_direction_column_and_blank_level1_on_the_real_page():
    ((form, notes),) = read_self_evaluation_forms(FOUND / "test10" / "bynr_ganqimaodu_ziranziyuan_selfeval.txt")
    rows = [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.actual) for r in form.rows]
    assert rows[:4] == [
        ("产出指标", "数量指标", "租车次数(次)", "≥1次", "1"),
        ("产出指标", "数量指标", "宣传美工制作个数(个)", "≤1个", "1"),
        ("产出指标", "质量指标", "租车达标率", "=100%", "100"),
        ("产出指标", "质量指标", "宣传合格率", "=100%", "100"),
    ]
    names = [r.link.name for r in form.rows]
    assert not {"指标方向", "大于等于", "等于", "1", "8"} & set(names)  # no column name or cell read as a row
    assert [r.score for r in form.rows[:2]] == [8, 7]
    assert any(n.code == "selfeval.level1_blank" and "数量指标" in n.message for n in notes)


_DIRECTION_VARIANT = """项目支出绩效自评表
（2023年度）
项目名称 | 城区道路保洁经费 |
主管部门 | 某区城市管理局 | 实施单位 | 某区环卫所 |
项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |
年度资金总额 | 10 | 12.5 | 12.5 | 10 | 100 | 10 |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 年度指标值 | 实际完成值 | 计量单位 | 分值 | 得分 | 偏差原因分析及改进措施 |
| | | 质量指标 | 保洁合格率 | 正向 | 大于 | 95 | 97 | % | 20 | 20 | |
| | | 时效指标 | 清扫完成时限 | 反向 | 小于等于 | 2 | 2 | 小时 | 10 | 10 | |
| | 效益指标 | 社会效益指标 | 市民投诉件数 | 反向 | 小于 | 30 | 12 | 件 | 20 | 20 | |
"""


def test_direction_column_variant_other_words_and_a_written_level1():
    form, notes = read_self_evaluation_text(_DIRECTION_VARIANT, "variant.txt")
    rows = [(r.link.level1_written, r.link.level2_written, r.link.name, r.target) for r in form.rows]
    assert rows == [
        ("产出指标", "质量指标", "保洁合格率", ">95%"),
        ("产出指标", "时效指标", "清扫完成时限", "≤2小时"),
        ("效益指标", "社会效益指标", "市民投诉件数", "<30件"),
    ]
    assert [n.code for n in notes].count("selfeval.level1_blank") == 1  # the written 效益指标 needs no note


def test_leading_rows_of_a_table_whose_level1_cells_were_lost_get_it_from_their_level2():
    # the rows start at their 二级 (no blank cell where the 一级 stood) until one writes its 一级: the column is in
    # the header, so those rows' 一级 was lost in the copy; the framework places each 二级 under one 一级
    page = _DIRECTION_VARIANT.replace("| | | 质量指标 | 保洁合格率", "质量指标 | 保洁合格率").replace(
        "| | | 时效指标 | 清扫完成时限", "时效指标 | 清扫完成时限"
    )
    form, notes = read_self_evaluation_text(page, "variant.txt")
    assert [(r.link.level1_written, r.link.name) for r in form.rows] == [
        ("产出指标", "保洁合格率"),
        ("产出指标", "清扫完成时限"),
        ("效益指标", "市民投诉件数"),
    ]
    (note,) = [n for n in notes if n.code == "selfeval.level1_unwritten"]
    assert "质量指标、时效指标" in note.message and "前 2 行" in note.message


def test_lost_level1_cells_on_the_real_pages():
    ((form, notes),) = read_self_evaluation_forms(FOUND / "tune8" / "langzhong_chegoushui_flat.txt")
    levels = [(r.link.level1_written, r.link.level2_written) for r in form.rows]
    assert levels[0] == ("产出指标", "数量指标") and levels[3] == ("效益指标", "经济效益指标")
    assert levels[-1] == ("满意度指标", "服务对象满意度指标")  # written on the page, kept
    assert any(n.code == "selfeval.level1_unwritten" for n in notes)
    ((form, _),) = read_self_evaluation_forms(FOUND / "tune7" / "scgw_wangcang_jiyao.txt")
    assert {r.link.level1_written for r in form.rows if r.link.level2_written in {"数量指标", "质量指标"}} == {
        "产出指标"
    }


# ---- 2. a title's bare bracketed year --------------------------------------------------------------------------


def test_bracketed_title_year_wins_over_the_publication_date_on_the_real_page():
    ((form, _),) = read_self_evaluation_forms(FOUND / "test10" / "xianning_daqi_wuran_selfeval.txt")
    assert form.year == 2021


def test_bracketed_title_year_variant():
    page = _DIRECTION_VARIANT.replace(
        "项目支出绩效自评表\n（2023年度）", "区域绩效目标自评表（2024） 发布时间：2025年3月1日"
    )
    form, _ = read_self_evaluation_text(page, "variant.txt")
    assert form.year == 2024
    dated = _DIRECTION_VARIANT.replace(
        "项目支出绩效自评表\n（2023年度）", "项目支出绩效自评表 发布日期：2025年03月01日"
    )
    form, _ = read_self_evaluation_text(dated, "variant.txt")
    assert form.year is None  # a date is no form's year; nothing else on the page gives one


# ---- 3. 主管预算部门 -----------------------------------------------------------------------------------------------


def test_the_budget_department_label_names_the_department():
    (decl,) = parse_file(FOUND / "tune3" / "tjnh_minbanyuan_fangzu.txt").declarations
    assert decl.header.department == "天津市宁河区教育局"
    page = (
        "项目支出绩效目标表\n项目名称 | 城区道路保洁 |\n主管预算单位 | 某区城市管理局 | 项目预算金额(万元) | 12.5 |\n"
    )
    page += "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 保洁面积 | ≥30万平方米 |\n"
    (decl,) = parse_text_bytes(page.encode("utf-8"), "variant.txt").declarations
    assert (decl.header.department, decl.funding.total) == ("某区城市管理局", 125_000)


# ---- 4. a unit's label naming its name and code, cut after its 及 --------------------------------------------------


def test_a_department_label_cut_after_its_and_is_joined_on_the_real_page():
    (decl,) = parse_file(FOUND / "test8" / "dehua_laonian_zhucan.txt").declarations
    assert decl.header.department == "德化县民政局"
    assert not any(n.fragment == "主管部门(单位)名称及" for n in decl.parse_notes)  # no longer an unplaced cell


def test_a_unit_label_with_its_code_variant():
    page = "\n\n".join(
        [
            "项目支出绩效目标表",
            "项目名称",
            "城区道路保洁",
            "实施单位名称及",
            "单位编码",
            "某区环卫所",
            "资金总额（万元）",
            "12.5",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 保洁面积 ≥30万平方米",
        ]
    )
    (decl,) = parse_text_bytes(page.encode("utf-8"), "variant.txt").declarations
    assert decl.header.implementer == "某区环卫所"


# ---- 5. a notice of targets signed by its organisation -------------------------------------------------------------


def test_the_signer_of_a_notice_of_targets_is_its_applicant_on_the_real_pages():
    for page, signer in (
        ("tongxin_sheshi_peixun.txt", "同心县农业农村局"),
        ("tongxin_huangjinmi_putao.txt", "同心县下马关镇人民政府"),
    ):
        (decl,) = parse_file(FOUND / "tune3" / page).declarations
        assert decl.header.applicant == signer, page
        assert any(n.code == "web.notice_signer" and signer in n.message for n in decl.parse_notes)


_NOTICE = """关于某街道2024年社区食堂运营补贴项目绩效目标设定的公示
安排某街道2024年社区食堂运营补贴资金20万元。现将具体绩效目标设定如下:
一、产出指标
(一)数量指标
补贴社区食堂数量≥4个;
二、满意度指标
就餐老人满意度≥90%。
某市某区某街道办事处
2024年3月5日
"""


def test_a_notice_signed_by_its_office_variant_and_one_naming_its_unit():
    (decl,) = parse_text_bytes(_NOTICE.encode("utf-8"), "notice.txt").declarations
    assert decl.header.applicant == "某市某区某街道办事处"
    named = _NOTICE.replace("如下:\n", "如下:\n项目基本情况：主管部门为某区民政局。\n")
    (decl,) = parse_text_bytes(named.encode("utf-8"), "notice.txt").declarations
    assert (decl.header.department, decl.header.applicant) == ("某区民政局", None)  # the text names its unit
    unsigned = _NOTICE.replace("2024年3月5日\n", "")
    (decl,) = parse_text_bytes(unsigned.encode("utf-8"), "notice.txt").declarations
    assert decl.header.applicant is None  # no date under it: no signature proven


# ---- 6. ═ for = -----------------------------------------------------------------------------------------------------


def test_a_box_drawing_equals_sign_is_read_as_equals_on_the_real_page():
    ((form, _),) = read_self_evaluation_forms(FOUND / "test5" / "yongde_minglang_yingyang.txt")
    rows = {r.link.name: r for r in form.rows}
    row = rows["政策知晓率"]
    assert row.target == "=100%" and row.target_value is not None and row.target_value.operator is Operator.EQ


def test_a_box_drawing_equals_sign_variant():
    value = parse_value("═ 95%")
    assert (value.kind, value.operator, value.number, value.unit) == (ValueKind.QUANTITATIVE, Operator.EQ, 95, "%")
    page = _DIRECTION_VARIANT.replace("| 正向 | 大于 | 95 |", "| ═ | | 95 |")
    form, _ = read_self_evaluation_text(page, "variant.txt")
    assert form.rows[0].target == "=95%"


# ---- 7. 成本指标 in the 一级 column, its 二级 beside it ------------------------------------------------------------


def test_cost_in_the_level1_column_is_the_level1_of_its_row_on_the_real_page():
    (decl,) = parse_file(FOUND / "test3" / "nanxian_cdc_jiandu.txt").declarations
    levels = [(i.level1_written, i.level2_written) for i in decl.indicators]
    assert levels[:2] == [("成本指标", "经济成本指标"), ("成本指标", "社会成本指标")]


def test_cost_over_its_level2s_variant_other_rows():
    # the real page's table with other rows: names, figures and the 二级 under 成本指标 changed
    text = (FOUND / "test3" / "nanxian_cdc_jiandu.txt").read_text(encoding="utf-8")
    text = text.replace("经济成本指标 | 疾病预防控制中心经费 | ≤ | 70", "社会成本指标 | 应急培训人均成本 | ≤ | 350")
    text = text.replace("社会成本指标 | 实施项目对社会产生的不利影响", "经济成本指标 | 应急物资储备支出")
    (decl,) = parse_text_bytes(text.encode("utf-8"), "variant.txt").declarations
    rows = {i.name: (i.level1_written, i.level2_written) for i in decl.indicators}
    assert rows["应急培训人均成本"] == ("成本指标", "社会成本指标")
    assert rows["应急物资储备支出"] == ("成本指标", "经济成本指标")
