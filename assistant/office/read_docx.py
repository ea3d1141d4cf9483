"""A .docx as rows of distinct cells: body paragraphs and table rows in document order (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.exceptions import InvalidXmlError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from assistant.errors import InputError
from assistant.office.grid import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, GridCell, GridRow


def docx_rows(data: bytes, name: str) -> list[GridRow]:
    """Paragraphs become one-cell rows of grid ``正文``; table ``n`` becomes rows of grid ``表n``."""
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… on a damaged package
        raise InputError(
            f"文件 {name} 已损坏，无法按 Word 文档读取（{type(exc).__name__}）",
            hint="请用 Word 或 WPS 打开后另存为 .docx 再导入",
        ) from exc
    try:
        return _body_rows(document, name)
    except (ValueError, KeyError, InvalidXmlError) as exc:  # a malformed attribute (gridSpan="x") deep in the body
        raise InputError(
            f"文件 {name} 的表格结构已损坏，无法读取（{type(exc).__name__}）",
            hint="请用 Word 或 WPS 打开后另存为 .docx 再导入",
        ) from exc


def _body_rows(document, name: str) -> list[GridRow]:
    rows: list[GridRow] = []
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if isinstance(child, CT_P):
            paragraphs += 1
            text = Paragraph(child, document).text
            rows.append(GridRow("正文", paragraphs - 1, (GridCell(text, 0, 0, f"正文第{paragraphs}段"),)))
        elif isinstance(child, CT_Tbl):
            tables += 1
            rows += _table_rows(Table(child, document), f"表{tables}")
        _check_size(rows, name)
    return rows


def _table_rows(table: Table, grid: str) -> list[GridRow]:
    rows = []
    for r, tr in enumerate(table._tbl.tr_lst):
        col = tr.grid_before
        cells = []
        for tc in tr.tc_lst:
            # A vMerge="continue" cell is the lower part of the cell above: left out, like openpyxl's covered cells.
            if tc.vMerge != "continue":
                cells.append(GridCell(_text(tc, table), r, col, f"{grid} 第{r + 1}行第{col + 1}列", tc.grid_span))
            col += tc.grid_span
        rows.append(GridRow(grid, r, tuple(cells)))
    return rows


def _text(tc: CT_Tc, table: Table) -> str:
    """Paragraphs joined by newlines; a table nested in the cell is read as text, row by row."""
    parts = []
    for child in tc.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(Paragraph(child, table).text)
        elif child.tag == qn("w:tbl"):
            parts += ["\t".join(_Cell(c, table).text for c in tr.tc_lst) for tr in child.tr_lst]
    return "\n".join(parts)[:MAX_CELL_CHARS]


def _check_size(rows: list[GridRow], name: str) -> None:
    if len(rows) > MAX_ROWS or any(c.col >= MAX_COLUMNS for c in rows[-1].cells if rows):
        raise InputError(
            f"文件 {name} 的段落和表格行超过 {MAX_ROWS} 行（或超过 {MAX_COLUMNS} 列），远超一份申报表的规模",
            hint="请只保留申报表部分（删去附件、明细清单等）后另存再导入",
        )
