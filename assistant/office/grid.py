"""Tables of a Word or Excel file as grids of distinct cells, each with the coordinates a user can find.

A merged cell appears once, at its top-left position, with its column span; the positions it covers are
left out (python-docx would otherwise return it once per grid column, #344, and openpyxl leaves the
covered cells empty). A vertically merged 一级/二级 cell therefore leaves its lower rows without that
cell, which the indicator reader reads as "same as above".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int  # 0-based within its grid
    col: int  # 0-based grid column of the cell's left edge
    where: str  # 表2 第5行第3列, 正文第3段, Sheet1!C5
    span: int = 1  # grid columns covered

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
MAX_ROWS = 2000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 20_000
