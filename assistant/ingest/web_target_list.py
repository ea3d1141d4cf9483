"""A department's list of projects with their targets, published as a page (黄山: 项目绩效目标和指标).

Such a page has no form title. It is recognised by its fields and its indicators: a header naming the
budget column (``年度预算安排``) and the targets (``绩效目标``), then, one item a line, the unit, its groups and
its projects, each a name followed by its amount; under a project its outline::

    037001
    黄山市雪亮工程市本级机房租赁2024至2027服务采购项目
    1681680
    【项目概况】:该项目为…
    【总体目标】
    保障雪亮工程机房租赁延续…
    【产出指标-数量指标】
    指标1:机柜数量(≥77台)

A name and amount followed by a ``【…】`` line is a project (a unit's or a group's total is followed by the next
name); ``【一级-二级】`` sets the categories of the ``指标N:名称(值)`` lines under it. Each project becomes a
declaration (read by the Word/Excel reader like the other page readers). The amounts are plain figures under
a header that names no unit: the unit is assumed from the figure (`web_cost_total.assumed_unit`: 元 from 10,000
up) and a note says so. A project whose
outline the page does not reach is read without rows and noted. ``read_target_list`` returns [] for any
other page.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import Declaration
from assistant.ingest.web_cost_total import assumed_unit
from assistant.ingest.web_slots import level_term
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_BUDGET = re.compile(r"^(?:年度)?预算(?:安排|金额|数)$")
_TARGETS = "绩效目标"
_AMOUNT = re.compile(r"^\d+(?:\.\d+)?$")
_CATEGORY = re.compile(r"^【\s*(?P<l1>[^【】\-－—]+?)\s*[-－—]+\s*(?P<l2>[^【】]+?)\s*】$")
_SECTION = re.compile(r"^【(?P<label>[^】]{1,8})】\s*[:：]?\s*(?P<text>.*)$")
_INDICATOR = re.compile(r"^指标\s*\d{1,2}\s*[:：]\s*(?P<name>.+?)\s*[（(](?P<value>[^()（）]*)[)）]\s*$")
_HEADER_SPAN = 12  # the header's cells stand within this many lines


Line = tuple[int, str]  # (line number, stripped text)


def read_target_list(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """The declarations a project list with outlined targets holds, in order; [] when the page is not one."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    body = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    start = _after_header(body)
    if start is None or not any(_CATEGORY.match(t) and _levels(t) for _, t in body[start:]):
        return []
    items = body[start:]
    projects = [k for k in range(len(items) - 2) if _is_project(items, k)]
    if not projects:
        return []
    owner = next((items[k][1] for k in range(projects[0]) if _is_total(items, k)), None)
    declarations = []
    for k, first in enumerate(projects):
        last = projects[k + 1] - 1 if k + 1 < len(projects) else len(items)
        notes = OfficeNotes()
        notes.info(
            "web.target_list",
            "页面为部门的项目绩效目标列表（没有表头标题）：按项目名称、预算金额和【一级-二级】下的“指标N:名称(指标值)”读取；"
            "请逐项核对",
        )
        grid = _grid(items[first:last], owner, notes)
        declarations.append(read_declaration(grid, source_file=name, sha256=sha256, notes=notes, index=k + 1))
    return declarations


def _after_header(body: list[Line]) -> int | None:
    """The index after a header naming the budget column and then 绩效目标, or None."""
    for k, (_, text) in enumerate(body):
        if _BUDGET.match(text):
            for j in range(k + 1, min(k + _HEADER_SPAN, len(body))):
                if body[j][1] == _TARGETS:
                    return j + 1
    return None


def _levels(text: str) -> bool:
    found = _CATEGORY.match(text)
    return found is not None and level_term(found["l1"]) is not None and level_term(found["l2"]) is not None


def _is_total(items: list[Line], k: int) -> bool:
    """A name followed by its amount (a unit's, a group's or a project's)."""
    return k + 1 < len(items) and not _AMOUNT.match(items[k][1]) and bool(_AMOUNT.match(items[k + 1][1]))


def _is_project(items: list[Line], k: int) -> bool:
    """A name and amount whose outline (a ``【…】`` line) follows."""
    return _is_total(items, k) and k + 2 < len(items) and items[k + 2][1].startswith("【")


def _grid(items: list[Line], owner: str | None, notes: OfficeNotes) -> list[GridRow]:
    (number, project), (amount_line, amount) = items[0], items[1]
    rows = [_row(number, ["项目支出绩效目标表"])]
    if owner:
        rows.append(_row(number, ["申报单位", owner]))
    unit = assumed_unit(Decimal(amount))
    rows += [_row(number, ["项目名称", project]), _row(amount_line, [f"年度资金总额（{unit}）", amount])]
    notes.warn(
        "web.unit_assumed",
        f"预算金额「{amount}」所在栏（年度预算安排）没有写明单位，按{unit}读取；请核对原页面",
        line=amount_line,
    )
    rows.append(_row(number, ["一级指标", "二级指标", "三级指标", "指标值"]))
    level1 = level2 = ""
    read = 0
    for line, text in items[2:]:
        if (category := _CATEGORY.match(text)) and _levels(text):
            level1, level2 = category["l1"], category["l2"]
        elif indicator := _INDICATOR.match(text):
            rows.append(_row(line, [level1, level2, indicator["name"], indicator["value"]]))
            read += 1
        elif not _SECTION.match(text) and not text.startswith("指标"):
            continue  # the text of 【项目概况】 or 【总体目标】 on the lines after its label
        elif not _SECTION.match(text):
            notes.unplaced(text, line, "指标行没有写成“指标N:名称(指标值)”，未读取")
    if read == 0:
        notes.warn(
            "file.truncated",
            f"页面在项目「{project}」的绩效目标之前结束（或其下没有“指标N:名称(指标值)”行），未读到指标；请核对原页面",
            line=number,
        )
    return rows


def _row(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
