"""A published 自评表 copied with each row of its table on a line of its own and the cells of each row run together
(batch 8, 阆中's 车购税 自评表: ``地方主管部门阆中市交通运输局资金使用单位阆中市交通运输局``, ``年度资金总额:40004000100%``,
``数量指标建设普通省道二级公路32.1公里2020``).

`selfeval_run` cuts a long cell at the labels it holds; these lines are short (one row each) and are not cut there.
Here, on a 自评表 (its title or a 完成值 column on the page) where at least three lines start with a label or category
run into what follows it:

* each line that starts with a label or a category is cut at every label and category it holds (a line of prose, a
  footnote such as ``注:1.资金使用单位按项目填报…``, starts with neither and stays whole);
* a category wrapped over two lines (``经济效益`` / ``指标``, ``服务对象`` / ``满意度指标``) is one category again;
* a qualifier before a known column name in a header line (``全年实际完成值``: 全年 | 实际完成值) names that column;
* under an indicator header with a 指标值 and a 完成值 column, a row whose 指标值 and 完成值 ran together as the same
  value twice (``…32.1公里2020``: 20 | 20, ``…1010``: 10 | 10) is split there — only where exactly one value repeated
  twice ends the line and the name before it does not end in a figure; anything else stays whole, for the reader to
  note rather than guess.

The cut rows go to the same self-evaluation reader as every other copy (as a copy whose cells ran together).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.domain import framework
from assistant.ingest import selfeval_words
from assistant.ingest.cells import label_key
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_MIN_GLUED = 3  # lines that start with a label run into its value: fewer is a page of ordinary cells
_MAX_LINE = 200  # a longer line is prose or a whole table (selfeval_run's class), not one row
_MARK = re.compile(r"[（(][A-Z/]{1,3}[)）]")  # 全年预算数(A), 执行率(B/A)
_POINTS = re.compile(r"[（(]\d+分[)）]")  # 产出指标(50分)
_PREFIX = re.compile(r"其中[:：]?")
_CATEGORIES = sorted((t for t in framework.level_terms() if t.endswith("指标")), key=len, reverse=True)
_QUALIFIERS = frozenset({"全年", "年度", "本年", "当年"})
_TARGET = frozenset({"指标值", "年度指标值"})
_ACTUAL = re.compile(r"完成值$|实际值$")
# One value written twice at the end of a row: an operator, a figure, and a short unit (个, 公里, %) at most.
_VALUE = re.compile(r"[≥≤=<>＞＜]?\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,3})?")
_MAX_VALUE = 16


def cut_lines(rows: list[list[WebCell]], labels: Sequence[str]) -> tuple[list[list[WebCell]], bool]:
    """(``rows`` with the lines of a row-per-line run-together copy cut into cells, whether any line was cut).
    ``labels``: the label words the self-evaluation reader knows (longest first); the framework's categories are
    added. Rows are returned unchanged when fewer than three lines start with a label run into more text."""
    words = [*labels, *_CATEGORIES]
    glued = sum(1 for row in rows if len(row) == 1 and _starts_glued(row[0].text, words))
    if glued < _MIN_GLUED or not _self_evaluation(rows):
        return rows, False
    out: list[list[WebCell]] = []
    columns: set[str] = set()
    for row in rows:
        if len(row) != 1 or len(row[0].text) > _MAX_LINE or _label_end(row[0].text, 0, words) is None:
            out.append(_repeated(row, columns))
            continue
        cell = row[0]
        pieces = _qualified(_pieces(cell.text, words), words)
        if "三级指标" in pieces:
            columns = set(pieces)
        out.append(_repeated([WebCell(p, cell.line) for p in pieces], columns))
    return _wrapped(out), True


def _self_evaluation(rows: list[list[WebCell]]) -> bool:
    """The page is a 自评表 (a 自评表 title, or a 完成值 column), not a declaration copied the same way (青山's
    绩效目标表: ``项目名称农村义务教育…``), which stays as it was for the reader to refuse or read as before."""
    return any(selfeval_words.is_title(c.text) or "完成值" in c.text for row in rows for c in row)


def _starts_glued(text: str, words: Sequence[str]) -> bool:
    end = _label_end(text, 0, words)
    return end is not None and len(text) <= _MAX_LINE and bool(text[end:].strip(" :："))


def _label_end(text: str, i: int, words: Sequence[str]) -> int | None:
    prefix = _PREFIX.match(text, i)
    j = prefix.end() if prefix else i
    for word in words:
        if text.startswith(word, j):
            end = j + len(word)
            mark = _MARK.match(text, end) or _POINTS.match(text, end)
            end = mark.end() if mark else end
            return end + 1 if text[end : end + 1] in {":", "："} else end
    return None


def _pieces(text: str, words: Sequence[str]) -> list[str]:
    """``text`` cut before and after every label or category it holds; the project's name runs to the end of its
    line (its row holds nothing else), so a label inside it (车辆购置税收入补助地方资金…: 地方资金) does not cut it."""
    pieces: list[str] = []
    at = i = 0
    while i < len(text):
        end = _label_end(text, i, words)
        if end is None:
            i += 1
            continue
        if text[at:i].strip():
            pieces.append(text[at:i].strip().lstrip(":：").strip())
        pieces.append(text[i:end])
        at = i = end
        if selfeval_words.is_name_label(label_key(pieces[-1])):
            break
    if text[at:].strip(" :："):
        pieces.append(text[at:].strip().lstrip(":：").strip())
    return [p for p in pieces if p]


def _qualified(pieces: list[str], words: Sequence[str]) -> list[str]:
    """A qualifier standing before a known column name (全年 | 实际完成值) is part of that name, which it does not
    change: the column's known name is kept."""
    known = set(words)
    return [
        p for k, p in enumerate(pieces) if not (p in _QUALIFIERS and k + 1 < len(pieces) and pieces[k + 1] in known)
    ]


def _repeated(row: list[WebCell], columns: set[str]) -> list[WebCell]:
    """An indicator row's last cell split into name | value | value where its 指标值 and 完成值 ran together as one
    value written twice; the row unchanged otherwise (or outside a table with both columns)."""
    if not row or not columns & _TARGET or not any(_ACTUAL.search(c) for c in columns):
        return row
    last = row[-1]
    if level_term(last.text) is not None:
        return row
    found = twice(last.text)
    if found is None:
        return row
    name, value = found
    return [*row[:-1], WebCell(name, last.line), WebCell(value, last.line), WebCell(value, last.line)]


def twice(text: str) -> tuple[str, str] | None:
    """(name, value) when ``text`` is a name followed by one value written twice (``按期完成投资1010`` → 按期完成投资,
    10), the value proven by its repetition: exactly one value written twice ends ``text`` (``次数1111`` has two:
    11 | 11 and 1 | 1), and the name before it is not empty and does not end in a figure (where the value's first
    digits could belong to the name). None otherwise."""
    found: list[tuple[str, str]] = []
    for size in range(1, min(_MAX_VALUE, len(text) // 2) + 1):
        value = text[len(text) - size :]
        if text[len(text) - 2 * size : len(text) - size] == value and _VALUE.fullmatch(value):
            found.append((text[: len(text) - 2 * size].rstrip(), value))
    if len(found) != 1:
        return None  # no value twice, or two readings (次数1111: 11 | 11, or 1 | 1 after 次数11)
    name, value = found[0]
    return (name, value) if name and not name[-1].isdigit() and name[-1] not in ".．" else None


def _wrapped(rows: list[list[WebCell]]) -> list[list[WebCell]]:
    """A category wrapped over two lines (经济效益 / 指标, 服务对象 / 满意度指标) as one category on the first line."""
    out: list[list[WebCell]] = []
    for row in rows:
        if out and out[-1] and row and _joins(out[-1][-1].text, row[0].text):
            last = out[-1][-1]
            out[-1] = [*out[-1][:-1], WebCell(last.text + row[0].text, last.line)]
            row = row[1:]
            if not row:
                continue
        out.append(row)
    return out


def _joins(head: str, tail: str) -> bool:
    joined = head + tail
    if not framework.is_level_term(joined):
        return False
    return tail == "指标" or level_term(head) is None
