"""Two things a copied page loses around an indicator table's levels (``web_table`` uses both).

A header level word that lost its ordinal (舒城: ``级指标`` before ``二级指标``): the copy dropped the first character
of the cell, and the neighbouring level words say which it was (the one before 二级 is the 一级, the one after 一级
the 二级). And an umbrella column above the categories whose name is outside the framework (国家发展改革委's
中央预算内投资计划绩效目标表: ``过程管理指标`` over ``计划管理指标`` / ``资金管理指标`` …): a category-shaped cell at a
row's start is a category, not a row's 三级 name, when the cells after it read as a category or as a name and then a
value; the first of two such cells in a row is the umbrella (the 一级), the second its category (the 二级).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.domain.model import NoteLevel
from assistant.ingest.cells import label_key
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_form_cells import FormCells
from assistant.ingest.web_slots import level_term
from assistant.office.indicators import operator_of, role_of

_CUT_LEVEL = re.compile(r"^级(指标|目标)$")
_LEVEL_WORD = re.compile(r"^([一二三])级(?:指标|目标)")
_ORDINALS = "一二三"

# A category's shape: a few Chinese words (a 、 between them) ending in 指标, nothing a name or value carries.
_CATEGORY = re.compile(r"^[\u4e00-\u9fff、]{2,10}指标$")
_DIGIT = re.compile(r"\d")


def restore_cut_levels(tokens: Sequence[WebCell | None]) -> tuple[list[WebCell | None], list[tuple[WebCell, str]]]:
    """``tokens`` with each header level word cut to ``级指标`` given back its ordinal, and (cell, restored text)
    for each restored one (for a note). A cut word without a level word beside it stays as it is."""
    out = list(tokens)
    restored: list[tuple[WebCell, str]] = []
    for i, token in enumerate(out):
        if token is None or not (cut := _CUT_LEVEL.match(label_key(token.text))):
            continue
        ordinal = _ordinal_beside(out, i)
        if ordinal is None:
            continue
        text = f"{ordinal}级{cut[1]}"
        out[i] = WebCell(text, token.line)
        restored.append((token, text))
    return out, restored


def _ordinal_beside(tokens: Sequence[WebCell | None], i: int) -> str | None:
    after = _neighbour(tokens, range(i + 1, len(tokens)))
    if after is not None and (m := _LEVEL_WORD.match(label_key(after.text))) and m[1] != _ORDINALS[0]:
        return _ORDINALS[_ORDINALS.index(m[1]) - 1]
    before = _neighbour(tokens, range(i - 1, -1, -1))
    if before is not None and (m := _LEVEL_WORD.match(label_key(before.text))) and m[1] != _ORDINALS[-1]:
        return _ORDINALS[_ORDINALS.index(m[1]) + 1]
    return None


def _neighbour(tokens: Sequence[WebCell | None], indices: range) -> WebCell | None:
    """The first cell with text at ``indices``; None past a row end (a None token) or the end."""
    for j in indices:
        token = tokens[j]
        if token is None:
            return None
        if token.text.strip():
            return token
    return None


def category_shaped(text: str) -> bool:
    """A cell worded like a category outside the framework (``过程管理指标``, ``监督检查指标``)."""
    key = re.sub(r"\s+", "", text)
    return bool(_CATEGORY.match(key)) and role_of(key) is None


def unnamed_category(tokens: Sequence[WebCell | None], i: int) -> bool:
    """Whether the category-shaped cell ``tokens[i]``, at a row's start in a table with 一级 and 二级 columns, is a
    category: the next cell is a category too (an umbrella over it), or the next two read as a row's name (no figure,
    no operator) and its value (a figure or an operator). A cell followed by a value is a row's 三级 name."""
    token = tokens[i]
    if token is None or not category_shaped(token.text):
        return False
    following = _next_cells(tokens, i, 2)
    if not following:
        return False
    if _category_like(following[0].text):
        return True
    return len(following) == 2 and not _value_like(following[0].text) and _value_like(following[1].text)


def is_umbrella_over(tokens: Sequence[WebCell | None], i: int) -> bool:
    """Whether the category ``tokens[i]`` stands above a category that follows it on its row (its 一级 over a 二级)."""
    following = _next_cells(tokens, i, 1)
    return bool(following) and _category_like(following[0].text)


def _next_cells(tokens: Sequence[WebCell | None], i: int, count: int) -> list[WebCell]:
    """Up to ``count`` cells with text after ``tokens[i]`` on its row (a None token ends a row)."""
    found: list[WebCell] = []
    for token in tokens[i + 1 :]:
        if token is None or len(found) == count:
            break
        if token.text.strip():
            found.append(token)
    return found


def _category_like(text: str) -> bool:
    return bool(level_term(text)) or category_shaped(text)


def _value_like(text: str) -> bool:
    return bool(_DIGIT.search(text)) or operator_of(text) is not None


class LevelCells(FormCells):
    """The grid builder's reading of the levels above (`web_table.GridBuilder` builds on it): the stream it reads
    (for a look ahead), the categories outside the framework it took as umbrellas, and whether the page's own text
    under the form has begun."""

    tokens: Sequence[WebCell | None] = ()
    position = 0  # where `tokens` is being read
    umbrellas: tuple[WebCell, ...] = ()
    tail = False

    def _restored(self, tokens: Sequence[WebCell | None]) -> list[WebCell | None]:
        out, restored = restore_cut_levels(tokens)
        for cell, text in restored:
            msg = f"表头「{cell.text}」缺少开头的字（复制时截断），按相邻栏目读作「{text}」"
            self.note(NoteLevel.INFO, "web.header_cut", msg, cell)
        return out

    def _unnamed_category(self, token: WebCell) -> bool:
        """``token`` (at `position` of the stream) is a category outside the framework starting a row of a table with
        一级 and 二级 columns; the first of two in a row is the 一级 (过程管理指标 over 计划管理指标)."""
        if self.table is None or self.chunk or len(self.table.levels) < 2:
            return False
        if not unnamed_category(self.tokens, self.position):
            return False
        if not self.levels and is_umbrella_over(self.tokens, self.position):
            self.umbrellas = (*self.umbrellas, token)
        return True

    def _row_level(self, cells: list[WebCell], start: int) -> bool:
        """``cells[start]``, before a row's 三级 name, is a category: a framework term, or one outside it (过程管理指标)
        where the row holds more cells than the columns after the categories."""
        if level_term(cells[start].text):
            return True
        if self.table is None or len(self.table.levels) < 2 or not category_shaped(cells[start].text):
            return False
        if len([c for c in cells[start:] if c.text]) <= len(self.table.rest):
            return False  # a 三级 name worded like a category, with its value
        if not self.levels and is_umbrella_over(cells, start):
            self.umbrellas = (*self.umbrellas, cells[start])
        return True

    def _is_umbrella(self, token: WebCell) -> bool:
        return any(token is u for u in self.umbrellas)
