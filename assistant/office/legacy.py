"""Legacy Office files: ``.xls`` through xlrd (BIFF), ``.doc``/``.wps``/``.et`` through LibreOffice.

An ``.xls`` workbook becomes rows of distinct cells sheet by sheet, as an ``.xlsx`` does (merged cells
once, at their top-left, with their span; dates as ``2025-01-01``; whole numbers without ``.0``). A
``.doc``/``.wps`` is converted to ``.docx`` (an ``.et`` to ``.xlsx``) by ``soffice --headless`` in a temporary
directory with a time limit; without LibreOffice the message says what to install or how to save the file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from assistant.domain.model import NoteLevel, ParseNote
from assistant.errors import InputError, NotADeclarationError
from assistant.office.damage import damage
from assistant.office.grid import MAX_COLUMNS, MAX_ROWS, GridCell, GridRow, clipped_cell
from assistant.office.limits import (
    MAX_BOOK_CELLS,
    MAX_BOOK_MERGED_CELLS,
    MAX_BOOK_MERGED_RANGES,
    MAX_BOOK_ROWS,
    MAX_BOOK_SHEETS,
    MAX_SHEET_CELLS,
    too_large,
)
from assistant.office.read_xlsx import format_unit, shown_number

CONVERT_SECONDS = 60
OLD_WORD = {".doc", ".wps", ".wpt", ".dot", ".rtf"}
OLD_EXCEL = {".xls", ".et", ".ett", ".xlt"}
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


class XlsBook(NamedTuple):
    rows: list[GridRow]  # every sheet's
    empty: list[str]  # names of the sheets with no filled cell
    notes: list[ParseNote]  # what was left unread and where (columns past the far-cell budget)
    hidden: list[tuple[str, GridCell]]  # (what is hidden, its first filled cell), as `read_xlsx.Workbook.hidden`


def xls_rows(data: bytes, name: str, *, format_units: bool = False) -> XlsBook:
    """Every sheet's rows, the empty sheets' names and notes on cells left unread; `InputError` for a damaged or
    encrypted workbook. ``format_units``: a figure shows the money unit its number format adds, as `xlsx_rows`."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except NotImplementedError:  # formatting_info is not available for some BIFF versions
        book = _open_plain(data, name)
    except xlrd.biffh.XLRDError as exc:
        raise _damaged(name, exc) from exc
    except Exception as exc:  # xlrd raises struct/assertion/index errors on a damaged file
        raise _damaged(name, exc) from exc
    if book.nsheets > MAX_BOOK_SHEETS:
        raise too_large(name, f"工作簿有 {book.nsheets} 个工作表，超过 {MAX_BOOK_SHEETS} 个的上限")
    rows: list[GridRow] = []
    empty: list[str] = []
    totals = _BookTotals(name)
    far = FarColumns()
    hidden: list[tuple[str, GridCell]] = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        used = _used(sheet)
        totals.charge(sheet, used)
        found = _sheet_rows(sheet, book.datemode, used, far, format_units)
        if not any(r.filled for r in found):
            empty.append(sheet.name)
        else:
            hidden += _hidden(sheet, found)
        rows += found
    return XlsBook(rows, empty, far.notes, hidden)


def _hidden(sheet, rows: list[GridRow]) -> list[tuple[str, GridCell]]:
    """A hidden sheet, hidden rows and hidden columns that have content, each with its first filled cell (xlrd keeps
    them only when the workbook is opened with its formatting)."""
    filled = [row for row in rows if row.filled]
    if getattr(sheet, "visibility", 0):
        return [(f"工作表「{sheet.name}」", filled[0].filled[0])]
    found = []
    for row in filled:
        info = getattr(sheet, "rowinfo_map", {}).get(row.index)
        if info is not None and info.hidden:
            first, text = row.filled[0], " | ".join(c.text.strip() for c in row.filled)
            found.append(
                (f"工作表「{sheet.name}」第 {row.index + 1} 行", GridCell(text, first.row, first.col, first.where))
            )
    for col, info in sorted(getattr(sheet, "colinfo_map", {}).items()):
        cells = [c for row in filled for c in row.filled if c.col == col]
        if info.hidden and cells:
            found.append((f"工作表「{sheet.name}」第 {_column(col)} 列", cells[0]))
    return found


def _open_plain(data: bytes, name: str):
    import xlrd

    try:
        return xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:
        raise _damaged(name, exc) from exc


def _damaged(name: str, exc: Exception) -> InputError:
    text = str(exc)
    if "encrypt" in text.lower() or "password" in text.lower():
        return InputError(
            f"文件 {name} 设置了打开密码（已加密），无法读取", hint="请用 Excel 或 WPS 打开，删除密码并保存后再导入"
        )
    return InputError(
        f"文件 {name} 不是可读取的旧版 Excel（.xls）工作簿：{damage(name, exc)}",
        hint="请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”后再导入",
    )


class _BookTotals:
    """Rows, cells, merged ranges and merged cells over every sheet of one workbook, refused past the limits of
    `assistant.office.limits` before a sheet's cells are read (2,000 repeated merged ranges cost minutes of CPU)."""

    def __init__(self, name: str) -> None:
        self.name, self.rows, self.cells, self.ranges, self.merged = name, 0, 0, 0, 0

    def charge(self, sheet, used: Used) -> None:
        """Add ``sheet``'s counts — its filled rows and cells, not its grid (a sparse sheet with one far cell is
        small) — and its merged ranges, clipped to the sheet's grid (thousands of large merged ranges are refused
        even over an empty sheet); `InputError` past a limit."""
        ranges = getattr(sheet, "merged_cells", [])
        self.rows += used.filled_rows
        self.cells += used.filled_cells
        self.ranges += len(ranges)
        for r0, r1, c0, c1 in ranges:
            self.merged += max(min(r1, sheet.nrows) - r0, 0) * max(min(c1, MAX_COLUMNS) - c0, 0)
            if self.merged > MAX_BOOK_MERGED_CELLS:
                break
        for count, limit, what in (
            (self.rows, MAX_BOOK_ROWS, "行"),
            (self.cells, MAX_BOOK_CELLS, "个单元格"),
            (self.ranges, MAX_BOOK_MERGED_RANGES, "个合并单元格"),
            (self.merged, MAX_BOOK_MERGED_CELLS, "格被合并单元格覆盖"),
        ):
            if count > limit:
                raise too_large(
                    self.name,
                    f"各工作表合计超过 {limit} {what}（读到工作表「{sheet.name}」时超过），上限是整个工作簿合计",
                )


@dataclass(frozen=True)
class Used:
    """What a sheet really holds: its used range (rows and columns up to the last filled cell) and its filled rows
    and cells. xlrd's ``nrows``/``ncols`` reach the farthest cell written at all, a blank formatted one included."""

    rows: int
    columns: int
    filled_rows: int
    filled_cells: int


def _used(sheet) -> Used:
    """The used range and filled counts of ``sheet``, from its cell types (no cell text is built)."""
    import xlrd

    empty = {xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK}
    rows = columns = filled_rows = filled_cells = 0
    for r in range(sheet.nrows):
        kept = [c for c, kind in enumerate(sheet.row_types(r)) if kind not in empty]
        if kept:
            rows, columns = r + 1, max(columns, kept[-1] + 1)
            filled_rows += 1
            filled_cells += len(kept)
    return Used(rows, columns, filled_rows, filled_cells)


class FarColumns:
    """Cells right of column MAX_COLUMNS (BIFF8 sheets reach column 256): read, empty ones between filled ones
    included, until :data:`FAR_CELLS` such cells (merged-range cells there counted too) have been built in the
    workbook; past that the rest of the sheet's far columns are left out and a note names the sheet, the columns
    and the first row left out. Nothing is dropped without a note."""

    def __init__(self) -> None:
        self.built = 0
        self.notes: list[ParseNote] = []

    def take(self, count: int) -> bool:
        if self.built + count > FAR_CELLS:
            return False
        self.built += count
        return True

    def left_out(self, sheet: str, row: int, columns: int) -> None:
        self.notes.append(
            ParseNote(
                level=NoteLevel.WARNING,
                code="xls.columns_left_out",
                message=f"工作表「{sheet}」第 {MAX_COLUMNS + 1}–{columns} 列（{_column(MAX_COLUMNS)}–{_column(columns - 1)} 列）"
                f"从第 {row + 1} 行起未读取：第 {MAX_COLUMNS} 列以右的单元格超过整个工作簿 {FAR_CELLS} 格的上限；"
                "申报表若有内容在这些列中，请删去无关的列后另存再导入",
                cell=f"{sheet}!{_column(MAX_COLUMNS)}{row + 1}",
            )
        )


FAR_CELLS = MAX_SHEET_CELLS  # cells right of MAX_COLUMNS built in one workbook


def _far_covered(sheet, used: Used, far: FarColumns) -> set[tuple[int, int]] | None:
    """The cells right of MAX_COLUMNS that merged ranges cover (not their top-left), charged to ``far``; None where
    they pass its budget (the far columns are then not read)."""
    covered: set[tuple[int, int]] = set()
    for r0, r1, c0, c1 in getattr(sheet, "merged_cells", []):
        down, across = range(r0, min(r1, used.rows)), range(max(c0, MAX_COLUMNS), min(c1, used.columns))
        if not down or not across:
            continue
        if not far.take(len(down) * len(across)):
            return None
        covered.update((r, c) for r in down for c in across if (r, c) != (r0, c0))
    return covered


def _sheet_rows(sheet, datemode: int, used: Used, far: FarColumns, format_units: bool = False) -> list[GridRow]:
    import xlrd

    if used.filled_rows > MAX_ROWS or used.filled_cells > MAX_SHEET_CELLS:
        raise InputError(
            f"工作表「{sheet.name}」有 {used.filled_rows} 行 {used.filled_cells} 个有内容的单元格"
            f"（用到第 {used.rows} 行、第 {used.columns} 列），远超申报表的合理大小",
            hint="请删除与申报表无关的内容后另存再导入",
        )
    spans: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    for r0, r1, c0, c1 in getattr(sheet, "merged_cells", []):  # bounded by _BookTotals; clipped to what is read
        spans[(r0, c0)] = c1 - c0
        down, across = range(r0, min(r1, used.rows)), range(c0, min(c1, MAX_COLUMNS))
        covered.update((r, c) for r in down for c in across if (r, c) != (r0, c0))
    far_covered = _far_covered(sheet, used, far) if used.columns > MAX_COLUMNS else set()
    if far_covered is None:
        far.left_out(sheet.name, 0, used.columns)
    rows = []
    for r in range(used.rows):
        kinds = sheet.row_types(r)
        filled = [c for c, kind in enumerate(kinds) if kind not in {xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK}]
        if not filled:
            rows.append(GridRow(sheet.name, r, ()))  # an empty row in the used range: no cells to build
            continue
        cells = [
            _cell(sheet, r, c, datemode, spans, format_units)
            for c in range(min(sheet.ncols, MAX_COLUMNS))
            if (r, c) not in covered
        ]
        if far_covered is not None and filled[-1] >= MAX_COLUMNS:
            if far.take(filled[-1] + 1 - MAX_COLUMNS):
                cells += [
                    _cell(sheet, r, c, datemode, spans, format_units)
                    for c in range(MAX_COLUMNS, filled[-1] + 1)
                    if (r, c) not in far_covered
                ]
            else:
                far.left_out(sheet.name, r, used.columns)
                far_covered = None
        rows.append(GridRow(sheet.name, r, tuple(cells)))
    return rows


def _cell(sheet, r: int, c: int, datemode: int, spans: dict[tuple[int, int], int], format_units: bool = False):
    import xlrd

    cell = sheet.cell(r, c)
    text = _text(cell, datemode, xlrd)
    if cell.ctype == xlrd.XL_CELL_NUMBER and "%" in (number_format := _number_format(sheet, cell) or ""):
        text = shown_number(cell.value, number_format)  # 0.95 under 0.00% is 95%, as the .xlsx reader shows it
    if format_units and cell.ctype == xlrd.XL_CELL_NUMBER:
        text += format_unit(_number_format(sheet, cell))
    return clipped_cell(text, r, c, f"{sheet.name}!{_column(c)}{r + 1}", spans.get((r, c), 1))


def _number_format(sheet, cell) -> str | None:
    """The number format of a cell (``#,##0.00"万元"``); None when the workbook was read without its formatting."""
    book: Any = getattr(sheet, "book", None)
    try:
        return book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def _text(cell, datemode: int, xlrd) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(cell.value)
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        number = float(cell.value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(path: Path, target: str) -> bytes:
    """The bytes of ``path`` converted to ``target`` (``docx`` or ``xlsx``) by LibreOffice, headless, in a
    temporary directory, within :data:`CONVERT_SECONDS`; `InputError` naming what to do otherwise."""
    program = soffice()
    kind = "Word 文档（*.docx）" if target == "docx" else "Excel 工作簿（*.xlsx）"
    if program is None:
        raise InputError(
            f"文件 {path.name} 是旧版格式（{path.suffix}），读取它需要 LibreOffice，本机没有安装",
            hint=f"请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui libreoffice-calc-nogui），"
            f"或用 Word/WPS 打开该文件，“另存为”→“{kind}”后再导入",
        )
    with tempfile.TemporaryDirectory(prefix="assistant-convert-") as tmp:
        source = Path(tmp) / f"source{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = Path(tmp) / "profile"
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            target,
            "--outdir",
            str(Path(tmp) / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise InputError(
                f"用 LibreOffice 转换文件 {path.name} 超过 {CONVERT_SECONDS} 秒仍未完成，已停止",
                hint=f"文件可能已损坏或过大；请用 Word/WPS 打开，“另存为”→“{kind}”后再导入",
            ) from exc
        converted = Path(tmp) / "out" / f"source.{target}"
        if not converted.exists():
            raise NotADeclarationError(
                f"LibreOffice 无法转换文件 {path.name}：它可能已损坏、加密，或不是 {path.suffix} 格式",
                hint=f"请用 Word/WPS 打开确认，“另存为”→“{kind}”后再导入",
            )
        return converted.read_bytes()


def is_ole(data: bytes) -> bool:
    return data.startswith(_OLE_MAGIC)
