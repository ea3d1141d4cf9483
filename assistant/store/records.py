"""What the store hands back: typed, immutable records (no ORM objects leave the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from assistant.domain.provenance import Origin
from assistant.drafting.models import Draft
from assistant.store.fields import FieldRecord, field_label


class Action(StrEnum):
    CREATE = "create"  # drafted from a brief
    IMPORT = "import"  # read from a saved draft JSON file
    EDIT = "edit"  # a person changed fields
    REGENERATE = "regenerate"  # a section or the indicator table written again
    RESTORE = "restore"  # an earlier version made the latest again
    LOCK = "lock"  # fields locked or unlocked

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.CREATE: "起草",
    Action.IMPORT: "导入",
    Action.EDIT: "人工修改",
    Action.REGENERATE: "重写",
    Action.RESTORE: "恢复",
    Action.LOCK: "锁定/解锁",
}


@dataclass(frozen=True)
class VersionInfo:
    draft_id: int
    number: int
    parent: int | None
    action: Action
    section: str | None
    instruction: str | None
    author: str
    created_at: datetime


@dataclass(frozen=True)
class StoredVersion:
    """One saved version: its record, the draft as saved, and each field's provenance by path."""

    info: VersionInfo
    draft: Draft
    fields: dict[str, FieldRecord]

    @property
    def number(self) -> int:
        return self.info.number

    def protected_paths(self) -> set[str]:
        return {path for path, record in self.fields.items() if record.protected}


@dataclass(frozen=True)
class DraftSummary:
    id: int
    title: str
    year: int | None
    owner: str
    head: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class FieldChange:
    """A field that differs between two versions; ``None`` where the field does not exist in that version."""

    path: str
    label: str
    before: str | None
    after: str | None


class ProposalStatus(StrEnum):
    PENDING = "pending"  # waiting for the person's decision
    ACCEPTED = "accepted"  # saved as a version
    REJECTED = "rejected"  # the person kept the text they had
    SUPERSEDED = "superseded"  # a newer proposal for the draft came before a decision

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ProposalStatus.PENDING: "待决定",
    ProposalStatus.ACCEPTED: "已采纳",
    ProposalStatus.REJECTED: "未采纳",
    ProposalStatus.SUPERSEDED: "未决定（已有更新的建议）",
}


@dataclass(frozen=True)
class Proposal:
    """A model's rewrite of one section (``target`` = its field path) or of the indicator table, made from
    version ``base``; ``draft`` is the whole draft as proposed, ``origin``/``origins`` the provenance its changed
    fields get when accepted, ``kept`` the protected fields it left unchanged."""

    id: int
    draft_id: int
    base: int
    target: str
    instruction: str | None
    status: ProposalStatus
    author: str
    created_at: datetime
    draft: Draft
    origin: Origin
    origins: dict[str, Origin]
    kept: list[str]
    decided_at: datetime | None = None
    version: int | None = None

    @property
    def label(self) -> str:
        """The part it rewrites, in Chinese: ``项目设立的必要性`` or ``绩效指标``."""
        return field_label(self.target)
