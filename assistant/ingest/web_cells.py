"""Cells of a form copied from a published web page, in the three shapes such copies take.

* ``stream``: one cell per line, each ending in ``|`` (an HTML table flattened by the browser or a
  crawler); a lone ``|`` is an empty cell, a line of two or more ``|`` ends a table row, a line without
  ``|`` continues the cell on the next line (``项目资金`` / ``(万元) |``).
* ``pipes``: a whole table row per line, ``| a | b | … |`` (Markdown-like; empty cells kept).
* ``plain``: a row per line with cells separated by spaces or tabs (empty cells are lost).
* ``lines``: one cell per line without any ``|`` (a table copied from a browser that puts each cell on its own
  line, often with blank lines between): the indicator table's header cells stand on lines of their own. A line
  of only spaces is an empty cell (the browser's copy of an empty one); blank lines separate nothing.

The output is a list of :class:`WebRow` (one per table row where the shape shows rows; in the stream
shape, the cells between two row ends). Cells keep their line number; empty cells are kept as ``""``
where the shape shows them, since in a grid an empty cell holds a column's place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from assistant.ingest.amount_units import unit_marker
from assistant.ingest.cells import clean_inline, compact
from assistant.ingest.titles import is_page_chrome, year_line
from assistant.ingest.web_vertical import vertical_runs


class Shape(StrEnum):
    STREAM = "stream"
    PIPES = "pipes"
    PLAIN = "plain"
    LINES = "lines"


@dataclass(frozen=True)
class WebCell:
    text: str
    line: int


@dataclass
class WebRow:
    cells: list[WebCell] = field(default_factory=list)
    line: int = 0
    shape: Shape = Shape.PLAIN

    @property
    def filled(self) -> list[WebCell]:
        return [c for c in self.cells if c.text]


_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")  # a Markdown rule line |---|---|
_ROW_END = re.compile(r"^\s*\|(?:\s*\|)+\s*$")
_ONE_CELL = re.compile(r"^[^|]*\|\s*$")
_SOURCE = re.compile(r"^\s*source\s*[:：]\s*(\S+)\s*$", re.IGNORECASE)
_TITLE = re.compile(r"绩效(?:目标|自评)\S*表")
_SPLIT = re.compile(r"[ \t\u3000\xa0]+")


def source_address(lines: list[str]) -> str | None:
    """The ``source: <address>`` line a saved page starts with, or None."""
    for line in lines[:3]:
        found = _SOURCE.match(line)
        if found:
            return found[1]
    return None


def shape_of(lines: list[str]) -> Shape:
    """STREAM when most non-blank lines are one cell ending in ``|``; PIPES when most hold a row of ``|`` cells."""
    body = [line for line in lines if line.strip() and not _SOURCE.match(line)]
    if not body:
        return Shape.PLAIN
    one_cell = sum(1 for line in body if _ONE_CELL.match(line) or _ROW_END.match(line))
    if one_cell >= 0.4 * len(body):
        return Shape.STREAM
    pipes = sum(1 for line in body if line.count("|") >= 3)
    if pipes >= 0.4 * len(body):
        return Shape.PIPES
    return Shape.LINES if _header_on_lines(body) else Shape.PLAIN


# ``级指标``: a level word whose ordinal the copy cut off (`web_umbrella.restore_cut_levels` gives it back)
_HEADER_CELL = re.compile(r"^(?:一级指标|二级指标|三级指标|级指标|指标值|一级|二级|三级)(?:[（(][^)）]{1,4}[)）])?$")


def _header_on_lines(body: list[str]) -> bool:
    """The indicator header's cells (一级指标 / 二级指标 / 三级指标 …) each stand alone on consecutive lines."""
    cells = [line.strip() for line in body if line.strip()]
    return any(
        _HEADER_CELL.match(cells[i]) and _HEADER_CELL.match(cells[i + 1]) and _HEADER_CELL.match(cells[i + 2])
        for i in range(len(cells) - 2)
    )


def web_rows(lines: list[str]) -> tuple[Shape, list[WebRow]]:
    """(the shape, the rows) of a page's lines; line numbers are 1-based positions in ``lines``."""
    shape = shape_of(lines)
    if shape is Shape.STREAM:
        return shape, _stream_rows(lines)
    if shape is Shape.LINES:
        return shape, _line_cells(lines)
    numbered = _unwrapped(lines) if shape is Shape.PIPES else list(enumerate(lines, start=1))
    rows = [row for n, line in numbered if (row := _line_row(n, line, shape)).cells]
    return shape, _wrapped_labels(_wrapped_header(rows)) if shape is Shape.PLAIN else rows


_TITLE_WORDS = re.compile(r"绩效(?:目标|自评)")
_TAIL_MAX = 3  # the part of a label a line end cut off: 门 of 省级业务主管部 / 门


def _wrapped_labels(rows: list[WebRow]) -> list[WebRow]:
    """Cells a plain copy cut apart, joined again where the joined text proves it: a label whose last characters a
    line end moved to the next row (广东: ``资金名称 省级业务主管部`` / ``门 资金类型 实施周期``: the row's last cell is no
    label, the next row's first cell is short and no label, and the two together are a label the readers know), or
    a label cut after its 及 (德化: ``主管部门(单位)名称及`` / ``部门预算编码``, the tail a label of its own); a
    label with a space inside (`_spaced_labels`); a one-cell value a line end cut, where the form's title holds it
    joined (`_wrapped_value`). Any other row is left as it is."""
    from assistant.domain.model import Layout  # the office reader imports the page readers
    from assistant.office.reader import find_label

    def label(text: str) -> bool:
        return find_label(text, Layout.MUNICIPAL_2021) is not None

    out = [WebRow(_spaced_labels(row.cells, label), row.line, row.shape) for row in rows]
    titles = [c.text for row in out for c in row.cells if _TITLE_WORDS.search(c.text)]
    for row, nxt in zip(out, out[1:], strict=False):
        if len(row.cells) == 1 and len(nxt.cells) == 1 and _wrapped_value(row.cells[0].text, nxt.cells[0].text, titles):
            row.cells[0] = WebCell(row.cells[0].text + nxt.cells[0].text, row.cells[0].line)
            del nxt.cells[0]
            continue
        if not row.cells or not nxt.cells:
            continue
        head, tail = row.cells[-1], nxt.cells[0]
        cut = len(tail.text) <= _TAIL_MAX and not label(tail.text)  # 省级业务主管部 / 门
        joined = head.text.endswith("及")  # 主管部门(单位)名称及 / 部门预算编码: the tail a label of its own
        if not (cut or joined) or label(head.text) or not label(head.text + tail.text):
            continue
        row.cells[-1] = WebCell(head.text + tail.text, head.line)
        del nxt.cells[0]
    return [row for row in out if row.cells]


def _spaced_labels(cells: list[WebCell], label: Callable[[str], bool]) -> list[WebCell]:
    """A label written with a space inside (新民: ``项目  名称``, ``实施 期限``), which the plain copy cut into two cells,
    is one cell again where neither part is a label and the two together are one."""
    out: list[WebCell] = []
    for cell in cells:
        if out and len(out[-1].text) <= _TAIL_MAX and len(cell.text) <= _TAIL_MAX:
            joined = out[-1].text + cell.text
            if not label(out[-1].text) and not label(cell.text) and label(joined):
                out[-1] = WebCell(joined, out[-1].line)
                continue
        out.append(cell)
    return out


def _wrapped_value(head: str, tail: str, titles: list[str]) -> bool:
    """``head`` / ``tail`` (two one-cell rows) are one value a line end cut, as the form's title shows: the title
    holds them joined (新民: ``新民街道居家社区养老服务照料中心`` / ``建设补助项目`` under ``新民街道…建设补助项目支出绩效目标表``)."""
    if len(head) < 4 or not tail or _TITLE_WORDS.search(head) or _TITLE_WORDS.search(tail):
        return False
    return any(head + tail in title and head + tail != title for title in titles)


_WRAPPED_LEVEL = frozenset({"一级", "二级", "三级"})


def _wrapped_header(rows: list[WebRow]) -> list[WebRow]:
    """An indicator header whose first cell wrapped over two lines before the rest of the header (金安:
    ``一级`` / ``指标`` / ``二级指标 三级指标 指标值``) is one header row again: ``一级指标 二级指标 三级指标 指标值``."""
    out: list[WebRow] = []
    i = 0
    while i < len(rows):
        texts = [[c.text for c in r.cells] for r in rows[i : i + 3]]
        if len(texts) == 3 and len(texts[0]) == 1 and texts[0][0] in _WRAPPED_LEVEL and texts[1] == ["指标"]:
            if texts[2] and _HEADER_CELL.match(texts[2][0]):
                first = rows[i].cells[0]
                joined = [WebCell(f"{first.text}指标", first.line), *rows[i + 2].cells]
                out.append(WebRow(joined, rows[i].line, rows[i].shape))
                i += 3
                continue
        out.append(rows[i])
        i += 1
    return out


_EMPTY_RUN = re.compile(r"\|\s*\|\s*$")  # a row padded with empty cells: ``… | 919.00 | ||||``
_WRAPPED_TAIL = re.compile(r"^[^|]+\|\s*$")  # one cell and its ``|``: the rest of a cell wrapped onto its own line


def _unwrapped(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) of a ``|`` page's rows, a row whose cell held a line break joined again.

    A crawler writes such a row over several lines: ``项目 名称 |`` / ``镇际联网路… | 919.00 | ||||``, or
    ``绩效指标 | 一级 指标 |`` / ``二级 指标 |`` / ``三级 指标 |`` / ``指标值 | ||``. A line of at most two cells that
    ends in one ``|`` (not in the empty cells that pad a finished row) is joined with the lines after it while
    they are such short pieces (one or two cells), and with the line that ends the row (padded with empty cells)."""
    out: list[tuple[int, str]] = []
    open_row = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if open_row and "|" in stripped and not stripped.startswith("|"):
            start, text = out[-1]
            out[-1] = (start, f"{text} {stripped}")
            open_row = stripped.count("|") <= 2 and not _EMPTY_RUN.search(stripped)
            continue
        out.append((number, line))
        open_row = _opens_row(stripped, lines[number] if number < len(lines) else "")
    return out


def _opens_row(line: str, following: str) -> bool:
    """A row cut by a line break in a cell: at most two cells, one ``|`` at its end, and a tail or the row's end next."""
    if line.startswith("|") or not line.endswith("|") or _EMPTY_RUN.search(line) or line.count("|") > 2:
        return False
    following = following.strip()
    return bool(_WRAPPED_TAIL.match(following) or (_EMPTY_RUN.search(following) and not following.startswith("|")))


def _line_row(number: int, line: str, shape: Shape) -> WebRow:
    if _SOURCE.match(line) or not line.strip() or _ROW_END.match(line) or _RULE.match(line):
        return WebRow(line=number, shape=shape)
    if line.count("|") >= 2:
        inner = line.strip().removeprefix("|").removesuffix("|")
        parts = [clean_inline(p) for p in inner.split("|")]
        return WebRow([WebCell(p, number) for p in parts], number, Shape.PIPES)
    separator = re.compile(r"\t+") if "\t" in line else _SPLIT  # tabs, where a line has them, are the cells' edges
    parts = _bracketed([clean_inline(p) for p in separator.split(line.strip().replace("|", " "))])
    return WebRow([WebCell(p, number) for p in parts if p], number, Shape.PLAIN)


def _bracketed(parts: list[str]) -> list[str]:
    """Words a space split inside one bracket (``数量( ≥**个 )``) are one cell again."""
    out: list[str] = []
    depth = 0
    for part in parts:
        if depth > 0 and out:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
        depth = max(0, depth + part.count("(") + part.count("（") - part.count(")") - part.count("）"))
    return out


def _line_cells(lines: list[str]) -> list[WebRow]:
    """One row per cell: a non-blank line is a cell, a line of spaces an empty one, an empty line nothing."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if _SOURCE.match(line) or not line:
            continue
        rows.append(WebRow([WebCell(clean_inline(line.strip()), number)], number, Shape.LINES))
    for start, end in reversed(vertical_runs([row.cells[0].text for row in rows])):
        first = rows[start]
        first.cells[0] = WebCell("".join(row.cells[0].text for row in rows[start:end]), first.line)
        del rows[start + 1 : end]
    return rows


def _stream_rows(lines: list[str]) -> list[WebRow]:
    rows: list[WebRow] = [WebRow(shape=Shape.STREAM)]
    pending: list[str] = []  # lines of a cell not yet ended by its ``|``
    start = 0
    after_end = True  # a lone ``|`` right after a row end opens the next row; it is not a cell
    for number, line in enumerate(lines, start=1):
        if _SOURCE.match(line):
            continue
        stripped = line.strip()
        if _ROW_END.match(stripped):
            _close_pending(rows[-1], pending, start)
            pending = []
            rows.append(WebRow(line=number + 1, shape=Shape.STREAM))
            after_end = True
            continue
        if "|" not in stripped:
            if stripped:
                if pending and (_stands_alone(pending[-1]) or _stands_alone(stripped)):
                    _close_pending(rows[-1], pending, start)
                    pending = []
                start = start if pending else number
                pending.append(stripped)
            continue
        for k, piece in enumerate(stripped.split("|")[:-1] if stripped.endswith("|") else stripped.split("|")):
            piece = piece.strip()
            # a title (or a subtitle in brackets, 宝坻's ``(天津市宝坻区…项目)``) above the row is no part of its cell
            if k == 0 and pending and (_heading(pending[-1]) or _SUBTITLE.match(pending[-1])):
                _close_pending(rows[-1], pending, start)
                pending = []
            if k == 0 and pending:
                text = _join([*pending, piece])
                cell_line = start
                pending = []
            else:
                text, cell_line = clean_inline(piece), number
            if not text and after_end:
                after_end = False
                continue
            after_end = False
            rows[-1].cells.append(WebCell(text, cell_line))
            rows[-1].line = rows[-1].line or cell_line
        if not stripped.endswith("|"):  # text after the last ``|`` starts a cell ended on a later line
            tail = stripped.rsplit("|", 1)[1].strip()
            if tail:
                rows[-1].cells.pop()
                pending, start = [tail], number
    _close_pending(rows[-1], pending, start)
    return [r for r in rows if r.cells]


def _stands_alone(line: str) -> bool:
    """A title, a year line (蒙城's ``(2024 年度)`` above ``项目名称``), a sentence-long line or a line of page
    controls (``- 全部留言``, ``- /``) is a cell of its own, not the wrapped start of the next cell."""
    return len(line) >= 20 or _heading(line) or year_line(line) is not None or is_page_chrome([line])


def _heading(line: str) -> bool:
    """A form's or a table's title, a unit line or an attachment mark: never the start of the cell after it (a long
    line may be: a sentence wrapped before its end)."""
    return bool(_TITLE.search(line) or _ALONE.search(line) or _unit_line(line))


def _unit_line(line: str) -> bool:
    """A line stating the form's unit after other text (宁国: ``填报单位:宁国市文化和旅游局 单位:万元``); a bare ``(万元)``
    is not one: it may end the label on the line before it (``项目资金`` / ``(万元)``)."""
    return unit_marker(line) is not None and "单位" in line


_SUBTITLE = re.compile(r"^[（(][^()（）]{8,}[)）]$")
_ALONE = re.compile(r"(?:\S表$|^附件\s*\d*\s*[:：]?$|^(?:金额)?单位\s*[:：])")


def _close_pending(row: WebRow, pending: list[str], line: int) -> None:
    if pending:
        row.cells.append(WebCell(_join(pending), line))


def _join(parts: list[str]) -> str:
    """A cell wrapped over lines: Chinese joined without the wrap, Latin words with a space."""
    return compact(" ".join(clean_inline(p) for p in parts if clean_inline(p)))
