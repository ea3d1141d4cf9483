"""The draft store: drafts as immutable versions with per-field provenance (SQLite or any SQLAlchemy URL)."""

from assistant.store.errors import DraftConflict, DraftNotFound, StoreError
from assistant.store.fields import FieldRecord, Origin
from assistant.store.records import (
    INDICATOR_TABLE,
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
