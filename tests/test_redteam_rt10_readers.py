"""Red team rt10: figures the readers got wrong without a word (issue 25, house rule 5).

Each test runs the real reader (``parse_file`` as ``assistant import`` does, or ``import_office``) on the real
六安 page from the fixtures, changed the way the red team changed it, or on a workbook written here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.domain.model import NoteLevel
from assistant.domain.values import ValueKind
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.office.importer import import_office

LUAN = Path(__file__).parent / "fixtures" / "real_pages" / "found" / "test3" / "luan_nongchanpin_zhijian.txt"


def _luan(tmp_path: Path, old: str = "", new: str = ""):
    text = LUAN.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "luan.txt"
    path.write_text(text, encoding="utf-8")
    (decl,) = parse_file(path).declarations
    return decl


def _notes(decl, code: str):
    return [n for n in decl.parse_notes if n.code == code]


# -- 1. a figure's own unit wins over its block's --


@pytest.mark.parametrize(("written", "yuan"), [("513500元", 513_500), ("0.5135亿元", 51_350_000)])
def test_an_amount_with_its_own_unit_in_a_wan_block_keeps_its_own(tmp_path, written, yuan):
    decl = _luan(tmp_path, "年度资金总额: | 51.35 |", f"年度资金总额: | {written} |")
    assert decl.funding.annual == Decimal(yuan)
    (note,) = [n for n in _notes(decl, "funding.own_unit") if n.fragment == written]
    assert note.level is NoteLevel.WARNING and "自带单位" in note.message and "万元" in note.message


def test_an_excel_amount_with_its_own_unit_in_a_wan_block_keeps_its_own(tmp_path):
    book = Workbook()
    for row in (
        ["项目名称", "测试"],
        ["项目资金（万元）", "项目资金总额", "2124000元", "年度资金申请总额", "2.124亿元"],
    ):
        book.active.append(row)
    path = tmp_path / "own.xlsx"
    book.save(path)
    decl = import_office(path).declarations[0]
    assert (decl.funding.total, decl.funding.annual) == (Decimal(2_124_000), Decimal(212_400_000))
    assert len(_notes(decl, "funding.own_unit")) == 2


# -- 2. money units other than 万元/元 --


@pytest.mark.parametrize(
    ("label", "total", "annual"),
    [
        ("项目资金 (千元)", "68500", "51350"),
        ("项目资金 (亿元)", "6850000000", "5135000000"),
        ("项目资金 (单位：人民币万元)", "685000", "513500"),
        ("项目资金 (万)", "685000", "513500"),
    ],
)
def test_a_block_in_another_money_unit_is_read_in_it(tmp_path, label, total, annual):
    decl = _luan(tmp_path, "项目资金 (万元)", label)
    assert (decl.funding.total, decl.funding.annual) == (Decimal(total), Decimal(annual))
    assert any(n.code in {"funding.wan_yuan", "funding.unit_scaled"} for n in decl.parse_notes)


def test_a_money_unit_no_reader_can_place_is_a_warning_never_yuan(tmp_path):
    decl = _luan(tmp_path, "项目资金 (万元)", "项目资金 (万美元)")
    assert decl.funding.total is None and decl.funding.annual is None
    notes = _notes(decl, "funding.unknown_unit")
    assert notes and all("万美元" in n.message and n.level is NoteLevel.WARNING for n in notes)


def test_an_excel_unit_in_the_number_format_is_read(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["项目名称", "测试"])
    sheet.append(["项目资金总额", 212.4])
    sheet["B2"].number_format = '#,##0.00"万元"'
    sheet.append(["年度资金申请总额", 2124])
    sheet["B3"].number_format = '#,##0,"千元"'  # shows 2 千元 for 2,124 元 held: the yuan held is the figure
    path = tmp_path / "format.xlsx"
    book.save(path)
    decl = import_office(path).declarations[0]
    assert (decl.funding.total, decl.funding.annual) == (Decimal(2_124_000), Decimal(2124))


def test_an_excel_block_in_thousands_is_read_in_thousands(tmp_path):
    book = Workbook()
    for row in (["项目名称", "测试"], ["项目资金（千元）", "项目资金总额", "2124"]):
        book.active.append(row)
    path = tmp_path / "k.xlsx"
    book.save(path)
    decl = import_office(path).declarations[0]
    assert decl.funding.total == Decimal(2_124_000)
    assert any("千元" in n.message for n in _notes(decl, "funding.unit_scaled"))


# -- 3. 中期 and 年度 columns decide the 财政拨款 --


def test_the_published_luan_page_reads_the_years_fiscal_amount_from_the_year_column(tmp_path):
    decl = _luan(tmp_path)
    assert (decl.funding.fiscal_annual, decl.funding.fiscal_total) == (Decimal(513_500), Decimal(685_000))
    assert (decl.funding.other_total, decl.funding.other_annual) == (Decimal(0), Decimal(0))
    assert not _notes(decl, "header.conflict")
    assert _notes(decl, "funding.column_period")


# -- 4. number-shaped value cells --
# The page sets 中期 and 年度 column sets side by side; since f17 the second (年度) set is read, so the values are
# changed there.


@pytest.mark.parametrize(
    ("old", "new", "number", "unit"),
    [
        ("| ≥100个 | ||||||", "| ≥1,000个 | ||||||", "1000", "个"),
        ("| ≥98% | ||||\n", "| ≥98．5% | ||||\n", "98.5", "%"),
    ],
)
def test_number_shaped_values_are_read_as_numbers(tmp_path, old, new, number, unit):
    decl = _luan(tmp_path, old, new)
    (row,) = [i for i in decl.indicators if i.value.raw == new.split(" | ")[0].strip("| ")]
    assert (row.value.kind, row.value.number, row.value.unit) == (ValueKind.QUANTITATIVE, Decimal(number), unit)


def test_a_value_bounded_both_ways_is_kept_as_written_and_noted(tmp_path):
    decl = _luan(tmp_path, "| ≥57个 | |||", "| ≥57个以下 | |||")
    row = decl.indicators[0]
    assert row.value.raw == "≥57个以下" and row.value.kind is ValueKind.QUALITATIVE
    (note,) = _notes(decl, "indicator.conflicting_bound")
    assert "以下" in note.message and note.level is NoteLevel.WARNING


# -- 5. hidden Excel rows --


def test_a_hidden_excel_row_is_read_with_a_warning_naming_it(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in (
        ["项目名称", "测试项目"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥100人次"],
        ["产出指标", "质量指标", "合格率（旧）", "≥60%"],
        ["产出指标", "质量指标", "合格率", "≥95%"],
    ):
        sheet.append(row)
    sheet.row_dimensions[4].hidden = True
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    decl = import_office(path).declarations[0]
    (note,) = _notes(decl, "sheet.hidden")
    assert "第 4 行" in note.message and "合格率（旧）" in note.message and note.level is NoteLevel.WARNING


# -- 6. the form's year against the title's --


def test_a_year_line_contradicting_the_title_is_a_warning(tmp_path):
    decl = _luan(tmp_path, "( 2024 年度)", "( 2042 年度)")
    assert decl.header.year == 2024
    (note,) = _notes(decl, "header.year_conflict")
    assert "2042" in note.message and "2024" in note.message


def test_a_unit_wrapped_onto_the_next_line_is_joined_to_its_value_not_a_row(tmp_path):
    decl = _luan(
        tmp_path,
        "| ≥57个 | 数量指标 | 鉴定校准实验室仪器 | ≥57个 |",
        "| ≥57 | 数量指标 | 鉴定校准实验室仪器 | ≥57 |\n个 | | 个 | |||",
    )
    assert [i.name for i in decl.indicators][:2] == ["鉴定校准实验室仪器", "购买标准试剂"]
    first = decl.indicators[0].value
    assert (first.raw, first.number, first.unit) == ("≥57个", Decimal(57), "个")
    (note,) = _notes(decl, "indicator.wrapped_unit")
    assert "≥57" in note.message and note.level is NoteLevel.WARNING


SEED = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "000_1ac9e65464ab096f.txt"


def test_a_budget_line_under_a_thousands_header_is_read_in_thousands():
    seed = SEED.read_text(encoding="utf-8")
    text = seed.replace("明细金额\t单价", "明细金额（千元）\t单价").replace("130000.00\t130000.00", "130\t130000.00")
    (decl, *_) = parse_text_bytes(text.encode("utf-8"), "unit.txt").declarations
    assert decl.budget_lines[0].amount == 130_000
    assert any(n.code == "budget.unit_header" and "千元" in n.message for n in decl.parse_notes)


def test_a_hidden_excel_column_with_content_is_named_in_a_warning(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in (
        ["项目名称", "测试项目"],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "培训人次", "≥100人次", "旧值≥50人次"],
    ):
        sheet.append(row)
    sheet.column_dimensions["E"].hidden = True
    path = tmp_path / "hidden_col.xlsx"
    book.save(path)
    decl = import_office(path).declarations[0]
    (note,) = _notes(decl, "sheet.hidden")
    assert "第 E 列" in note.message
