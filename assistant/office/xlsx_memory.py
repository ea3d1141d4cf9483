"""An openpyxl workbook saved without temporary files: openpyxl writes each worksheet to a file of its own under the
system's temporary folder (``/tmp/openpyxl.*``) before zipping it, so an export escaped the all-or-nothing writing
of `assistant.outfile` (that file could hit a file-size limit or a full /tmp first, ending in lxml's traceback, and
stayed behind in a long-running server after a failure). Here every part is made in memory, like a Word document.

    save_whole(in_memory(book), path)
"""

from __future__ import annotations

import datetime
import io
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter


class _MemoryWriter(ExcelWriter):
    """openpyxl's writer with each worksheet serialised into a buffer (``WorksheetWriter(ws, out=BytesIO())``, which
    openpyxl supports) instead of a temporary file; otherwise its own ``write_worksheet``."""

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


class in_memory:
    """``book`` as a `assistant.outfile.Saveable` whose ``save`` writes the whole .xlsx into the given buffer."""

    def __init__(self, book: Workbook) -> None:
        if book.write_only or book.read_only:
            raise ValueError("only an ordinary workbook is saved in memory")
        self.book = book

    def save(self, file: io.BytesIO) -> None:
        self.book.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        with ZipFile(file, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            _MemoryWriter(self.book, archive).write_data()
