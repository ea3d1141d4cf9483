"""A Word or Excel cell's no-break space (U+00A0, and the other odd spaces) is read as the space it shows, like an
ASCII space, and every cell the reader cleaned (odd spaces, invisible characters) is named in a parse note (nf17
item 7): before, U+00A0 inside a value stayed (``≥\\u00a095%`` was no figure) and invisible characters were removed
without a word. Real readers on the repository's real fixture files."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl

from assistant.office.importer import import_office

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "tests/fixtures/office/hand_filled_shanghai.docx"
_FIGURE = re.compile(r"(≥|≤|=)(\d)|(\d)(%|个|人|次|份|天|万元|元)")


def _spaced(text: str, space: str) -> str:
    """``text`` with ``space`` after each operator and before each unit of a figure (≥ 95 %)."""
    return _FIGURE.sub(lambda m: f"{m[1]}{space}{m[2]}" if m[1] else f"{m[3]}{space}{m[4]}", text)


def _docx(tmp_path: Path, space: str) -> Path:
    document = docx.Document(str(DOCX))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.text = _spaced(run.text, space)
    out = tmp_path / f"spaced-{ord(space):04x}.docx"
    document.save(str(out))
    return out


def _content(declaration) -> dict:
    return declaration.model_dump(mode="json", exclude={"id", "provenance", "parse_notes"})


def test_a_no_break_space_in_a_word_cell_reads_as_a_space_and_is_noted(tmp_path):
    ascii_file, nbsp_file = _docx(tmp_path, " "), _docx(tmp_path, "\u00a0")
    ascii_read, nbsp_read = import_office(ascii_file), import_office(nbsp_file)
    assert [_content(d) for d in nbsp_read.declarations] == [_content(d) for d in ascii_read.declarations]
    values = [i.value.raw for d in nbsp_read.declarations for i in d.indicators]
    assert values and not any("\u00a0" in v for v in values)
    notes = [n for d in nbsp_read.declarations for n in d.parse_notes if n.code == "cell.cleaned"]
    assert notes and all(n.cell for n in notes)
    assert "不换行空格 U+00A0" in notes[0].message and "按普通空格读取" in notes[0].message
    assert not [n for d in ascii_read.declarations for n in d.parse_notes if n.code == "cell.cleaned"]


def test_an_invisible_character_in_an_excel_cell_is_noted_where_it_was(tmp_path):
    from assistant.services.export import ExportFormat, export_declaration

    clean = import_office(DOCX).declarations[0]
    xlsx = tmp_path / "form.xlsx"
    export_declaration(clean, ExportFormat.XLSX, xlsx)
    book = openpyxl.load_workbook(xlsx)
    sheet = book.worksheets[0]
    target = next(
        c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and re.search(r"\d{2}", c.value)
    )
    target.value = re.sub(r"(\d)(\d)", "\\1\u200b\\2", target.value, count=1)
    book.save(xlsx)
    notes = [n for d in import_office(xlsx).declarations for n in d.parse_notes if n.code == "cell.cleaned"]
    assert [n.cell for n in notes] == [f"{sheet.title}!{target.coordinate}"], notes
    assert "零宽空格 U+200B" in notes[0].message
