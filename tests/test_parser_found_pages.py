"""Real published pages of families the first reader did not know (issue 25), from the tune half of the eval
(tests/fixtures/real_pages/found/tune, each with its ``source:`` address): one cell per line without ``|``,
长期/年度 categories side by side, space-separated rows with template text, cells run together when copied (read
where the words show the edges, refused where they do not), wrapped labels and categories, periods and unit
codes in the header."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.corpus.store import build_corpus
from assistant.errors import NotADeclarationError
from assistant.ingest.assemble import declaration_id
from assistant.ingest.cells import parse_period, strip_unit_code
from assistant.ingest.text_export import parse_file

TUNE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "tune"
SHARED = Path(__file__).resolve().parent / "fixtures" / "real_pages"


def _one(name: str):
    found = parse_file(TUNE / name).declarations
    assert len(found) == 1
    return found[0]


def _rows(decl):
    return [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]


def test_one_cell_per_line_with_wrapped_categories_and_an_explained_amount():
    decl = _one("yyx_gaobiaozhun_nongtian.txt")
    assert (decl.header.name, decl.header.year, decl.header.department) == (
        "岳阳县2022年高标准农田建设项目",
        2022,
        "岳阳县农业农村局",
    )
    assert decl.funding.annual == Decimal("8540000")  # 854万(高标准农田建设400万元,…): the bracket is a note
    assert any(n.code == "funding.explained" for n in decl.parse_notes)
    rows = _rows(decl)
    assert len(rows) == 12
    assert ("效益指标", "经济效益指标", "年增粮食", "3500公斤") in rows  # 经济效益 / 指标 on two lines
    assert rows[-1] == ("满意度指标", "服务对象满意度指标", "受益脱贫(监测)户满意度", "≥95%")
    assert not any(n.code == "indicator.value_missing" for n in decl.parse_notes)
    assert any(n.code == "web.footnote" for n in decl.parse_notes)  # 注:各地请根据实际情况… is no row


def test_long_term_and_annual_categories_side_by_side_read_the_annual_ones():
    decl = _one("qingshan_jichu_sheshi_changqi.txt")
    assert decl.header.department == "武汉市青山区教育局"  # 主管部门 / 及编码 wrapped; [015001] is a code
    assert (decl.header.start_date, decl.header.end_date) == (date(2020, 1, 1), date(2020, 12, 31))  # 202001-202012
    assert decl.funding.total == Decimal("100000000")
    assert _rows(decl) == [
        ("产出指标", "数量指标", "重点建设工程安排数量", "2"),
        ("产出指标", "质量指标", "重点建设工程验收合格率", "100%"),
        ("产出指标", "成本指标", "建设项目成本", "参照政府采购成本控制"),
        ("产出指标", "时效指标", "重点建设工程按期完成率", "100%"),
        ("效益指标", "可持续影响指标", "基础教育巩固提高情况", "巩固提高"),
        ("效益指标", "社会效益指标", "基础教育学校办学条件", "持续改善"),
        ("满意度指标", "服务对象满意度指标", "学生、家长、社会满意度", "≥90%"),
    ]  # 附件: and 扫一扫… after the table are page text, not a row


def test_space_separated_rows_keep_bracketed_template_text_and_stop_at_the_reviewers_box():
    decl = _one("nanyue_fupin_jidi.txt")
    assert decl.header.name == "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)"
    assert decl.header.manager == "郭铁梅18932106863"
    assert decl.header.implementer == "湖南省润山润水生态农业发展有限公司"
    assert decl.funding.annual == Decimal("100000")  # 资金情况(万元) names the unit of the block
    names = [i.name.replace(" ", "") for i in decl.indicators]
    assert len(names) == 16 and "贫困地区旅游景点开发数量(≥**个)" in names  # the space split it in two: one cell
    assert not any("初审意见" in n for n in names)


def test_cells_run_together_one_row_per_line_are_read_by_their_words():
    decl = _one("qingshan_bochuo_gaizao_flat.txt")
    assert (decl.header.name, decl.header.department, decl.header.implementer) == (
        "农村义务教育薄弱学校改造补助资金",
        "青山区教育局",
        "化工区学校",
    )
    assert decl.funding.annual == Decimal("160000")
    rows = _rows(decl)
    assert len(rows) == 9
    assert rows[0] == ("产出指标", "数量指标", "农村义务教育学校改造覆盖率", "100%")
    assert ("效益指标", "可持续影响指标", "义务教育优质均衡发展情况", "稳步提高") in rows
    assert any(n.code == "web.flat" for n in decl.parse_notes)


def test_a_whole_table_run_onto_one_line_is_read_where_its_words_part_the_rows():
    """The table is cut before each category word; a piece whose name and value cannot be told apart is a note
    quoting it (its categories still head the rows after it), never a row."""
    decl, second = parse_file(TUNE / "bigxun_jiayuguan_bowuguan.txt").declarations  # the second: fields only
    assert second.header.name == "博物馆提升改造项目" and not second.indicators
    rows = _rows(decl)
    assert rows[:3] == [
        ("产出指标", "数量指标", "免费开放天数", "=300天"),
        ("产出指标", "质量指标", "博物馆绩效考核指标完成率", "=100百分比"),
        ("产出指标", "时效指标", "各项工作完成及时率", "=99百分比"),  # the % before = is the value's, not the name's
    ]
    assert ("效益指标", "社会效益指标", "免费开放接待观众人数", "=30000人次") in rows
    assert not any("LJUI" in name or "LJUI" in value for _, _, name, value in rows)
    unsplit = [n for n in decl.parse_notes if n.code == "web.flat_unsplit"]
    assert len(unsplit) == 1 and "为当地提供就业LJUI" in unsplit[0].message
    # the second form on the same line (only its header survives the copy) gives no rows to the first
    assert not any("博物馆提升改造" in name for _, _, name, _ in rows)


def test_a_run_together_table_with_more_columns_keeps_the_form_and_notes_the_table(tmp_path):
    # 鄂州 with a column no reader knows in place of Hubei's 绩效标准 (the real page's rows are read where their words
    # show the edges: tests/test_real_pages_classes7.py)
    page = (TUNE / "desk33_ezhou_binhu_dalou.txt").read_text(encoding="utf-8")
    variant = tmp_path / "ezhou_other_columns.txt"
    variant.write_text(page.replace("绩效标准当年预期实现值", "佐证材料当年预期实现值"), encoding="utf-8")
    (decl,) = parse_file(variant).declarations
    assert decl.header.name == "滨湖大胆办公大楼运行保障"
    assert decl.indicators == []
    (note,) = [n for n in decl.parse_notes if n.code == "web.flat_columns"]
    assert "其他栏目" in note.message and "重新复制" in note.message


def test_a_period_label_fills_both_planned_dates():
    decl = parse_file(SHARED / "01_xiangtan_wupaoche.txt").declarations[0]
    assert (decl.header.start_date, decl.header.end_date) == (date(2023, 7, 1), date(2024, 1, 31))
    assert any(n.code == "header.period" and "2023.07-2024.01" in n.message for n in decl.parse_notes)
    assert decl.id == "2023-001-01"  # the file number has three digits: an id never reads as a date


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023.07-2024.01", (date(2023, 7, 1), date(2024, 1, 31))),
        ("202001-202012", (date(2020, 1, 1), date(2020, 12, 31))),
        ("2023年4月-2024年2月", (date(2023, 4, 1), date(2024, 2, 29))),
        ("2021年1月-12月", (date(2021, 1, 1), date(2021, 12, 31))),
        ("2025年1月1日至2025年12月31日", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2021年度", (date(2021, 1, 1), date(2021, 12, 31))),
        ("3年", None),
        ("2024.13-2025.01", None),
        ("2025年-2024年", None),
    ],
)
def test_periods_as_forms_write_them(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("[015001]武汉市青山区教育局", ("武汉市青山区教育局", "015001")),
        ("820001-井研县马踏镇人民政府", ("井研县马踏镇人民政府", "820001")),
        ("123001 某某局", ("某某局", "123001")),
        ("2023年度某某局", ("2023年度某某局", None)),
        ("12345", ("12345", None)),
    ],
)
def test_unit_names_lose_their_budget_codes(text, unit):
    assert strip_unit_code(text) == unit


def test_ids_are_readable_and_two_files_numbered_alike_stay_apart(tmp_path):
    assert declaration_id(2023, "01_xiangtan.txt", 1) == "2023-001-01"
    assert declaration_id(2019, "002_90e6a7b91dded67c.txt", 3) == "2019-002-03"  # the seeds keep their ids
    raw = tmp_path / "raw"
    raw.mkdir()
    page = (SHARED / "01_xiangtan_wupaoche.txt").read_text(encoding="utf-8")
    (raw / "01_a.txt").write_text(page, encoding="utf-8")
    (raw / "01_b.txt").write_text(page.replace("雾炮车降尘抑尘服务", "洒水车降尘服务"), encoding="utf-8")
    report = build_corpus(raw, tmp_path / "corpus")
    ids = [d.id for d in report.declarations]
    assert ids[0] == "2023-001-01" and ids[1].startswith("2023-001-") and len(set(ids)) == 2
    assert ids[1] != "2023-001-01"


def test_a_run_together_page_with_no_name_or_row_to_tell_apart_is_refused_saying_why(tmp_path):
    """湘西特校 with columns after 指标值 that are not Hunan's 指标值内容/评分/度量单位/指标值类型 (the real page is read:
    tests/test_real_pages_classes7.py): the project is named only in a run-together code row under the table's
    header, so nothing can be told apart and the page is refused with what to do (never an empty declaration)."""
    page = (TUNE.parent / "test" / "xxztx_texiao_huoshi_flat.txt").read_text(encoding="utf-8")
    variant = tmp_path / "xxztx_other_columns.txt"
    variant.write_text(page.replace("度量单位指标值类型备注", "佐证材料备注"), encoding="utf-8")
    with pytest.raises(NotADeclarationError) as caught:
        parse_file(variant)
    assert "单元格连在了一起" in caught.value.message and "其他栏目" in caught.value.message
    assert "重新复制" in caught.value.hint


def test_a_run_together_form_cut_before_its_table_gives_its_fields_and_says_there_are_no_rows():
    """南江 (tune5/chacewang_nanjiang_linye_flat.txt): a notice, its allocation table and a 区域绩效目标表 all on one
    line, the copy ending before the indicator table: name, unit and amount read by their labels, no row."""
    (decl,) = parse_file(TUNE.parent / "tune5" / "chacewang_nanjiang_linye_flat.txt").declarations
    assert decl.header.name == "省级财政林业草原专项资金(天然林保护、林业草原支撑保障体系建设)"
    assert decl.header.department == "南江县林业局"
    assert decl.funding.annual == Decimal("1581800")  # 年度金额(万元)158.18: the unit run onto its label
    assert decl.indicators == []
    assert any(n.code == "web.flat_form" and "补录指标" in n.message for n in decl.parse_notes)
