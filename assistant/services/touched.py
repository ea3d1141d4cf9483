"""Rows a person has changed or deleted, read from a draft's history: a regeneration or a cost proposal never brings
such a row back as it was suggested before (a deleted 单批次检测成本 returning with a new figure, or the original
末梢水采样点每季度检测次数 returning beside the row the person renamed and corrected).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.drafting.models import DraftIndicator
from assistant.services.protect import covers
from assistant.store import Action, StoredVersion, VersionInfo
from assistant.store.fields import indicator_cells, same_rows


class _History(Protocol):
    def history(self, draft_id: int) -> list[VersionInfo]: ...

    def get(self, draft_id: int, number: int) -> StoredVersion: ...


@dataclass(frozen=True)
class TouchedRow:
    """A row as it was before a person changed it (``deleted``: removed it) in version ``version``."""

    row: DraftIndicator
    deleted: bool
    version: int

    @property
    def label(self) -> str:
        how = "已删除" if self.deleted else "已人工修改"
        return f"“{self.row.name}”（第 {self.version} 版{how}）"


def touched_rows(store: _History, current: StoredVersion) -> list[TouchedRow]:
    """Every row a person edited or deleted in a version up to ``current``, as it was before; a row the current
    table still holds untouched under that name (a restored version) is not counted."""
    draft_id = current.info.draft_id
    numbers = [v.number for v in store.history(draft_id) if v.action is Action.EDIT and v.number <= current.number]
    found: list[TouchedRow] = []
    for number in numbers:
        after = current if number == current.number else store.get(draft_id, number)
        if after.info.parent is None:
            continue
        before = store.get(draft_id, after.info.parent)
        found.extend(_changed_rows(before.draft.indicators, after.draft.indicators, number))
    protected = current.protected_paths()
    untouched = {
        row.name
        for n, row in enumerate(current.draft.indicators, start=1)
        if not any(p.startswith(f"indicator.{n}.") for p in protected)
    }
    return [t for t in found if t.row.name not in untouched]


def _changed_rows(before: Sequence[DraftIndicator], after: Sequence[DraftIndicator], number: int) -> list[TouchedRow]:
    pairs = same_rows(before, after)
    paired = set(pairs.values())
    changed = [
        TouchedRow(before[old - 1], False, number)
        for new, old in pairs.items()
        if indicator_cells(before[old - 1]) != indicator_cells(after[new - 1])
    ]
    deleted = [TouchedRow(row, True, number) for n, row in enumerate(before, start=1) if n not in paired]
    return changed + deleted


def withheld(fresh: Sequence[DraftIndicator], touched: Sequence[TouchedRow]) -> list[TouchedRow]:
    """The touched rows that some fresh row would bring back (`covers`), once each."""
    return [t for t in touched if any(covers(t.row, row) for row in fresh)]


def without_touched(fresh: Sequence[DraftIndicator], touched: Sequence[TouchedRow]) -> list[DraftIndicator]:
    """``fresh`` less every row that a row a person edited or deleted already stood for."""
    return [row for row in fresh if not any(covers(t.row, row) for t in touched)]


def describe_withheld(rows: Sequence[TouchedRow]) -> str:
    """未重新加入人工删除或修改过的指标：“单批次检测成本”（第 3 版已删除） — or "" when there are none."""
    if not rows:
        return ""
    return "未重新加入人工删除或修改过的指标：" + "、".join(t.label for t in rows)
