"""A text PDF (a budget disclosure, a form printed to PDF) as rows of distinct cells, page by page.

pdfplumber finds each page's ruled tables; a merged cell arrives once, at its top-left position, with the
columns it spans (the positions it covers come back as ``None``), as the Word/Excel grids do. Text lines
outside the tables (the form's title, ``（2025年度）``, 单位：万元) become one-cell rows in reading order, so
the form reader sees what it would see in the Word file. Each cell's place names its page (``第3页表1
第5行第2列``), so notes and declarations can say where in the PDF they are.

A PDF with no text layer (a scan) is refused with a message saying so: this reader does no OCR.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from assistant.errors import InputError, NotADeclarationError
from assistant.office.damage import damage
from assistant.office.grid import MAX_COLUMNS, MAX_ROWS, GridCell, GridRow, clipped_cell
from assistant.office.pdf_budget import PdfTooLarge, check_time, decode_budget
from assistant.office.pdf_pages import bounded_pages

MAX_PAGES = 300
_PDF_MAGIC = b"%PDF-"


@dataclass
class PdfRows:
    rows: list[GridRow] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # grid name → 1-based page number
    joined: dict[str, int] = field(default_factory=dict)  # cell (where) a page break cut → the page its rest is on


def check_pdf(data: bytes, name: str) -> None:
    if not data.startswith(_PDF_MAGIC) and _PDF_MAGIC not in data[:1024]:
        raise InputError(
            f"文件 {name} 的扩展名是 .pdf，内容却不是 PDF 文件", hint="请确认文件完整，或用原程序重新导出为 PDF"
        )


def pdf_rows(data: bytes, name: str) -> PdfRows:
    """The rows of every page; `InputError` for a damaged, encrypted, oversized or text-less (scanned) PDF."""
    import pdfplumber  # imported here: a second or so of start-up that only PDF imports pay
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    check_pdf(data, name)
    try:
        with decode_budget(), pdfplumber.open(io.BytesIO(data)) as pdf:
            result = PdfRows()
            chars = 0
            # the declared page count is checked before any page is built, then pages are built one at a time
            for number, page in enumerate(bounded_pages(pdf, name, MAX_PAGES), start=1):
                chars += len(page.chars)
                _page_rows(page, number, result)
                page.close()  # frees the page's layout objects (pdfplumber keeps them otherwise)
                check_time()
    except InputError:
        raise
    except (PdfTooLarge, MemoryError) as exc:  # too large, never "damaged"
        what = exc.what if isinstance(exc, PdfTooLarge) else "读取时内存不足"
        raise InputError(
            f"PDF 文件 {name} 过大或过于复杂：{what}，远超一份申报表的合理大小，已停止读取（文件不一定损坏）",
            hint="请只保留含绩效目标表的页面（可用 PDF 阅读器“提取页面”），或用原程序重新导出为 PDF 后再导入",
        ) from exc
    except PDFPasswordIncorrect as exc:
        raise InputError(f"PDF 文件 {name} 设置了打开密码，无法读取", hint="请去掉密码后另存为 PDF 再导入") from exc
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds on a damaged file
        raise InputError(
            f"PDF 文件 {name} 已损坏或无法解析：{damage(name, exc)}",
            hint="请确认文件完整下载；可用 PDF 阅读器打开后“另存为”或重新打印为 PDF 再导入",
        ) from exc
    if chars == 0:
        raise NotADeclarationError(
            f"PDF 文件 {name} 没有文字层，似乎是扫描件或图片：本程序不做文字识别（OCR），无法读取其中的表格",
            hint="请找到该表的电子版（Word/Excel 或网页），或用带文字识别的软件把扫描件转为可复制文字的 PDF 后再导入",
        )
    return result


def _page_rows(page, number: int, result: PdfRows) -> None:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    lines = _outside_lines(page, boxes)
    items: list[tuple[float, list[GridRow]]] = []
    for k, table in enumerate(tables, start=1):
        grid = f"第{number}页表{k}"
        result.pages[grid] = number
        items.append((table.bbox[1], _table_rows(table.extract(), grid)))
    text_grid = f"第{number}页正文"
    result.pages[text_grid] = number
    for index, (top, text) in enumerate(lines):
        where = f"{text_grid}第{index + 1}行"
        items.append((top, [GridRow(text_grid, index, (clipped_cell(text, index, 0, where),))]))
    first_table = True
    for _, rows in sorted(items, key=lambda item: item[0]):
        if first_table and rows and rows[0].grid.endswith("表1") and number > 1:
            rows = _join_broken_row(result.rows, rows, result.joined, number)
            first_table = False
        result.rows += rows
        if len(result.rows) > MAX_ROWS * 5:
            raise InputError("PDF 中的表格行数过多，远超申报表的合理大小", hint="请只保留含绩效目标表的页面后再导入")


def _outside_lines(page, boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, str]]:
    """Text lines of the page that lie in no table, with their top position."""

    def outside(obj) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = page.filter(outside).extract_text_lines(keep_blank_chars=False) if boxes else page.extract_text_lines()
    return [(line["top"], line["text"].strip()) for line in lines if line["text"].strip()]


def _table_rows(table: list[list[str | None]], grid: str) -> list[GridRow]:
    rows = []
    for r, raw in enumerate(table[:MAX_ROWS]):
        cells = []
        raw = raw[:MAX_COLUMNS]
        for c, text in enumerate(raw):
            if text is None:
                continue
            span = 1
            while c + span < len(raw) and raw[c + span] is None:
                span += 1
            cells.append(clipped_cell(_unwrap(text), r, c, f"{grid}第{r + 1}行第{c + 1}列", span))
        rows.append(GridRow(grid, r, tuple(cells)))
    return rows


def _join_broken_row(before: list[GridRow], rows: list[GridRow], joined: dict[str, int], page: int) -> list[GridRow]:
    """A table row cut by a page break: the next page's table starts with the rest of its cells (fewer filled
    cells, each under a filled cell of the row before). Its text is joined to that row, not read as a row."""
    last = next((r for r in reversed(before) if r.filled and "表" in r.grid), None)
    head = rows[0]
    if last is None or not head.filled or len(head.filled) >= len(last.filled):
        return rows
    above = {c.col: c for c in last.filled}
    if not all(c.col in above for c in head.filled):
        return rows
    tails = {c.col: c.text for c in head.filled}
    cells = tuple(
        GridCell(_unwrap(f"{c.text}\n{tails[c.col]}"), c.row, c.col, c.where, c.span) if c.col in tails else c
        for c in last.cells
    )
    before[before.index(last)] = GridRow(last.grid, last.index, cells)
    joined.update({c.where: page for c in last.filled if c.col in tails})
    return rows[1:]


def _unwrap(text: str) -> str:
    """A cell's lines as the PDF wrapped them, joined: Chinese without the break, Latin with a space."""
    from assistant.ingest.cells import compact

    return compact(text.replace("\n", " "))
