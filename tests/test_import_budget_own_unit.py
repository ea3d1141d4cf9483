"""A budget-line amount that writes its own money unit (``130000.00元``, ``13.00万元``) is the line's amount, in its
own unit, whatever the amount header names: it had not been taken as an amount cell (only plain figures were), so
the row was aligned on the next figure, the unit price, and that was read in the header's 万元 (helper rf12)."""

from decimal import Decimal
from pathlib import Path

from assistant.domain.model import NoteLevel
from assistant.ingest.text_export import parse_text_bytes

SEED = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "000_1ac9e65464ab096f.txt"


def _read(header: str, first: str, second: str = "120000.00"):
    """The seed's budget table with ``header`` over the amounts and its first two lines' amounts replaced."""
    text = (
        SEED.read_text(encoding="utf-8")
        .replace("明细金额\t单价", f"{header}\t单价")
        .replace("130000.00\t130000.00", f"{first}\t130000.00")
        .replace("120000.00\t120000.00", f"{second}\t120000.00")
    )
    (decl, *_) = parse_text_bytes(text.encode("utf-8"), "budget.txt").declarations
    return decl


def _notes(decl, code: str):
    return [n for n in decl.parse_notes if n.code == code]


def test_an_amount_in_yuan_under_a_wan_header_is_read_in_yuan_with_a_warning():
    decl = _read("明细金额（万元）", "130000.00元", "12.00")
    first, second = decl.budget_lines[:2]
    assert (first.amount, first.unit_price, first.quantity) == (Decimal("130000.00"), Decimal("130000.00"), 1)
    assert second.amount == 120_000  # a plain figure under the same header is still read in 万元
    (note,) = _notes(decl, "budget.own_unit")
    assert note.level is NoteLevel.WARNING and note.line == first.line
    assert "130000.00元" in note.message and "万元" in note.message
    assert not any(n.code == "unplaced.cell" and n.line == first.line for n in decl.parse_notes)


def test_an_amount_in_wan_is_the_amount_under_a_header_with_or_without_a_unit():
    for header in ("明细金额", "明细金额（万元）", "明细金额（元）"):
        decl = _read(header, "13.00万元")
        first = decl.budget_lines[0]
        assert (first.amount, first.unit_price) == (130_000, Decimal("130000.00")), header
        assert not _notes(decl, "budget.own_unit"), header  # 万元 under 万元 or 元 is no conflict
        assert any(n.code == "budget.unit_converted" and n.line == first.line for n in decl.parse_notes), header


def test_amounts_in_thousands_and_hundred_millions_keep_their_units():
    decl = _read("明细金额（万元）", "130千元", "0.12亿元")
    assert [b.amount for b in decl.budget_lines[:2]] == [130_000, 12_000_000]
    assert len(_notes(decl, "budget.own_unit")) == 2


def test_a_total_written_in_yuan_under_a_wan_header_is_read_in_yuan():
    text = (
        SEED.read_text(encoding="utf-8")
        .replace("明细金额\t单价", "明细金额（万元）\t单价")
        .replace("金额合计\t\t\t\t——", "金额合计\t\t\t\t410500.00元")
    )
    (decl, *_) = parse_text_bytes(text.encode("utf-8"), "budget.txt").declarations
    assert decl.budget_lines_total == Decimal("410500.00")
