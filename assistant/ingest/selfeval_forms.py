"""Several published 自评表 on one page (a PDF page holding two, 普陀): where the next one starts.

A page's cells are cut before each 自评表 title (``财政项目支出绩效自评表``) that has a 项目名称 of its own before the
next title, once a 项目名称 has been met: a title repeated at the top of a form's second page (no name of its own
after it) stays inside the form, and what stands before the first title (a predecessor's tail, 大英) stays with
the first form as before.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.ingest import selfeval_words as words
from assistant.ingest.web_cells import WebCell

Rows = list[list[WebCell]]


def split_forms(rows: Rows, is_name: Callable[[str], bool]) -> list[Rows]:
    """``rows`` cut into one list of rows per 自评表, in order (one list when the page holds one)."""
    flat = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row)]
    titles = [k for k, (_, _, cell) in enumerate(flat) if cell.text and words.is_title(cell.text)]
    named = [k for k, (_, _, cell) in enumerate(flat) if cell.text and is_name(cell.text)]
    cuts: list[int] = []
    for n, title in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(flat)
        before = cuts[-1] if cuts else 0
        if any(before <= k < title for k in named) and any(title < k < end for k in named):
            cuts.append(title)
    if not cuts:
        return [rows]
    parts: list[Rows] = []
    for start, end in zip([0, *cuts], [*cuts, len(flat)], strict=True):
        part: Rows = []
        last = None
        for r, _, cell in flat[start:end]:
            if r != last:
                part.append([])
                last = r
            part[-1].append(cell)
        parts.append(part)
    return parts
