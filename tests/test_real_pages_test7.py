"""Classes of the seventh batch's test half (test7/, tuned on after its untuned figure was taken), each tested on the
real page it was seen on and, where it helps, on a variant written here.

The real pages are the text the search tool stored (``tests/fixtures/real_pages/found/test7/``, first line
``source:``), read with the product's readers as ``assistant import`` and ``assistant cycle import`` do.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.cycle import FundKind, SelfEvaluation
from assistant.errors import NotADeclarationError
from assistant.ingest.selfeval import read_self_evaluation_text, read_self_evaluations_text
from assistant.ingest.selfeval_files import read_self_evaluation_file, read_self_evaluation_forms
from assistant.ingest.selfeval_words import without_numbering
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.ingest.web_cost_total import assumed_unit, cost_total

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"
TEST7 = FOUND / "test7"


def _budget(form: SelfEvaluation) -> Decimal | None:
    line = form.fund(FundKind.TOTAL)
    return line.full_year_budget if line is not None else None


def _rows(form: SelfEvaluation) -> dict[str, tuple[str | None, str | None, str]]:
    return {r.link.name: (r.link.level1_written, r.link.level2_written, r.target) for r in form.rows}


def _codes(notes: list) -> set[str]:
    return {n.code for n in notes}


# -- 1. PDF text: labels and values in separate runs; two 自评表 on one page ---------------------------------------


def test_every_self_evaluation_on_a_pdf_page_is_read_in_order() -> None:
    forms = read_self_evaluation_forms(TEST7 / "chddh_putuo_tiyu_pdf.txt")
    assert [f.project_name for f, _ in forms] == ["普陀体育中心与委托运营方结算费用", "援滇对口支援及结对帮扶经费"]
    assert [_budget(f) for f, _ in forms] == [Decimal("250000.00"), Decimal("20000.00")]
    assert [f.department for f, _ in forms] == ["上海市普陀区体育局"] * 2
    assert len({f.id for f, _ in forms}) == 2  # two forms of one file are two forms
    first, notes = forms[0]
    assert {"selfeval.name_before_label", "selfeval.fund_order", "selfeval.column_runs"} <= _codes(notes)
    assert _rows(first) == {
        "与委托运营方结算完成率": ("产出指标", "数量指标", "=100%"),
        "合同结算条款完成率": ("产出指标", "质量指标", "=100%"),
        "费用结算及时性": ("产出指标", "时效指标", "及时"),
        "与委托运营方合同完成率": ("效益指标", "社会效益指标", "=100%"),
        "场馆开放满意度": ("满意度指标", "服务对象满意度指标", ">=90%"),
    }
    assert [r.score for r in first.rows] == [Decimal(10), Decimal(20), Decimal(20), Decimal(30), Decimal(10)]
    # the second form's page ends before its values: no row is made up, the table is noted
    second, second_notes = forms[1]
    assert second.rows == []
    assert "selfeval.table_unread" in _codes(second_notes)


def test_the_single_form_reader_takes_the_first_and_names_the_others() -> None:
    form, notes = read_self_evaluation_file(TEST7 / "chddh_putuo_tiyu_pdf.txt")
    assert form.project_name == "普陀体育中心与委托运营方结算费用"
    (more,) = [n for n in notes if n.code == "selfeval.more_forms"]
    assert "援滇对口支援及结对帮扶经费" in more.message


_FORM = """项目支出绩效自评表
项目名称 | {name}
主管部门 | 某区某局
项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | {amount} | {amount} | {amount} | 10 | 100% | 10
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
产出指标 | 数量指标 | {row} | ≥1次 | 1次 | 50 | 50 | 无
"""


def test_two_forms_written_one_after_the_other_are_two_forms() -> None:
    text = _FORM.format(name="甲项目", amount="10", row="培训次数") + _FORM.format(
        name="乙项目", amount="20", row="检查次数"
    )
    forms = read_self_evaluations_text(text, "two.txt")
    assert [(f.project_name, _budget(f), list(_rows(f))) for f, _ in forms] == [
        ("甲项目", Decimal("10"), ["培训次数"]),
        ("乙项目", Decimal("20"), ["检查次数"]),
    ]


def test_a_title_repeated_without_a_name_of_its_own_stays_in_the_form() -> None:
    text = _FORM.format(name="甲项目", amount="10", row="培训次数") + "项目支出绩效自评表\n第 2 页\n"
    forms = read_self_evaluations_text(text, "one.txt")
    assert [f.project_name for f, _ in forms] == ["甲项目"]


def test_column_runs_whose_counts_disagree_are_not_paired() -> None:
    # two value groups, one name: the order does not pair them, so no row is read and the table is noted
    text = (
        "财政项目支出绩效自评表 (2022 年度) 项目名称 某项目 主管部门 某局 一级指标 二级指标 数量指标 三级指标 "
        "年度 指标值 实际 完成值 分值 得分 =100% 100% 10 10 =100% 100% 20 20 产出指标 质量指标 培训完成率 总分"
    )
    form, notes = read_self_evaluation_text(text, "pdf.txt")
    assert form.project_name == "某项目"
    assert "selfeval.column_runs" not in _codes(notes)
    assert all(r.link.name != "培训完成率" or r.target != "=100%" for r in form.rows)


# -- 2. a project list with outlined targets and no form title ------------------------------------------------------


def test_a_project_list_without_a_form_title_is_read_by_its_fields_and_indicators() -> None:
    first, second = parse_file(TEST7 / "huangshan_gongan_xiangmu.txt").declarations
    assert first.header.name == "黄山市雪亮工程市本级机房租赁2024至2027服务采购项目"
    assert first.funding.annual == Decimal("1681680")
    assert first.header.applicant == "黄山市公安局"
    rows = {i.name: (i.level1_written, i.level2_written, i.value.raw) for i in first.indicators}
    assert len(rows) == 9
    assert rows["机柜数量"] == ("产出指标", "数量指标", "≥77台")
    assert rows["提升群众安全感"] == ("满意度指标", "服务对象满意度指标", "≥90%")
    assert "web.unit_assumed" in {n.code for n in first.parse_notes}
    assert second.header.name == "执法办案费"
    assert second.funding.annual == Decimal("100000")
    assert second.indicators == []
    assert "file.truncated" in {n.code for n in second.parse_notes}


_LIST = """某市某局2025年项目绩效目标和指标
单位编码
单位名称(项目类别/支出项目)
年度预算安排
项目内容
绩效目标
某市某局
500000
  001001
  社区巡查服务项目
500000
【项目概况】:巡查服务
【产出指标-数量指标】
指标1:巡查次数(≥12次)
【满意度指标-服务对象满意度指标】
指标1:群众满意度(≥90%)
"""


def test_a_written_project_list_is_read_and_a_list_without_categories_is_not() -> None:
    (decl,) = parse_text_bytes(_LIST.encode("utf-8"), "list.txt").declarations
    assert decl.header.name == "社区巡查服务项目"
    assert decl.funding.annual == Decimal("500000")
    assert {i.name: i.value.raw for i in decl.indicators} == {"巡查次数": "≥12次", "群众满意度": "≥90%"}
    bare = _LIST.replace("【产出指标-数量指标】", "【说明】").replace("【满意度指标-服务对象满意度指标】", "【说明】")
    with pytest.raises(NotADeclarationError):
        parse_text_bytes(bare.encode("utf-8"), "bare.txt")


# -- 3. 指标1 numbering glued to the name; a cell per line; wrapped column names ------------------------------------


def test_numbering_glued_to_the_name_is_stripped_and_a_cell_per_line_table_is_read() -> None:
    form, notes = read_self_evaluation_file(TEST7 / "lfsp_langfang_nuantong.txt")
    assert _budget(form) == Decimal("43.2")
    assert form.amount_unit == "万元"
    rows = _rows(form)
    assert list(rows) == [
        "工程资金金额",
        "工程完工率",
        "工程验收合格率",
        "项目完成及时率",
        "成本控制率",
        "安全率",
        "学校发展能力",
        "长期使用性",
        "学生满意度",
    ]
    assert rows["安全率"] == ("效益指标", "经济效益指标", "100")  # ``经济效益`` / ``指标`` joined
    assert rows["学生满意度"] == ("满意度指标", "服务对象满意度指标", "100")
    assert "selfeval.template_row" in _codes(notes)  # 指标2 / …… rows the template left empty


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("指标1工程资金金额", "工程资金金额"),
        ("指标1：培训人次", "培训人次"),
        ("指标12", "指标12"),
        ("指标值达标率", "指标值达标率"),
    ],
)
def test_numbering_is_stripped_only_where_it_is_numbering(written: str, name: str) -> None:
    assert without_numbering(written) == name


def test_the_declaration_reader_strips_glued_numbering_too() -> None:
    text = (
        "项目支出绩效目标表\n项目名称\t某项目\n年度资金总额\t10000\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t指标1工程验收次数\t≥2次\n"
    )
    (decl,) = parse_text_bytes(text.encode("utf-8"), "numbered.txt").declarations
    assert [i.name for i in decl.indicators] == ["工程验收次数"]


# -- 4. a run-together 自评表 whose 专项资金名称 runs into its value -------------------------------------------------


def test_a_run_together_name_label_is_cut_and_the_scrambled_table_noted() -> None:
    form, notes = read_self_evaluation_file(TEST7 / "taowenge_hengshan_chubeiliang_flat.txt")
    assert form.project_name == "县级储备粮"
    assert form.department == "衡山县商务和粮食局"
    assert _budget(form) == Decimal("194.9")
    assert form.amount_unit == "万元"
    # its table was flattened into text: rows read where their edges show (selfeval_flat_rows, test_real_pages_f10)
    assert len(form.rows) == 16 and "selfeval.flat_rows" in _codes(notes)


# -- 6. an amount cell that carries its unit ------------------------------------------------------------------------


def test_an_amount_cell_with_its_unit_is_read_in_the_forms_unit() -> None:
    form, _ = read_self_evaluation_file(TEST7 / "chddh_shangrao_sifa_xls.txt")
    assert _budget(form) == Decimal("620.82")
    assert form.amount_unit == "万元"


def test_an_amount_in_wan_in_a_form_in_yuan_is_converted_and_noted() -> None:
    text = _FORM.format(name="甲项目", amount="12.5万元", row="培训次数").replace("项目资金(万元)", "项目资金")
    form, notes = read_self_evaluation_text(text, "wan.txt")
    assert form.amount_unit == "元"
    assert _budget(form) == Decimal("125000")
    assert "selfeval.cell_unit" in _codes(notes)


# -- 8. a name cell of scanning noise; a per-place row without 反映 ------------------------------------------------


def test_a_name_cell_of_scanning_noise_is_read_from_the_title() -> None:
    form, notes = read_self_evaluation_file(FOUND / "tune7" / "bigxun_yuanzhou_malingshu_flat.txt")
    assert form.project_name == "马铃薯冲薯繁育示范推广项目"
    (note,) = [n for n in notes if n.code == "selfeval.name_from_title"]
    assert "碟令薯樽轴示施项目" in note.message


def test_a_name_cell_that_differs_from_the_title_but_is_words_of_the_page_is_kept() -> None:
    text = "培训推广项目绩效目标自评表(2022年度)\n" + _FORM.format(name="农技培训项目", amount="10", row="农技培训次数")
    form, notes = read_self_evaluation_text(text, "kept.txt")
    assert form.project_name == "农技培训项目"
    assert "selfeval.name_from_title" not in _codes(notes)


def test_a_per_place_row_whose_explanation_echoes_its_name_is_read() -> None:
    (decl,) = parse_file(FOUND / "tune7" / "chacewang_xiuyu_shuili_flat.txt").declarations
    rows = {i.name: (i.level2_written, i.value.raw) for i in decl.indicators}
    assert rows["已建工程是否存在质量问题"] == ("质量指标", "否")


# -- 5. a flattened PDF 自评表: read where the order allows, noted where not -------------------------------------------


def test_a_flattened_pdf_form_reads_what_the_order_shows_and_invents_no_name() -> None:
    # 广水: ``项目名称 项目主管单 位 自评总分: 95 项目实施单位 广水市交通运输局 …``: the name's cell is elsewhere
    form, notes = read_self_evaluation_file(TEST7 / "wenkuvip_guangshui_xiangcun_flat.txt")
    # not ``项目主管单`` (a label the line wrap cut), not guessed: the one name-shaped cell of the head, which the page
    # writes again as ``1:乡村道路建设养护项目`` (f13; before, no name was read)
    assert form.project_name == "乡村道路建设养护项目"
    assert form.department is None  # not ``自评总分:`` (another label)
    assert form.implementer == "广水市交通运输局"
    assert form.year == 2021
    # its row is read since f22p (the values' wrapped units prove the interleave); the rows cut before their values
    # are quoted, not read
    assert {"selfeval.name_written_twice", "selfeval.interleaved_rows", "selfeval.interleaved_rest"} <= _codes(notes)
    assert "selfeval.name_unread" not in _codes(notes)


# -- 7. an amount with no unit anywhere -----------------------------------------------------------------------------


def test_an_amount_stated_only_as_its_cost_tables_proven_total_is_read_with_its_unit_assumed() -> None:
    # 鄂州: ``保安服务费191…保洁服务费99…维修维护费524…合计814662.98794.55``: 191 + 99 + 524 = 814, no unit on the page
    (decl,) = parse_file(FOUND / "tune" / "desk33_ezhou_binhu_dalou.txt").declarations
    assert decl.funding.annual == Decimal("8140000")
    (note,) = [n for n in decl.parse_notes if n.code == "web.cost_total"]
    assert "814" in note.message and "万元" in note.message


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "项目预算成本构成金额测算(公式)依据2020年实际执行数甲费191依据合同191乙费99依据合同99合计290181",
            Decimal(290),
        ),
        ("项目预算成本构成金额测算(公式)依据2020年实际执行数甲费191依据合同191乙费99依据合同99合计300181", None),
        (
            "年度资金总额50项目预算成本构成金额甲费20依据合同20乙费30依据合同30合计5050",
            None,
        ),  # the form has its own amount
    ],
)
def test_a_cost_total_is_read_only_where_the_rows_prove_it(text: str, total: Decimal | None) -> None:
    assert cost_total(text) == total


@pytest.mark.parametrize(("figure", "unit"), [("814", "万元"), ("9999.5", "万元"), ("10000", "元"), ("1681680", "元")])
def test_the_assumed_unit_follows_the_figure(figure: str, unit: str) -> None:
    assert assumed_unit(Decimal(figure)) == unit


def test_a_part_of_the_page_that_holds_no_form_is_noted_and_the_others_kept() -> None:
    # a name label with nothing after it above the form (no title of its own): that part is noted, the form kept
    text = "项目名称\n" + _FORM.format(name="乙项目", amount="20", row="检查次数")
    forms = read_self_evaluations_text(text, "part.txt")
    assert [f.project_name for f, _ in forms] == ["乙项目"]
    assert "selfeval.part_unread" in _codes(forms[0][1])


def test_a_legacy_xls_self_evaluation_with_its_unit_in_the_amount_cells_is_read_in_its_unit(tmp_path: Path) -> None:
    # 上饶's layout as a real .xls (BIFF, written here with xlwt): ``620.82万元`` in each fund cell
    import xlwt

    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "司法业务经费", "主管部门", "上饶市司法局"],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率(全年执行数/全年预算数)", "得分"],
        ["年度资金总额:", "620.82万元", "620.82万元", "610万元", "10", "98%", "9"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "普法宣传场次", "≥10场", "12场", "50", "50", "无"],
    ]
    book = xlwt.Workbook()
    sheet = book.add_sheet("自评表")
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            sheet.write(r, c, text)
    book.save(str(tmp_path / "上饶.xls"))
    form, _ = read_self_evaluation_file(tmp_path / "上饶.xls")
    line = form.fund(FundKind.TOTAL)
    assert line is not None
    assert (line.full_year_budget, line.executed, line.rate) == (Decimal("620.82"), Decimal("610"), Decimal("98"))
    assert form.amount_unit == "万元"
    assert _rows(form) == {"普法宣传场次": ("产出指标", "数量指标", "≥10场")}
