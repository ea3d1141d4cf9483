"""What differs between two versions of a draft, field by field, with indicator rows matched by identity.

The indicator table is compared row by row as `same_rows` pairs them (a row is known by its cells, not its place):
a row deleted is one change (the whole row before, nothing after), a row added is one change, and a row kept shows
only the cells that differ, labelled by its place in the later version. Rows shifted by a deletion, an addition or
a re-sort are not changes.
"""

from __future__ import annotations

from assistant.drafting.models import Draft, DraftIndicator
from assistant.store.fields import (
    INDICATOR_COLUMNS,
    field_label,
    field_texts,
    indicator_cells,
    indicator_path,
    same_rows,
)
from assistant.store.records import FieldChange

_INDICATOR = "indicator."


def version_changes(before: Draft, after: Draft) -> list[FieldChange]:
    """The fields whose text differs from ``before`` to ``after``, in reading order (the indicator table last)."""
    return _field_changes(before, after) + _row_changes(before.indicators, after.indicators)


def _field_changes(before: Draft, after: Draft) -> list[FieldChange]:
    old = {p: t for p, t in field_texts(before).items() if not p.startswith(_INDICATOR)}
    new = {p: t for p, t in field_texts(after).items() if not p.startswith(_INDICATOR)}
    paths = list(new) + [p for p in old if p not in new]
    return [
        FieldChange(path=p, label=field_label(p), before=old.get(p), after=new.get(p))
        for p in paths
        if old.get(p) != new.get(p)
    ]


def _row_changes(before: list[DraftIndicator], after: list[DraftIndicator]) -> list[FieldChange]:
    pairs = same_rows(before, after)
    changes: list[FieldChange] = []
    for n, row in enumerate(after, start=1):
        was = pairs.get(n)
        if was is None:
            changes.append(FieldChange(path=f"indicator.{n}", label=f"指标 {n} · 新增行", before=None, after=_row(row)))
            continue
        old, new = indicator_cells(before[was - 1]), indicator_cells(row)
        changes += [
            FieldChange(path=indicator_path(n, c), label=field_label(indicator_path(n, c)), before=old[c], after=new[c])
            for c in INDICATOR_COLUMNS
            if old[c] != new[c]
        ]
    kept = set(pairs.values())
    changes += [
        FieldChange(path=f"indicator.{n}", label=f"原指标 {n} · 删除行", before=_row(row), after=None)
        for n, row in enumerate(before, start=1)
        if n not in kept
    ]
    return changes


def _row(row: DraftIndicator) -> str:
    return "｜".join(indicator_cells(row).values())
