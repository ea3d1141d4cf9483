"""Several published 自评表 on one page (a PDF page holding two, 普陀): where the next one starts.

A page's cells are cut before each 自评表 title (``财政项目支出绩效自评表``) that has a 项目名称 of its own before the
next title, once a 项目名称 has been met: a title repeated at the top of a form's second page (no name of its own
after it) stays inside the form.

What stands before the first title belongs to no form of the page when it holds an indicator table of its own (a
predecessor's tail, 大英: ``三级指标 …`` then ``成本控制数 | ≤ | 30 | 万元 …``, the first form's title and 项目名称 after
it): `predecessor_tail` cuts it off so that its rows are named in a note, never read as the next form's rows. A
page's furniture before the title (its address, 填报单位, a heading) is no such table and stays with the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest import selfeval_words as words
from assistant.ingest.web_cells import WebCell

Rows = list[list[WebCell]]

_TABLE_HEADER = re.compile(r"^三级指标$|^一级指标$|^二级指标$")
_TOTAL = re.compile(r"^(?:合计|总分|评价结论|存在问题|改进措施)")


def predecessor_tail(rows: Rows, is_name: Callable[[str], bool]) -> tuple[Rows, Rows]:
    """``rows`` as (the tail of an earlier form before the first title, the rest); the tail is empty unless the cells
    before the first 自评表 title hold an indicator table header and no 项目名称, and a 项目名称 follows the title."""
    flat = [(r, cell) for r, row in enumerate(rows) for cell in row]
    title = next((k for k, (_, cell) in enumerate(flat) if cell.text and words.is_title(cell.text)), None)
    if title is None:
        return [], rows
    before = [cell.text.strip() for _, cell in flat[:title] if cell.text]
    after = [cell.text for _, cell in flat[title + 1 :] if cell.text]
    if not any(_TABLE_HEADER.match(text) for text in before) or any(is_name(text) for text in before):
        return [], rows
    if not any(is_name(text) for text in after):
        return [], rows
    return _regroup(flat[:title]), _regroup(flat[title:])


def _regroup(flat: list[tuple[int, WebCell]]) -> Rows:
    part: Rows = []
    last = None
    for r, cell in flat:
        if r != last:
            part.append([])
            last = r
        part[-1].append(cell)
    return part


def tail_note(tail: Rows) -> ParseNote:
    """The note on a predecessor's tail left out of the page's first form, its indicator rows named."""
    lines = [cell.line for row in tail for cell in row if cell.line is not None]
    where = f"第 {min(lines)}–{max(lines)} 行" if lines else "开头"
    named = tail_rows(tail)
    listed = "；".join(named[:8]) + ("；…" if len(named) > 8 else "")
    rows = f"，其中的指标行（{len(named)} 行）：{listed}" if named else ""
    return ParseNote(
        level=NoteLevel.WARNING,
        code="selfeval.predecessor_tail",
        message=(
            f"本页第一张自评表标题之前（{where}）是另一张表的末尾{rows}。这些行不属于本页的任何一张自评表，未导入；"
            "如需要，请找到那张表的完整页面另行导入"
        ),
        line=min(lines) if lines else None,
    )


def tail_rows(tail: Rows) -> list[str]:
    """The indicator rows of a predecessor's tail as text (``成本控制数 ≤ 30 万元 完成 90 90``): the rows after its table
    header, up to its 合计/评价结论."""
    named: list[str] = []
    in_table = False
    for row in tail:
        texts = [cell.text.strip() for cell in row if cell.text and cell.text.strip()]
        if any(_TABLE_HEADER.match(text) for text in texts):
            in_table = True
            continue
        if texts and _TOTAL.match(texts[0]):
            in_table = False
            continue
        if in_table and len(texts) >= 3:
            named.append(" ".join(texts))
    return named


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
