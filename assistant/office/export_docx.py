"""A declaration as a Word document in the form's layout (python-docx), CJK fonts set on ``w:eastAsia``."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from assistant.domain.model import Declaration
from assistant.office.form import FormTable, layout_form, place
from assistant.outfile import save_whole

BODY_FONT = "宋体"
TITLE_FONT = "黑体"


def export_docx(decl: Declaration, path: Path) -> None:
    form = layout_form(decl)
    doc = Document()
    _set_default_font(doc)
    _heading(doc.add_paragraph(), form.title, size=16)
    if form.year_line:
        _heading(doc.add_paragraph(), form.year_line, size=12)
    for table in form.tables:
        _table(doc, table)
        doc.add_paragraph()
    save_whole(doc, path)


def _set_default_font(doc) -> None:
    """python-docx sets only the Latin font; Chinese text needs ``w:eastAsia`` as well (python-docx #154)."""
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)


def _cjk_run(
    paragraph: Paragraph, text: str, *, font: str = BODY_FONT, bold: bool = False, size: float | None = None
) -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.name = font
    if size:
        run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _heading(paragraph: Paragraph, text: str, *, size: float) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _cjk_run(paragraph, text, font=TITLE_FONT, bold=True, size=size)


def _table(doc, form_table: FormTable) -> None:
    table = doc.add_table(rows=len(form_table.rows), cols=form_table.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Cells taken once before merging: ``table.cell()`` re-walks the whole table on every call.
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for placed in place(form_table):
        cell = grid[placed.row][placed.col]
        if placed.cell.rowspan > 1 or placed.cell.colspan > 1:
            cell = cell.merge(grid[placed.row + placed.cell.rowspan - 1][placed.col + placed.cell.colspan - 1])
        _fill(cell, placed.cell.text, label=placed.cell.label)


def _fill(cell, text: str, *, label: bool) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    _cjk_run(first, lines[0], bold=label)
    for line in lines[1:]:
        _cjk_run(cell.add_paragraph(), line, bold=label)
