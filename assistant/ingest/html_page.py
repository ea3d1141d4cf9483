"""A saved web page (.html) as the text a careful copy would give: one ``| a | b |`` line per table row.

Tables keep their grid: an empty cell stays as an empty cell, and a cell spanning columns is followed by
empty cells for the columns it covers, so the web reader (``ingest.web``) sees columns where they are.
Text outside tables becomes one line per block element. Scripts, styles and comments are dropped.

Cells and rows whose end tags are left out (HTML5 lets a page omit ``</td>`` and ``</tr>``) end where the
next cell, row or the table ends, as a browser reads them. A page that ends inside its table (a download cut
short, a page saved half-loaded) keeps the row it ends in and says so (``PageText.cut``): the reader adds a
truncation note instead of dropping that row. (lxml's HTML parser closes such tags as well, but it gives no
sign that the page ended inside the table, which the note needs, so the stdlib tokenizer is kept.)
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from assistant.domain.text import visible
from assistant.office.limits import MAX_BOOK_ROWS, MAX_COLUMNS, MAX_ROWS, too_large

MAX_HTML_CHARS = 5_000_000
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article", "header"}
_SKIP = {"script", "style", "noscript", "template", "head"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SECTIONS = {"thead", "tbody", "tfoot"}


class PageTooLarge(Exception):
    """A table of the page passes the grid limits of `assistant.office.limits`; ``what`` says which, in Chinese."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class PageText:
    """``text``: the page as ``|`` rows and lines; ``cut``: the page ended inside a table (an open row, cell or
    table at the end of the file), so its last row may be incomplete; ``title``: the <head>'s <title>."""

    text: str
    cut: bool
    title: str = ""  # the page's <title> (in <head>, which is no part of ``text``)


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.skip = 0
        self.depth = 0  # nested tables: inner cells are read as text of the outer cell
        self.title: list[str] = []
        self.in_title = False
        self.pads: list[int] = []  # where the open row holds the empty columns a colspan adds (not cells)
        self.rows = 0  # rows of the open top-level table
        self.all_rows = 0  # rows of every table of the page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_title = tag == "title" and not self.title
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            self.rows = 0 if self.depth == 1 else self.rows
            self._flush_text()
        elif tag == "tr" and self.depth == 1:
            self._end_row()
            self.row = []
            self.pads = []
            self.rows += 1
            self.all_rows += 1
            if self.rows > MAX_ROWS:
                raise PageTooLarge(f"一个表格超过 {MAX_ROWS} 行（每个表格的上限）")
            if self.all_rows > MAX_BOOK_ROWS:
                raise PageTooLarge(f"各表格合计超过 {MAX_BOOK_ROWS} 行（整个网页的上限，与 Excel 工作簿相同）")
        elif tag in {"td", "th"} and self.depth == 1:
            self._end_cell()
            if self.row is None:  # a cell outside any row starts one, as a browser does
                self.row, self.pads = [], []
            if len(self.row) >= MAX_COLUMNS and self.pads:  # a wide cell (colspan) gives back a column it spans
                del self.row[self.pads.pop()]
            if len(self.row) >= MAX_COLUMNS:
                raise PageTooLarge(f"表格第 {self.rows} 行超过 {MAX_COLUMNS} 个单元格（每行的上限）")
            self.cell = []
            span = dict(attrs).get("colspan") or "1"
            self.span = min(int(span), 60) if span.isdigit() and int(span) > 0 else 1
        elif tag in _SECTIONS and self.depth == 1:
            self._end_row()
        elif tag in _BLOCKS | {"tr", "td", "th"}:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table":
            if self.depth == 1:
                self._end_row()
            self.depth = max(0, self.depth - 1)
        elif tag in {"td", "th"} and self.depth == 1:
            self._end_cell()
        elif tag in _SECTIONS | {"tr"} and self.depth == 1:
            self._end_row()
        elif tag in _BLOCKS:
            self._break()

    def _end_cell(self) -> None:
        """The open cell (if any) becomes the row's next cell(s), one per column it spans."""
        if self.cell is None:
            return
        text = " ".join("".join(self.cell).split())
        if self.row is not None:
            self.row.append(text.replace("|", "｜"))
            self.pads += range(len(self.row), len(self.row) + self.span - 1)  # the columns it spans, not cells
            self.row += [""] * (self.span - 1)
        self.cell = None

    def _end_row(self) -> None:
        """The open row (if any), its open cell included, becomes one ``|`` line; an all-empty row is left out."""
        self._end_cell()
        if self.row is not None and any(self.row):
            self.lines.append("| " + " | ".join(self.row) + " |")
        self.row = None

    def finish(self) -> bool:
        """End of the page: the open row and text are kept; True when the page ended inside a table."""
        cut = self.depth > 0 or self.row is not None or self.cell is not None
        self._end_row()
        self._flush_text()
        return cut

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.text.append(data)

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
        elif self.depth == 0:
            self._flush_text()

    def _flush_text(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.lines.append(text)
        self.text = []


def read_page(data: bytes, name: str = "网页") -> PageText:
    """The page's text with its tables as ``|`` rows, and whether it ended inside a table (module docstring).
    A table of more than MAX_ROWS rows or a row of more than MAX_COLUMNS cells stops the reading at once:
    `TooLargeError` naming the file ``name``."""
    parser = _PageText()
    try:
        parser.feed(_decode(data)[:MAX_HTML_CHARS])
    except PageTooLarge as exc:
        raise too_large(name, exc.what) from exc
    parser.close()
    cut = parser.finish()
    text, title = visible("\n".join(parser.lines)), visible(" ".join("".join(parser.title).split()))  # 1&#8203;2 is 12
    return PageText(text=text, cut=cut, title=title)


def html_text(data: bytes, name: str = "网页") -> str:
    """The page's text with its tables as ``|`` rows (see the module docstring and `read_page`)."""
    return read_page(data, name).text


def _decode(data: bytes) -> str:
    """The page as text. A byte-order mark wins (UTF-8, or UTF-16 as Word's "网页" in Unicode writes), then UTF-16
    told by its NUL bytes; then strictly valid UTF-8 wins over a declared charset (a UTF-8 page saved with a wrong
    ``<meta charset="iso-8859-1">`` would otherwise decode to mojibake, red team rt8 R9); then the declared charset,
    then GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    utf16 = utf16_codec(data)
    if utf16 is not None:
        return data[: len(data) - len(data) % 2].decode(utf16, errors="replace").removeprefix("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    for encoding in ([declared[1].decode("ascii", "ignore")] if declared else []) + ["gb18030"]:
        if encoding.lower().replace("_", "-").startswith("utf-16"):
            continue  # a UTF-16 page has NUL bytes (above); one without them declares it wrongly
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` names, if any (for an encoding message)."""
    declared = _META_CHARSET.search(data[:4096])
    return declared[1].decode("ascii", "ignore") if declared else None


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` is a web page (its start or a ``<table``), in UTF-16 as in any ASCII-compatible charset."""
    utf16 = utf16_codec(data)
    if utf16 is not None:
        text = data[: min(len(data), 400_000) // 2 * 2].decode(utf16, errors="replace").removeprefix("\ufeff")
        head_text = text[:2048].lstrip().lower()
        return head_text.startswith(("<!doctype html", "<html")) or "<table" in text[:200_000].lower()
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<table" in data[:200_000].lower()


def utf16_codec(data: bytes) -> str | None:
    """``utf-16`` with a BOM; ``utf-16-le``/``-be`` without one when NUL bytes (the high or low half of the
    ASCII tabs, digits and line ends) sit mostly at one parity (a few CJK characters such as 一 U+4E00 put
    one at the other): UTF-8 and GBK text has no NUL byte at all."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(data) < 4:
        return None
    data = data[: len(data) - len(data) % 2]
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 2 and odd >= 4 * even:
        return "utf-16-le"
    if even >= 2 and even >= 4 * odd:
        return "utf-16-be"
    return None
