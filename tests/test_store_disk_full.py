"""A full disk is not a damaged store (red team 2026-12-06 20h, findings 6 and 9): real SQLite refusing to grow,
and a real write refused by the system, give 磁盘空间已满 / 磁盘出错 with nothing about damage or renaming the file;
a file that is not a database is named in Chinese, without SQLite's English."""

from __future__ import annotations

import os
import re
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from store_support import rules_draft  # noqa: F401 - fixture

from assistant.store import DraftStore
from assistant.store.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent


def test_a_store_that_cannot_grow_says_disk_full_and_keeps_every_version(tmp_path, rules_draft):
    path = tmp_path / "drafts.db"
    store = DraftStore(f"sqlite:///{path}")
    info = store.create(rules_draft, owner="alice")
    pages = sqlite3.connect(path).execute("pragma page_count").fetchone()[0]

    def no_room(dbapi_connection, _record):  # the fault: SQLite may use no page more than it has (SQLITE_FULL)
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", no_room)
    store.engine.dispose()
    first = rules_draft.sections[0].model_copy(update={"text": "人工修改的必要性。" * 20_000})
    bigger = rules_draft.model_copy(update={"sections": [first, *rules_draft.sections[1:]]})
    with pytest.raises(StoreError) as caught:
        store.save(info.draft_id, bigger, expected_parent=1, author="alice")
    assert caught.value.message.startswith("磁盘空间已满，未保存"), caught.value.message
    assert "已损坏" not in caught.value.message and "新建一个空的草稿库" not in (caught.value.hint or "")
    assert "清理磁盘后重试" in (caught.value.hint or "")
    event.remove(store.engine, "connect", no_room)
    store.engine.dispose()
    assert store.head(info.draft_id) == 1
    store.close()
    assert sqlite3.connect(path).execute("pragma integrity_check").fetchone()[0] == "ok"


def _no_writes() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))  # the process may write no file past its first byte


def test_a_disk_that_refuses_writes_is_not_called_damage(tmp_path):
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "ASSISTANT_CORPUS__CORPUS_DIR": str(ROOT / "corpus"),
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
    }
    cli = [sys.executable, "-m", "assistant"]
    subprocess.run([*cli, "draft", "--example", "--llm", "none"], env=env, check=True, capture_output=True, timeout=300)
    for args in (["drafts", "history", "1"], ["drafts", "edit", "1", "--field", "必要性", "人工修改的必要性"]):
        done = subprocess.run(
            [*cli, *args], env=env, capture_output=True, text=True, timeout=120, preexec_fn=_no_writes
        )
        assert done.returncode == 2, done.stdout + done.stderr
        assert "磁盘" in done.stderr and "不表示草稿库已损坏" in done.stderr, done.stderr
        assert "已损坏或不是数据库文件" not in done.stderr and "新建一个空的草稿库" not in done.stderr
        assert "disk I/O" not in done.stderr and "Traceback" not in done.stderr
    again = subprocess.run([*cli, "drafts", "history", "1"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"this is not a database at all" * 200, "不是数据库文件"), (None, "文件内容已损坏")],
)
def test_a_damaged_store_is_described_in_chinese(tmp_path, content, reason):
    path = tmp_path / "drafts.db"
    if content is None:  # a real database whose pages were overwritten
        DraftStore(f"sqlite:///{path}").close()
        data = bytearray(path.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)
        path.write_bytes(bytes(data))
    else:
        path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        DraftStore(f"sqlite:///{path}")
    assert str(path) in caught.value.message and reason in caught.value.message, caught.value.message
    assert not re.search(r"[（(][A-Za-z ]+[）)]", caught.value.message)
