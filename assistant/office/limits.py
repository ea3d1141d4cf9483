"""The size limits every reader applies, in one place (documented in the README next to the upload limits).

A declaration has tens of rows, a few tables and under a hundred indicators. Each limit is far above that and far
below what costs real time or memory; a file past one is refused as 过大 (too large), never as 损坏 (damaged),
with :func:`too_large`. Per-sheet limits alone are not enough (250 sheets each at the limit), so every limit that
matters also has a per-file total.
"""

from __future__ import annotations

from assistant.errors import InputError

# One grid (a sheet, a Word body, a web page's table, a PDF page's tables): rows, columns, characters per cell.
MAX_ROWS = 2000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 20_000
MAX_SHEET_CELLS = MAX_ROWS * 10  # written cells (<c>) in one sheet

# Whole workbook (.xlsx or .xls), every sheet together.
MAX_BOOK_SHEETS = 100
MAX_BOOK_ROWS = 4 * MAX_ROWS
MAX_BOOK_CELLS = 4 * MAX_SHEET_CELLS
MAX_BOOK_MERGED_CELLS = 2 * MAX_ROWS * MAX_COLUMNS  # cells covered by merged ranges (openpyxl makes one object each)
MAX_BOOK_MERGED_RANGES = 20_000

# One declaration, whatever the reader (Word, Excel, PDF, web page, text export).
MAX_INDICATORS = 500

# A text export or saved web page: lines in one run of table rows, cells in one row.
MAX_TABLE_RUN = MAX_ROWS

# A PDF: characters (glyphs) and drawn paths laid out, per page and per file.
MAX_PDF_PAGE_OBJECTS = 60_000  # a dense A4 page holds about 5,000 characters
MAX_PDF_OBJECTS = 1_200_000  # 300 pages (read_pdf.MAX_PAGES) of 4,000
MAX_PDF_SECONDS = 180  # the whole read of one PDF; 299 pages of dense ruled tables are refused in under a minute

_HINT = "请只保留申报表部分（删去明细清单、空白格式行、多余的工作表或页面等），或把其余内容移到单独的文件后再导入"


class TooLargeError(InputError):
    """A file past one of these limits (a reader that skips unreadable parts re-raises this one)."""


def too_large(name: str, what: str, hint: str = _HINT) -> TooLargeError:
    """The Chinese refusal for file ``name`` past a limit; ``what`` says where and what (工作表「表1」有 3000 行…)."""
    return TooLargeError(
        f"文件 {name} 过大：{what}，远超一份申报表的合理规模（文件本身没有损坏，只是内容太多）", hint=hint
    )


def check_indicators(count: int, name: str) -> None:
    """Refuse a declaration of file ``name`` with more than MAX_INDICATORS indicator rows."""
    if count > MAX_INDICATORS:
        raise too_large(name, f"一份申报表中有 {count} 行指标，超过 {MAX_INDICATORS} 行的上限")
