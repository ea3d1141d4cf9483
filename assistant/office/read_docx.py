"""A .docx as rows of distinct cells: body paragraphs and table rows in document order (python-docx).

Text is read as Word shows it with every tracked change accepted: runs inside content controls (内容控件,
``w:sdt``), tracked insertions (``w:ins``, ``w:moveTo``), smart tags, custom XML, hyperlinks and simple fields
are read; deleted text (``w:del``, ``w:moveFrom``) never is. A content control around a paragraph, a table, a
row or a cell is looked through. python-docx 1.x reads only a paragraph's direct runs and a table's direct rows
and cells (content controls and revisions are not in its API), so the walk here uses its element tree.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from docx import Document
from docx.exceptions import InvalidXmlError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement

from assistant.errors import InputError
from assistant.office.damage import damage, too_deep
from assistant.office.grid import MAX_COLUMNS, MAX_ROWS, GridRow, clipped_cell
from assistant.office.limits import too_large


def docx_rows(data: bytes, name: str) -> list[GridRow]:
    """Paragraphs become one-cell rows of grid ``正文``; table ``n`` becomes rows of grid ``表n``."""
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… on a damaged package
        too_deep(name, exc)
        raise InputError(
            f"文件 {name} 已损坏，无法按 Word 文档读取：{damage(name, exc)}",
            hint="请用 Word 或 WPS 打开后另存为 .docx 再导入",
        ) from exc
    try:
        return _body_rows(document, name)
    except (ValueError, KeyError, InvalidXmlError) as exc:  # a malformed attribute (gridSpan="x") deep in the body
        raise InputError(
            f"文件 {name} 的表格结构已损坏，无法读取：{damage(name, exc)}",
            hint="请用 Word 或 WPS 打开后另存为 .docx 再导入",
        ) from exc


def _body_rows(document, name: str) -> list[GridRow]:
    rows: list[GridRow] = []
    paragraphs = tables = 0
    for child in _children(document.element.body):
        if isinstance(child, CT_P):
            paragraphs += 1
            text = _paragraph_text(child)
            rows.append(GridRow("正文", paragraphs - 1, (clipped_cell(text, 0, 0, f"正文第{paragraphs}段"),)))
        elif isinstance(child, CT_Tbl):
            tables += 1
            rows += _table_rows(child, f"表{tables}", name, MAX_ROWS - len(rows))
        _check_size(rows, name)
    return rows


_WRAPPERS = {qn("w:sdt"), qn("w:customXml")}
_RUNS = (
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)"
    " and not(ancestor::*[local-name()='Fallback'])]"
)


def _children(parent: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """``parent``'s child elements, a content control (or custom XML element) replaced by what it holds."""
    for child in parent.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content)
        elif child.tag in _WRAPPERS:
            yield from _children(child)
        else:
            yield child


def _paragraph_text(p: CT_P) -> str:
    """The paragraph as shown with changes accepted: every run's text (tabs and breaks as python-docx gives them)
    except deleted runs; runs of a text box or of a drawing's fallback copy belong to no cell and are left out."""
    return "".join(r.text for r in p.xpath(_RUNS))


def _table_rows(tbl: CT_Tbl, grid: str, name: str, room: int) -> list[GridRow]:
    """The rows of table ``grid``; refused as 过大 (:func:`too_large`) as soon as it has more than ``room`` rows or
    one row reaches past MAX_COLUMNS columns (cells and spans counted before any cell's text is read)."""
    rows = []
    for r, tr in enumerate(c for c in _children(tbl) if isinstance(c, CT_Row)):
        if r >= room:
            raise too_large(name, f"{grid}及之前的段落和表格行超过 {MAX_ROWS} 行")
        tcs = _row_cells(tr, f"{grid} 第{r + 1}行", name)
        col = tr.grid_before
        cells = []
        for tc in tcs:
            # A vMerge="continue" cell is the lower part of the cell above: left out, like openpyxl's covered cells.
            if tc.vMerge != "continue":
                cells.append(clipped_cell(_text(tc, name), r, col, f"{grid} 第{r + 1}行第{col + 1}列", tc.grid_span))
            col += tc.grid_span
        rows.append(GridRow(grid, r, tuple(cells)))
    return rows


def _row_cells(tr: CT_Row, where: str, name: str) -> list[CT_Tc]:
    """The cells of row ``tr``, refused as 过大 once the columns they cover (gridBefore + every gridSpan) pass
    MAX_COLUMNS: a row of 300,000 cells stops at the 61st, and its cells' text is never read."""
    col = tr.grid_before
    tcs: list[CT_Tc] = []
    for tc in (c for c in _children(tr) if isinstance(c, CT_Tc)):
        col += tc.grid_span
        if col > MAX_COLUMNS:
            raise too_large(name, f"{where}超过 {MAX_COLUMNS} 列（单元格及其合并跨列合计）")
        tcs.append(tc)
    return tcs


def _text(tc: CT_Tc, name: str) -> str:
    """Paragraphs joined by newlines; a table nested in the cell is read as text, row by row."""
    parts = []
    for child in _children(tc):
        if isinstance(child, CT_P):
            parts.append(_paragraph_text(child))
        elif isinstance(child, CT_Tbl):
            for r, tr in enumerate(c for c in _children(child) if isinstance(c, CT_Row)):
                if r >= MAX_ROWS:
                    raise too_large(name, f"单元格中嵌套的表格超过 {MAX_ROWS} 行")
                parts.append("\t".join(_text(c, name) for c in _row_cells(tr, "单元格中嵌套的表格的一行", name)))
    return "\n".join(parts)


def _check_size(rows: list[GridRow], name: str) -> None:
    """Refuse (过大) a body past MAX_ROWS paragraphs and table rows in all; each table row's width is bounded
    while it is read (:func:`_row_cells`)."""
    if len(rows) > MAX_ROWS:
        raise too_large(name, f"段落和表格行合计超过 {MAX_ROWS} 行")
