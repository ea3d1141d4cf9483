"""Layout classes of the eleventh batch of real published pages (issue 25, helper f14, tuned on tune11): ★ rows
that carry their own values, a Hebei 预算项目绩效自评表 with cells split by spaces, an OCR 自评表 with its figures run
together, glued header labels and 一级 cells written a character or two per line. Each class is tested on the saved
real page (``fixtures/real_pages/found``, first line its address) and on a variant written here (other names,
figures and row order), read as ``assistant import`` / ``assistant selfeval import`` do."""

from pathlib import Path

from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file

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
