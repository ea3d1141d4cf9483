"""The indicator rows of a form copied from a PDF column by column (``web_pdf_columns``; 永兴: ``二级指标指标内容指标值备注``
/ ``数量指标`` / ``各种强制免率、屠宰率`` / ``100%`` / ``及检疫率`` / …), read only where the lines' order proves them.

A PDF writes a table's lines top to bottom: a name wrapped over two lines has the value of its row (one line,
centred in its cell) between its two halves. A row is read where a name line is followed by a value line (a
figure, with % or a short unit) and then either the name's second half — a line that starts with a joining word
(及, 和, 与, 或, 、, 以及), which cannot start a cell of its own — or a category line, or the end of the text. A category
line on its own names the 二级 of the rows after it. At the first line that fits none of these the reading stops;
those lines stay in the caller's note, never a guessed row.
"""

from __future__ import annotations

import re

from assistant.ingest.web_slots import level_term

_HEADER = re.compile(r"(?:二级指标|三级指标|指标内容|指标名称).*指标值")
_VALUE = re.compile(r"^[≥≤<>＞＜]?\d+(?:\.\d+)?(?:%|％|[\u4e00-\u9fff]{1,2})?$")
_JOIN = re.compile(r"^(?:及|和|与|或|、|以及)[^\d]{1,10}$")


def column_rows(lines: list[str]) -> tuple[int, int, list[tuple[str | None, str, str]]] | None:
    """(index of the table's header line, index after the last line read, [(二级, name, value), …]) over ``lines``
    (stripped, non-empty), or None where there is no header or no row is proven."""
    header = next((k for k, line in enumerate(lines) if _HEADER.search(line)), None)
    if header is None:
        return None
    rows: list[tuple[str | None, str, str]] = []
    level2: str | None = None
    k = end = header + 1
    while k < len(lines):
        if _category(lines[k]):
            level2, k = lines[k], k + 1
            continue
        row = _row_at(lines, k)
        if row is None:
            break
        name, value, k = row
        rows.append((level2, name, value))
        end = k
    return (header, end, rows) if rows else None


def _category(line: str) -> bool:
    return level_term(line) == re.sub(r"\s+", "", line) and line.endswith("指标")


def _row_at(lines: list[str], k: int) -> tuple[str, str, int] | None:
    """(name, value, index after the row) of the row starting at ``lines[k]``, where its edges are shown."""
    if k + 1 >= len(lines) or re.search(r"\d", lines[k]) or not _VALUE.match(lines[k + 1].replace(" ", "")):
        return None
    name, value, after = lines[k], lines[k + 1].replace(" ", ""), k + 2
    if after < len(lines) and _JOIN.match(lines[after]):
        return name + lines[after], value, after + 1
    if after >= len(lines) or _category(lines[after]):
        return name, value, after
    return None
