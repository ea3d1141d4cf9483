"""Layout classes of the eleventh batch of real published pages (issue 25, helper f14, tuned on tune11): ★ rows
that carry their own values, a Hebei 预算项目绩效自评表 with cells split by spaces, an OCR 自评表 with its figures run
together, glued header labels and 一级 cells written a character or two per line. Each class is tested on the saved
real page (``fixtures/real_pages/found``, first line its address) and on a variant written here (other names,
figures and row order), read as ``assistant import`` / ``assistant selfeval import`` do."""

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
