"""A workbook whose form sheet was copied (Excel's 移动或复制 → 建立副本, WPS's 创建副本): the same declaration twice.

A 申报书 sheet and a 目标表 sheet of one project share the 项目名称 and little else, so the importer reads them
as one declaration. A copied sheet shares nearly every cell with its original (with a value or two changed
by hand): read together, every indicator would be counted twice. Such a copy is recognised by what the two
sheets' cells hold (not where, so a row inserted in the copy does not hide it), the first sheet is read, and
the note names the copy and every value in which the two differ, so the person decides which one is final.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from assistant.domain.model import Declaration, Funding, Header, NoteLevel, ParseNote
from assistant.office.grid import GridRow
from assistant.office.indicator_columns import header_columns

COPY_SHARE = 0.6  # the share of filled cells two sheets have in common from which one is the other's copy
MAX_LISTED = 12  # differences listed in the note; the rest are counted


def is_copy(first: list[GridRow], second: list[GridRow]) -> bool:
    """True when ``second``'s filled cells (texts counted as a multiset) are mostly ``first``'s, and the other
    way round: at least ``COPY_SHARE`` of the larger sheet's filled cells are in both. A sheet with an
    indicator table is never the copy of one without (a 目标表 that repeats its 申报书's header block is a part
    of the declaration, not a copy)."""
    if _has_indicator_table(first) != _has_indicator_table(second):
        return False
    a = Counter(c.text.strip() for row in first for c in row.filled)
    b = Counter(c.text.strip() for row in second for c in row.filled)
    larger = max(sum(a.values()), sum(b.values()))
    return larger > 0 and sum((a & b).values()) / larger >= COPY_SHARE


def _has_indicator_table(rows: list[GridRow]) -> bool:
    return any(header_columns(row) is not None for row in rows)


def differences(kept: Declaration, copy: Declaration) -> list[str]:
    """Every field, amount and indicator value that differs between the two readings, in Chinese
    (``指标「各类直播等录制次数」：≥50(次) / ≥80(次)``); an indicator only in one of them is listed too."""
    found: list[str] = []
    pairs: list[tuple[str, type[BaseModel], BaseModel, BaseModel]] = [
        ("表头", Header, kept.header, copy.header),
        ("资金", Funding, kept.funding, copy.funding),
    ]
    for part, model, mine, theirs in pairs:
        a, b = mine.model_dump(), theirs.model_dump()
        found += [
            f"{part}「{_label(model, key)}」：{_shown(value)} / {_shown(b.get(key))}"
            for key, value in a.items()
            if value != b.get(key)
        ]
    found += _indicator_differences(kept, copy)
    texts = {s.title or str(s.kind): s.text for s in copy.sections}
    found += [
        f"「{s.title or s.kind}」一节的文字不同" for s in kept.sections if texts.get(s.title or str(s.kind)) != s.text
    ]
    return found


def _label(model: type[BaseModel], key: str) -> str:
    """The field's Chinese name from its description (``项目总预算 / 项目资金总额`` → ``项目总预算``)."""
    description = model.model_fields[key].description or key
    return description.split(" / ")[0].split("，")[0].split(" ")[0]


def _indicator_differences(kept: Declaration, copy: Declaration) -> list[str]:
    """Indicators matched by (一级, 二级, 三级 as written): a changed value, or a row only in one of the two."""
    values_a = {(i.level1_written or "", i.level2_written or "", i.name): i.value.raw for i in kept.indicators}
    values_b = {(i.level1_written or "", i.level2_written or "", i.name): i.value.raw for i in copy.indicators}
    found = []
    for k, value in values_a.items():
        if k not in values_b:
            found.append(f"指标「{k[2]}」只在第一份中")
        elif values_b[k] != value:
            found.append(f"指标「{k[2]}」：{_shown(value)} / {_shown(values_b[k])}")
    found += [f"指标「{k[2]}」只在副本中" for k in values_b if k not in values_a]
    return found


def _shown(value: object) -> str:
    return "（空）" if value in (None, "") else str(value)


def copy_note(kept_sheet: str, copy_sheet: str, found: list[str]) -> ParseNote:
    """The note on the declaration read from ``kept_sheet``: the copy was not read, and where the two differ."""
    if not found:
        return ParseNote(
            level=NoteLevel.INFO,
            code="sheet.copy",
            message=f"工作表「{copy_sheet}」与「{kept_sheet}」是同一份申报表（内容相同），只读取了「{kept_sheet}」",
        )
    listed = "；".join(found[:MAX_LISTED]) + (f"；另有 {len(found) - MAX_LISTED} 处" if len(found) > MAX_LISTED else "")
    return ParseNote(
        level=NoteLevel.WARNING,
        code="sheet.copy_conflict",
        message=(
            f"工作表「{copy_sheet}」是「{kept_sheet}」的副本（同一份申报表），两表有 {len(found)} 处不同"
            f"（「{kept_sheet}」/「{copy_sheet}」）：{listed}。只读取了「{kept_sheet}」，未把两表的指标合并；"
            f"若「{copy_sheet}」才是最终版本，请删除另一张工作表后重新导入"
        ),
    )
