"""Rows of the draft store read back as records, and the guards and clock every write and read shares: a number
no database can hold is a draft or version that does not exist (`DraftNotFound`, in Chinese, not an overflow in the
driver); timestamps are written in UTC and read back with their zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from assistant.domain.provenance import Origin
from assistant.drafting.models import Draft, stored_payload
from assistant.store.errors import DraftNotFound
from assistant.store.models import ProposalRow, VersionRow
from assistant.store.records import Action, Proposal, ProposalStatus, VersionInfo

MAX_NUMBER = 2**63 - 1  # the largest id or version number SQLite and PostgreSQL can hold


def check_draft_id(draft_id: int) -> None:
    """A draft number no database can hold is a draft that does not exist (not an overflow inside the driver):
    raises `DraftNotFound` outside 1 … `MAX_NUMBER`."""
    if not 1 <= draft_id <= MAX_NUMBER:
        raise DraftNotFound(f"没有编号为 {draft_id} 的草稿", hint="用 assistant drafts list 查看已保存的草稿")


def check_version(draft_id: int, number: int) -> None:
    """`check_draft_id`, and the same for version ``number`` of it."""
    check_draft_id(draft_id)
    if not 1 <= number <= MAX_NUMBER:
        raise DraftNotFound(
            f"草稿 {draft_id} 没有第 {number} 版", hint=f"用 assistant drafts history {draft_id} 查看版本"
        )


def utc_now() -> datetime:
    """The current instant in UTC (every timestamp the store writes)."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def version_info(row: VersionRow, author: str) -> VersionInfo:
    """A version row (and its author's name) as `VersionInfo`, its time in UTC."""
    return VersionInfo(
        draft_id=row.draft_id,
        number=row.number,
        parent=row.parent,
        action=Action(row.action),
        section=row.section,
        instruction=row.instruction,
        author=author,
        created_at=aware(row.created_at),
    )


def as_read(payload: dict[str, Any]) -> dict[str, Any] | None:
    """A stored payload as the current model reads and would write it (None if it no longer reads)."""
    try:
        return stored_payload(Draft.model_validate(payload, strict=False))
    except ValidationError:
        return None


def proposal_record(row: ProposalRow, author: str) -> Proposal:
    """A proposal row (and its author's name) as `Proposal`, its draft read as the current model reads it."""
    return Proposal(
        id=row.id,
        draft_id=row.draft_id,
        base=row.base,
        target=row.target,
        instruction=row.instruction,
        status=ProposalStatus(row.status),
        author=author,
        created_at=aware(row.created_at),
        draft=Draft.model_validate(row.payload, strict=False),
        origin=Origin(row.origin),
        origins={p: Origin(o) for p, o in row.origins.items()},
        kept=list(row.kept),
        decided_at=aware(row.decided_at) if row.decided_at else None,
        version=row.version,
    )
