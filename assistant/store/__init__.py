"""The draft store: drafts as immutable versions with per-field provenance (SQLite or any SQLAlchemy URL)."""

from assistant.domain.provenance import Origin
from assistant.store.errors import DraftConflict, DraftNotFound, StoreError
from assistant.store.fields import INDICATOR_TABLE, FieldRecord
from assistant.store.records import (
    Action,
    DraftSummary,
    FieldChange,
    Proposal,
    ProposalStatus,
    StoredVersion,
    VersionInfo,
)
from assistant.store.repository import DraftStore

__all__ = [
    "INDICATOR_TABLE",
    "Action",
    "DraftConflict",
    "DraftNotFound",
    "DraftStore",
    "DraftSummary",
    "FieldChange",
    "FieldRecord",
    "Origin",
    "Proposal",
    "ProposalStatus",
    "StoreError",
    "StoredVersion",
    "VersionInfo",
]
