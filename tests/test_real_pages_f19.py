"""Classes left on the seen halves after session 11 (helper f19, session 12), each tested on the real page it was
seen on and on a variant written here. Tuned on test11 (武川), test12 (炉霍) and tune4 (永兴), halves already scored.

1. category cells a web copy lost at the top of an indicator table (the page names 一级/二级 columns; the merged
   产出指标 / 数量指标 / 质量指标 cells left no text): restored from the table's own order, with a note, and only
   where the order and each row's words agree;
2. a 自评表 copied from its title's year line (``(2021年度)``, the title cut off above it): that line is its year.
"""

from __future__ import annotations

from pathlib import Path

from assistant.domain.model import Level1, Level2
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.ingest.selfeval_qualitative import qualitative_row
from assistant.ingest.selfeval_repeat import PROVABLE, split_repeated
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.office.indicators import Role, role_of

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _rows(decl) -> list[tuple[str | None, str | None, str, str]]:
    return [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]


def _codes(notes) -> set[str]:
    return {n.code for n in notes}


# -- 1. Category cells lost at the top of a web-copied indicator table ---------------------------------------------


def test_lost_categories_at_the_table_top_real_page() -> None:
    (decl,) = parse_file(FOUND / "test11" / "wuchuan_yangzhichang.txt").declarations
    assert _rows(decl) == [
        ("产出指标", "数量指标", "贫困地区新增特色产业数量", "≥1个"),
        ("产出指标", "数量指标", "贫困地区建设少数民族聚居村养殖场", "≥1个"),
        ("产出指标", "质量指标", "养殖动物成活率(目标)", "≥95%"),
        ("产出指标", "质量指标", "项目(工程)验收合格率", "100%"),
        ("产出指标", "时效指标", "开工时限", "2021年7月"),
        ("产出指标", "时效指标", "竣工时限", "2021年9月"),
        ("产出指标", "成本指标", "打井、配电", "50000元"),  # the older template's 二级 成本指标, under 产出指标
        ("产出指标", "成本指标", "饲料库120平米", "490元/平米"),
        ("产出指标", "成本指标", "围墙300米", "300元/米"),
        ("产出指标", "成本指标", "标准化棚圈360平米", "550元/平米"),
        ("产出指标", "成本指标", "防疫室84平米", "≥1050元"),
    ]
    notes = {n.code: n for n in decl.parse_notes}
    assert "indicator.levels_lost" in notes and "请对照原表核对" in notes["indicator.levels_lost"].message
    assert "indicator.placed_by_content" not in notes  # its "原表没有一级/二级指标" no longer holds


def test_lost_level1_of_a_column_rendered_pdf_real_page() -> None:
    (decl,) = parse_file(FOUND / "tune4" / "360docs_yongxing_dongwu_fangyi.txt").declarations
    assert _rows(decl)[0][:2] == ("产出指标", "数量指标")
    assert "indicator.levels_lost" in _codes(decl.parse_notes)


_PAGE = """source: http://example.gov.cn/xxgk/2023/t20230615_1.html
绩效目标申报表 | ||||||||
(2023年度) | ||||||||
项目名称 | 某镇村级综合服务站修缮项目 | 项目负责人及电话 | 张明 13800000000 | |||||
主管部门 | 某县农业农村局 | 实施单位 | 某镇人民政府 | |||||
资金情况 (万元) |
年度资金总额:80万 | 县级财政资金80 | ||||||
其他资金 | ||||||||
年度目标 | |||||||
修缮村级综合服务站3个，硬化道路2公里，提升服务能力。 | ||||||||
绩 效 指 标 |
一级指标 | 二级指标 | 三级指标 | 指标值 | ||||
{top}
时效指标 | 完工时间 | 2023年11月 | ||||||
成本指标 | 服务站修缮单价 | ≤20万元/个 | ||||||
社会效益指标 | 群众办事便利程度 | 明显提升 | ||||||
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | |||||
"""
_TOP = """修缮综合服务站个数 | 3个 | |||||||
硬化道路长度 | 2公里 | |||||||
工程验收合格率 | 100% | |||||||"""


def _read(text: str):
    (decl,) = parse_text_bytes(text.encode("utf-8"), "page.txt").declarations
    return decl


def test_lost_categories_variant_by_order_and_words() -> None:
    decl = _read(_PAGE.format(top=_TOP))
    assert _rows(decl) == [
        ("产出指标", "数量指标", "修缮综合服务站个数", "3个"),
        ("产出指标", "数量指标", "硬化道路长度", "2公里"),
        ("产出指标", "质量指标", "工程验收合格率", "100%"),
        ("产出指标", "时效指标", "完工时间", "2023年11月"),
        ("产出指标", "成本指标", "服务站修缮单价", "≤20万元/个"),
        ("效益指标", "社会效益指标", "群众办事便利程度", "明显提升"),  # its 一级 restored from its own 二级
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),  # written: the rows below are untouched
    ]
    assert decl.indicators[5].level1 is Level1.BENEFIT and decl.indicators[0].level2 is Level2.QUANTITY


def test_lost_categories_above_quality_are_quantity_by_order_alone() -> None:
    top = "培训新型职业农民 | ≥200人次 | |||||||\n发放技术手册 | 500册 | |||||||\n质量指标 | 培训合格率 | ≥95% | ||||||"
    decl = _read(_PAGE.format(top=top))
    assert _rows(decl)[:3] == [
        ("产出指标", "数量指标", "培训新型职业农民", "≥200人次"),
        ("产出指标", "数量指标", "发放技术手册", "500册"),
        ("产出指标", "质量指标", "培训合格率", "≥95%"),
    ]


def test_lost_categories_whose_words_disagree_with_the_order_are_not_given() -> None:
    # a row worded as 质量 above one worded as 数量: the template's order (数量 before 质量) does not allow it
    top = "工程验收合格率 | 100% | |||||||\n修缮综合服务站个数 | 3个 | |||||||"
    decl = _read(_PAGE.format(top=top))
    assert [r[:2] for r in _rows(decl)[:2]] == [(None, None), (None, None)]
    assert _rows(decl)[2][:2] == ("产出指标", "时效指标")  # its 二级 is written: its 一级 is the framework's
    # a row whose words place it outside 数量/质量 (满意度) above 时效指标: nothing is made up for the top rows
    top = "群众满意度 | ≥90% | |||||||\n硬化道路长度 | 2公里 | |||||||"
    decl = _read(_PAGE.format(top=top))
    assert [r[:2] for r in _rows(decl)[:2]] == [(None, None), (None, None)]


_ROWS = [
    ("产出指标", "数量指标", "助餐服务人次", "≥12000人次"),
    ("产出指标", "数量指标", "上门探访老人户数", "≥300户"),
    ("产出指标", "质量指标", "服务投诉处理率", "100%"),
    ("产出指标", "时效指标", "补助资金拨付时间", "2024年6月底前"),
    ("效益指标", "社会效益指标", "老年人生活便利程度", "明显提升"),
    ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%"),
]
_CELLS = [
    "助餐服务人次",
    "≥12000人次",
    "上门探访老人户数",
    "≥300户",
    "质量指标",
    "服务投诉处理率",
    "100%",
    "时效指标",
    "补助资金拨付时间",
    "2024年6月底前",
    "效益指标",
    "社会效益指标",
    "老年人生活便利程度",
    "明显提升",
    "满意度指标",
    "服务对象满意度指标",
    "老年人满意度",
    "≥90%",
]
_HEAD = ["项目支出绩效目标表", "(2024年度)", "项目名称", "某街道社区养老服务站运营补助", "主管部门", "某区民政局"]
_HEAD += ["实施单位", "某街道办事处", "年度资金总额(万元)", "36", "一级指标", "二级指标", "三级指标", "指标值"]


def test_lost_categories_on_a_one_cell_a_line_page() -> None:
    lines = ["source: http://example.gov.cn/xxgk/2024/t20240301_9.html", *(f"{c} |" for c in [*_HEAD, *_CELLS])]
    decl = _read("\n".join(lines) + "\n")
    assert _rows(decl) == _ROWS  # the two rows above 质量指标 are 数量指标 by the template's order alone
    assert "indicator.levels_lost" in _codes(decl.parse_notes)


def test_lost_categories_on_a_space_separated_page() -> None:
    text = """source: http://example.gov.cn/xxgk/2024/t20240301_10.html
项目支出绩效目标表
(2024年度)
项目名称 某街道社区养老服务站运营补助
主管部门 某区民政局 实施单位 某街道办事处
年度资金总额(万元) 36
一级指标 二级指标 三级指标 指标值
助餐服务人次 ≥12000人次
上门探访老人户数 ≥300户
质量指标 服务投诉处理率 100%
时效指标 补助资金拨付时间 2024年6月底前
效益指标 社会效益指标 老年人生活便利程度 明显提升
满意度指标 服务对象满意度指标 老年人满意度 ≥90%
"""
    assert _rows(_read(text)) == _ROWS


_SELFEVAL_LOST = """source: http://example.gov.cn/zfxxgk/2024/t20240301_5.shtml
项目支出绩效自评表 | ||||||||
(2023年度) | ||||||||
项目名称 | 村级综合服务站修缮项目 | ||||||
主管部门 | 某县农业农村局 | 实施单位 | 某镇人民政府 | ||||
项目资金 (万元) |
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 80 | 80 | 78 | 10 | 97.5% | 9.7 |
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
修缮综合服务站个数 | 3个 | 3个 | 10 | 10 | |
硬化道路长度 | 2公里 | 2公里 | 10 | 10 | |
工程验收合格率 | 100% | 100% | 10 | 10 | |
时效指标 | 完工时间 | 2023年11月 | 2023年11月 | 10 | 10 | |
成本指标 | 服务站修缮单价 | ≤20万元/个 | 19万元/个 | 10 | 10 | |
效益指标 | 社会效益指标 | 群众办事便利程度 | 明显提升 | 明显提升 | 20 | 18 | |
总分 | 100 | 97.7 |
"""


def test_lost_categories_of_a_selfeval_table() -> None:
    form, notes = read_self_evaluation_text(_SELFEVAL_LOST, "page.txt")
    assert [(r.link.level1_written, r.link.level2_written, r.link.name) for r in form.rows] == [
        ("产出指标", "数量指标", "修缮综合服务站个数"),
        ("产出指标", "数量指标", "硬化道路长度"),
        ("产出指标", "质量指标", "工程验收合格率"),
        ("产出指标", "时效指标", "完工时间"),
        (
            "产出指标",
            "成本指标",
            "服务站修缮单价",
        ),  # after 产出 rows: the older template's 二级 (was 成本指标 | 成本指标)
        ("效益指标", "社会效益指标", "群众办事便利程度"),
    ]
    assert "selfeval.level1_unwritten" in _codes(notes)


def test_no_level1_column_named_leaves_the_rows_as_written() -> None:
    text = _PAGE.format(top=_TOP).replace("一级指标 | 二级指标 | 三级指标 | 指标值", "二级指标 | 三级指标 | 指标值")
    decl = _read(text)
    assert decl.indicators[3].level1_written is None and decl.indicators[0].level2_written is None
    assert "indicator.levels_lost" not in _codes(decl.parse_notes)


# -- 2. A 自评表 copied from its title's year line --------------------------------------------------------------------


def test_selfeval_year_line_without_its_title_real_page() -> None:
    ((form, notes),) = read_self_evaluation_forms(FOUND / "test12" / "cecfb_luhuo_chuanranbing_selfeval.txt")
    assert form.year == 2021
    assert "selfeval.year_untitled" in _codes(notes)


_SELFEVAL = """source: http://example.gov.cn/zfxxgk/2024/t20240301_2.shtml
{first}
项目名称 | 农村公路养护项目 | ||||||
主管部门 | 某县交通运输局 | 实施单位 | 某县公路养护中心 | ||||
项目资金 (万元) |
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 120 | 120 | 118 | 10 | 98.3% | 9.8 |
其中:当年财政拨款 | 120 | 120 | 118 | - | 98.3% | - |
"""


def test_selfeval_year_line_without_its_title_variant() -> None:
    form, notes = read_self_evaluation_text(_SELFEVAL.format(first="（2023年度） | |||||||"), "page.txt")
    assert form.year == 2023 and form.project_name == "农村公路养护项目"
    assert "selfeval.year_untitled" in _codes(notes)


def test_selfeval_year_line_after_other_text_is_not_taken() -> None:
    # page text before the bracketed year: it is not the form's first line, so the year is not taken from it
    first = "发布日期：2024-03-01 | |||||||\n（2023年度） | |||||||"
    form, notes = read_self_evaluation_text(_SELFEVAL.format(first=first), "page.txt")
    assert form.year is None and "selfeval.year_untitled" not in _codes(notes)


# -- 3. A 二级 whose wrapped cell a document mirror wrote apart, the row's name between its two lines ---------------


def test_interleaved_level2_real_page() -> None:
    ((form, _),) = read_self_evaluation_forms(FOUND / "tune9" / "chddh_jishan_yibao_selfeval_xlsx.txt")
    last = form.rows[-1].link
    assert (last.level1_written, last.level2_written, last.name) == ("满意度指标", "服务对象满意度指标", "是否满意")


_MIRROR = (
    "项目支出绩效自评表 (2022年度) 项目名称 村级环境整治 主管部门 县农业农村局 项目资金 年初预算数 (万元) 年度资金总额 "
    "实施单位 全年预算数 全年执行数 分值 执行率 得分 50 48 10 96% 9 一级 指标 二级指标 三级指标 数量指标 "
    "指标1:整治村庄个数 绩 效 指 标 县农村环境服务站 产出 指标 实际 指标值 完成值 12个 分值 得分 12个 30 30 "
    "质量指标 指标1:整治验收合格率 100% 100% 20 20 ≥90% 93% 30 30 90% 91% 10 10 100 99 "
    "效益指标 社会效益指标 指标1:村容村貌改善程度 满意度 指标 {split} 总分"
)


def test_interleaved_level2_variant() -> None:
    text = _MIRROR.format(split="服务对象满意 指标1:村民满意度 (10分 度指标 )")
    form, _ = read_self_evaluation_text(f"村级环境整治自评表.xlsx\n{text}\n", "mirror.txt")
    last = form.rows[-1]
    assert (last.link.level1_written, last.link.level2_written, last.link.name, last.target) == (
        "满意度指标",
        "服务对象满意度指标",
        "村民满意度",
        "90%",
    )


def test_interleaved_level2_without_its_end_is_not_made_up() -> None:
    text = _MIRROR.format(split="服务对象满意 指标1:村民满意度 (10分 )")
    form, _ = read_self_evaluation_text(f"村级环境整治自评表.xlsx\n{text}\n", "mirror.txt")
    assert form.rows[-1].link.level2_written is None


# -- 4. A form with no year under a notice naming several: its own 年度目标's one year, else a warning ---------------


def test_year_from_the_forms_own_goal_real_page() -> None:
    (decl,) = parse_file(FOUND / "test3" / "mirror_zhongxian_shengzhu.txt").declarations
    assert decl.header.year == 2022  # 到2022年底… in its 年度目标; the notice names 2021 and 2022
    note = next(n for n in decl.parse_notes if n.code == "header.year_from_page")
    assert "2021、2022" in note.message


def _notice(goal: str) -> str:
    """忠县's layout with other words, figures and years: a notice naming 2023 and 2024 above the form."""
    text = (FOUND / "test3" / "mirror_zhongxian_shengzhu.txt").read_text(encoding="utf-8")
    text = text.replace("生猪(牛羊)调出大县奖励资金", "农业生产发展资金").replace(
        "生猪调出大县奖励资金", "农业生产发展资金"
    )
    text = text.replace("397", "120").replace("2022", "2024").replace("2021", "2023")
    old_goal = next(line for line in text.splitlines() if line.startswith("到2024年底"))
    return text.replace(old_goal, f"{goal} | ||||")


def test_year_from_the_forms_own_goal_variant() -> None:
    decl = _read(_notice("到2024年底,农业生产稳定发展,高标准农田建设任务完成市政府既定目标,提升农业综合生产能力。"))
    assert decl.header.year == 2024
    assert "header.year_from_page" in _codes(decl.parse_notes)


def test_year_not_told_by_the_page_or_the_goal_is_left_blank_with_a_warning() -> None:
    decl = _read(_notice("农业生产稳定发展,高标准农田建设任务完成市政府既定目标,提升农业综合生产能力。"))
    assert decl.header.year is None
    note = next(n for n in decl.parse_notes if n.code == "header.year_unclear")
    assert "2023、2024" in note.message and "不猜测" in note.message
    # a goal naming a year the page does not name is no proof either
    decl = _read(_notice("到2025年底,农业生产稳定发展,高标准农田建设任务完成市政府既定目标,提升农业综合生产能力。"))
    assert decl.header.year is None and "header.year_unclear" in _codes(decl.parse_notes)


# -- 5. A 年度目标 sentence holding a header word (高标准 → 标准) is text, not a column of the indicator table --------


def test_goal_sentence_with_a_header_word_is_kept_as_the_goal() -> None:
    goal = "到2024年底,农业生产稳定发展,高标准农田建设任务完成市政府既定目标,提升农业综合生产能力。"
    decl = _read(_notice(goal))
    assert [s.text for s in decl.sections if s.kind.value == "goal_annual"] == [goal]  # was dropped: no note, no text
    assert decl.header.year == 2024
    assert [i.name for i in decl.indicators] == ["猪肉产量稳定率", "能繁母猪稳定率"]
    # a short header cell with that word still names its column
    assert role_of("指标值设定依据") is Role.BASIS and role_of("评分标准") is Role.BASIS


# -- 6. A run-together 自评表 row whose 全年实际值 repeats its 年度指标值 after one stray scan mark ------------------------


def test_repeat_after_a_stray_mark_real_page() -> None:
    ((form, notes),) = read_self_evaluation_forms(FOUND / "tune7" / "bigxun_yuanzhou_malingshu_flat.txt")
    row = next(r for r in form.rows if r.link.name == "一级种薯推广面积占总面积比例")
    assert (row.link.level2_written, row.target, row.actual) == ("社会效益指标", "80%", "^80%")  # kept as written
    assert any("「^80%」开头多一个识别符号" in n.message for n in notes if n.code == "selfeval.row_proven")


def test_repeat_after_a_stray_mark_variant() -> None:
    found = split_repeated("道路硬化完成率1095%~95%9", list(PROVABLE))
    assert found == [{"name": "道路硬化完成率", "weight": "10", "target": "95%", "actual": "~95%", "score": "9"}]
    found = split_repeated("群众知晓率885%#85%8培训人次10300人次300人次10", list(PROVABLE))
    assert found is not None and [(f["name"], f["actual"]) for f in found] == [
        ("群众知晓率", "#85%"),
        ("培训人次", "300人次"),
    ]


def test_repeat_after_other_characters_is_no_proof() -> None:
    assert split_repeated("道路硬化完成率1095%a95%9", list(PROVABLE)) is None  # a letter is no stray mark
    assert split_repeated("资金是否足额拨付10是^是10", list(PROVABLE)) is None  # a value not starting with a figure


# -- 7. A run-together row whose 年度指标值 and 全年实际值 are two different qualitative words -----------------------------


def test_qualitative_pair_real_page() -> None:
    ((form, notes),) = read_self_evaluation_forms(FOUND / "tune7" / "bigxun_yuanzhou_malingshu_flat.txt")
    row = form.rows[-1]
    assert (row.target, row.actual, row.weight, row.score) == ("是", "基本达到", 8, 7)
    assert row.deviation == "加强技术指导,加大宣传力度;加大项目支持力度"
    assert "selfeval.row_qualitative" in _codes(notes)


def test_qualitative_pair_variant() -> None:
    rows, notes = qualitative_row("村级道路长效管护机制建立10完成基本完成8部分村未落实管护人员", 3, list(PROVABLE)) or (
        [],
        [],
    )
    assert rows == [
        {
            "name": "村级道路长效管护机制建立",
            "weight": "10",
            "target": "完成",
            "actual": "基本完成",
            "score": "8",
            "deviation": "部分村未落实管护人员",
        }
    ]
    assert notes[0].code == "selfeval.row_qualitative"


def test_qualitative_pair_is_read_only_when_one_cut_fits() -> None:
    # not qualitative words: 良好率 is no word of the list after 合格
    assert qualitative_row("设备运行状况10合格良好率9", 1, list(PROVABLE)) is None
    # a 得分 above its 分值 is no row
    assert qualitative_row("制度建立健全5是是8", 1, list(PROVABLE)) is None
    # an operator in the text: a quantitative row, left to the other readers
    assert qualitative_row("制度建立健全5是≥是5", 1, list(PROVABLE)) is None
    # another table's columns: not this reading
    assert qualitative_row("制度建立健全5是是5", 1, ["name", "target", "actual", "score"]) is None
