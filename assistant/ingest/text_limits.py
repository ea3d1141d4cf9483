"""The grid limits of `assistant.office.limits` applied to a text export or a saved web page's text, before it is
parsed: the Office readers stop at ``MAX_ROWS`` rows of ``MAX_COLUMNS`` columns, and so do these.

A text export's table is a run of consecutive lines that hold cells (tab- or ``|``-separated); the largest seed
export (12 forms in 42 KB) has runs of at most 24 such lines. A longer run than ``MAX_TABLE_RUN``, more than ``MAX_BOOK_ROWS``
table lines in all, or a line with more than ``MAX_COLUMNS`` cells, is refused as 过大 in Chinese, naming the line.
"""

from __future__ import annotations

from assistant.office.limits import MAX_BOOK_ROWS, MAX_COLUMNS, MAX_TABLE_RUN, too_large

_HINT = "请只保留申报表部分（删去明细清单等多余的表格行和列），或把其余内容移到单独的文件后再导入"


def cells_in(line: str) -> int:
    """Cells of a tab- or ``|``-separated line (``| a | b |`` holds 2); 1 for a line of plain text."""
    piped = line.count("|") - 1 if line.strip().startswith("|") else line.count("|") + 1
    return max(line.count("\t") + 1, piped if "|" in line else 1)


def check_text_table(lines: list[str], name: str) -> None:
    """Refuse ``lines`` (of file ``name``) holding a table of more than MAX_TABLE_RUN rows or a row of more than
    MAX_COLUMNS cells; `InputError` (过大) naming the line."""
    run = total = 0
    for number, line in enumerate(lines, start=1):
        cells = cells_in(line)
        if cells > MAX_COLUMNS:
            raise too_large(name, f"第 {number} 行有 {cells} 个单元格，超过每行 {MAX_COLUMNS} 个的上限", _HINT)
        run = run + 1 if cells > 1 else 0
        total += cells > 1
        if total > MAX_BOOK_ROWS:
            raise too_large(name, f"表格行合计超过 {MAX_BOOK_ROWS} 行（整个文件的上限，与 Excel 工作簿相同）", _HINT)
        if run > MAX_TABLE_RUN:
            raise too_large(name, f"从第 {number - run + 1} 行起的表格超过 {MAX_TABLE_RUN} 行（每个表格的上限）", _HINT)
