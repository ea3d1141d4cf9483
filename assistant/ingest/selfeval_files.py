"""Published 项目支出绩效自评表 in any file a department publishes them in: a page copied as text or saved as
.html, an Excel workbook (.xlsx, or a legacy .xls), a Word file and a text PDF (issue 25 item 4).

Each file's grid (the same readers the declarations use: ``read_xlsx``, ``legacy``, ``read_docx``, ``read_pdf``)
becomes rows of cells for the one 自评表 reader (``selfeval.read_self_evaluation_cells``), so a page and a
workbook of the same table give the same model. Inside a row, columns a cell does not fill are empty cells
(the reader places a 自评表's cells by position); a merged cell arrives once, at its left edge.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.domain.cycle import SelfEvaluation, SourceRef
from assistant.domain.model import ParseNote
from assistant.errors import InputError
from assistant.ingest.selfeval import (
    read_self_evaluation_cells,
    read_self_evaluation_text,
    read_self_evaluations_text,
)
from assistant.ingest.web_cells import WebCell
from assistant.office.grid import GridRow, cut_notes

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
GRID_SUFFIXES = {".xlsx", ".xls", ".docx", ".pdf"}
MAX_BYTES = 20 * 1024 * 1024


def read_self_evaluation_file(path: Path) -> tuple[SelfEvaluation, list[ParseNote]]:
    """The 自评表 in the file at ``path`` and notes on what could not be placed. `InputError` (in Chinese) for a
    file that cannot be read or holds no 自评表; `NotADeclarationError` (an `InputError`) for the latter."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | GRID_SUFFIXES:
        raise InputError(
            f"{path.name} 不是能读取的自评表文件",
            hint="支持网页复制的文本（.txt）、网页（.html）、Excel（.xlsx/.xls）、Word（.docx）和文字版 PDF",
        )
    data = _checked(path) if suffix in {".xlsx", ".docx"} else _read(path)
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return read_self_evaluation_text(_text(data, path.name, html=suffix in HTML_SUFFIXES), path.name)
    rows = _grid(data, path.name, suffix)
    source = SourceRef(file=path.name, sha256=hashlib.sha256(data).hexdigest())
    evaluation, notes = read_self_evaluation_cells(grid_cells(rows), source)
    return evaluation, [*cut_notes(rows), *notes]


def read_self_evaluation_forms(path: Path) -> list[tuple[SelfEvaluation, list[ParseNote]]]:
    """Every 自评表 in the file at ``path``, in order, each with its notes: a page copied as text or saved as .html
    may hold several (`read_self_evaluations_text`); a workbook, Word file or PDF is read as one. Errors as
    `read_self_evaluation_file`."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return read_self_evaluations_text(_text(_read(path), path.name, html=suffix in HTML_SUFFIXES), path.name)
    return [read_self_evaluation_file(path)]


def grid_cells(rows: list[GridRow]) -> list[list[WebCell]]:
    """Each grid row as cells in column order, an empty cell for each column between two filled ones."""
    out: list[list[WebCell]] = []
    for number, row in enumerate(rows, start=1):
        cells: list[WebCell] = []
        col = None
        for cell in sorted(row.filled, key=lambda c: c.col):
            if col is not None:
                cells.extend(WebCell("", number) for _ in range(max(0, cell.col - col)))
            cells.append(WebCell(" ".join(cell.text.split()), number))
            col = cell.col + max(cell.span, 1)
        if cells:
            out.append(cells)
    return out


def _checked(path: Path) -> bytes:
    """A Word/Excel file's bytes after the checks the declaration importer makes (a zip, not truncated, not an
    old format renamed, not a zip bomb): `InputError` saying which."""
    from assistant.office.guard import check_office_file, office_kind

    kind = office_kind(path)
    if kind is None:
        raise InputError(f"文件 {path.name} 不是 Word（.docx）或 Excel（.xlsx）文件", hint="请提供 .docx 或 .xlsx 文件")
    return check_office_file(path, kind)


def _read(path: Path) -> bytes:
    from assistant.office.guard import read_bounded

    return read_bounded(path, MAX_BYTES, "超过自评表文件的合理大小，未读取", "请只保存自评表本身")


def _text(data: bytes, name: str, *, html: bool) -> str:
    from assistant.ingest.html_page import html_text
    from assistant.ingest.notes import NoteSink
    from assistant.ingest.text_export import decode

    return html_text(data, name) if html else decode(data, name, NoteSink())


def _grid(data: bytes, name: str, suffix: str) -> list[GridRow]:
    if suffix == ".xlsx":
        from assistant.office.read_xlsx import xlsx_rows

        return xlsx_rows(data, name).rows
    if suffix == ".xls":
        from assistant.office.legacy import xls_rows

        return xls_rows(data, name)[0]
    if suffix == ".docx":
        from assistant.office.read_docx import docx_rows

        return docx_rows(data, name)
    from assistant.office.read_pdf import pdf_rows

    return pdf_rows(data, name).rows
