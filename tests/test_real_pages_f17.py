"""Classes left on the seen halves after session 10 (helper f17), each tested on the real page it was seen on and
on a variant written here. Tuned on tune9 and tune7/test7 (seen halves); test11, test12 and batch 14 not read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from assistant.domain.cycle import FundKind, SelfEvaluation
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.office.importer import import_office

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _codes(notes: list) -> set[str]:
    return {n.code for n in notes}


def _rows(form: SelfEvaluation) -> list[tuple[str | None, str | None, str, str]]:
    return [(r.link.level1_written, r.link.level2_written, r.link.name, r.target) for r in form.rows]


# -- 1. A document mirror's 自评表 whose values stand away from their names, proven by the points -------------------


def test_mirror_rows_away_from_their_names_read_in_order_real_page() -> None:
    ((form, notes),) = read_self_evaluation_forms(FOUND / "tune9" / "chddh_jishan_yibao_selfeval_xlsx.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "全县参合人数", "8755"),  # 8755 … 分值 得分 … 8676 15 13: among the column names
        ("产出指标", "质量指标", "资金是否全部纳入医保统筹", "100%"),
        ("产出指标", "时效指标", "资金是否全部及时纳入", "100%"),
        ("产出指标", "成本指标", "配套资金每人每年", "75元"),  # 成本指标 right above its row: a 二级
        ("效益指标", "社会效益", "是否解决建档立卡人员看病难贵问题", "95%"),  # 效益指 / 标(30 分); 人 / 员看病难贵问题
        ("满意度指标", "服务对象满意度指标", "是否满意", "95%"),  # 服务对象满 … 意度指标: joined around the name (f19)
    ]
    assert [r.weight for r in form.rows] == [Decimal(n) for n in (15, 15, 10, 10, 30, 10)]
    assert [r.actual for r in form.rows][0] == "8676"
    assert "selfeval.mirror_rows_in_order" in _codes(notes)
    assert "selfeval.mirror_rows_unread" not in _codes(notes)


_MIRROR = (
    "项目支出绩效自评表 (2021年度) 项目名称 乡村道路养护 主管部门 县交通局 项目资金 年初预算数 (万元) 年度资金总额 "
    "实施单位 全年预算数 全年执行数 分值 执行率 得分 40 38 10 95% 9 一级 指标 二级指标 三级指标 数量指标 "
    "指标1:养护道路里程 绩 效 指 标 县公路站 产出 指标 实际 指标值 完成值 120公里 分值 得分 118公里 30 29 "
    "质量指标 指标1:养护路段验收合格率 100% 100% 20 20 ≥95% 96% 30 30 90% 92% 10 10 100 98 "
    "效益指标 社会效益指标 指标1:群众出行条件改 善程度 满意度指标 服务对象满意度指标 指标1:沿线群众满意度 总分"
)


def test_mirror_rows_away_from_their_names_variant() -> None:
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{_MIRROR}\n", "mirror.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "养护道路里程", "120公里"),
        ("产出指标", "质量指标", "养护路段验收合格率", "100%"),
        ("效益指标", "社会效益指标", "群众出行条件改善程度", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "90%"),
    ]
    assert [r.score for r in form.rows] == [Decimal(29), Decimal(20), Decimal(30), Decimal(10)]
    assert "selfeval.mirror_rows_in_order" in _codes(notes)


def test_mirror_rows_whose_points_do_not_add_up_stay_unread() -> None:
    text = _MIRROR.replace("100 98 效益指标", "95 98 效益指标")  # 30+20+30+10 = 90, +10 for the funds: not 95
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{text}\n", "mirror.txt")
    assert [r.link.name for r in form.rows] == ["养护路段验收合格率"]  # only the row with values beside it
    assert "selfeval.mirror_rows_unread" in _codes(notes)
    assert "selfeval.mirror_rows_in_order" not in _codes(notes)


def test_mirror_rows_with_a_group_too_few_stay_unread() -> None:
    text = _MIRROR.replace("90% 92% 10 10 ", "")
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{text}\n", "mirror.txt")
    assert [r.link.name for r in form.rows] == ["养护路段验收合格率"]
    assert "selfeval.mirror_rows_unread" in _codes(notes)


def test_mirror_rows_whose_gap_is_a_budget_figure_stay_unread() -> None:
    text = _MIRROR.replace("100 98 效益指标", "130 98 效益指标")  # 130 - 90 = 40, the budget, not a 分值 beside a rate
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{text}\n", "mirror.txt")
    assert [r.link.name for r in form.rows] == ["养护路段验收合格率"]
    assert "selfeval.mirror_rows_unread" in _codes(notes)


# -- 2. A run-together (OCR-like) 自评表: rows proven one by one, the next line cut, funds by rate, paired labels -----


def test_run_together_self_evaluation_real_page() -> None:
    ((form, notes),) = read_self_evaluation_forms(FOUND / "tune7" / "bigxun_yuanzhou_malingshu_flat.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "免费发放原原种", "550万粒"),  # 指标1…8550万粒550万粒8: proven on its own
        ("产出指标", "数量指标", "企业自行采购", "200万粒"),
        ("产出指标", "成本指标", "种薯采购价格不高于市场价", "是"),  # on the next line, cut at its categories
        ("效益指标", "经济效益指标", "种薯亩均收入较鲜薯亩均收入", "工5%"),  # as the page writes it (OCR)
        ("效益指标", "社会效益指标", "一级种薯推广面积占总面积比例", "80%"),  # 880%^80%8: a stray mark (f19)
        ("效益指标", "生态效益指标", "病害减少,防治病虫害使用的化学农药量较上年减少", "2%"),  # 生态效益指标1病害…
        (
            "效益指标",
            "可持续影响指标",
            "持续完善马铃薯种薯繁育体系,保障脱毒马铃薯种薯供应,促进主食化产业衔接",
            "是",
        ),  # f19
    ]
    unsplit = [n.fragment for n in notes if n.code == "selfeval.row_unsplit"]
    assert any(f and f.startswith("指标3一级种薯繁育基地") for f in unsplit)  # unproven rows are noted, not read
    assert any(f and f.startswith("指标2群众对脱毒种薯") for f in unsplit)  # its piece 8250%5=50%8 proves nothing
    assert "selfeval.row_qualitative" in _codes(notes)  # 8是基本达到7: two qualitative words (f19)
    total = form.fund(FundKind.TOTAL)  # 自治区补助300万元 | 259.45万元 | 86.5%市县资金: the rate proves the pair
    assert total is not None and (total.full_year_budget, total.executed) == (Decimal(300), Decimal("259.45"))
    assert (form.implementer, form.department) == ("原州区农技中心", "农业农村厅")  # 实施单位/项目负责人 → X/Y


_RUN = (
    "乡村公路养护项目绩效目标自评表(2023年度)项目总得分95分项目名称乡村公路养护项目实施单位/项目负责人红星镇交通站/李明"
    "自治区主管部门交通运输厅专项实施期2023年1月-2023年12月市县财政部门某县财政局市县主管部门某县交通运输局"
    "资金情况(万元)年度资金总额全年预算数(A)120全年执行数(B)执行率(B/A)其中中央补助自治区补助120万元\n108万元\n"
    "90%市县资金年度总体目标完成公路养护120公里绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分"
    "未完成原因及改进措施产出指标(50分)数量指标指标1养护公路里程10120公里120公里10指标2新修桥梁102座1座5\n"
    "质量指标指标1养护路段合格率1095%95%10时效指标指标1完成时间1012月底12月底10效益指标(40分)社会效益指标"
    "1群众出行时间缩短2010%10%20满意度指标(10分)服务对象满意度指标1群众满意度1090%是9\n"
)


def test_run_together_self_evaluation_variant() -> None:
    form, notes = read_self_evaluation_text(_RUN, "run.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "养护公路里程", "120公里"),
        ("产出指标", "质量指标", "养护路段合格率", "95%"),
        ("产出指标", "时效指标", "完成时间", "12月底"),
        ("效益指标", "社会效益指标", "群众出行时间缩短", "10%"),
    ]
    unsplit = [n.fragment for n in notes if n.code == "selfeval.row_unsplit"]
    assert "指标2新修桥梁102座1座5" in unsplit  # 2座 | 1座: nothing proves the edges
    total = form.fund(FundKind.TOTAL)
    assert total is not None and (total.full_year_budget, total.executed, total.rate) == (120, 108, 90)
    assert (form.implementer, form.department) == ("红星镇交通站", "交通运输厅")


def test_run_together_lone_one_is_a_name_where_the_page_numbers_no_row() -> None:
    text = _RUN
    for numbered in ("数量指标指标1", "10指标2", "质量指标指标1", "时效指标指标1"):
        text = text.replace(numbered, numbered[:-3])  # no row written 指标N
    form, notes = read_self_evaluation_text(text, "run.txt")
    assert "群众出行时间缩短" not in [r.link.name for r in form.rows]  # 1群众…: not numbering on this page
    assert "1群众出行时间缩短2010%10%20" in [n.fragment for n in notes if n.code == "selfeval.row_unsplit"]


def test_run_together_funds_in_another_unit_are_not_compared() -> None:
    text = _RUN.replace("自治区补助120万元\n108万元", "自治区补助1200000元\n108万元")
    form, _ = read_self_evaluation_text(text, "run.txt")
    assert form.fund(FundKind.TOTAL) is None


# -- 3. Two sets of indicator columns side by side (中期滚动目标 | 年度目标): the year's set is read ----------------


def _decl(text: str):
    (decl,) = [d for d in parse_text_bytes(text.encode(), "periods.txt").declarations if d.indicators]
    return decl


def test_two_period_columns_real_page_reads_the_year_set() -> None:
    decl = next(
        d
        for d in parse_file(FOUND / "test2" / "gdyinping_zhenji_lianwanglu.txt").declarations
        if d.header.name == "镇际联网路升级改造工程一期"
    )
    timely = next(i for i in decl.indicators if i.name == "结算款支付及时性")
    assert timely.level2_written == "时效指标(工期指标、形象进度指标)"  # the year's set's own 二级
    assert "时效指标(工期指标)" in (timely.remark or "")  # the 中期 set's, kept
    assert "web.two_periods" in {n.code for n in decl.parse_notes}
    assert len(decl.indicators) == 5


_PERIODS = """区财政项目支出绩效目标表
( 2024 年度) |
项目名称 | 老旧小区改造 | 本年度申请财政资金(万元) | 300.00 |
总体目标 | 中期目标(2024年--2026年) | 年度目标 |
一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 改造小区数量 | 30个 | 数量指标 | 改造小区数量 | 10个 |
质量指标 | 竣工验收合格率 | 100% | 质量指标 | 竣工验收合格率 | ≥98% |
效益指标 | 社会效益指标 | 受益居民户数 | 9000户 | 社会效益指标 | 受益居民户数 | 3000户 |
"""


def test_two_period_columns_variant_reads_the_year_values() -> None:
    decl = _decl(_PERIODS)
    got = [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]
    assert got == [
        ("产出指标", "数量指标", "改造小区数量", "10个"),
        ("产出指标", "质量指标", "竣工验收合格率", "≥98%"),
        ("效益指标", "社会效益指标", "受益居民户数", "3000户"),
    ]
    assert "30个" in (decl.indicators[0].remark or "")  # the 中期 value is kept, never read as the target


def test_one_set_of_columns_is_not_two_periods() -> None:
    text = _PERIODS.replace(" 二级指标 | 三级指标 | 指标值 |\n", " 备注 |\n", 1)
    text = "\n".join(
        "|".join(line.split("|")[:4]) + " |" if line.startswith(("产出", "质量", "效益")) else line
        for line in text.splitlines()
    )
    decl = _decl(text)
    assert [i.value.raw for i in decl.indicators] == ["30个", "100%", "9000户"]
    assert "web.two_periods" not in {n.code for n in decl.parse_notes}


def test_two_period_columns_in_a_workbook_read_the_year_set(tmp_path: Path) -> None:
    rows = [
        ["项目支出绩效目标表"],
        ["项目名称", "老旧小区改造", "主管部门", "青禾区住建局"],
        ["项目资金总额", 3000000, "年度资金申请总额", 3000000],
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "改造小区数量", "30个", "数量指标", "改造小区数量", "10个"],
        ["", "质量指标", "竣工验收合格率", "100%", "质量指标", "竣工验收合格率", "≥98%"],
    ]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path := tmp_path / "periods.xlsx")
    decl = import_office(path).declarations[0]
    assert [(i.name, i.value.raw) for i in decl.indicators] == [("改造小区数量", "10个"), ("竣工验收合格率", "≥98%")]
    assert "30个" in (decl.indicators[0].remark or "")
    assert "office.two_periods" in {n.code for n in decl.parse_notes}
