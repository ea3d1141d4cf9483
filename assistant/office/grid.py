"""Tables of a Word or Excel file as grids of distinct cells, each with the coordinates a user can find.

A merged cell appears once, at its top-left position, with its column span; the positions it covers are
left out (python-docx would otherwise return it once per grid column, #344, and openpyxl leaves the
covered cells empty). A vertically merged 一级/二级 cell therefore leaves its lower rows without that
cell, which the indicator reader reads as "same as above".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.model import NoteLevel, ParseNote
from assistant.domain.text import hidden_in_import, imported, invisible_note
from assistant.office.limits import MAX_CELL_CHARS as MAX_CELL_CHARS
from assistant.office.limits import MAX_COLUMNS as MAX_COLUMNS
from assistant.office.limits import MAX_ROWS as MAX_ROWS


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int  # 0-based within its grid
    col: int  # 0-based grid column of the cell's left edge
    where: str  # 表2 第5行第3列, 正文第3段, Sheet1!C5
    span: int = 1  # grid columns covered
    cut_from: int = 0  # characters the cell held before it was cut to MAX_CELL_CHARS (0: not cut)
    cleaned: tuple[str, ...] = ()  # invisible characters removed and odd spaces (U+00A0…) read as spaces, in order

    @property
    def filled(self) -> bool:
        return bool(self.text.strip())

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.span


@dataclass(frozen=True)
class GridRow:
    grid: str  # 表2, 正文, Sheet1
    index: int  # 0-based row within the grid
    cells: tuple[GridCell, ...]

    @property
    def filled(self) -> list[GridCell]:
        return [c for c in self.cells if c.filled]


# Bounds that keep a hostile file from costing unbounded time or memory (a declaration has tens of rows).
# (defined with every other limit in `assistant.office.limits`)
CUT_MESSAGE = "该单元格有 {total} 字，超过每格 {limit} 字的上限，只读取了前 {limit} 字，其余未读取；请核对该格（原文件中的内容未改动）"


def clip(text: str) -> tuple[str, int]:
    """(``text`` cut to MAX_CELL_CHARS, its length before the cut; 0 when it was not cut)."""
    return (text[:MAX_CELL_CHARS], len(text)) if len(text) > MAX_CELL_CHARS else (text, 0)


# Spaces other than the ASCII one that Word and Excel cells carry (a no-break space U+00A0 from a web page or typed
# with Ctrl+Shift+Space, the narrow and figure spaces): they display as a space, so they are read as one, like the
# ASCII space every value reader drops (≥, U+00A0, 95% is ≥95%). The ideographic space U+3000 is Chinese text's own.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_SPACE_NAMES = {"\u00a0": "不换行空格", "\u202f": "窄不换行空格", "\u2007": "数字空格"}


def clipped_cell(text: str, row: int, col: int, where: str, span: int = 1) -> GridCell:
    """A cell whose text is cut to MAX_CELL_CHARS, recording the length it had (`GridCell.cut_from`); invisible
    format characters (zero-width space…), bidi overrides and NUL removed first, so ``1\u200b2`` is read as the 12 it
    shows, and odd spaces (U+00A0…) read as spaces; what was cleaned is recorded (`GridCell.cleaned`, `cleaned_notes`)."""
    cleaned = (*hidden_in_import(text), *_ODD_SPACES.findall(text))
    kept, total = clip(_ODD_SPACES.sub(" ", imported(text)))
    return GridCell(kept, row, col, where, span, total, cleaned)


def cut_notes(rows: list[GridRow]) -> list[ParseNote]:
    """A warning for each cell of ``rows`` whose text was cut, naming the cell and how long it was."""
    return [
        ParseNote(
            level=NoteLevel.WARNING,
            code="cell.cut",
            message=CUT_MESSAGE.format(total=c.cut_from, limit=MAX_CELL_CHARS),
            line=c.row + 1,
            fragment=c.text[:40] + "…",
            cell=c.where,
        )
        for row in rows
        for c in row.cells
        if c.cut_from
    ]


def cleaned_notes(rows: list[GridRow]) -> list[ParseNote]:
    """A note for each cell of ``rows`` whose text was cleaned (`clipped_cell`), naming the cell and the characters."""
    return [
        ParseNote(
            level=NoteLevel.INFO,
            code="cell.cleaned",
            message=_cleaned_message(c.cleaned),
            line=c.row + 1,
            fragment=c.text[:40],
            cell=c.where,
        )
        for row in rows
        for c in row.cells
        if c.cleaned
    ]


def _cleaned_message(found: tuple[str, ...]) -> str:
    spaces = [c for c in found if _ODD_SPACES.fullmatch(c)]
    hidden = [c for c in found if not _ODD_SPACES.fullmatch(c)]
    parts = []
    if hidden:
        parts.append(invisible_note("该单元格", hidden))
    if spaces:
        kinds = "、".join(f"{_SPACE_NAMES.get(c, '特殊空格')} U+{ord(c):04X}" for c in dict.fromkeys(spaces))
        parts.append(f"该单元格中有 {len(spaces)} 个特殊空格（{kinds}），已按普通空格读取，请核对其中的数字")
    return "；".join(parts)
