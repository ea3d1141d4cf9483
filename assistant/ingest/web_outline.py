"""Approved targets published as an outline (批复表 exported as a tree, 石嘴山): indentation gives the level.

Such a page has a header of three lines ``项目`` / ``指标值`` / ``绩效金额`` (or ``金额``), then the tree one item a
line, each deeper item indented one more space: the unit, its projects, under each project its 一级 and 二级
categories and its indicators; the line after a project (not indented) is its amount, the line after an
indicator its value::

     石嘴山市疾病预防控制中心
      狂犬、乙肝、流感等疫苗及美沙酮药物
    3000000
       产出指标
        成本指标(必填硬性指标)
         按照物价部门定价标准采购
    100%

An item is placed by what it says and where it stands: a category word (``level_term``) is a 一级 or 二级 category;
an item followed by an amount before any category is a project; one followed by a value under a category is an
indicator; an item before the first project with nothing after it is the unit. Each project becomes a
declaration (read by the Word/Excel reader like the other page readers); an item that fits none of these is a
parse note. ``read_outline`` returns [] when the page has no such header or no project.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration
from assistant.ingest.web_slots import is_level1, level_term
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_HEADER = ("项目", "指标值")
_AMOUNT_HEADER = {"绩效金额", "金额", "预算金额", "项目金额"}
_INDENT = re.compile(r"^[ \u3000\u00a0]*")
_UNIT = re.compile(r"单位\s*[：:]\s*(万元|元)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE = re.compile(r"绩效目标\S{0,4}表")
_ENDS = ("附件", "扫一扫", "打印", "关闭")

Item = tuple[int, int, str, str]  # (line number, depth, text, the value line after it or "")


def read_outline(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """The declarations an outline page holds, in order; [] when the page is not one."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    body = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    start = _after_header(body)
    if start is None:
        return []
    items = _items(body[start:])
    projects = _projects(items)
    if not projects:
        return []
    above = [text for _, text in body[:start]]
    title = next((t.strip() for t in above if _TITLE.search(t)), "")
    unit = next((m[1] for t in above if (m := _UNIT.search(t))), None)
    year = _YEAR.search(title)
    owner = next((text for _, depth, text, value in items[: projects[0]] if not value), None)
    declarations = []
    for k, first in enumerate(projects):
        last = projects[k + 1] if k + 1 < len(projects) else len(items)
        notes = OfficeNotes()
        notes.info(
            "web.outline", "页面为缩进的树状批复表：按缩进和类别词读取项目、指标类别、指标和其下一行的数值；请逐项核对"
        )
        grid = _grid(items[first:last], title, year[1] if year else None, unit, owner, notes)
        declarations.append(read_declaration(grid, source_file=name, sha256=sha256, notes=notes, index=k + 1))
    return declarations


def _after_header(body: list[tuple[int, str]]) -> int | None:
    """The index after the ``项目 / 指标值 / 绩效金额`` header lines, or None."""
    texts = [line.strip() for _, line in body]
    for k in range(len(texts) - 2):
        if (texts[k], texts[k + 1]) == _HEADER and texts[k + 2] in _AMOUNT_HEADER:
            return k + 3
    return None


def _depth(line: str) -> int:
    found = _INDENT.match(line)
    return len(found[0]) if found else 0


def _items(body: list[tuple[int, str]]) -> list[Item]:
    """Indented items, each with the line under it when that one is not indented (its value or amount)."""
    items: list[Item] = []
    k = 0
    while k < len(body):
        number, line = body[k]
        depth, text = _depth(line), line.strip()
        if depth == 0:
            if text.startswith(_ENDS):
                break
            k += 1  # a line that follows no item: kept out (a value twice, a footnote)
            continue
        value = ""
        if k + 1 < len(body) and _depth(body[k + 1][1]) == 0 and not body[k + 1][1].strip().startswith(_ENDS):
            value = body[k + 1][1].strip()
            k += 1
        items.append((number, depth, text, value))
        k += 1
    return items


def _projects(items: list[Item]) -> list[int]:
    """Indexes of the projects: an item with an amount under it before any category, or a later one standing no
    deeper than the first project and followed by a category."""
    found: list[int] = []
    in_categories = False
    for k, (_, _, text, value) in enumerate(items):
        if level_term(text):
            in_categories = True
        elif value and (not in_categories or _later_project(items, k, items[found[0]][1] if found else 0)):
            found.append(k)
            in_categories = False
    return found


def _later_project(items: list[Item], k: int, project_depth: int) -> bool:
    return 0 < items[k][1] <= project_depth and k + 1 < len(items) and level_term(items[k + 1][2]) is not None


def _grid(
    items: list[Item], title: str, year: str | None, unit: str | None, owner: str | None, notes: OfficeNotes
) -> list[GridRow]:
    number, _, project, amount = items[0]
    rows = [_row(number, [title or f"{year or ''}年项目绩效目标批复表"])]
    if year:
        rows.append(_row(number, [f"（{year}年度）"]))
    if unit:
        rows.append(_row(number, [f"单位：{unit}"]))
    if owner:
        rows.append(_row(number, ["申报单位", owner]))
    rows += [_row(number, ["项目名称", project]), _row(number, ["年度资金总额", amount])]
    rows.append(_row(number, ["一级指标", "二级指标", "三级指标", "指标值"]))
    level1 = level2 = ""
    for line, _, text, value in items[1:]:
        term = level_term(text)
        if term is not None and not value:
            level1, level2 = (text, "") if is_level1(term) else (level1, text)
        elif value:
            rows.append(_row(line, [level1, level2, text, value]))
        else:
            notes.unplaced(text, line, "树状表中既不是指标类别，其下一行也没有数值")
    return rows


def _row(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
