"""Layout classes of real published pages still read wrong after the sixth batch's fixes (issue 25, helper f6):
a 自评表 whose indicator header is two rows copied into one (年度指标值 over 指标性质/指标值/度量单位), a category
written with a trailing 等, the form's closing rows under the table. Each test reads a saved real page
(``fixtures/real_pages/found``, first line its address) as ``assistant import`` / ``assistant cycle import`` do;
a small variant written here proves the class rather than the file."""

from pathlib import Path

import pytest

from assistant.domain.framework import Level1, Level2
from assistant.errors import NotADeclarationError
from assistant.ingest.page_year import page_year
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file
from assistant.ingest.selfeval_glued import split_glued
from assistant.ingest.selfeval_repeat import split_repeated
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.ingest.web_pdf_columns import read_pdf_columns

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def _one(name: str):
    (decl,) = parse_file(FOUND / name).declarations
    return decl


def test_a_two_row_selfeval_header_reads_each_row_once_in_the_rows_order():
    form, _ = read_self_evaluation_file(FOUND / "test5/yongde_minglang_yingyang.txt")
    names = [r.link.name for r in form.rows]
    # the 实际完成值/分值/得分 after each row had been read as a second row named 735, 100%, %
    assert names == [
        "学生受资助人数",
        "营养改善计划覆盖率",
        "资金到位及时率",
        "生均补助标准达标率",
        "减轻贫困学生家庭经济负担",
        "政策知晓率",
        "促进学校教育事业健康发展",
        "学生满意度",
        "家长满意度",
    ]
    first = form.rows[0]
    assert (first.target, first.actual, first.weight, first.score) == ("≧735人次", "735", 10, 10)
    pupils = form.rows[7]
    assert pupils.link.level2_written == "服务对象满意度指标等"  # kept as written, placed by the framework
    assert (pupils.link.level1, pupils.link.level2) == (Level1.SATISFACTION, Level2.SATISFACTION)
    assert pupils.target == "≧95%" and pupils.score == 10


_TWO_ROW = """项目支出绩效自评表（2024年度）
项目名称 | 社区图书室运行 |
绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |
产出指标 | 数量指标 | 开放天数 | ≥ | 300 | 天 | 310 | 20 | 20 | 无 |
效益指标 | 社会效益指标 | 借阅人次 | ≥ | 5000 | 人次 | 4200 | 20 | 16 | 宣传不足 |
其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 |
"""


def test_a_two_row_header_variant_places_actual_score_and_deviation_after_the_target():
    form, _ = read_self_evaluation_text(_TWO_ROW, "two_row.txt")
    assert [(r.link.name, r.target, r.actual, r.weight, r.score, r.deviation) for r in form.rows] == [
        ("开放天数", "≥300天", "310", 20, 20, "无"),
        ("借阅人次", "≥5000人次", "4200", 20, 16, "宣传不足"),
    ]


def test_a_one_row_header_is_read_as_before():
    text = _TWO_ROW.replace(
        "绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
        "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    )
    form, _ = read_self_evaluation_text(text, "one_row.txt")
    assert [(r.link.name, r.actual, r.score) for r in form.rows] == [("开放天数", "310", 20), ("借阅人次", "4200", 16)]


def test_a_level1_cell_that_kept_only_its_points_is_restored_from_the_category_under_it_and_noted():
    form, notes = read_self_evaluation_file(FOUND / "test5/ahxx_yanglou_zhongyangzhi.txt")  # (50分) / 数量指标 …
    assert len(form.rows) == 9
    assert {(r.link.level1_written, r.link.level2_written) for r in form.rows} == {("产出指标", "数量指标")}
    (restored,) = [n for n in notes if n.code == "selfeval.level1_restored"]
    assert "(50分)" in restored.message and "产出指标" in restored.message


def test_without_the_points_cell_the_level1_is_supplied_from_the_framework_with_its_own_note():
    # f15: the header names a 一级指标 column and no row writes one, so the 一级 was lost in the copy: each row's
    # 二级 places it (as for a blank 一级 cell), said in a note of its own (no points cell to quote)
    text = (FOUND / "test5/ahxx_yanglou_zhongyangzhi.txt").read_text(encoding="utf-8").replace("(50分)", "")
    form, notes = read_self_evaluation_text(text, "no_points.txt")
    assert len(form.rows) == 9 and {r.link.level1_written for r in form.rows} == {"产出指标"}
    assert {r.link.level1 for r in form.rows} == {Level1.OUTPUT}
    assert not [n for n in notes if n.code == "selfeval.level1_restored"]
    (note,) = [n for n in notes if n.code == "selfeval.level1_unwritten"]
    assert "前 9 行" in note.message and "数量指标" in note.message


def test_run_together_fund_figures_are_split_where_the_rate_proves_one_cut():
    form, notes = read_self_evaluation_file(FOUND / "tune5/chacewang_guangxi_feiyi_flat.txt")  # 21182118100%
    total = form.funds[0]
    assert (total.full_year_budget, total.executed, total.rate) == (2118, 2118, 100)
    assert form.amount_unit == "万元"
    assert [n for n in notes if n.code == "selfeval.fund_glued_split" and "21182118100%" in n.message]


def test_glued_figures_without_a_rate_or_with_two_fitting_cuts_are_not_read():
    columns = ["full_year_budget", "executed", "rate"]
    assert split_glued("2020", ["full_year_budget", "executed"], wan=True) == {}  # nothing proves 20 | 20
    # in 元, 211821181 | 0 | 0% fits as well as 2118 | 2118 | 100%: neither is read
    assert split_glued("21182118100%", columns, wan=False) == {}
    assert split_glued("21182118100%", columns, wan=True)["full_year_budget"] == 2118
    with_scores = ["full_year_budget", "executed", "weight", "rate", "score"]
    assert split_glued("202010100.00%10", with_scores, wan=True) == {
        "full_year_budget": 20,
        "executed": 20,
        "weight": 10,
        "rate": 100,
        "score": 10,
    }
    assert split_glued("3028100%10", with_scores, wan=True) == {}  # 30 | 28 is 93%, not 100%: no cut fits


def test_run_together_selfeval_rows_are_read_where_the_actual_repeats_the_target():
    form, notes = read_self_evaluation_file(FOUND / "tune5/chacewang_zhongjiang_shuibiaochi_flat.txt")
    assert form.funds[0].full_year_budget == 20  # 202010100.00%10
    rows = {r.link.name: r for r in form.rows}
    assert len(rows) == 9
    ruler = rows["安装坡面水标尺"]
    assert (ruler.target, ruler.actual, ruler.weight, ruler.score) == ("≥266米", "≥266米", 10, 10)
    assert rows["项目(工程)验收合格率"].weight == 20 and rows["项目计划总投资"].target == "20万元"
    assert rows["受益脱贫(含监测对象)户满意度"].link.level1 is Level1.SATISFACTION
    assert any("省略号" in n.message for n in notes if n.code == "selfeval.row_proven")


def test_a_run_together_row_whose_actual_differs_from_its_target_is_noted_not_read():
    columns = ["name", "weight", "target", "actual", "score"]
    assert split_repeated("受益率10≥95%≥90%8", columns) is None
    assert split_repeated("开放天数10300天300天10借阅人次20≥5000≥500018", columns) == [
        {"name": "开放天数", "weight": "10", "target": "300天", "actual": "300天", "score": "10"},
        {"name": "借阅人次", "weight": "20", "target": "≥5000", "actual": "≥5000", "score": "18"},
    ]
    assert split_repeated("开放天数10300天300天10", ["name", "target", "actual", "weight", "score"]) is None
    text = (FOUND / "tune5/chacewang_zhongjiang_shuibiaochi_flat.txt").read_text(encoding="utf-8")
    form, notes = read_self_evaluation_text(text.replace("≥50厘米≥50厘米", "≥50厘米≥48厘米"), "changed.txt")
    names = [r.link.name for r in form.rows]
    assert "水标尺宽度" not in names and "安装坡面水标尺" not in names  # the two rows of that line stay together
    assert any(n.code == "selfeval.row_unsplit" and "水标尺宽度" in n.message for n in notes)


_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div>首页 &gt; 预决算公开</div><table>
<tr><td colspan="4">项目支出绩效目标表</td></tr>
<tr><td>项目名称</td><td colspan="3">社区图书室运行</td></tr>
<tr><td>主管部门</td><td colspan="3">某某区文化旅游局</td></tr>
<tr><td>项目资金（万元）</td><td>年度资金总额</td><td colspan="2">12</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>开放天数</td><td>≥300天</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>读者满意度</td><td>≥90%</td></tr>
</table></body></html>"""


def test_a_year_written_only_in_the_pages_head_title_is_the_declarations_and_noted(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(_PAGE.format(title="某某区2024年社区图书室运行项目绩效目标表_某某区人民政府"), encoding="utf-8")
    (decl,) = parse_file(page).declarations
    assert (decl.header.name, decl.header.year, decl.funding.annual) == ("社区图书室运行", 2024, 120_000)
    assert any("网页标题" in n.message and "2024" in n.message for n in decl.parse_notes)
    page.write_text(_PAGE.format(title="某某区2024年社区图书室运行（2023年结转）"), encoding="utf-8")
    (decl,) = parse_file(page).declarations
    assert decl.header.year is None  # two years named: neither is taken


def test_a_year_named_once_in_the_notice_above_the_form_is_the_declarations():
    decl = _one("tune3/chencang_canjiren_2023.txt")  # 关于下达2023年中央残疾人…的通知 / 〔2022〕334号 (a number)
    assert decl.header.year == 2023
    assert [n for n in decl.parse_notes if n.code == "header.year_from_page" and "页面正文" in n.message]
    assert page_year(["下达2023年预算", "2022年12月20日", "2023-03-27", "宝市财办社〔2022〕334号"]) == 2023
    assert page_year(["根据2022年绩效自评结果，下达2023年预算"]) is None
    assert page_year(["到2022年底，生猪生产稳定有序", "本次将2021年奖励资金"]) is None  # 忠县: two years, none taken


def test_gansus_provincial_form_gives_its_amounts_and_the_second_form_on_the_line():
    first, second = parse_file(FOUND / "tune/bigxun_jiayuguan_bowuguan.txt").declarations
    assert first.header.name == "博物馆纪念馆市级免费开放补助资金"
    assert (first.funding.total, first.funding.annual) == (200_000, 200_000)  # 项目总投资 / 预算申报数 20万元
    assert first.header.implementer == "嘉峪关城市博物馆"  # 项目实施单位, no longer run into 政策依据
    kept = " ".join(n.message for n in first.parse_notes if n.code == "header.kept_field")
    assert "组织实施单位" in kept and "监督管理单位" in kept and "资金性质" in kept
    rows = {i.name: i for i in first.indicators}
    assert rows["资金使用效率"].value.raw == "二100百分比"  # kept as written, with a warning
    assert any(n.code == "web.ocr_operator" for n in first.parse_notes)
    satisfied = rows["服务对象满意度"]
    assert (satisfied.level2_written, satisfied.value.raw) == ("服务对象满意度", "=99百分比")
    assert second.header.name == "博物馆提升改造项目" and not second.indicators
    assert any(n.code == "web.flat_form" for n in second.parse_notes)
    assert any(n.code == "funding.bad_amount" and "174.78万元中央补" in n.message for n in second.parse_notes)


def test_gansus_provincial_labels_in_a_table_copy():
    text = (
        "省级部门预算项目支出绩效目标表（2024年度）\n"
        "二级项目名称 | 乡村文化站运行 | 项目主管部门 | 某市文化和旅游局 |\n"
        "项目总投资 | 35万元 | 中央补助安排 | 0 | 省级财政安排 | 0 | 其他资金 | 35万元 | 预算申报数 | 30万元 |\n"
        "资金性质 | 一般公共预算 | 监督管理单位 | 某市文旅局 | 项目实施单位 | 某市文化馆 |\n"
        "一级指标 | 二级指标 | 三级指标 | 指标目标值 |\n"
        "产出指标 | 数量指标 | 开展活动场次 | ≥20场 |\n"
    )
    (decl,) = parse_text_bytes(text.encode("utf-8"), "gansu.txt").declarations
    assert (decl.header.name, decl.header.implementer) == ("乡村文化站运行", "某市文化馆")
    assert (decl.funding.total, decl.funding.annual) == (350_000, 300_000)
    assert [i.name for i in decl.indicators] == ["开展活动场次"]


def test_hunans_scored_table_run_together_is_read_where_each_rows_value_shows_its_edges():
    decl = _one(
        "test/xxztx_texiao_huoshi_flat.txt"
    )  # 指标值 | 指标值内容 | 评(扣分标准) | 度量单位 | 指标值类型 | 备注
    assert (decl.header.name, decl.header.year, decl.funding.total) == ("学生伙食费", 2023, 300_000)
    assert decl.header.applicant == "州民族特殊教育学校"  # the unit's own row above the project's
    assert any(n.code == "web.unit_row" for n in decl.parse_notes)
    rows = {i.name: i for i in decl.indicators}
    assert len(rows) == 10
    assert rows["学生补助标准"].value.raw == "17元/人.每天"  # the unit ends where 反映… (指标值内容) starts
    assert rows["补助学生数量"].value.raw == "168" and rows["任务完成时间"].value.raw == "2023年12月31日"
    burden = rows["残疾学生家庭负担率"]
    assert burden.value.raw == "有所减轻" and "对家庭负担减轻情况较大得10分" in (burden.remark or "")
    assert (burden.level1_written, burden.level2_written) == ("效益指标", "社会效益指标")
    assert any(n.code == "web.flat_empty_rows" and "5 行" in n.message for n in decl.parse_notes)


def test_a_scored_row_whose_value_end_is_not_shown_is_noted_not_read(tmp_path):
    page = (FOUND / "test/xxztx_texiao_huoshi_flat.txt").read_text(encoding="utf-8")
    # 168人 then 补助… : the unit could run on into the next word; nothing marks where 168人 ends
    page = page.replace("补助学生数量168反映补助学生人数", "补助学生数量168人补助学生人数")
    variant = tmp_path / "variant.txt"
    variant.write_text(page, encoding="utf-8")
    (decl,) = parse_file(variant).declarations
    assert "补助学生数量" not in {i.name for i in decl.indicators} and len(decl.indicators) == 9
    assert any(n.code == "web.flat_unsplit" and "补助学生数量168人" in n.message for n in decl.parse_notes)


def test_a_transfers_allocated_place_or_unit_is_its_implementer():
    decl = _one("test5/tycyl_baodi_chuqin_fenwu.txt")  # 下达地方或单位 | 宝坻区人民政府
    assert decl.header.implementer == "宝坻区人民政府"
    assert not [n for n in decl.parse_notes if n.code == "unplaced.cell" and n.fragment == "下达地方或单位"]


def test_a_pdf_copied_column_by_column_is_read_as_far_as_its_order_allows():
    decl = _one("tune4/360docs_yongxing_dongwu_fangyi.txt")  # 专项名称 / 部门名称 / … then 重大动物疫病防控专项属性…
    assert (decl.header.name, decl.header.department) == ("重大动物疫病防控", "县动物卫生监督所")
    assert (decl.header.year, decl.header.applicant, decl.funding.total) == (2017, "永兴县畜牧兽医水产局", 500_000)
    # its first row's order proves it (name / 100% / 及检疫率: f13); the rest is kept in the warning, not guessed
    assert [(i.level2_written, i.name, i.value.raw) for i in decl.indicators] == [
        ("数量指标", "各种强制免率、屠宰率及检疫率", "100%")
    ]
    (kept,) = [n.message for n in decl.parse_notes if n.code == "web.pdf_columns"]
    assert "专项名称、部门名称" in kept and "免疫效果好;检疫符合" in kept and "各种强制免率" not in kept


def test_the_pairs_stop_at_the_first_value_line_without_a_label_of_its_own():
    lines = [
        "专项资金绩效目标表",
        "(2024 年度)",
        "专项名称",
        "部门名称",
        "专项立项",
        "依据",
        "社区消防宣传专项属性新增专项",
        "某区应急管理局",  # no label after it: from here the order is lost (a wrapped cell could take two lines)
        "资金总额(万元)12",
    ]
    (decl,) = read_pdf_columns(lines, "variant.txt", "0" * 64)
    assert decl.header.name == "社区消防宣传" and decl.header.department is None
    assert decl.funding.total is None
    assert any(n.code == "web.pdf_columns" and "某区应急管理局" in n.message for n in decl.parse_notes)


def test_hubeis_explained_table_run_onto_one_line_is_read_where_each_row_shows_its_edges():
    decl = _one("tune/desk33_ezhou_binhu_dalou.txt")  # 一级指标二级指标绩效标准当年预期实现值数量指标办公大楼…
    rows = {i.name: i for i in decl.indicators}
    assert list(rows) == [
        "办公大楼日常维修维护次数",
        "大楼安检巡察次数",
        "办公大楼日常维修维护验收合格率",
        "经常性大型设备更新验收合格率",
        "重.要设备维修维保验收合格率",
        "成本控制率",
    ]
    assert rows["办公大楼日常维修维护次数"].value.raw == "2280次"
    assert "反映办公大楼全年维修维护情况" in (rows["办公大楼日常维修维护次数"].remark or "")
    assert rows["经常性大型设备更新验收合格率"].value.raw == "292%"  # as written (an OCR'd ≥ is review's to flag)
    (unsplit,) = [n.message for n in decl.parse_notes if n.code == "web.flat_unsplit"]
    assert rows["成本控制率"].value.raw == "不超预算"  # no 反映: the budget limit's own words are its edges (f13)
    assert unsplit.count("水电气消耗下降率") == 1 and "成本控制率" not in unsplit  # the page ends inside this row


def test_an_explained_row_with_a_figure_in_its_name_or_a_bare_figure_value_is_not_split():
    from assistant.ingest.web_flat_explained import _row_at

    assert _row_at("开放天数反映全年开放情况300天借阅人次反映借阅情况5000", 0)[:3] == (
        "开放天数",
        "反映全年开放情况",
        "300天",
    )
    assert _row_at("借阅人次反映借阅情况5000册图书", 0) is None  # 5000 then 册图书: where the value ends is not shown
    assert _row_at("2号楼维修次数反映维修情况3次", 0) is None  # a figure before 反映: name and value not told apart


def test_a_self_evaluation_given_to_the_declaration_import_is_named_with_the_command_that_reads_it():
    with pytest.raises(NotADeclarationError) as refused:
        parse_file(
            FOUND / "tune5/anthempetcare_tangxi_weituo_flat.txt"
        )  # 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目…
    assert "是绩效自评表" in refused.value.message and "selfeval import" in refused.value.hint
    form, _ = read_self_evaluation_file(FOUND / "tune5/anthempetcare_tangxi_weituo_flat.txt")
    assert form.project_name == "委托业务项目"  # the reader the hint names reads it


def test_a_declaration_whose_page_mentions_a_self_evaluation_is_still_read():
    text = (FOUND / "test/zhmail_tekun_fuzhu.txt").read_text(encoding="utf-8")
    page = text.replace("智能问答 关闭", "相关链接：2020年度项目支出绩效自评表")
    (decl,) = parse_text_bytes(page.encode("utf-8"), "page.txt").declarations
    assert decl.indicators


def test_hunans_run_together_fund_block_gives_its_amounts_and_a_year_is_no_labels_start():
    # 宁乡 (a new user's page, tests/fixtures/real_pages/newuser/ningxiang_batang_jichu_flat.txt): 起止时间2021年度资金总额及构成
    # 总额10606.7522万元财政拨款:6923.3552万元(其中:上级财政资金:6923.3552万元;本级财政:0万元)二、自有资金:0万元三、其他:…
    (decl,) = parse_file(FOUND.parent / "newuser" / "ningxiang_batang_jichu_flat.txt").declarations
    assert decl.header.name == "镇域内基础设施建设" and decl.header.start_date is not None
    assert (decl.funding.total, decl.funding.fiscal_annual) == (106_067_522, 69_233_552)
    assert (decl.funding.fiscal_upper, decl.funding.fiscal_same_level) == (69_233_552, 0)
    assert decl.funding.other_total == 36_833_970  # 三、其他: the rest of the total (helper f12; it was kept in a note)
    assert not any(n.code == "funding.bad_amount" for n in decl.parse_notes)


def test_a_budget_line_amount_header_that_names_wan_yuan_converts_the_lines():
    seed = (Path(__file__).resolve().parent.parent / "corpus" / "raw" / "000_1ac9e65464ab096f.txt").read_text(
        encoding="utf-8"
    )
    yuan = parse_text_bytes(seed.encode("utf-8"), "seed.txt").declarations[0]
    wan = seed.replace("明细金额\t单价", "明细金额（万元）\t单价").replace("130000.00\t130000.00", "13.00\t130000.00")
    (decl, *_) = parse_text_bytes(wan.encode("utf-8"), "wan.txt").declarations
    assert decl.budget_lines[0].amount == 130_000  # 13.00 under 明细金额（万元）: had been lost, the column unknown
    assert [b.amount for b in decl.budget_lines[1:]] == [b.amount * 10000 for b in yuan.budget_lines[1:]]
    assert any(n.code == "budget.unit_header" and "13.00" in n.message for n in decl.parse_notes)
    assert not any(n.code == "unplaced.cell" and n.fragment == "13.00" for n in decl.parse_notes)
