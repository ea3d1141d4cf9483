"""Two page copies a new user typed from published layouts (``fixtures/newuser``: written by the trial user, not
real pages) and variants of the same classes: a unit named in a row-group label, a label's end, a column header
or a 单位 line applies to the plain amounts under it; 注：/说明： lines under a table are notes, never rows; a
notice of targets written as sentences gives its particulars, its amount sentence and its items, never its
headings or its closing and signature as indicators. Read through ``parse_file``, as ``assistant import`` does."""

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.ingest.text_export import parse_file

NEWUSER = Path(__file__).resolve().parent / "fixtures" / "newuser"
GROUP = """| 项目资金（万元） | 资金总额 | 1568.00 | |
| | 其中：财政拨款 | 1568.00 | |
| | 其他资金 | 0 | |
"""
FOOTNOTE = "注：本表数据为预算编制阶段目标值，以最终批复为准。"
ROWS = [
    ("产出指标", "数量指标", "开展课后服务学校数", "52所"),
    ("产出指标", "数量指标", "参与课后服务学生人数", "不少于36000人"),
    ("产出指标", "质量指标", "课后服务教师到岗率", "98%以上"),
    ("产出指标", "时效指标", "课后服务经费拨付及时率", "100%"),
    ("成本指标", "经济成本指标", "生均课后服务补助标准", "≤435.6元/人·年"),
    ("效益指标", "社会效益指标", "学生参与课后服务覆盖率", "≥85%"),
    ("满意度指标", "服务对象满意度指标", "家长满意度", "90%以上"),
]


def _one(path: Path):
    (decl,) = parse_file(path).declarations
    return decl


def _variant(tmp_path: Path, source: str, old: str, new: str) -> Path:
    text = (NEWUSER / source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_unit_in_the_group_label_applies_to_the_amounts_of_its_rows_and_the_footnote_is_no_row():
    decl = _one(NEWUSER / "published_kehou.txt")
    assert decl.header.name == "中小学课后服务经费"
    assert (decl.funding.total, decl.funding.fiscal_annual, decl.funding.other_total) == (
        Decimal(15_680_000),
        Decimal(15_680_000),
        Decimal(0),
    )
    converted = [n for n in decl.parse_notes if n.code == "funding.wan_yuan"]
    assert len(converted) == 3 and all("项目资金（万元）" in n.message for n in converted)
    assert [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators] == ROWS
    codes = {n.code for n in decl.parse_notes}
    assert "form.footnote" in codes and "file.truncated" not in codes
    assert not any(n.fragment == "项目资金（万元）" for n in decl.parse_notes)  # the label is read, not unplaced
    (footnote,) = [n for n in decl.parse_notes if n.code == "form.footnote"]
    assert FOOTNOTE in footnote.message


@pytest.mark.parametrize(
    "block",
    [
        "| 资金总额（万元） | 1568.00 | | |\n| 其中：财政拨款（万元） | 1568.00 | | |\n| 其他资金（万元） | 0 | | |\n",
        "| 项目资金 | 金额（万元） | | |\n| 资金总额 | 1568.00 | | |\n| 其中：财政拨款 | 1568.00 | | |\n"
        "| 其他资金 | 0 | | |\n",
        "| 单位：万元 | | | |\n| 资金总额 | 1568.00 | | |\n| 其中：财政拨款 | 1568.00 | | |\n| 其他资金 | 0 | | |\n",
        GROUP.replace("项目资金（万元）", "项目资金/万元"),
        GROUP.replace("项目资金（万元）", "项目资金（单位：万元）"),
        # a figure written with its own unit keeps it under a group in 元
        GROUP.replace("项目资金（万元）", "项目资金（元）").replace("1568.00", "1568万元"),
    ],
    ids=["label-end", "column-header", "unit-line", "slash", "unit-in-brackets", "own-unit-wins"],
)
def test_a_unit_named_away_from_the_figures_applies_to_them(tmp_path, block):
    decl = _one(_variant(tmp_path, "published_kehou.txt", GROUP, block))
    assert (decl.funding.total, decl.funding.fiscal_annual) == (Decimal(15_680_000), Decimal(15_680_000))
    assert any(n.code in {"funding.wan_yuan", "funding.unit_converted"} for n in decl.parse_notes)


def test_a_group_label_in_yuan_leaves_plain_figures_as_yuan(tmp_path):
    block = GROUP.replace("项目资金（万元）", "项目资金（元）").replace("1568.00", "15680000.00")
    decl = _one(_variant(tmp_path, "published_kehou.txt", GROUP, block))
    assert decl.funding.total == Decimal(15_680_000)
    assert not any(n.code == "funding.wan_yuan" for n in decl.parse_notes)


@pytest.mark.parametrize(
    "footnote", ["说明：本表金额为预算数。", "注1：以最终批复为准。", "填表说明：指标值以批复为准"]
)
def test_explanations_under_the_table_are_never_indicator_rows(tmp_path, footnote):
    decl = _one(_variant(tmp_path, "published_kehou.txt", FOOTNOTE, footnote))
    assert [i.name for i in decl.indicators] == [r[2] for r in ROWS]
    assert "file.truncated" not in {n.code for n in decl.parse_notes}
    assert any(n.code == "form.footnote" and footnote in n.message for n in decl.parse_notes)


def test_a_notice_in_sentences_gives_its_particulars_amount_and_items_and_no_furniture():
    decl = _one(NEWUSER / "notice_falv.txt")
    header = decl.header
    assert (header.name, header.department, header.implementer, header.year) == (
        "基层法律援助服务经费",
        "上海市宝山区司法局",
        "上海市宝山区法律援助中心",
        2026,
    )
    assert decl.funding.total == Decimal(860_000)
    assert any(n.code == "funding.from_sentence" and "86万元" in n.message for n in decl.parse_notes)
    assert [(i.level1_written, i.name, i.value.raw) for i in decl.indicators] == [
        ("产出目标", "全年办理法律援助案件", "不少于1200件"),
        ("产出目标", "开展普法讲座", "不少于40场"),
        ("产出目标", "援助案件结案归档率", "100%"),
        ("产出目标", "案件受理后3个工作日内指派律师", "3个工作日内"),
        ("效益目标", "困难群众法律援助覆盖率", "100%"),
        ("满意度目标", "受援人满意度", "不低于90%"),
    ]
    signature = {n.fragment for n in decl.parse_notes if n.code == "web.notice_signature"}
    assert signature == {"特此公示。", "上海市宝山区司法局", "2026年1月20日"}
    # the part of the particulars that names no field is noted as written, not dropped or made a row
    assert any(n.code == "unplaced.cell" and n.fragment == "全部为财政资金" for n in decl.parse_notes)


@pytest.mark.parametrize(
    ("sentence", "yuan"),
    [("项目预算为120万元", 1_200_000), ("年度安排资金45.5万元", 455_000), ("项目资金总额860000元", 860_000)],
)
def test_an_amount_sentence_in_the_particulars_gives_the_amount_with_a_note(tmp_path, sentence, yuan):
    path = _variant(tmp_path, "notice_falv.txt", "项目资金总额86万元", sentence)
    decl = _one(path)
    assert decl.funding.total == Decimal(yuan)
    assert any(n.code == "funding.from_sentence" and sentence in n.message for n in decl.parse_notes)


def test_two_different_amounts_in_the_particulars_give_none_and_nothing_is_invented(tmp_path):
    path = _variant(tmp_path, "notice_falv.txt", "项目资金总额86万元", "项目资金总额86万元，其中年度预算60万元")
    decl = _one(path)
    assert all(v is None for v in decl.funding.model_dump().values())
    assert len(decl.indicators) == 6


def test_a_notice_closing_with_another_formula_and_a_numeric_date_has_no_furniture_rows(tmp_path):
    path = _variant(
        tmp_path,
        "notice_falv.txt",
        "特此公示。\n上海市宝山区司法局\n2026年1月20日",
        "特此公告\n上海市宝山区法律援助中心\n2026-01-20",
    )
    decl = _one(path)
    assert [i.name for i in decl.indicators][-1] == "受援人满意度"
    assert len([n for n in decl.parse_notes if n.code == "web.notice_signature"]) == 3


def test_a_signature_without_a_closing_formula_is_not_an_item(tmp_path):
    path = _variant(tmp_path, "notice_falv.txt", "特此公示。\n", "")
    decl = _one(path)
    assert [i.name for i in decl.indicators][-1] == "受援人满意度"
    assert {"上海市宝山区司法局", "2026年1月20日"} <= {n.fragment for n in decl.parse_notes}


@pytest.mark.parametrize(
    ("item", "name", "value"),
    [
        ("接到报修后24小时内到场处置", "接到报修后24小时内到场处置", "24小时内"),
        ("资料在2个月以内完成归档", "资料在2个月以内完成归档", "2个月以内"),
        ("法律咨询答复率达到98%", "法律咨询答复率", "98%"),
    ],
)
def test_a_value_inside_a_sentence_stays_with_its_item(tmp_path, item, name, value):
    path = _variant(tmp_path, "notice_falv.txt", "案件受理后3个工作日内指派律师", item)
    rows = [(i.name, i.value.raw) for i in _one(path).indicators]
    assert (name, value) in rows


def test_a_remark_line_under_the_table_is_the_forms_remark_not_an_indicator(tmp_path):
    decl = _one(_variant(tmp_path, "published_kehou.txt", FOOTNOTE, "备注：" + FOOTNOTE.removeprefix("注：")))
    assert [i.name for i in decl.indicators] == [r[2] for r in ROWS]
    assert [s.text for s in decl.sections if s.kind.value == "remarks"] == [FOOTNOTE.removeprefix("注：")]
    assert "file.truncated" not in {n.code for n in decl.parse_notes}


def test_an_item_with_a_value_before_the_first_category_stays_an_item(tmp_path):
    path = _variant(
        tmp_path, "notice_falv.txt", "二、绩效目标：\n", "二、绩效目标：\n全年接待来访咨询不少于3000人次。\n"
    )
    decl = _one(path)
    assert [(i.name, i.value.raw) for i in decl.indicators][0] == ("全年接待来访咨询", "不少于3000人次")
    assert len(decl.indicators) == 7 and decl.funding.total == Decimal(860_000)
