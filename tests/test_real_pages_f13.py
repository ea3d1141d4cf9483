"""Classes left on the real pages after session 8 (helper f13), each on its real page and a variant written here.

1. a 自评表 a document site flattened from a ``.doc`` (test10, 昆明池 2020 服务贸易: tuned on, test10 was measured twice
   before): the name cut after its year (``2020`` / ``年市级…``), the fund block's unit label wrapped (``预算执行`` /
   ``情况(万元)``), and the indicator table read by its figures and, for rows of words, by its lines' widths;
2. a flattened PDF 自评表 whose two-line cells interleave (广水, test7, tuned on since f7): the name read where the head
   holds one name-shaped cell the page writes again after a numbering, the amount where a 100% rate follows figures
   that are all one; the interleaved indicator rows not read, a note saying why (never a guessed value);
3. a cost row run together with no 绩效标准 before its value (鄂州 ``成本控制率不超预算水电气消耗下降率反映…``): the
   budget limit written in words is its value, its words its edges;
   永兴 (tune4): a PDF copied column by column whose indicator rows' lines prove them (a name, its row's value, the
   name's second half starting with 及/和/与) read; the rest kept in the note;
4. ``.xls`` sheets with filled cells right of column 60 (dropped silently before): read; past a workbook-wide budget
   of such cells, a note names the sheet, the columns and the first row left out;
5. the 总分 a 自评表 states (``自评总分: 95``, ``总分 | 100 | 96``) read into the model's ``total_score`` (it had been
   left blank); a 总分 whose figure's place is not shown, or two that differ, not read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import xlwt

from assistant.domain.cycle import FundKind
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file, read_self_evaluation_forms
from assistant.ingest.text_export import parse_text_bytes
from assistant.ingest.web_flat_explained import _row_at
from assistant.ingest.web_pdf_column_rows import column_rows
from assistant.ingest.web_pdf_columns import read_pdf_columns
from assistant.office import legacy
from assistant.office.importer import import_office

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


# ---- 1. a 自评表 flattened from a .doc ---------------------------------------------------------------------------


def test_kunmingchi_flattened_doc_selfeval_is_read_with_name_amount_and_every_row():
    ((form, notes),) = read_self_evaluation_forms(FOUND / "test10" / "kunmingchi_fuwu_maoyi_selfeval_doc.txt")
    assert form.project_name == "2020 年市级服务贸易发展资金"
    assert (form.department, form.implementer) == ("区商务局", "投资促进中心")  # its label inside the fund block
    assert form.amount_unit == "万元"
    total = form.fund(FundKind.TOTAL)
    assert total is not None and total.full_year_budget == Decimal("285.84")
    rows = {r.link.name: r for r in form.rows}
    assert list(rows) == [
        "服务外包在岸(万美元)",
        "服务外包离岸(万美元)",
        "支持服务贸易、服务外包企业数量",
        "企业国际质量提升",
        "预算资金执行率",
        "资金拨付及时性",
        "企业把握政治导向和文化方向情况",
        "推动企业走出去方面发挥的作用",
    ]
    assert (rows["服务外包在岸(万美元)"].target, rows["服务外包在岸(万美元)"].actual) == ("20000", "23333.56")
    assert rows["服务外包在岸(万美元)"].score == Decimal(10)
    quality = rows["企业国际质量提升"]
    assert (quality.target, quality.actual) == ("获得目的国(地区)受众欢迎", "受目的国受众欢迎显著")
    moved = rows["推动企业走出去方面发挥的作用"]
    assert (moved.target, moved.actual, moved.score) == ("是否利于企业走出去", None, None)
    assert moved.link.level2_written == "可持续影响指标"
    codes = [n.code for n in notes]
    assert "selfeval.wrapped_cells" in codes and "selfeval.wrapped_partial" in codes
    assert "selfeval.row_unsplit" not in codes and "selfeval.table_unread" not in codes
    unread = next(n for n in notes if n.code == "selfeval.wrapped_unread")
    assert "有利于推动" in unread.message and "备注" not in unread.message


_DOC_PAGE = (
    "source: https://example.org/doc/1.html\n"
    "{year} 年社区养老服务补助资金项目自评表 单位名称:区民政局 填报日期:{year} 年 3 月 1 日 项目名称 {year} 年社区养老"
    "服务补助资金 主管部门 区民政局 项目类别 1、部门预算项目 预算执行 情况(万元) (20 分) 一级指标 年度财政 资金总额 "
    "项目实施单位 区养老服务中心 预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 120 108 90% 18 "
    "三级指标 年初目标值 (A) 实际完成值 (B) 得分 {rows} 二级指标 数量指标 年度 绩效目标 (80 分) 总分 90 —1— 备注: 说明"
)
_FIGURE_ROWS = "助餐服务老年人数(人) 1500 1620 10 新建社区老年助餐服务 点位数量(个) 6 6 10 "
_WORD_ROW = "助餐服务质量 老人普遍认 可，投诉率 低 老人认可， 投诉两起 10 "
_MOVED_ROW = "满意度 指标 服务对象对助餐服务的 满意程度 老人对助餐服 务较为满意 "


def _doc_page(rows: str, year: int = 2023) -> str:
    return _DOC_PAGE.format(year=year, rows=rows)


def test_a_flattened_doc_selfeval_with_other_names_and_rows_is_read():
    form, notes = read_self_evaluation_text(_doc_page(_WORD_ROW + _FIGURE_ROWS + _MOVED_ROW), "doc.txt")
    assert form.project_name == "2023 年社区养老服务补助资金"
    assert form.amount_unit == "万元" and form.year == 2023
    assert form.implementer == "区养老服务中心"
    total = form.fund(FundKind.TOTAL)
    assert total is not None and (total.full_year_budget, total.executed) == (Decimal(120), Decimal(108))
    got = [(r.link.name, r.target, r.actual, r.score) for r in form.rows]
    assert got == [
        ("助餐服务质量", "老人普遍认可，投诉率低", "老人认可，投诉两起", Decimal(10)),
        ("助餐服务老年人数(人)", "1500", "1620", Decimal(10)),
        ("新建社区老年助餐服务点位数量(个)", "6", "6", Decimal(10)),
        ("服务对象对助餐服务的满意程度", "老人对助餐服务较为满意", None, None),
    ]
    assert form.rows[-1].link.level1_written == "满意度指标"
    assert any(n.code == "selfeval.wrapped_partial" and "服务对象对助餐服务的满意程度" in n.message for n in notes)


def test_rows_of_words_are_not_cut_where_no_name_wrapped_to_show_the_column_width():
    # Without a figure row whose name wrapped, the name column's width is not shown: the words are not cut (noted).
    rows = "助餐服务老年人数(人) 1500 1620 10 " + _WORD_ROW
    form, notes = read_self_evaluation_text(_doc_page(rows), "doc.txt")
    assert form.rows == []
    assert any(n.code == "selfeval.table_unread" for n in notes)


def test_a_run_of_words_that_cuts_two_ways_is_not_read_and_is_quoted():
    # 老人普遍认 fills the value column and 可 does not: cutting after either is allowed by neither rule alone; a run
    # whose lines all fill their columns cuts several ways and is left unread, quoted.
    ambiguous = "助餐服务质量 老人普遍认 老人普遍认 老人普遍认 10 "
    form, notes = read_self_evaluation_text(_doc_page(_FIGURE_ROWS + ambiguous), "doc.txt")
    assert [r.link.name for r in form.rows] == ["助餐服务老年人数(人)", "新建社区老年助餐服务点位数量(个)"]
    unread = next(n for n in notes if n.code == "selfeval.wrapped_unread")
    assert "助餐服务质量" in unread.message


def test_a_late_implementer_label_followed_by_a_tick_box_gives_no_implementer():
    text = _doc_page(_FIGURE_ROWS).replace("项目实施单位 区养老服务中心", "项目实施单位 □ 区养老服务中心")
    form, _ = read_self_evaluation_text(text, "doc.txt")
    assert form.implementer is None


def test_a_name_cell_that_is_a_year_alone_is_joined_only_to_a_cell_starting_with_nian():
    form, _ = read_self_evaluation_text(_doc_page(_FIGURE_ROWS, year=2021), "doc.txt")
    assert form.project_name == "2021 年社区养老服务补助资金"
    text = _doc_page(_FIGURE_ROWS).replace("项目名称 2023 年社区养老服务补助资金", "项目名称 2023 社区养老服务补助资金")
    form, _ = read_self_evaluation_text(text, "doc.txt")
    assert form.project_name == "2023"  # no 年 after the year: nothing shows the two cells are one name


# ---- 4. .xls columns right of column 60 ---------------------------------------------------------------------------

_FORM = [
    ["项目支出绩效目标表"],
    ["项目名称", "乡村道路养护补助", "主管部门", "青禾区交通运输局"],
    ["项目资金总额", 860000, "年度资金申请总额", 860000],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "养护里程", "≥120(公里)"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90(%)"],
]


def _wide_xls(path: Path, offset: int, rows: list[list[object]], sheet_name: str = "目标表") -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet(sheet_name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, offset + c, value)
    book.save(str(path))
    return path


def test_an_xls_form_right_of_column_60_is_read(tmp_path):
    path = _wide_xls(tmp_path / "wide.xls", offset=58, rows=_FORM)  # 三级指标 in column 61, 指标值 in 62
    result = import_office(path)
    (decl,) = result.declarations
    assert (decl.header.name, decl.funding.total) == ("乡村道路养护补助", Decimal(860000))
    assert [(i.name, i.value.raw) for i in decl.indicators] == [
        ("养护里程", "≥120(公里)"),
        ("沿线群众满意度", "≥90(%)"),
    ]
    assert not any(n.code == "xls.columns_left_out" for n in [*result.notes, *decl.parse_notes])


_SELFEVAL = [
    ["项目支出绩效自评表"],
    ["项目名称", "乡村道路养护补助"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 20, 20],
]


def test_an_xls_selfeval_whose_scores_stand_right_of_column_60_is_read(tmp_path):
    path = _wide_xls(tmp_path / "selfeval.xls", offset=55, rows=_SELFEVAL)  # 分值 and 得分 in columns 61 and 62
    form, notes = read_self_evaluation_file(path)
    (row,) = form.rows
    assert (row.link.name, row.actual, row.weight, row.score) == ("养护里程", "126公里", Decimal(20), Decimal(20))
    assert not any(n.code == "xls.columns_left_out" for n in notes)


def test_far_columns_past_the_workbook_budget_are_left_out_with_a_note_naming_sheet_and_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "FAR_CELLS", 2)  # the budget lowered to inject the case (20,000 cells otherwise)
    path = _wide_xls(tmp_path / "budget.xls", offset=56, rows=_SELFEVAL, sheet_name="自评")
    form, notes = read_self_evaluation_file(path)
    left = next(n for n in notes if n.code == "xls.columns_left_out")
    assert "工作表「自评」" in left.message and "第 61–63 列" in left.message and "BI–BK" in left.message
    assert left.cell == "自评!BI3"  # the first row whose far cells were left out (the header's)
    assert form.rows == [] or all(r.score is None for r in form.rows)


def test_a_declaration_xls_past_the_far_cell_budget_says_which_columns_were_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "FAR_CELLS", 2)
    result = import_office(_wide_xls(tmp_path / "wide.xls", offset=58, rows=_FORM))
    notes = [*result.notes, *(n for d in result.declarations for n in d.parse_notes)]
    left = next(n for n in notes if n.code == "xls.columns_left_out")
    assert "工作表「目标表」" in left.message and "第 61–62 列" in left.message and left.cell == "目标表!BI3"


# ---- 3. a cost row whose value is a budget limit in words ----------------------------------------------------------

_HUBEI = (
    "source: https://example.org/hubei.html\n"
    "青禾市2023年市直部门预算项目支出绩效目标表项目名称社区公园绿化养护项目类别本级支出项目性质持续性项目"
    "项目预算成本构成金额测算(公式)依据绿化养护费120依据合同120合计120"
    "绩效目标保持公园绿化完好。绩效指标保障绩效目标实现措施一级指标二级指标绩效标准当年预期实现值"
    "{rows}"
)


def test_a_cost_row_valued_in_words_is_read_between_explained_rows_in_any_order():
    rows = (
        "成本指标单位面积养护成本控制在预算以内绿化补植费用占比率反映补植支出占养护经费比重15%"
        "数量指标绿化养护次数反映养护覆盖情况36次"
    )
    (decl,) = parse_text_bytes(_HUBEI.format(rows=rows).encode(), "hubei.txt").declarations
    got = [(i.level1_written, i.name, i.value.raw) for i in decl.indicators]
    assert got == [
        ("成本指标", "单位面积养护成本", "控制在预算以内"),
        ("成本指标", "绿化补植费用占比率", "15%"),
        ("数量指标", "绿化养护次数", "36次"),
    ]
    assert not any(n.code == "web.flat_unsplit" for n in decl.parse_notes)


def test_budget_words_are_no_value_where_no_name_ends_before_them():
    assert _row_at("不超预算的维修次数反映维修情况3次", 0)[:3] == ("不超预算的维修次数", "反映维修情况", "3次")
    assert _row_at("预算执行进度控制在预算以内", 0) == ("预算执行进度", "", "控制在预算以内", 13)
    assert _row_at("维修维护不超预算3次", 0) is None  # 维修维护 ends with no measure word: no edge shown


# ---- 2. a flattened PDF 自评表 whose two-line cells interleave --------------------------------------------------------


def test_guangshui_reads_the_name_the_page_writes_twice_and_the_amount_a_full_rate_proves():
    form, notes = read_self_evaluation_file(FOUND / "test7" / "wenkuvip_guangshui_xiangcun_flat.txt")
    assert form.project_name == "乡村道路建设养护项目" and form.amount_unit == "万元"
    total = form.fund(FundKind.TOTAL)
    assert total is not None
    assert (total.full_year_budget, total.executed, total.rate) == (Decimal(309), Decimal(309), Decimal(100))
    # 乡村道路建设 300 公 300 公 15 … 养护里程 里 里 数量指: read since f22p, the units' second lines proving the order
    # (tests/test_real_pages_f22p.py); before, the row was quoted as unsplit and the table noted unread
    assert [r.link.name for r in form.rows] == ["乡村道路建设养护里程"]
    assert "selfeval.interleaved_rows" in {n.code for n in notes}


_INTERLEAVED = (
    "source: https://example.org/pdf/2.html\n"
    "青禾市财政预算支出项目绩效目标自评表 填报日期:2023 年 2 月 1 日 项目名称 项目主管单 位 自评总分: 92 项目实施单位 "
    "青禾市住房和城乡建设局 青禾市住房和城乡建设局 项目负责人 王某 1、常年性 中央 省、地 本级 其他 合计 执行数 执行 "
    "(万元) (万元) (万元) (万元) (万元) (万元) 率 {figures} 来源 项目年度目 标 单位领导审签: {name} 项目属性 项目资金 日 "
    "{last} 1.完成改造 12 条; 2. 项目权重 评价内容 分值 自评分 — 1 — 项目年度目标 {again} 一级 指标 二级 指标名称 年初指 "
    "年终完 自评 复核 评价标准 指标 (三级指标) 标值 成值 分 分 背街小巷 12 条 12 条 15 1、提供佐证 改造数量 数量指 标"
)


def _interleaved(name: str = "城区背街小巷改造工程", again: str = "1:城区背街小巷改造工程", figures: str = "86.5 86.5",
                 last: str = "86.5 100 %") -> str:  # fmt: skip
    return _INTERLEAVED.format(name=name, again=again, figures=figures, last=last)


def test_an_interleaved_pdf_selfeval_with_other_names_and_figures_is_read_as_far_as_proven():
    form, notes = read_self_evaluation_text(_interleaved(), "pdf.txt")
    assert form.project_name == "城区背街小巷改造工程"
    total = form.fund(FundKind.TOTAL)
    assert total is not None and (total.full_year_budget, total.executed) == (Decimal("86.5"), Decimal("86.5"))
    assert {"selfeval.name_written_twice", "selfeval.fund_all_equal"} <= {n.code for n in notes}


def test_a_name_not_written_again_or_figures_that_differ_are_not_read():
    form, notes = read_self_evaluation_text(_interleaved(again="1:完成背街小巷改造"), "pdf.txt")
    assert form.project_name == ""  # one name-shaped cell, but nothing on the page confirms it
    assert any(n.code == "selfeval.name_unread" for n in notes)
    form, _ = read_self_evaluation_text(_interleaved(figures="60 26.5", last="86.5 100 %"), "pdf.txt")
    assert form.fund(FundKind.TOTAL) is None  # 60 + 26.5 = 86.5: which column holds which is not shown
    form, _ = read_self_evaluation_text(_interleaved(last="86.5 98 %"), "pdf.txt")
    assert form.fund(FundKind.TOTAL) is None  # all equal, but a rate below 100% cannot be


# ---- 5. the stated 总分 -----------------------------------------------------------------------------------------


def test_real_pages_stated_totals_are_read_into_total_score():
    form, _ = read_self_evaluation_file(FOUND / "test7" / "wenkuvip_guangshui_xiangcun_flat.txt")
    assert form.total_score == Decimal(95)  # 项目主管单 位 自评总分: 95
    form, _ = read_self_evaluation_file(FOUND / "test5" / "yongde_minglang_yingyang.txt")
    assert form.total_score == Decimal(96)  # | 其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 |


_PIPES = """项目支出绩效自评表（2023年度）
| 项目名称 | 社区助餐服务补助 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 助餐服务人次 | ≥3000人次 | 3120人次 | 50 | 50 |
| 满意度指标 | 服务对象满意度指标 | 老人满意度 | ≥90% | 93% | 40 | {score} |
{total}
"""


def test_a_total_row_is_read_only_where_its_figures_show_which_is_the_score():
    form, notes = read_self_evaluation_text(_PIPES.format(score=38, total="| 总分 | | | | | 100 | 88 |"), "p.txt")
    assert form.total_score == Decimal(88)
    form, _ = read_self_evaluation_text(_PIPES.format(score=38, total="| 总分 | 88 |"), "p.txt")
    assert form.total_score is None  # one figure: the 分值 or the 得分, the row does not show which
    text = _PIPES.format(score=38, total="| 总分 | 100 | 88 |\n| 自评总分: | 90 |")
    form, notes = read_self_evaluation_text(text, "p.txt")
    assert form.total_score is None
    assert any(n.code == "selfeval.total_conflict" and "88" in n.message and "90" in n.message for n in notes)


# ---- 3. 永兴: a column-copied PDF's indicator rows where the lines prove them ------------------------------------------


def test_yongxing_reads_the_row_its_lines_prove_and_keeps_the_rest():
    (decl,) = parse_text_bytes(
        (FOUND / "tune4" / "360docs_yongxing_dongwu_fangyi.txt").read_bytes(), "yongxing.txt"
    ).declarations
    assert [(i.name, i.value.raw) for i in decl.indicators] == [("各种强制免率、屠宰率及检疫率", "100%")]
    assert any(n.code == "web.pdf_column_rows" for n in decl.parse_notes)


_COLUMNS = [
    "专项资金绩效目标表",
    "(2024 年度)",
    "专项名称",
    "部门名称",
    "专项立项",
    "依据",
    "农村饮水安全维修专项属性新增专项",
    "某县水利局资金总额(万元)80",
    "二级指标指标内容指标值备注",
    "数量指标",
    "维修供水工程处数",
    "45处",
    "质量指标",
    "维修工程验收合格率",
    "≥95%",
    "和水质达标率",
    "时效指标",
    "当年完成维修",
    "比例",  # no joining word: 比例 could be the name's end or a cell of its own; the order stops here
    "100%",
]


def test_column_copied_rows_in_other_orders_are_read_up_to_the_first_unproven_line():
    (decl,) = read_pdf_columns(_COLUMNS, "variant.txt", "0" * 64)
    assert [(i.level2_written, i.name, i.value.raw) for i in decl.indicators] == [
        ("数量指标", "维修供水工程处数", "45处"),
        ("质量指标", "维修工程验收合格率和水质达标率", "≥95%"),
    ]
    (kept,) = [n.message for n in decl.parse_notes if n.code == "web.pdf_columns"]
    assert "当年完成维修 / 比例 / 100%" in kept
    assert column_rows(["二级指标指标内容指标值", "数量指标", "维修处数", "45处", "其中城区"]) is None
