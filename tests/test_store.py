"""The draft store on SQLite and on a live PostgreSQL server: versions, provenance, conflicts, safety."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from store_support import postgres_server, rules_draft, store_url  # noqa: F401 - fixtures

from assistant.domain.model import SectionKind
from assistant.drafting.models import Draft
from assistant.errors import InputError
from assistant.store import Action, DraftConflict, DraftNotFound, DraftStore, Origin, StoreError
from assistant.store.fields import field_texts, section_path
from assistant.store.files import read_draft_file
from assistant.store.schema import head_revision

REPO = Path(__file__).resolve().parent.parent
NEED = section_path(SectionKind.NECESSITY)


def _edited(draft: Draft, kind: SectionKind, text: str) -> Draft:
    sections = [s.model_copy(update={"text": text}) if s.kind is kind else s for s in draft.sections]
    return draft.model_copy(update={"sections": sections})


@pytest.fixture
def store(store_url):
    opened = DraftStore(store_url)
    yield opened
    opened.close()


def test_first_version_roundtrips_with_provenance(store, rules_draft):
    info = store.create(rules_draft, owner="张三")
    latest = store.latest(info.draft_id)
    assert (latest.number, latest.info.parent, latest.info.action, latest.info.author) == (
        1,
        None,
        Action.CREATE,
        "张三",
    )
    assert latest.draft == rules_draft
    assert set(latest.fields) == set(field_texts(rules_draft))
    assert latest.fields[NEED].origin is Origin.TEMPLATE  # written by rules, no model
    plan_values = [n for n, i in enumerate(rules_draft.indicators, 1) if i.value.ground.value == "计划标准"]
    assert plan_values and all(latest.fields[f"indicator.{n}.value"].origin is Origin.BRIEF for n in plan_values)


def test_every_save_is_a_new_immutable_version(store, rules_draft):
    draft_id = store.create(rules_draft, owner="张三").draft_id
    edited = _edited(rules_draft, SectionKind.NECESSITY, "人工改写的必要性。")
    info = store.save(draft_id, edited, expected_parent=1, author="李四")
    assert (info.number, info.parent, info.action) == (2, 1, Action.EDIT)
    first, second = store.get(draft_id, 1), store.latest(draft_id)
    assert first.draft == rules_draft and second.draft.section(SectionKind.NECESSITY).text == "人工改写的必要性。"
    assert (second.fields[NEED].origin, second.fields[NEED].author) == (Origin.HUMAN, "李四")
    overview = section_path(SectionKind.OVERVIEW)
    assert second.fields[overview] == first.fields[overview]  # untouched fields keep their record
    assert [v.number for v in store.history(draft_id)] == [1, 2]


def test_stale_save_is_refused_with_both_texts(store_url, rules_draft):
    alice, bob = DraftStore(store_url), DraftStore(store_url)  # two processes' worth of connections
    draft_id = alice.create(rules_draft, owner="alice").draft_id
    alice.save(draft_id, _edited(rules_draft, SectionKind.NECESSITY, "甲的文本。"), expected_parent=1, author="alice")
    with pytest.raises(DraftConflict) as caught:
        bob.save(draft_id, _edited(rules_draft, SectionKind.NECESSITY, "乙的文本。"), expected_parent=1, author="bob")
    conflict = caught.value
    assert (conflict.expected, conflict.actual) == (1, 2)
    assert conflict.mine.section(SectionKind.NECESSITY).text == "乙的文本。"
    assert conflict.theirs.section(SectionKind.NECESSITY).text == "甲的文本。"
    assert "第 2 版" in conflict.message
    assert [v.number for v in bob.history(draft_id)] == [1, 2]
    assert bob.latest(draft_id).draft.section(SectionKind.NECESSITY).text == "甲的文本。"
    alice.close()
    bob.close()


def test_concurrent_saves_on_one_parent_exactly_one_wins(store_url, rules_draft):
    setup = DraftStore(store_url)
    draft_id = setup.create(rules_draft, owner="setup").draft_id
    outcomes: list[str] = []

    def save(n: int) -> None:
        own = DraftStore(store_url)
        try:
            own.save(
                draft_id, _edited(rules_draft, SectionKind.NECESSITY, f"第{n}人"), expected_parent=1, author=f"u{n}"
            )
            outcomes.append("saved")
        except DraftConflict:
            outcomes.append("conflict")
        finally:
            own.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 5 + ["saved"]
    assert [v.number for v in setup.history(draft_id)] == [1, 2]
    setup.close()


def test_restore_makes_an_old_version_latest_again(store, rules_draft):
    draft_id = store.create(rules_draft, owner="张三").draft_id
    store.save(draft_id, _edited(rules_draft, SectionKind.NECESSITY, "改过。"), expected_parent=1, author="张三")
    info = store.restore(draft_id, 1, expected_parent=2, author="张三")
    restored = store.latest(draft_id)
    assert (info.number, info.parent, info.action) == (3, 2, Action.RESTORE)
    assert restored.draft == rules_draft and restored.fields == store.get(draft_id, 1).fields
    assert store.get(draft_id, 2).draft.section(SectionKind.NECESSITY).text == "改过。"


def test_numbers_no_database_can_hold_are_not_found_not_overflows(store, rules_draft):
    draft_id = store.create(rules_draft, owner="张三").draft_id
    huge = 10**20
    calls = [
        lambda: store.latest(huge),
        lambda: store.get(draft_id, huge),
        lambda: store.history(huge),
        lambda: store.proposal(draft_id, huge),
        lambda: store.diff(draft_id, 1, huge),
        lambda: store.restore(draft_id, 1, expected_parent=huge, author="张三"),
        lambda: store.save(huge, rules_draft, expected_parent=1, author="张三"),
        lambda: store.get(draft_id, -huge),
    ]
    for call in calls:
        with pytest.raises(DraftNotFound, match=str(huge)):
            call()
    assert store.latest(draft_id).number == 1  # nothing was written


def test_diff_lists_changed_fields(store, rules_draft):
    draft_id = store.create(rules_draft, owner="张三").draft_id
    fewer = _edited(rules_draft, SectionKind.NECESSITY, "新文本。").model_copy(
        update={"indicators": rules_draft.indicators[:-1]}
    )
    store.save(draft_id, fewer, expected_parent=1, author="张三")
    changes = {c.path: c for c in store.diff(draft_id, 1, 2)}
    last = len(rules_draft.indicators)
    assert changes[NEED].after == "新文本。" and changes[NEED].label == SectionKind.NECESSITY.label
    gone = changes[f"indicator.{last}"]  # the deleted row, once, whole
    assert gone.after is None and rules_draft.indicators[-1].name in (gone.before or "") and "删除" in gone.label
    assert set(changes) == {NEED, f"indicator.{last}"}


def test_locks_and_owners(store, rules_draft):
    mine = store.create(rules_draft, owner="张三").draft_id
    store.create(rules_draft, owner="李四")
    store.set_locked(mine, [NEED], expected_parent=1, author="张三")
    latest = store.latest(mine)
    assert latest.info.action is Action.LOCK and latest.fields[NEED].locked and NEED in latest.protected_paths()
    assert [d.id for d in store.list_drafts(owner="张三")] == [mine]
    assert {d.owner for d in store.list_drafts()} == {"张三", "李四"}
    with pytest.raises(DraftNotFound):
        store.get(mine, 9)
    with pytest.raises(DraftNotFound):
        store.latest(999)


def test_saved_json_drafts_import(store, rules_draft, tmp_path):
    path = tmp_path / "draft.json"
    path.write_text(rules_draft.model_dump_json(indent=2), encoding="utf-8")
    info = store.import_file(path, owner="张三")
    assert info.action is Action.IMPORT and store.latest(info.draft_id).draft == rules_draft
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "shenbao-draft/1", "brief": {}}), encoding="utf-8")
    with pytest.raises(InputError, match="broken.json 不是完整的草稿"):
        store.import_file(broken, owner="张三")


def test_schema_is_migrated_on_open_and_too_new_is_refused(store_url):
    store = DraftStore(store_url)
    with store.engine.begin() as conn:
        assert conn.scalar(text("select version_num from alembic_version")) == head_revision()
        conn.execute(text("update alembic_version set version_num = '9999_future'"))
    store.close()
    with pytest.raises(StoreError, match="更新版本"):
        DraftStore(store_url)


def test_sqlite_is_wal_with_foreign_keys(tmp_path):
    store = DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}")
    with store.engine.connect() as conn:
        assert conn.scalar(text("pragma journal_mode")) == "wal"
        assert conn.scalar(text("pragma foreign_keys")) == 1
    store.close()


def test_corrupt_sqlite_file_is_a_chinese_error_naming_it(tmp_path):
    path = tmp_path / "drafts.db"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreError) as caught:
        DraftStore(f"sqlite:///{path}")
    assert str(path) in caught.value.message and "已损坏" in caught.value.message


_KILLED_SAVE = """
import sys, time
from sqlalchemy import Engine, event
from assistant.drafting.models import Draft
from assistant.store import DraftStore

store = DraftStore(sys.argv[1])
draft = Draft.model_validate_json(open(sys.argv[2], encoding="utf-8").read())
sent = []

@event.listens_for(Engine, "before_cursor_execute")
def _watch(conn, cursor, statement, *args):
    sent.append(statement.split("(")[0].strip())

@event.listens_for(Engine, "commit")
def _hang(conn):
    if "INSERT INTO field_provenance" in sent:  # every row of the save is sent; only the commit is missing
        print("MID-SAVE", flush=True)
        time.sleep(120)

store.save(1, draft, expected_parent=1, author="doomed")
"""


def test_process_killed_mid_save_leaves_previous_version_intact(store_url, rules_draft, tmp_path):
    store = DraftStore(store_url)
    draft_id = store.create(rules_draft, owner="张三").draft_id
    assert draft_id == 1
    doomed = tmp_path / "doomed.json"
    doomed.write_text(
        _edited(rules_draft, SectionKind.NECESSITY, "不该留下的文本。").model_dump_json(), encoding="utf-8"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_SAVE, store_url, str(doomed)], stdout=subprocess.PIPE, cwd=REPO, text=True
    )
    try:
        assert child.stdout.readline().strip() == "MID-SAVE"
    finally:
        child.kill()
        child.wait()
    assert store.head(draft_id) == 1 and [v.number for v in store.history(draft_id)] == [1]
    assert store.latest(draft_id).draft == rules_draft
    assert store.save(draft_id, rules_draft, expected_parent=1, author="张三").number == 2  # nothing left locked
    store.close()


def test_killed_sqlite_database_passes_integrity_check(tmp_path, rules_draft):
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    test_process_killed_mid_save_leaves_previous_version_intact(url, rules_draft, tmp_path)
    with sqlite3.connect(tmp_path / "drafts.db") as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


def test_a_file_that_is_a_latest_version_is_found(store, rules_draft, tmp_path):
    draft_id = store.create(rules_draft, owner="张三").draft_id
    path = tmp_path / "draft.json"
    path.write_text(rules_draft.model_dump_json(indent=2), encoding="utf-8")
    assert store.find_latest(read_draft_file(path)) == draft_id
    store.save(draft_id, _edited(rules_draft, SectionKind.NECESSITY, "改了。"), expected_parent=1, author="张三")
    assert store.find_latest(rules_draft) is None


def test_an_unreachable_server_is_named_without_its_password():
    with pytest.raises(StoreError) as caught:
        DraftStore("postgresql+psycopg://team:secret@127.0.0.1:1/shenbao")
    assert "无法连接草稿库" in caught.value.message and "127.0.0.1:1/shenbao" in caught.value.message
    assert "secret" not in str(caught.value)
