"""Hubei's indicator table copied with its cells run together onto one line (鄂州: ``一级指标二级指标绩效标准当年预期
实现值数量指标办公大楼日常维修维护次数反映办公大楼全年维修维护情况2280次大楼安检巡察次数反映…``).

Its columns are the category, the indicator (二级指标), the 绩效标准 — an explanation that opens with ``反映`` — and
the year's value. A row is read where the words show every edge: a name that ends with a word names end with
(次数/率/情况…) right before ``反映``, an explanation without figures, then a value that starts with a figure or an
operator and ends with % / 以上 / 以下 or a unit of measure (次, 人, 万元…); or, with no 绩效标准, such a name right
before a budget limit written in words (``成本控制率不超预算``, ``…控制在预算以内``), whose words are its edges. From the first piece that does not
split this way the rest of the category is a warning quoting it, never a row."""

from __future__ import annotations

import re

from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_HEADER = re.compile(r"一级指标二级指标绩效标准(?:当年|年度)?预期实现值")
_EXPLAINED = "反映"
_NAME_END = re.compile(r"(?:率|度|数|量|情况|水平|时间|标准|成本|效益|影响|能力|条件|质量|时限|人数|次数)$")
_VALUE_START = re.compile(r"[≥≤><=＝≧≦]|\d")
_FIGURE = re.compile(r"(?:[≥≤><=＝≧≦]|>=|<=)?\d[\d,]*(?:\.\d+)?")
_UNITS = sorted(
    [
        "%",
        "％",
        "次",
        "人次",
        "人",
        "个",
        "天",
        "户",
        "家",
        "台",
        "套",
        "件",
        "项",
        "所",
        "场",
        "期",
        "批",
        "米",
        "公里",
        "平方米",
        "亩",
        "吨",
        "辆",
        "元",
        "万元",
        "小时",
        "日",
        "月",
        "年",
    ],
    key=len,
    reverse=True,
)
_AFTER = re.compile(r"以上|以下|以内")
HEADER = ["一级指标", "三级指标", "指标值", "绩效标准"]


def explained_table(header_line: str) -> str | None:
    """The rows run onto the header's line when the header is Hubei's 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值,
    else None."""
    found = _HEADER.search(header_line)
    return header_line[found.end() :] if found and found.end() < len(header_line) else None


def explained_rows(segments: list[tuple[str, str]], number: int, notes: OfficeNotes) -> list[GridRow]:
    """The grid rows of ``segments`` ((category, the text after it) per category of the one-line table): the header,
    then [category, name, value, explanation] per row that splits; the rest of a category noted."""
    rows = [_grid(number, HEADER)]
    for category, text in segments:
        pos = 0
        while pos < len(text):
            found = _row_at(text, pos)
            if found is None:
                notes.warn(
                    "web.flat_unsplit",
                    f"网页复制时单元格连在了一起，「{category}」下的「{text[pos : pos + 40]}」分不出指标名称、绩效标准和指标值"
                    "的分界，未作为指标行读取（不猜测）；请对照原表补录",
                    line=number,
                )
                break
            name, explanation, value, pos = found
            rows.append(_grid(number, [category, name, value, explanation]))
    return rows


# A cost row's value written in words, with no 绩效标准 before it (鄂州: ``成本控制率不超预算``): the phrase's own words
# show where the value starts and ends.
_WORDED = re.compile(r"(?:不超过?|不高于|未超过?|控制在)(?:年度|项目)?预算(?:数|金额|标准)?(?:以内|之内|范围内|内)?")


def _row_at(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """(name, explanation, value, end) of the row that starts at ``pos``, or None."""
    at = text.find(_EXPLAINED, pos)
    worded = _WORDED.search(text, pos, at if at > pos else len(text))
    if worded is not None and worded.start() - pos >= 2:
        name = text[pos : worded.start()]
        if _NAME_END.search(name) and not _VALUE_START.search(name):
            return name, "", worded.group(), worded.end()
    if at <= pos or not _NAME_END.search(text[pos:at]) or _VALUE_START.search(text, pos, at):
        return None
    start = _VALUE_START.search(text, at)
    if start is None:
        return None
    figure = _FIGURE.match(text, start.start())
    if figure is None:
        return None
    end = figure.end()
    unit = next((u for u in _UNITS if text.startswith(u, end)), "")
    end += len(unit)
    if after := _AFTER.match(text, end):
        end = after.end()
    if end == figure.end() and end < len(text):
        return None  # a bare figure with a word after it: where the value ends is not shown
    return text[pos:at], text[at : start.start()], text[figure.start() : end], end


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
