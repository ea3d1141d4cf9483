"""The draft store: drafts as immutable versions with per-field provenance (SQLite or any SQLAlchemy URL)."""

from assistant.store.errors import DraftConflict, DraftNotFound, StoreError
from assistant.store.fields import FieldRecord, Origin
from assistant.store.records import Action, DraftSummary, FieldChange, StoredVersion, VersionInfo
from assistant.store.repository import DraftStore

__all__ = [
    "Action", "DraftConflict", "DraftNotFound", "DraftStore", "DraftSummary", "FieldChange", "FieldRecord",
    "Origin", "StoreError", "StoredVersion", "VersionInfo",
]  # fmt: skip
