"""A run-together 专项转移支付绩效目标表 whose indicator table has a 指标解释 column and a value column per place.

Fujian's transfer forms (龙岩, 秀屿, copied by a policy mirror with every cell edge lost) head their table
``一级指标 二级指标 三级指标 指标解释 [指标方向] [区域目标值] 新罗区 永定区 …``: after the name, the 指标解释
(``反映…情况``), an optional direction (``≥``, ``≤``, ``是/否``) and one value per place. The words show the edges
only so far:

* the places are the header's words after 指标解释 (and 指标方向/区域目标值) cut after 区/县/市/镇/乡/街道(办);
* a row's name ends where its 指标解释 starts with ``反映``, or, with a direction column, where the words the 指标解释
  ends with first stand (``已建工程是否存在质量问题`` / ``当年已完工项目是否在检查中发现质量问题``); the 指标解释 ends where
  what follows is the direction and the places' values;
* the values are read only where their run splits one way: the same value repeated once per place
  (``>=95%>=95%…``, ``100%100%``, ``11`` for two places) or one character per place (``2312222`` for seven).

The first place's value is the row's 指标值 (the direction's operator before it), the others are kept in a note, as
the page reader does for a value column per place. A row that does not split so (no ``反映``, values that could be
cut more than one way, a row the copy cut) is left to the caller to note, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"^一级指标二级指标三级指标指标解释(?P<direction>指标方向)?(?:区域)?(?:目标值)?(?P<places>.*)$")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:街道办事处|街道办|街道|区|县|市|镇|乡)")
_EXPLAINED = "反映"
_EXPLANATION_END = re.compile(r"(?:情况|程度|比例|比率|水平|率|度|数|量)$")
_DIRECTION = re.compile(r"^(?:>=|<=|≥|≤|≧|≦|=|＝|>|<|是/否)")
_OPERATORS = frozenset({">=", "<=", "≥", "≤", "≧", "≦", "=", "＝", ">", "<"})
_REGION = re.compile(
    r"^(?P<name>.+?)区域(?P<places>[\u4e00-\u9fff]{1,8}(?:区|县|市|镇|乡|街道)(?:、[\u4e00-\u9fff]{1,8}(?:区|县|市|镇|乡|街道))+)$"
)


@dataclass(frozen=True)
class PlaceColumns:
    """The table's place columns: their names, whether a 指标方向 column stands before them."""

    places: list[str]
    direction: bool


@dataclass(frozen=True)
class PlaceRow:
    """One indicator row read: its name, its 指标值 (the first place's), and every place's value as written."""

    name: str
    value: str
    values: list[str]


def place_columns(header: str, row_start: int) -> PlaceColumns | None:
    """The place columns of a run-together header (``header[:row_start]``, the table's first row after it), or None
    when the header is not ``… 指标解释 [指标方向] [区域目标值] <places>`` with at least one place."""
    found = _HEADER.match(header[:row_start])
    if found is None:
        return None
    words = found["places"]
    places = _PLACE.findall(words)
    if not places or "".join(places) != words:
        return None
    return PlaceColumns(places, found["direction"] is not None)


def place_rows(text: str, columns: PlaceColumns) -> tuple[list[PlaceRow], str]:
    """The rows in ``text`` (one row's name, 指标解释 and values, then the next row's when it has no category of its
    own: ``…合规情况>=95%…>=95%项目完成率反映…``), and what is left that does not split one way only."""
    rows: list[PlaceRow] = []
    while text:
        read = _place_row(text, columns)
        if read is None:
            break
        row, used = read
        rows.append(row)
        text = text[used:]
    return rows, text


def _place_row(text: str, columns: PlaceColumns) -> tuple[PlaceRow, int] | None:
    """The first row of ``text`` and how many characters it takes, or None."""
    at = text.find(_EXPLAINED)
    if at <= 0:
        return _echoed_row(text, columns)
    for cut in range(at + len(_EXPLAINED) + 1, len(text)):
        if not _EXPLANATION_END.search(text[at:cut]):
            continue
        read = _values(text[cut:], columns)
        if read is not None:
            operator, values, used = read
            return PlaceRow(text[:at], f"{operator}{values[0]}", values), cut + used
    return None


def _echoed_row(text: str, columns: PlaceColumns) -> tuple[PlaceRow, int] | None:
    """A row whose 指标解释 does not start with 反映 but ends with the words its name ends with (秀屿:
    ``已建工程是否存在质量问题`` + ``当年已完工项目是否在检查中发现质量问题`` + ``是/否否否``): the name ends at the first
    time those words stand. Only with a direction column (its ``是/否`` or operator shows where the values start)
    and one cut only; else None."""
    if not columns.direction:
        return None
    found = []
    for cut in range(4, len(text)):
        if (read := _values(text[cut:], columns)) is not None and (name := _echoed_name(text[:cut])) is not None:
            found.append((name, read, cut))
    if len(found) != 1:
        return None
    name, (operator, values, used), cut = found[0]
    return PlaceRow(name, f"{operator}{values[0]}", values), cut + used


def _echoed_name(head: str) -> str | None:
    """The name in ``head`` (name and 指标解释 run together) where the longest ending of two or more characters that
    stands twice marks it: the text up to its first time; None where no ending stands twice."""
    for size in range(len(head) // 2, 1, -1):
        ending = head[-size:]
        first = head.find(ending)
        if first + size <= len(head) - size and first >= 2:
            return head[: first + size]
    return None


def _values(run: str, columns: PlaceColumns) -> tuple[str, list[str], int] | None:
    """(the direction's operator or '', each place's value, characters taken) of the run after a 指标解释, or None."""
    operator, used = "", 0
    if columns.direction:
        found = _DIRECTION.match(run)
        if found is None:
            return None
        operator = found[0] if found[0] in _OPERATORS else ""
        used = found.end()
    values = split_places(run[used:], len(columns.places))
    return (operator, values, used + sum(map(len, values))) if values is not None else None


def split_places(run: str, count: int) -> list[str] | None:
    """The first ``count`` values of ``run`` where they can be cut one way only: one value repeated ``count`` times,
    or one character each, and nothing but the next row's name (a Chinese character) or the end after them; else
    None."""
    if count <= 0 or not run:
        return None
    found = [
        parts
        for size in range(1, len(run) // count + 1)
        if len(set(parts := [run[k * size : (k + 1) * size] for k in range(count)])) == 1 and _ends(run, size * count)
    ]
    if len(run) >= count and _ends(run, count) and list(run[:count]) not in found:
        found.append(list(run[:count]))
    return found[0] if len(found) == 1 else None


def _ends(run: str, at: int) -> bool:
    """Nothing, or the start of the next row's name, follows ``run[:at]``."""
    return at == len(run) or "\u4e00" <= run[at] <= "\u9fff"


def region_of(name: str) -> tuple[str, str] | None:
    """(the project's name, the places) of a 项目名称 that ran into the form's 区域 field (``宗教管理经费补助区域新罗区、
    永定区、…``), else None."""
    found = _REGION.match(name)
    return (found["name"], found["places"]) if found else None


def places_note(row: PlaceRow, columns: PlaceColumns) -> str:
    """The parse note keeping every place's value of a row."""
    pairs = "、".join(f"{place} {value}" for place, value in zip(columns.places, row.values, strict=True))
    return f"「{row.name}」按地点分列指标值（{pairs}）：第一个地点的值作为指标值，其余保留在本条提示中"
