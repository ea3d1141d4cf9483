"""Regeneration never clobbers a person's work: protected fields (human-edited or locked) are carried
over from the current draft into the regenerated one, unless the caller forces a full rewrite.
"""

from __future__ import annotations

from assistant.drafting.models import Draft, DraftIndicator
from assistant.store.fields import INDICATOR_COLUMNS, field_label, indicator_path, section_path


def keep_sections(current: Draft, regenerated: Draft, protected: set[str]) -> tuple[Draft, list[str]]:
    """``regenerated`` with every protected section's text taken back from ``current``."""
    kept = [s.kind for s in current.sections if section_path(s.kind) in protected]
    old = {s.kind: s for s in current.sections}
    sections = [old[s.kind] if s.kind in kept else s for s in regenerated.sections]
    return regenerated.model_copy(update={"sections": sections}), [section_path(k) for k in kept]


def keep_indicator_rows(
    current: list[DraftIndicator], fresh: list[DraftIndicator], protected: set[str]
) -> tuple[list[DraftIndicator], list[str]]:
    """A new indicator table: a row with any protected cell stays as it is, at its position; the other
    positions take the fresh rows in order (skipping one that repeats a kept row's 三级指标); fresh rows
    left over are appended. Returns the table and the paths of the kept cells."""
    kept = {n: row for n, row in enumerate(current, start=1) if _row_protected(n, protected)}
    names = {row.name for row in kept.values()}
    queue = [row for row in fresh if row.name not in names]
    table: list[DraftIndicator] = []
    for n in range(1, len(current) + 1):
        if n in kept:
            table.append(kept[n])
        elif queue:
            table.append(queue.pop(0))
    table.extend(queue)
    paths = [indicator_path(n, c) for n in kept for c in INDICATOR_COLUMNS if indicator_path(n, c) in protected]
    return table, paths


def _row_protected(n: int, protected: set[str]) -> bool:
    return any(indicator_path(n, column) in protected for column in INDICATOR_COLUMNS)


def describe_kept(paths: list[str]) -> str:
    """``必要性、指标 3 · 指标值`` — the kept fields, for a message."""
    return "、".join(field_label(p) for p in paths)
