"""A table printed without rules whose cells wrap, read as a table by pdfplumber.

With no rules, pdfplumber's line strategy finds no table and each printed line is read as one line of text, so a
cell wrapped onto several lines is cut into pieces that stand among the next cells' (``完成老旧 ≥12.5公 13.2公里 20
20`` / ``小区雨污 里`` / ``分流管网``). The words' positions still show the table: pdfplumber's text strategy finds the
columns from the words' alignment, and the lines' spacing shows the rows, a wrapped cell's lines standing one line
pitch apart and rows further apart (the cells' padding). Where both spacings are there, the rows' edges are given to
pdfplumber as explicit lines between the rows, so each cell arrives whole, its lines joined by the reader as in a
ruled table. A table whose lines are evenly spaced shows no row edges and is left as it was (lines of text).
"""

from __future__ import annotations

from typing import Any

_TEXT = {"vertical_strategy": "text", "horizontal_strategy": "text"}
_SAME_LINE = 2.0  # points: words whose tops differ less stand on one line
_ROW_GAP = 1.4  # a gap this many line pitches or more is a row's edge; a wrapped cell's lines are one pitch apart
_WRAP_GAP = 1.15


def borderless_tables(page: Any) -> list[Any]:
    """pdfplumber tables for the page's rule-less tables whose lines show rows (see the module's docstring); []
    where there is none."""
    found = []
    for table in page.find_tables(_TEXT):
        region = page.crop(table.bbox, strict=False)  # a word past the page's edge (a damaged file) is no error
        edges = _row_edges(region, table.bbox)
        if edges is None:
            continue
        settings = {"vertical_strategy": "text", "horizontal_strategy": "explicit", "explicit_horizontal_lines": edges}
        rows = region.find_tables(settings)
        found += [t for t in rows if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    return found


def _row_edges(region: Any, bbox: tuple[float, float, float, float]) -> list[float] | None:
    """The table's top, the middle of each gap of a row's edge, and its bottom; None unless the gaps between lines
    are of two kinds (a wrapped cell's pitch and a row's edge)."""
    tops: list[float] = []
    for word in sorted(region.extract_words(), key=lambda w: w["top"]):
        if not tops or word["top"] - tops[-1] >= _SAME_LINE:
            tops.append(word["top"])
    gaps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    if len(gaps) < 2 or min(gaps) <= 0:
        return None
    pitch = min(gaps)
    if not any(g >= _ROW_GAP * pitch for g in gaps) or sum(g <= _WRAP_GAP * pitch for g in gaps) < 1:
        return None
    middles = [a + g / 2 for a, g in zip(tops, gaps, strict=False) if g >= _ROW_GAP * pitch]
    return [bbox[1], *middles, bbox[3]]
