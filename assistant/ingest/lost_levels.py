"""Category cells a web copy lost at the top of an indicator table (武川: the page names 一级指标 and 二级指标 columns,
but the merged 产出指标 cell and the merged 数量指标 / 质量指标 cells left no text in the copy; the rows start with
their names, and the first category written is ``时效指标`` in the 二级 place).

A careful reader restores them from the table's own order, with a note, and makes nothing up:

* the 一级 of the rows before the first row with a 一级 read is the one the framework places their 二级 under
  (``时效指标`` → 产出指标); ``成本指标`` right after a 二级 of 产出指标 stays under 产出指标 (the older template's
  二级, as `indicator_edges.cost_as_level2` reads it), and rows with no 二级 written above the first 二级 of
  产出指标 share its 一级 (产出指标 comes first in every template) where their 二级 can be told (below);
* the 二级 of rows above that first 二级 is one of the 二级 the template puts before it under 产出指标
  (数量 → 质量 → 时效 → 成本): the only one where there is one (above ``质量指标``: 数量指标); where there are several,
  each row's own words must place it among them (`placement.place_by_content`) in the template's order, else no
  二级 is given (the rows keep the placement by content the reader noted).

Only where the page names a 一级 column (a line or cell ``一级指标``/``一级目标``) and no row above has a 一级 of its own.
Used for declarations read from text (`with_lost_levels`) and for 自评表 (`selfeval_header.unwritten_level1`).
"""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator, NoteLevel, ParseNote
from assistant.domain.values import parse_value
from assistant.ingest.placement import place_by_content

_LEVEL1_COLUMN = re.compile(r"(?:^|[|｜\s])一\s*级\s*(?:指\s*标|目\s*标)(?:$|[|｜\s])")
_OUTPUT_ORDER: tuple[Level2 | None, ...] = (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, None)  # None: 成本
_CONTENT_NOTE = "indicator.placed_by_content"


def names_level1_column(lines: list[str]) -> bool:
    """Whether the page's text names a 一级 column (a header cell ``一级指标`` of its own)."""
    return any(_LEVEL1_COLUMN.search(line.strip()) for line in lines)


def with_lost_levels(declaration: Declaration, lines: list[str]) -> Declaration:
    """``declaration`` with the 一级/二级 its first rows lost in the copy restored as the module docstring says, and one
    note naming them; unchanged where no row lost them or the page names no 一级 column."""
    rows = declaration.indicators
    lead = next((k for k, r in enumerate(rows) if r.level1_written), len(rows))
    if lead == 0 or not names_level1_column(lines):
        return declaration
    level1s, level2s = lead_levels([(r.level2_written, r.name, r.value.raw) for r in rows[:lead]])
    if not any(level1s) and not any(level2s):
        return declaration
    fixed = [_restored(r, l1, l2) for r, l1, l2 in zip(rows[:lead], level1s, level2s, strict=True)]
    lines_given_level2 = {r.line for r, l2 in zip(rows[:lead], level2s, strict=True) if l2}
    notes = [n for n in declaration.parse_notes if not (n.code == _CONTENT_NOTE and n.line in lines_given_level2)]
    notes.append(_note(rows[:lead], level1s, level2s))
    return declaration.model_copy(update={"indicators": [*fixed, *rows[lead:]], "parse_notes": notes})


# A row above the first 一级 read: (its 二级 as read, its name, its value as written).
Lead = tuple[str | None, str, str]


def lead_levels(rows: list[Lead]) -> tuple[list[str | None], list[str | None]]:
    """(the 一级, the 二级) to give each of ``rows`` — the rows above the first 一级 read, in order — as the module
    docstring says; None where none is given (the 二级 None also where the row has its own)."""
    level1s = _level1s(rows)
    level2s = _leading_level2s(rows, level1s)
    return [l1 if r[0] or l2 else None for r, l1, l2 in zip(rows, level1s, level2s, strict=True)], level2s


def _level1s(rows: list[Lead]) -> list[str | None]:
    """The 一级 of each row: its 二级's place in the framework, 成本指标 after 产出 rows kept under 产出指标, and the
    rows above the first 二级 given that 二级's 一级 where it is 产出指标."""
    found: list[str | None] = []
    running: str | None = None
    for level2, _, _ in rows:
        if level2:
            cost = re.sub(r"\s+", "", level2) in framework.AMBIGUOUS_TERMS
            if cost and (running == Level1.OUTPUT.value or running is None and found):
                running = Level1.OUTPUT.value  # the older template's 二级 成本指标, after rows of 产出指标
            else:
                parent = framework.normalise(None, level2).level1
                running = parent.value if parent is not None else None
        found.append(running)
    first = next((k for k, r in enumerate(rows) if r[0]), None)
    if first and found[first] == Level1.OUTPUT.value:
        found[:first] = [Level1.OUTPUT.value] * first
    return found


def _output_position(level2: str) -> int | None:
    """Where a written 二级 stands in 产出指标's template order (数量 0 … 成本 3), None outside it."""
    if re.sub(r"\s+", "", level2) in framework.AMBIGUOUS_TERMS:
        return 3
    placed = framework.normalise(None, level2).level2
    return _OUTPUT_ORDER.index(placed) if placed in _OUTPUT_ORDER else None


def _leading_level2s(rows: list[Lead], level1s: list[str | None]) -> list[str | None]:
    """The 二级 for the rows above the first 二级 written (None for every other row and where none can be told)."""
    none: list[str | None] = [None] * len(rows)
    first = next((k for k, r in enumerate(rows) if r[0]), None)
    if not first or level1s[first] != Level1.OUTPUT.value:
        return none
    position = _output_position(rows[first][0] or "")
    candidates = [c for c in _OUTPUT_ORDER[: position or 0] if c is not None]
    if not candidates:
        return none
    if len(candidates) == 1:
        return [candidates[0].value] * first + none[first:]
    placed = [place_by_content(name, parse_value(raw).unit)[1] for _, name, raw in rows[:first]]
    if any(p not in candidates for p in placed):
        return none
    order = [candidates.index(p) for p in placed]
    if order != sorted(order):
        return none
    return [p.value for p in placed] + none[first:]


def _restored(row: Indicator, level1: str | None, level2: str | None) -> Indicator:
    if level1 is None and level2 is None:
        return row
    written1 = level1 or row.level1_written
    written2 = level2 or row.level2_written
    placed = framework.normalise(written1, written2)
    update: dict[str, object] = {"level1_written": written1, "level2_written": written2}
    if placed.level1 is not None:
        update |= {"level1": placed.level1, "level2": placed.level2}
    return row.model_copy(update=update)


def _note(rows: list[Indicator], level1s: list[str | None], level2s: list[str | None]) -> ParseNote:
    given1 = [r for r, l1 in zip(rows, level1s, strict=True) if l1]
    terms = "、".join(dict.fromkeys(l1 for l1 in level1s if l1))
    message = (
        f"表头有一级指标一栏，但前 {len(rows)} 行没有读到一级指标（网页复制时合并单元格的文字常会丢失）："
        f"{len(given1)} 行按其二级指标在指标框架中的位置补出一级指标（{terms}）"
    )
    given2 = [(r, l2) for r, l2 in zip(rows, level2s, strict=True) if l2]
    if given2:
        names = "、".join(f"「{r.name}」→{l2}" for r, l2 in given2)
        message += (
            f"；表格最上面 {len(given2)} 行连二级指标也没有写出，按表式中二级指标的先后次序和各行名称补出（{names}）"
        )
    return ParseNote(
        level=NoteLevel.INFO,
        code="indicator.levels_lost",
        message=message + "；请对照原表核对",
        line=rows[0].line,
        fragment=rows[0].name,
    )
