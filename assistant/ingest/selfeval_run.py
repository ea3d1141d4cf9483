"""A published 自评表 whose cells ran together when it was copied (``…项目名称中江县…主管部门中江县水利局实施单位…``).

Each long cell is cut before the labels the self-evaluation reader knows (项目名称, 主管部门, 全年预算数(A),
年度资金总额:, 一级指标 …) and before the framework's categories (产出指标(70分), 数量指标 …), so that a value standing
alone between two labels is read. What stays run together — figures such as ``202010100.00%10`` (20 | 20 | 10 |
100.00% | 10) or a row's name, 分值 and values (``安装坡面水标尺10≥266米≥266米10``) — is left whole, and the reader
notes it instead of splitting it by guessing (a figure split in the wrong place would be a figure invented).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.domain.framework import level_terms
from assistant.ingest.selfeval_lines import cut_lines
from assistant.ingest.web_cells import WebCell

_MIN_RUN = 40  # a shorter cell is a cell, not a run of cells
_MAX_RUN = 20_000  # labels are sought at every position: a longer cell is left whole (bounded time)
_MIN_LABELS = 3
_MARK = re.compile(r"[（(][A-Z/]{1,3}[)）]")  # 全年预算数(A), 执行率(B/A)
_POINTS = re.compile(r"[（(]\d+分[)）]")  # 产出指标(70分)
_FORMULA = re.compile(
    r"[（(][^()（）]{0,20}[*×＊/÷][^()（）]{0,20}[)）]"
)  # 得分(20分*执行率): how the column is computed
_PREFIX = re.compile(r"其中[:：]?")
_ANNOTATION = re.compile(r"[（(](?:必填|选填)[^()（）]{0,8}[)）]")  # 数量指标(必填硬性指标): the template's own mark
_CATEGORIES = sorted((t for t in level_terms() if t.endswith("指标")), key=len, reverse=True)


def split_runs(
    rows: list[list[WebCell]], labels: Iterable[str], anchors: Iterable[str]
) -> tuple[list[list[WebCell]], bool]:
    """(the rows with each run-together cell cut into its labels and values, whether any cell was cut). A cell is
    cut only when it holds one of ``anchors`` (项目名称, 一级指标二级指标…): a long instruction that merely names
    several columns (预算执行率=预算执行数/调整后预算数…) is a cell."""
    marks = tuple(anchors)
    words = sorted({w for w in labels if len(w) >= 2}, key=len, reverse=True)
    out: list[list[WebCell]] = []
    cut = False
    table = False  # a cut cell held the indicator table's header: the lines after it are the table's
    for row in rows:
        cells: list[WebCell] = []
        for cell in row:
            run = _MIN_RUN <= len(cell.text) <= _MAX_RUN and any(mark in cell.text for mark in marks)
            pieces = _pieces(cell.text, words) if run else [cell.text]
            if table and len(pieces) == 1 and _MIN_RUN <= len(cell.text) <= _MAX_RUN:
                pieces = _category_pieces(cell.text)  # the table's next line, run together as the first was
            cut = cut or len(pieces) > 1
            table = table or (len(pieces) > 1 and "三级指标" in pieces)
            cells.extend(WebCell(p, cell.line) for p in pieces)
        out.append(cells)
    if not cut:  # a row per line, each line's cells run together (阆中): selfeval_lines
        return cut_lines(out, words)
    return out, cut


def _pieces(text: str, words: list[str]) -> list[str]:
    starts: list[tuple[int, int]] = []  # (start, end) of each label or category found
    i = 0
    while i < len(text):
        end = _label_end(text, i, words)
        if end is None:
            i += 1
            continue
        starts.append((i, end))
        i = end
    if sum(1 for s, e in starts if not _is_category(text[s:e])) < _MIN_LABELS:
        return [text]
    pieces: list[str] = []
    at = 0
    for start, end in starts:
        if text[at:start].strip():
            pieces.append(text[at:start].strip().lstrip(":：").strip())
        pieces.append(text[start:end])
        at = end
    if text[at:].strip(" :："):
        pieces.append(text[at:].strip().lstrip(":：").strip())
    return [p for p in pieces if p]


def _category_pieces(text: str) -> list[str]:
    """``text`` cut before and after each framework category it holds (``8535.5亩质量指标指标1采购的…``) when it holds
    at least two: a line of the indicator table that ran together like the line above it; else ``[text]``."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        end = _label_end(text, i, [])
        if end is None or not _is_category(text[i:end]):
            i += 1
            continue
        found.append((i, end))
        i = end
    if len(found) < 2:
        return [text]
    pieces: list[str] = []
    at = 0
    for start, end in found:
        pieces.extend(p for p in (text[at:start].strip(), text[start:end]) if p)
        at = end
    return [*pieces, text[at:].strip()] if text[at:].strip() else pieces


def _label_end(text: str, i: int, words: list[str]) -> int | None:
    prefix = _PREFIX.match(text, i)
    j = prefix.end() if prefix else i
    for word in (*words, *_CATEGORIES):
        if text.startswith(word, j):
            end = j + len(word)
            mark = _MARK.match(text, end) or _POINTS.match(text, end) or _FORMULA.match(text, end)
            mark = mark or _ANNOTATION.match(text, end)
            end = mark.end() if mark else end
            return end + 1 if text[end : end + 1] in {":", "："} else end
    if prefix and prefix.group().endswith((":", "：")):
        return prefix.end()  # 其中:中央、省、市补助县级资金 (衡山): a sub-row whose label is not known starts here
    return None


def _is_category(piece: str) -> bool:
    return _POINTS.sub("", piece) in _CATEGORIES
