"""A declaration as an Excel workbook in the form's layout (openpyxl): one sheet, merged cells, amounts as numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.office.form import FormCell, FormTable, layout_form, place
from assistant.office.xlsx_memory import in_memory
from assistant.outfile import save_whole

FONT = "宋体"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_AMOUNT = "#,##0.00"
SHEET_TITLE = "绩效目标申报表"


# What makes a spreadsheet read a typed cell as a formula (OWASP "CSV injection"): a text cell starting so is
# stored with quotePrefix, so that F2 + Enter in Excel or a paste into another sheet keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

# Excel's limit for one cell (openpyxl cuts longer text silently): https://support.microsoft.com/office/excel-specifications-and-limits
EXCEL_CELL_CHARS = 32_767


def export_xlsx(decl: Declaration, path: Path) -> None:
    """Write ``decl`` to ``path``; `InputError` (Chinese, naming the part) when a text is longer than one Excel cell
    holds, before anything is written: cutting it would lose the person's text."""
    form = layout_form(decl)
    _fits_in_cells(form.tables)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    width = max(t.width for t in form.tables)
    _title(sheet, 1, form.title, width, size=16)
    row = 2
    if form.year_line:
        _title(sheet, 2, form.year_line, width, size=12)
        row = 3
    for table in form.tables:
        row = _table(sheet, table, row + 1) + 1
    for col, chars in zip("ABCDEFGHI", (14, 16, 16, 22, 18, 18, 12, 12, 12), strict=True):
        sheet.column_dimensions[col].width = chars
    save_whole(in_memory(book), path)


def _fits_in_cells(tables: list[FormTable]) -> None:
    for table in tables:
        for row in table.rows:
            for n, cell in enumerate(row):
                if len(cell.text) > EXCEL_CELL_CHARS:
                    label = next((c.text for c in reversed(row[:n]) if c.label), "") or "其中一个单元格"
                    raise InputError(
                        f"「{label[:20]}」有 {len(cell.text):,} 个字符，超过 Excel 单元格的上限（{EXCEL_CELL_CHARS:,} 个），"
                        "导出会被截断，未导出",
                        hint="请精简该部分的文字，或导出为 Word（--to docx）",
                    )


def _title(sheet: Worksheet, row: int, text: str, width: int, *, size: int) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = Font(name=FONT, bold=True, size=size)
    cell.alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _table(sheet: Worksheet, table: FormTable, top: int) -> int:
    """Write ``table`` from row ``top``; returns the last row used."""
    for placed in place(table):
        row, col = top + placed.row, 1 + placed.col
        form_cell = placed.cell
        _style_block(sheet, row, col, form_cell)
        cell = sheet.cell(row=row, column=col, value=_value(form_cell))
        if isinstance(cell.value, Decimal):
            cell.number_format = _number_format(form_cell)
        elif cell.data_type == "f":
            cell.data_type = "s"  # a value such as =100(%) is text, not a formula
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel's leading ': editing or copying the cell never makes it a live formula
        if form_cell.rowspan > 1 or form_cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + form_cell.rowspan - 1,
                end_column=col + form_cell.colspan - 1,
            )
    return top + len(table.rows) - 1


def _value(form_cell: FormCell) -> str | Decimal | None:
    """Amounts go in as numbers so Excel can add them; everything else as text, blanks as empty cells."""
    text = form_cell.text
    if not text:
        return None
    if form_cell.amount:
        return Decimal(text.replace(",", ""))
    if form_cell.number:
        figure = Decimal(text.replace(",", "").rstrip("%"))
        return figure / 100 if text.endswith("%") else figure
    return text


def _number_format(form_cell: FormCell) -> str:
    """Amounts with two places; a score or a rate as it was written (``9.78``, ``10``, ``97.84%``)."""
    if not form_cell.number:
        return _AMOUNT
    places = len(form_cell.text.rstrip("%").partition(".")[2])
    digits = "0" + ("." + "0" * places if places else "")
    return digits + "%" if form_cell.text.endswith("%") else digits


def _style_block(sheet: Worksheet, row: int, col: int, form_cell: FormCell) -> None:
    """Every cell of a merged block gets the border: Excel draws a merged block's edges from its edge cells."""
    for r in range(row, row + form_cell.rowspan):
        for c in range(col, col + form_cell.colspan):
            cell = sheet.cell(row=r, column=c)
            cell.border = _BORDER
            cell.font = Font(name=FONT, bold=form_cell.label)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if form_cell.label:
                cell.fill = _LABEL_FILL
