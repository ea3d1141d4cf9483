"""An .xlsx as rows of distinct cells, sheet by sheet (openpyxl, not read-only: merged ranges are needed)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant.domain.model import NoteLevel, ParseNote
from assistant.errors import InputError, NotADeclarationError
from assistant.office.damage import damage, too_deep
from assistant.office.grid import MAX_COLUMNS, MAX_ROWS, GridCell, GridRow, clipped_cell
from assistant.office.xlsx_guard import check_sheet_parts, sheet_parts

_FORMULA = re.compile(rb"<f[ >/]")


@dataclass
class Workbook:
    rows: list[GridRow]
    formulas_without_value: list[GridCell] = field(default_factory=list)
    empty_sheets: list[str] = field(default_factory=list)
    hidden: list[tuple[str, GridCell]] = field(default_factory=list)  # (what is hidden, its first filled cell)
    notes: list[ParseNote] = field(default_factory=list)  # cells left unread, said where and why


def xlsx_rows(data: bytes, name: str, *, format_units: bool = False) -> Workbook:
    """Every sheet's rows; ``format_units``: a figure shows the money unit its number format adds (212.40万元), as the
    declaration reader wants it (the self-evaluation readers take their unit from the form's own 单位 line)."""
    check_sheet_parts(data, name)
    book = _load(data, name, data_only=True)
    formulas = _formula_cells(data, name) if _has_formulas(data) else {}
    result = Workbook(rows=[])
    for sheet in book.worksheets:
        _check_size(sheet, name)
        columns = _read_columns(sheet, result.notes)
        rows = _sheet_rows(sheet, formulas.get(sheet.title, {}), result, format_units, columns)
        if not any(r.filled for r in rows):
            result.empty_sheets.append(sheet.title)
        else:
            result.hidden += _hidden(sheet, rows)
        result.rows += rows
    if not any(r.filled for r in result.rows):
        raise NotADeclarationError(
            f"文件 {name} 的工作表都是空的（{'、'.join(result.empty_sheets)}），没有可读取的申报表",
            hint="请确认选择了正确的文件，并把申报表填在第一个工作表中",
        )
    return result


def _load(data: bytes, name: str, *, data_only: bool):
    try:
        return load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, lxml and zip errors on a damaged package
        too_deep(name, exc)
        raise InputError(
            f"文件 {name} 已损坏，无法按 Excel 工作簿读取：{damage(name, exc)}",
            hint="请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
        ) from exc


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(_FORMULA.search(archive.read(n)) for n in sheet_parts(data))


def _formula_cells(data: bytes, name: str) -> dict[str, dict[str, str]]:
    """Sheet → cell → formula, read only when the file holds formulas (a second load of the workbook)."""
    book = _load(data, name, data_only=False)
    found: dict[str, dict[str, str]] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS), max_col=min(sheet.max_column, MAX_COLUMNS)):
            for cell in row:
                if cell.data_type == "f":
                    found.setdefault(sheet.title, {})[cell.coordinate] = str(cell.value)
    return found


def _check_size(sheet: Worksheet, name: str) -> None:
    if sheet.max_row > MAX_ROWS:
        raise InputError(
            f"文件 {name} 的工作表「{sheet.title}」有 {sheet.max_row} 行，超过一份申报表的合理规模（{MAX_ROWS} 行）{_beyond(sheet)}",
            hint="请只保留申报表部分（删去明细清单、空白格式行等），或把它移到单独的文件后再导入",
        )


STRAY_SHOWN = 3  # cells named in the message


def _beyond(sheet: Worksheet) -> str:
    """Where the sheet passes the limits (red team rt11 #7: one stray cell in column XFD could not be found): the
    first cells with content beyond them, or that only formatting lies there."""
    outside = sorted(((row, col), cell) for (row, col), cell in sheet._cells.items() if row > MAX_ROWS)
    filled = [cell.coordinate for _, cell in outside if cell.value not in (None, "")]
    if filled:
        shown = "、".join(filled[:STRAY_SHOWN]) + ("等" if len(filled) > STRAY_SHOWN else "")
        return f"；超出范围的单元格中有 {len(filled)} 个有内容：{shown}，请删去或移走后再导入"
    if outside:
        return f"；超出范围的部分没有内容，只有格式（如 {outside[0][1].coordinate}），请删去这些行后再导入"
    return ""


def _read_columns(sheet: Worksheet, notes: list[ParseNote]) -> int:
    """How many columns of ``sheet`` are read: all of them up to MAX_COLUMNS. A sheet wider than that (formatting
    that runs on to column XFD, or a list kept right of the form) is read in its first MAX_COLUMNS columns; the filled
    cells past them (the written cells the package holds: the guard bounds them) are named in a warning, never
    dropped without one."""
    if sheet.max_column <= MAX_COLUMNS:
        return sheet.max_column
    far = sorted(
        (column, row)
        for (row, column), cell in sheet._cells.items()  # the written cells only, not max_row × max_column
        if column > MAX_COLUMNS and cell.value not in (None, "")
    )
    if far:
        first_row = min(row for _, row in far)
        shown = str(sheet.cell(far[0][1], far[0][0]).value)[:20]
        notes.append(
            ParseNote(
                level=NoteLevel.WARNING,
                code="xlsx.columns_left_out",
                message=f"工作表「{sheet.title}」第 {MAX_COLUMNS} 列（{get_column_letter(MAX_COLUMNS)} 列）以右有 {len(far)} 个"
                f"有内容的单元格（{get_column_letter(far[0][0])}–{get_column_letter(far[-1][0])} 列，自第 {first_row} 行起，如「{shown}」），"
                f"超过申报表每行 {MAX_COLUMNS} 列的上限，未读取；申报表若有内容在这些列中，请删去无关的列后另存再导入",
                cell=f"{sheet.title}!{get_column_letter(far[0][0])}{first_row}",
            )
        )
    return MAX_COLUMNS


def _sheet_rows(
    sheet: Worksheet, formulas: dict[str, str], result: Workbook, format_units: bool, columns: int
) -> list[GridRow]:
    covered, spans = _merges(sheet)
    rows = []
    for r, row in enumerate(sheet.iter_rows(max_row=sheet.max_row, max_col=columns)):
        cells = []
        for cell in row:
            if cell.coordinate in covered:
                continue
            where = f"{sheet.title}!{cell.coordinate}"
            grid_cell = clipped_cell(
                _text(cell, format_units), r, cell.column - 1, where, spans.get(cell.coordinate, 1)
            )
            if cell.coordinate in formulas and cell.value is None:
                result.formulas_without_value.append(GridCell(formulas[cell.coordinate], r, cell.column - 1, where))
            cells.append(grid_cell)
        rows.append(GridRow(sheet.title, r, tuple(cells)))
    return rows


def _hidden(sheet: Worksheet, rows: list[GridRow]) -> list[tuple[str, GridCell]]:
    """What a person looking at the workbook does not see but the rows hold: a hidden sheet, hidden rows and hidden
    columns that have content, each with its first filled cell (the reader reads them and says so)."""
    filled = [row for row in rows if row.filled]
    if sheet.sheet_state != "visible":
        return [(f"工作表「{sheet.title}」", filled[0].filled[0])]
    found = []
    for row in filled:
        dims = sheet.row_dimensions.get(row.index + 1)
        if dims is not None and dims.hidden:
            first, text = row.filled[0], " | ".join(c.text.strip() for c in row.filled)
            found.append(
                (f"工作表「{sheet.title}」第 {row.index + 1} 行", GridCell(text, first.row, first.col, first.where))
            )
    for letter, dims in sheet.column_dimensions.items():
        if not dims.hidden:
            continue
        low, high = (dims.min or 0) - 1, (dims.max or 0) - 1
        cells = [c for row in filled for c in row.filled if low <= c.col <= high]
        if cells:
            found.append((f"工作表「{sheet.title}」第 {letter} 列", cells[0]))
    return found


def _merges(sheet: Worksheet) -> tuple[set[str], dict[str, int]]:
    covered: set[str] = set()
    spans: dict[str, int] = {}
    for merged in sheet.merged_cells.ranges:
        spans[f"{get_column_letter(merged.min_col)}{merged.min_row}"] = merged.max_col - merged.min_col + 1
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add(f"{get_column_letter(col)}{row}")
    return covered, spans


def _text(cell: Cell, format_units: bool = False) -> str:
    value = cell.value
    match value:
        case None:
            return ""
        case bool():
            return "是" if value else "否"
        case datetime() if value.time() == time(0):
            return value.date().isoformat()
        case datetime() | date():
            return value.isoformat()
        case int() | float() | Decimal():
            shown = format_unit(cell.number_format) if format_units else ""
            return shown_number(value, cell.number_format) + shown
        case _:
            return str(value)


_FORMAT_UNIT = re.compile(r'(?<![,\\])"(?P<unit>(?:人民币)?(?:千万元|百万元|千元|万元|亿元|元|万|亿))"')


def format_unit(number_format: str | None) -> str:
    """The money unit a number format shows after the figure (``#,##0.00"万元"`` shows 212.4 as 212.40万元): the
    person reads 万元, so the text does too. A format that also divides the figure for display (``#,##0,"千元"``,
    the comma before the unit) shows yuan the cell holds as thousands: the text keeps the stored yuan, no unit."""
    positive = (number_format or "").split(";")[0]
    found = _FORMAT_UNIT.search(positive)
    if found is None or re.search(r'[0#?],+\s*(?:"|$)', positive[: found.end()]):
        return ""
    return found["unit"].removeprefix("人民币")


def shown_number(value: float | int | Decimal, number_format: str | None) -> str:
    """A number as its format shows it: ``0.9`` under ``0%`` → ``90%`` (the % scales it); ``90`` under ``0"%"`` or
    ``0\\%`` → ``90%`` (a % written as text after the figure, not scaling it); else the number."""
    positive = _QUOTED.sub("", (number_format or "").split(";")[0])
    if re.search(r"(?<!\\)%", positive):
        return _number(value, percent=True)
    literal = "%" in positive or "%" in "".join(_QUOTED.findall((number_format or "").split(";")[0]))
    return _number(value, percent=False) + ("%" if literal else "")


_QUOTED = re.compile(r'"[^"]*"')


def _number(value: float | int | Decimal, *, percent: bool) -> str:
    """Numbers as a person reads them: ``0.9`` formatted as a percentage → ``90%``; no float noise."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        return f"{(number * 100).normalize():f}%"
    if number == number.to_integral_value():
        return f"{number.to_integral_value():f}"  # quantize would fail past 28 digits
    return f"{number.normalize():f}"
