"""A draft store locked by another program is busy, not damaged (red team rt6 finding 3): real SQLite, a second
real connection holding ``BEGIN EXCLUSIVE``; the message says 另一个程序正在使用草稿库 and nothing about damage or
renaming the file, and the same store works once the lock is released."""

from __future__ import annotations

import sqlite3

import pytest
from store_support import rules_draft  # noqa: F401 - fixture

from assistant.store import DraftStore, schema
from assistant.store.errors import StoreError


def _assert_busy(error: StoreError) -> None:
    assert error.message.startswith("另一个程序正在使用草稿库"), error.message
    assert "未保存" in error.message and "稍后重试" in (error.hint or "")
    assert "损坏或不是" not in error.message and "改名" not in (error.hint or "")


def test_a_locked_store_is_reported_busy_then_works_again(tmp_path, rules_draft, monkeypatch):
    monkeypatch.setattr(schema, "SQLITE_BUSY_TIMEOUT_MS", 200)  # wait 0.2 s for the lock, not 10 s
    path = tmp_path / "drafts.db"
    first = DraftStore(f"sqlite:///{path}")
    info = first.create(rules_draft, owner="alice")
    first.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program (a sqlite3 shell, a backup tool) holds the file
    try:  # in WAL mode EXCLUSIVE keeps out writers only: opening the store and reading go on (rt7 finding 9)
        reading = DraftStore(f"sqlite:///{path}")
        assert reading.head(info.draft_id) == 1
        with pytest.raises(StoreError) as writing:
            reading.save(info.draft_id, rules_draft, expected_parent=1, author="alice")
        _assert_busy(writing.value)
        reading.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    store = DraftStore(f"sqlite:///{path}")
    assert store.head(info.draft_id) == 1
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as saving:
            store.save(info.draft_id, rules_draft, expected_parent=1, author="alice")
        _assert_busy(saving.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.head(info.draft_id) == 1
    store.close()


def test_a_store_is_read_while_another_program_holds_only_a_write_lock(tmp_path, rules_draft, monkeypatch):
    """Red team rt7 finding 9: in WAL mode a reader does not wait for one writer; opening the store took a write
    lock (``BEGIN IMMEDIATE`` for the schema check) and so refused every read during any write."""
    monkeypatch.setattr(schema, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "drafts.db"
    first = DraftStore(f"sqlite:///{path}")
    info = first.create(rules_draft, owner="alice")
    first.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a writer (a web save, a sqlite3 shell) in the middle of its transaction
    other.execute("UPDATE users SET name = name")
    try:
        reader = DraftStore(f"sqlite:///{path}")
        assert reader.head(info.draft_id) == 1
        reader.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
