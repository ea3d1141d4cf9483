"""Values as read (red team rt12 #9, #12): the import preview says of a negative 项目资金总额 what `check` says (the
same review report, `READ_VALUE_RULES`); an amount written with full-width digits, grouping commas and point
(``２，１２４，０００．００``, an input method in full-width mode) is the number, never a blank. Real parser, real seed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.amounts import parse_amount
from assistant.ingest.text_export import parse_file
from assistant.office.export_xlsx import export_xlsx
from assistant.office.importer import import_office

RAW = Path(__file__).resolve().parent.parent / "corpus" / "raw"
SEED = RAW / "002_90e6a7b91dded67c.txt"
runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("２，１２４，０００．００", Decimal("2124000.00")),  # rt12's cell
        ("１，２３５．５", Decimal("1235.5")),
        ("１２．５万元", Decimal("125000")),
        ("２１２４０００", Decimal("2124000")),
        ("2,124,000.00", Decimal("2124000.00")),
    ],
)
def test_full_width_amounts_are_read_as_numbers(text: str, yuan: Decimal) -> None:
    assert parse_amount(text) == yuan


def test_a_full_width_excel_amount_is_read_not_blanked(tmp_path: Path) -> None:
    decl = parse_file(SEED).declarations[0]
    path = tmp_path / "form.xlsx"
    export_xlsx(decl, path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == float(decl.funding.annual)]
    assert len(cells) >= 2  # 项目资金总额 and 年度资金申请总额 (rt12 changed the second)
    for cell in cells:
        cell.value = f"{decl.funding.annual:,.2f}".translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))
    book.save(path)
    read = import_office(path)
    assert read.declarations[0].funding.annual == decl.funding.annual
    assert read.declarations[0].funding.total == decl.funding.total
    assert not [n for n in read.notes if "无法识别为数字" in n.message], read.notes


def test_the_import_preview_flags_a_negative_total_as_check_does(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    text = SEED.read_text(encoding="utf-8")
    total = f"{parse_file(SEED).declarations[0].funding.total:f}".split(".")[0]
    assert total in text
    form = tmp_path / "neg.txt"
    form.write_text(text.replace(total, f"-{total}", 1), encoding="utf-8")
    preview = runner.invoke(app, ["import", str(form)], terminal_width=400)
    checked = runner.invoke(app, ["check", str(form)], terminal_width=400)
    assert "FUND-NEGATIVE" in checked.output, checked.output
    flat = "".join(preview.output.split())
    assert "FUND-NEGATIVE，与assistantcheck相同" in flat and "金额不能为负数" in flat, preview.output
