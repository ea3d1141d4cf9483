"""Hunan's indicator table copied with its cells run together (湘西特校: ``一级指标二级指标三级指标指标值指标值内容
评(扣分标准)度量单位指标值类型备注`` over ``产出指标数量指标补助学生数量168反映补助学生人数发放到位得10分,…-定量``).

A row of this table ends with its 度量单位 (``-``) and 指标值类型 (定量/定性), and its 三级指标 ends with a word a name
ends with (率/度/数量/标准/时间…) right before a value of a known shape: a figure ending in % or 以上/以下, a figure
followed by ``反映…`` (the 指标值内容 such tables start with ``反映``), a date, or a four-character change
(有所减轻, 明显提升). What follows the value — 指标值内容 and 评(扣)分标准, whose edge the words do not show — is kept
together as the row's explanation. A row that does not split this way is a warning quoting it, never a row; the project
row above the table (``505006 学生伙食费30.00``, under ``单位代码 | 单位(专项)名称 | 资金总额``) gives the name and the
amount, the department's own row above it (``505006州民族特殊教育学校30.00``) the unit."""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.framework import level_terms
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_COLUMNS = re.compile(r"^指标值内容.{0,4}?(?:评|扣)\S{0,10}?度量单位指标值类型(?:备注)?$")
_TAIL = re.compile(r"(?:-|—|－)?(?P<type>定量|定性)$")
_EMPTY_ROW = re.compile(r"^(?:-|—|－)?(?:定量|定性)?$")
_NAME_END = re.compile(r"(?:率|度|数|量|情况|水平|时间|标准|成本|效益|影响|能力|条件|质量|时限|人数|次数|数量)")
_OPERATOR = r"(?:大于等于|小于等于|不低于|不少于|不高于|不超过|大于|小于|[≥≤><=＝])?"
_FIGURE = re.compile(_OPERATOR + r"\d[\d,]*(?:\.\d+)?")
_DATE = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底前|之前|以前|前|底)?")
_CHANGE = re.compile(r"(?:有所|明显|显著|逐步|稳步|持续|不断|进一步|大幅|全面|有效)[\u4e00-\u9fff]{2}")
_SUFFIX = re.compile(r"(?:%|％)?(?:以上|以下|以内)?")
_EXPLAINED = "反映"  # the 指标值内容 of these tables opens with it
_UNIT_MAX = 8
_PROJECT = re.compile(r"^(?P<code>\d{3,})?\s*(?P<name>[^\d\s][^\d]*?)\s*(?P<amount>\d+(?:\.\d+)?)$")
_LEVELS = sorted({t for t in level_terms() if t.endswith(("指标", "目标"))}, key=len, reverse=True)
HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值内容及评(扣)分标准", "指标值类型"]


def is_scored_table(rest: str) -> bool:
    """The run-together header's columns after 指标值 are Hunan's 指标值内容 | 评(扣分标准) | 度量单位 | 指标值类型."""
    return bool(_COLUMNS.match(rest))


def scored_rows(table: list[tuple[int, str]], header_line: int, notes: OfficeNotes, *, wan: bool) -> list[GridRow]:
    """The grid rows of the table: the project's own fields from the code rows above the indicator rows, the header,
    then one row per indicator row that splits (`module docstring`); the rest noted."""
    rows: list[GridRow] = []
    code_rows = [(n, m) for n, text in table if (m := _PROJECT.match(text)) and not _starts_level(m["name"])]
    if code_rows:
        rows.extend(_project(code_rows, wan=wan))
    if len(code_rows) > 1:
        first_number, first = code_rows[0]
        notes.info(
            "web.unit_row",
            f"「{first[0]}」是单位的汇总行：单位名称读作申报单位，其资金总额 {first['amount']} 是单位合计，不是本项目的金额",
            line=first_number,
        )
    rows.append(_grid(header_line, HEADER))
    levels: list[str] = ["", ""]
    empty = 0
    for number, text in table:
        if any(number == n for n, _ in code_rows):
            continue
        if _EMPTY_ROW.match(text):
            empty += bool(text)
            continue
        found, rest = _levels(text)
        if found:
            levels = (
                found if len(found) == 2 else [levels[0], found[0]] if _is_level2_only(found[0]) else [found[0], ""]
            )
        if not rest:
            rows.append(_grid(number, [*levels, "", "", "", ""]))
            continue
        cells = _row_cells(rest)
        if cells is None:
            notes.warn(
                "web.flat_unsplit",
                f"网页复制时单元格连在了一起，「{text[:40]}」分不出三级指标、指标值和指标值内容的分界，未作为指标行读取"
                "（不猜测）；请对照原表补录",
                line=number,
            )
            continue
        rows.append(_grid(number, [*levels, *cells]))
    if empty:
        notes.info(
            "web.flat_empty_rows",
            f"指标表中有 {empty} 行只有度量单位「-」和指标值类型、没有指标名称和指标值，未作为指标读取",
        )
    return rows


def _project(code_rows: list[tuple[int, re.Match[str]]], *, wan: bool) -> list[GridRow]:
    """The project row (the last code row above the indicators) as 项目名称 and 资金总额; a row before it (the
    department's own row, its total) as the 申报单位."""
    number, project = code_rows[-1]
    unit = "（万元）" if wan else ""
    rows = [_grid(number, ["项目名称", project["name"].strip()]), _grid(number, [f"资金总额{unit}", project["amount"]])]
    if len(code_rows) > 1:
        first_number, first = code_rows[0]
        rows.insert(0, _grid(first_number, ["申报单位", first["name"].strip()]))
    return rows


def _row_cells(text: str) -> list[str] | None:
    """[三级指标, 指标值, 指标值内容及评分标准, 指标值类型] of a row without its categories, or None."""
    tail = _TAIL.search(text)
    if tail is None:
        return None
    body = text[: tail.start()]
    for found in _NAME_END.finditer(body):
        value_end = _value_end(body, found.end())
        if value_end is not None:
            return [body[: found.end()], body[found.end() : value_end], body[value_end:], tail["type"]]
    return None


def _value_end(text: str, at: int) -> int | None:
    """Where a value that starts at ``at`` ends, when its shape shows it (module docstring); else None."""
    for shape in (_DATE, _CHANGE):
        if (m := shape.match(text, at)) and (shape is _CHANGE or "月" in m[0] or m[0].endswith(("前", "底"))):
            return m.end()
    figure = _FIGURE.match(text, at)
    if figure is None:
        return None
    suffix = _SUFFIX.match(text, figure.end())
    if suffix is not None and suffix.end() > figure.end():
        return suffix.end()
    explained = text.find(_EXPLAINED, figure.end(), figure.end() + _UNIT_MAX + len(_EXPLAINED))
    if explained >= 0 and not re.search(r"\d", text[figure.end() : explained]):
        return explained  # 17元/人.每天 | 反映学生每天用餐标准…
    return None


def _levels(text: str) -> tuple[list[str], str]:
    found: list[str] = []
    while len(found) < 2 and (term := next((t for t in _LEVELS if text.startswith(t)), None)):
        found.append(term)
        text = text[len(term) :]
    return found, text


def _starts_level(text: str) -> bool:
    return any(text.startswith(t) for t in _LEVELS)


def _is_level2_only(term: str) -> bool:
    return framework.is_level2_term(term) and not framework.is_level1_term(term)


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
