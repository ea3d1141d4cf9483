"""A budget line's 单价 in the unit its header names or the amount header's, proven (helper f15): it had been read
by ``parse_amount`` with no header unit, so a 单价 in 万元 under 明细金额（万元） came out 10,000 times too small, and a
``单价（万元）`` header was no column at all (its cells unplaced)."""

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from assistant.domain.model import NoteLevel
from assistant.ingest.text_export import parse_text_bytes
from assistant.office.importer import import_office

SEED = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "000_1ac9e65464ab096f.txt"


def _read(amount_header: str, price_header: str, amount: str, price: str):
    """The seed's budget table (项目构成分解, 单价 × 数量 = 明细金额) with its headers and first line changed."""
    text = (
        SEED.read_text(encoding="utf-8")
        .replace("明细金额\t单价", f"{amount_header}\t{price_header}")
        .replace("130000.00\t130000.00", f"{amount}\t{price}")
    )
    (decl, *_) = parse_text_bytes(text.encode("utf-8"), "budget.txt").declarations
    first = decl.budget_lines[0]
    return first, [n for n in decl.parse_notes if n.line == first.line]


def test_a_plain_price_under_a_wan_amount_header_is_in_wan_where_price_times_quantity_shows_it():
    first, notes = _read("明细金额（万元）", "单价", "13.00", "13.00")
    assert (first.amount, first.unit_price, first.quantity) == (130_000, 130_000, 1)
    assert any(n.code == "budget.price_unit" and "万元" in n.message for n in notes)


def test_a_plain_price_in_yuan_under_a_wan_amount_header_stays_in_yuan():
    first, notes = _read("明细金额（万元）", "单价", "13.00", "130000.00")
    assert (first.amount, first.unit_price) == (130_000, Decimal("130000.00"))
    assert not any(n.code.startswith("budget.price_unit") for n in notes)


def test_a_price_whose_unit_nothing_shows_is_left_blank_with_a_warning():
    first, notes = _read("明细金额（万元）", "单价", "13.00", "6.5")
    assert first.amount == 130_000 and first.unit_price is None
    (note,) = [n for n in notes if n.code == "budget.price_unit_unknown"]
    assert note.level is NoteLevel.WARNING and "6.5" in note.message and "单位无法确定" in note.message


def test_a_price_header_naming_its_unit_is_a_column_read_in_it():
    for amount_header in ("明细金额", "明细金额（元）"):
        first, notes = _read(amount_header, "单价（万元）", "130000", "13")
        assert (first.amount, first.unit_price) == (130_000, 130_000), amount_header
        assert any(n.code == "budget.unit_converted" and "单价" in n.message for n in notes)
        assert not any(n.code == "unplaced.cell" for n in notes)


def _workbook(tmp_path: Path, amount_header: str, price_header: str, amount: object, price: object) -> Path:
    book = Workbook()
    for row in (
        ["项目名称", "测试项目"],
        ["项目名称", "项目内容", "项目明细", amount_header, price_header, "依据", "数量", "依据", "备注"],
        ["项目构成分解", "设备购置", "监测设备", amount, price, "询价", 4, "需要", ""],
    ):
        book.active.append(row)
    path = tmp_path / "budget.xlsx"
    book.save(path)
    return path


def test_an_excel_budget_table_in_wan_reads_its_amount_and_price_in_wan(tmp_path):
    decl = import_office(_workbook(tmp_path, "明细金额（万元）", "单价", 10, 2.5)).declarations[0]
    (line,) = decl.budget_lines
    assert (line.amount, line.unit_price, line.quantity) == (100_000, 25_000, 4)
    codes = [n.code for n in decl.parse_notes]
    assert "budget.unit_header" in codes and "budget.price_unit" in codes


def test_an_excel_price_header_in_yuan_under_a_wan_amount(tmp_path):
    decl = import_office(_workbook(tmp_path, "预算金额（万元）", "单价（元）", 10, 25000)).declarations[0]
    (line,) = decl.budget_lines
    assert (line.amount, line.unit_price) == (100_000, 25_000)
    assert not any(n.code == "unplaced.cell" for n in decl.parse_notes)
