"""Layout classes of the eleventh batch of real published pages (issue 25, helper f14, tuned on tune11): ★ rows
that carry their own values, a Hebei 预算项目绩效自评表 with cells split by spaces, an OCR 自评表 with its figures run
together, glued header labels and 一级 cells written a character or two per line. Each class is tested on the saved
real page (``fixtures/real_pages/found``, first line its address) and on a variant written here (other names,
figures and row order), read as ``assistant import`` / ``assistant selfeval import`` do."""

from decimal import Decimal
from pathlib import Path

from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file
from assistant.ingest.text_export import parse_file

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def _cells(*rows: list[str]) -> str:
    return "\n".join(" |\n".join(row) + " |" for row in rows)


# A 绩效目标自评表 copied with a cell per line (濉溪 layout): ★ marks a key indicator on a row with all its columns.
_STARRED = "绩效目标自评表 (2021年度) |\n" + _cells(
    ["项目名称", "城乡医疗救助", "", ""],
    ["主管部门", "某县医疗保障局", "", ""],
    ["资金情况(万元)", "", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    ["", "年度资金总额:", "48", "45", "10", "93.75%", "9"],
    ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"],
    ["", "产出指标(50分)", "数量指标", "医疗救助人次(≥**人次)", "20", ">=1200人次", "1350人次", "20", ""],
    ["", "", "", "★★资助参保人数(≥**人)", "15", ">=800人", "812人", "15", ""],
    ["", "", "质量指标", "★救助政策落实率", "15", "100%", "100%", "15", ""],
    ["", "满意度指标(10分)", "服务对象满意度指标", "★★★救助对象满意度(≥**%)", "10", ">=90%", "95%", "10", ""],
)


def test_star_rows_with_their_own_values_are_indicator_rows_not_group_titles():
    form, notes = read_self_evaluation_text(_STARRED, "starred.txt")
    rows = {r.link.name: r for r in form.rows}
    assert list(rows) == [
        "医疗救助人次(≥**人次)",
        "★★资助参保人数(≥**人)",
        "★救助政策落实率",
        "★★★救助对象满意度(≥**%)",
    ]
    assert rows["★★资助参保人数(≥**人)"].target == ">=800人" and rows["★★资助参保人数(≥**人)"].score == 15
    assert rows["★救助政策落实率"].link.level2_written == "质量指标"
    assert not [n for n in notes if n.code == "selfeval.group_row"]


def test_the_real_suixi_page_keeps_its_starred_rows():
    form, notes = read_self_evaluation_file(FOUND / "tune11/sxx_linshi_jiuzhu_selfeval.txt")
    names = [r.link.name for r in form.rows]
    assert names[0] == "★★★农村低保发放人数(按月平均)(≥**人)"
    assert "★农村低保标准(≥**元/人·月)" in names and "★★★受益建档立卡贫困人口数≥**人" in names
    assert len([n for n in names if n.startswith("★")]) >= 6
    assert not [n for n in notes if n.code == "selfeval.group_row"]


# A 区域绩效目标表 copied one cell per line (汉阴 layout), its 一级 and a 二级 written down the cell a piece per line.
_VERTICAL = """附件
2023年农村综合改革转移支付绩效目标表
(2023年度)
专项名称
农村公益事业财政奖补资金
县级主管部门
某县农业农村局
资金情况
(万元)
年度金额
86
年度总体目标
目标1:改善村内道路条件。
一级
指标
二级指标
三级指标
指标值
效
益
指
标
社会效益指标
受益群众人数
≥3000人
产出
指标
数量指标
奖补项目个数
12个
时效指标
项目完工及时率
100%
满意度指标
社会公众或
服务对象
满意度指标
受益群众满意度
≥90%
"""


def test_category_cells_written_down_the_page_are_joined_into_their_rows(tmp_path):
    page = tmp_path / "vertical.txt"
    page.write_text(_VERTICAL, encoding="utf-8")
    (decl,) = parse_file(page).declarations
    rows = [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]
    assert rows == [
        ("效益指标", "社会效益指标", "受益群众人数", "≥3000人"),
        ("产出指标", "数量指标", "奖补项目个数", "12个"),
        ("产出指标", "时效指标", "项目完工及时率", "100%"),
        ("满意度指标", "社会公众或服务对象满意度指标", "受益群众满意度", "≥90%"),
    ]


def test_the_real_hanyin_page_reads_its_vertical_first_level_cells():
    (decl,) = parse_file(FOUND / "tune11/hanyin_puhui_jinrong.txt").declarations
    assert [i.name for i in decl.indicators][:2] == ["本年度创业担保贷款发放额", "创业担保贷款回收率"]
    assert len(decl.indicators) == 7
    assert {i.level1_written for i in decl.indicators} == {"产出指标", "效益指标", "满意度指标"}
    assert decl.indicators[-1].level2_written == "服务对象满意度指标"


# A Hebei 预算项目绩效自评表 copied with its cells separated by spaces (成安 layout), other names, figures, row order.
_OPERATOR_CELLS = """某县卫生健康局2021年度预算项目绩效自评表
一、基本情况 项目名称: 家庭医生签约服务补助 是否为专项资金: 实施(主管)单位 208011-某县卫生健康局机关 金额单位: 万元
二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)
预算数 12.5 到位数 12.5 执行数 11.9 95.20
其中:财政资金 12.5 其中:财政资金 12.5 其中:财政资金 11.9
三、目标完成情况 年度预期目标 具体完成情况 总体完成率(%)
提高签约服务覆盖面。 完成签约任务。 95.00
四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分
符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分
满意度指标 服务对象满意度指标 签约居民满意度 签约居民对服务的满意程度 >= 90 %(百分比) 93% 完成 20.00 20.00 4.00
产出指标 数量指标 签约人数 全年签约的常住居民人数 >= 5000 人(人数) 5230人 完成 40.00 40.00 16.00
时效指标 补助发放及时率 <= 30 天 28天 完成 20.00 20.00 4.00
"""


def test_a_hebei_selfeval_with_spaced_cells_reads_its_funds_and_operator_rows(tmp_path):
    page = tmp_path / "hebei.txt"
    page.write_text(_OPERATOR_CELLS, encoding="utf-8")
    form, notes = read_self_evaluation_file(page)
    assert form.project_name == "家庭医生签约服务补助" and form.implementer == "某县卫生健康局机关"
    assert form.amount_unit == "万元"
    total = form.funds[0]
    assert (total.full_year_budget, total.executed) == (Decimal("12.5"), Decimal("11.9"))
    rows = [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.actual) for r in form.rows]
    assert rows == [
        ("满意度指标", "服务对象满意度指标", "签约居民满意度", ">=90%", "93%"),
        ("产出指标", "数量指标", "签约人数", ">=5000人", "5230人"),
        ("产出指标", "时效指标", "补助发放及时率", "<=30天", "28天"),
    ]
    assert any(n.code == "selfeval.description" and "全年签约的常住居民人数" in n.message for n in notes)
    assert not [n for n in notes if n.code == "selfeval.row_unsplit"]


def test_a_row_with_more_text_before_its_operator_than_name_and_description_is_noted_not_guessed(tmp_path):
    page = tmp_path / "hebei.txt"
    page.write_text(_OPERATOR_CELLS.replace("签约人数 全年签约", "签约人数 另一段 全年签约"), encoding="utf-8")
    form, notes = read_self_evaluation_file(page)
    assert [r.link.name for r in form.rows] == ["签约居民满意度", "补助发放及时率"]
    assert any(n.code == "selfeval.row_unsplit" and "另一段" in n.message for n in notes)


def test_the_real_chengan_page_reads_its_amount_and_rows():
    form, _ = read_self_evaluation_file(FOUND / "tune11/chengan_gaoling_jintie_selfeval.txt")
    assert form.amount_unit == "万元" and form.funds[0].full_year_budget == Decimal("6.84")
    assert [r.link.name for r in form.rows] == ["符合条件申报对象覆盖率", "完成率", "补贴发放率", "服务对象满意度"]
    assert [r.target for r in form.rows] == [">=98%", ">=99%", ">=75%", ">=95%"]
    assert form.rows[2].link.level1_written == "效果指标" and form.implementer == "成安县民政局机关"


# An OCR copy of a 项目自评表 whose cells ran together (第壹文秘 layout), other names and figures.
_OCR = (
    "1、2021年度水毁道路修复项目自评表单位名称:公路股填报日期:项目名称{name}主管部门县交通运输局项目实施单位公路股"
    "项目类别1、部门预算项目02、市直专项口3、市对下转移支付项目0项目属性1、持续性项目2、新增性项目0项目类型1、常年性项目"
    "2、延续性项目口3、一次性项目0预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)"
    "年度财政资金总额{figures}度效标O0B年绩目1分EB二级指标三级指标年初目标值(A)实际完成值(B)得分出标产指数量指标"
    "修复道路长度1212公里20\n"
)


def _ocr_form(tmp_path, figures: str, name: str = "水毁道路修复"):
    page = tmp_path / "ocr.txt"
    page.write_text(_OCR.format(name=name, figures=figures), encoding="utf-8")
    return read_self_evaluation_file(page)


def test_an_ocr_selfeval_keeps_each_label_to_its_own_value(tmp_path):
    form, _ = _ocr_form(tmp_path, "4.84.8120")
    assert form.project_name == "水毁道路修复"
    assert (form.department, form.implementer) == ("县交通运输局", "公路股")


def test_ocr_figures_run_together_are_split_where_the_rate_proves_it_in_the_block_labels_unit(tmp_path):
    form, notes = _ocr_form(tmp_path, "4.84.8120")  # 4.8 | 4.8 | 1 (100%, a ratio) | 20
    assert form.amount_unit == "万元"
    total = form.funds[0]
    assert (total.full_year_budget, total.executed, total.rate, total.score) == (
        Decimal("4.8"),
        Decimal("4.8"),
        Decimal("100"),
        Decimal("20"),
    )
    split = next(n for n in notes if n.code == "selfeval.fund_glued_split")
    assert "度效标" in split.message  # the scrambled label after the figures is named as not read


def test_ocr_figures_with_two_possible_cuts_read_only_what_every_cut_agrees_on(tmp_path):
    form, notes = _ocr_form(tmp_path, "8.46.30.7515")  # 0.75 | 15 or 0.751 | 5: the rate and score are not proven
    total = form.funds[0]
    assert (total.full_year_budget, total.executed) == (Decimal("8.4"), Decimal("6.3"))
    assert total.rate is None and total.score is None
    split = next(n for n in notes if n.code == "selfeval.fund_glued_split")
    assert "不止一种分法" in split.message


def test_the_real_wenmi_page_reads_its_units_and_its_amount_in_wan_yuan():
    form, _ = read_self_evaluation_file(FOUND / "tune11/wenmi_changjiang_jinbu_selfeval.txt")
    assert (form.department, form.implementer) == ("区市场监督管理局", "农业科")
    assert form.amount_unit == "万元" and form.funds[0].full_year_budget == Decimal("1.56")


def test_a_project_name_ending_in_xiangmu_before_the_implementer_label_keeps_it(tmp_path):
    page = tmp_path / "ocr.txt"
    text = _OCR.format(name="河道清淤项目", figures="4.84.8120")
    page.write_text(
        text.replace("主管部门县交通运输局项目实施单位公路股", "实施单位公路股主管部门县交通运输局"), encoding="utf-8"
    )
    form, _ = read_self_evaluation_file(page)
    assert form.project_name == "河道清淤项目"
    assert (form.department, form.implementer) == ("县交通运输局", "公路股")


def test_a_long_run_of_figures_without_a_percent_sign_is_left_unread_in_bounded_time():
    import time

    from assistant.ingest.selfeval_glued import split_glued

    columns = ["initial_budget", "full_year_budget", "executed", "weight", "rate", "score"]
    start = time.monotonic()
    assert split_glued("1" * 30, columns, wan=False) == {}
    assert split_glued("1" * 18, columns, wan=False) == {}
    assert time.monotonic() - start < 2
