"""Rows at the edges of a declaration's indicator table that are not indicators, and a 一级 cell centred in its
merged block (黄石's 批复表, copied from a web page with ``|`` between cells):

* a second header line naming the value columns (``2021年实际实现值 | 预期2022年实现值`` under ``指标值``) is part of the
  header, not a row;
* a signature line under the table (``财政资金管理科室(盖章) 年 月 日``) ends the table;
* a 一级 cell the page centred in its merged block (``产出指标`` on the fifth row of the 数量指标 block) covers the rows
  above it that have a 二级 of that 一级 and no 一级 of their own, and the 二级 goes on under it;
* in such a copy, which keeps no empty cell, ``成本指标`` after a 二级 of 产出指标 is a 二级 of that 一级 (the
  transitional framework), as a 自评表's reader takes it — its column cannot tell.
"""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.model import Declaration, Indicator, NoteLevel, ParseNote

# 2021年实际实现值, 预期2022年实现值, 年度指标值, 实施期目标值: a value column's name, years and qualifiers allowed.
_VALUE_COLUMN = re.compile(
    r"^(?:\d{4}\s*年度?)?(?:实际|预期|计划|年度|当年|实施期|中期|长期)?(?:\d{4}\s*年度?)?"
    r"(?:实际)?(?:实现值|完成值|指标值|目标值)$"
)
_STAMP = re.compile(r"[（(]\s*(?:盖章|公章|签字|签章|签名)\s*[)）]")
_BLANK_DATE = re.compile(r"年\s*月\s*日")
_PRODUCTION_LEVEL2 = frozenset({"数量指标", "质量指标", "时效指标"})


def is_value_subheader(texts: list[str]) -> bool:
    """The cells of a row (at least two) all name value columns: the header's second line."""
    keys = [re.sub(r"\s+", "", t) for t in texts if t.strip()]
    return len(keys) >= 2 and all(_VALUE_COLUMN.match(k) for k in keys)


def subheader_note(texts: list[str], line: int) -> ParseNote:
    names = "」「".join(t.strip() for t in texts if t.strip())
    return ParseNote(
        level=NoteLevel.INFO,
        code="indicator.value_subheader",
        message=f"指标值一栏在表头第二行分为「{names}」：这一行是表头，不是指标行；复制时空白单元格丢失，"
        "各行的值按原文作为指标值读取，请对照原表核对每个值属于哪一栏",
        line=line,
        fragment=texts[0].strip() if texts else None,
    )


def is_signature(texts: list[str]) -> bool:
    """A row of stamp or signature boxes (``财政资金管理科室(盖章) 年 月 日``): the form's foot, under the table."""
    return any(len(t.strip()) <= 40 and _STAMP.search(t) and _BLANK_DATE.search(t) for t in texts)


def centred_level1(rows: list[Indicator], term: str, level2: str | None) -> list[Indicator] | None:
    """The rows with ``term`` (a 一级 met alone in a row, before any other 一级) as their written 一级, where the
    rows above it have none and the framework places the current ``level2`` under ``term``; None otherwise (the
    一级 then starts a block as before)."""
    if not rows or level2 is None or any(r.level1_written for r in rows):
        return None
    placed = framework.normalise(term, level2)
    if placed.level1 is None or framework.normalise(term, None).level1 != placed.level1:
        return None
    return [r.model_copy(update={"level1_written": re.sub(r"\s+", "", term)}) for r in rows]


def centred_note(term: str, count: int, line: int) -> ParseNote:
    return ParseNote(
        level=NoteLevel.INFO,
        code="indicator.centred_level1",
        message=f"一级指标「{term}」写在其合并单元格的中间一行：其上 {count} 行没有一级指标，按该合并单元格归入「{term}」，"
        "二级指标照旧延续；请核对",
        line=line,
        fragment=term,
    )


def cost_as_level2(term: str, level1: str | None, level2: str | None) -> bool:
    """``成本指标`` met after a 二级 of 产出指标 (数量/质量/时效) under 产出指标: a 二级 of it."""
    key = re.sub(r"\s+", "", term)
    return (
        key in framework.AMBIGUOUS_TERMS
        and level1 is not None
        and re.sub(r"\s+", "", level1) == "产出指标"
        and level2 is not None
        and re.sub(r"\s+", "", level2) in _PRODUCTION_LEVEL2
    )


def without_edge_rows(declaration: Declaration) -> Declaration:
    """``declaration`` without the indicator rows a reader took from the table's edges — a value subheader as its
    first row, a signature line as any row — each noted with its text, the others renumbered; unchanged when none."""
    kept: list[Indicator] = []
    notes: list[ParseNote] = []
    for k, row in enumerate(declaration.indicators):
        texts = [row.name_written or row.name, row.value.raw]
        if k == 0 and is_value_subheader(texts):
            notes.append(subheader_note(texts, row.line))
        elif is_signature(texts):
            notes.append(_signature_note(texts, row.line))
        else:
            kept.append(row.model_copy(update={"position": len(kept) + 1}) if row.position != len(kept) + 1 else row)
    if not notes:
        return declaration
    dropped = {n.line for n in notes}  # what the reader noted on those rows as rows (their category…) no longer holds
    before = [n for n in declaration.parse_notes if not (n.line in dropped and n.code.startswith("indicator."))]
    return declaration.model_copy(update={"indicators": kept, "parse_notes": [*before, *notes]})


def _signature_note(texts: list[str], line: int) -> ParseNote:
    return ParseNote(
        level=NoteLevel.INFO,
        code="indicator.signature_row",
        message=f"「{' '.join(t.strip() for t in texts if t.strip())}」是表尾的盖章栏，不是指标行，未作为指标读取",
        line=line,
        fragment=texts[0],
    )


def with_centred_level1(declaration: Declaration) -> Declaration:
    """``declaration`` read by a reader that took a centred 一级 (`centred_level1`) as starting its own block: the
    first rows, without a 一级 and under one 二级, take the 一级 of the first row that has one, and that row (written
    without a 二级) keeps the 二级 above it; noted. Unchanged where the rows are not so."""
    rows = declaration.indicators
    first = next((k for k, r in enumerate(rows) if r.level1_written), None)
    if not first or rows[first].level2_written is not None:
        return declaration
    level2 = rows[0].level2_written
    term = rows[first].level1_written or ""
    if any(r.level2_written != level2 for r in rows[:first]) or centred_level1(rows[:first], term, level2) is None:
        return declaration
    placed = framework.normalise(term, level2)
    update = {"level1_written": term, "level2_written": level2, "level1": placed.level1, "level2": placed.level2}
    fixed = [r.model_copy(update=update) for r in rows[: first + 1]]
    note = centred_note(term, first, rows[first].line)
    return declaration.model_copy(
        update={"indicators": [*fixed, *rows[first + 1 :]], "parse_notes": [*declaration.parse_notes, note]}
    )
