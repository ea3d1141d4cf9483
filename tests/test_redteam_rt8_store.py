"""Red team rt8 R4: a store whose tables are intact but whose Alembic stamp is gone is not "damaged".

Before the fix, opening it ran the migrations from 0001, ``CREATE TABLE`` failed ("already exists") and the user was
told the file was 已损坏 and to rename it (an empty store, their drafts seemingly lost). The stores here are real
SQLite files and real PostgreSQL databases (``store_url``), built by the product's own migrations.
"""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from store_support import postgres_server, rules_draft, store_url  # noqa: F401 - fixtures

from assistant.store import DraftStore, StoreError
from assistant.store.schema import _alembic_config, head_revision


def _stamp(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(text("select version_num from alembic_version"))
    finally:
        engine.dispose()


def _run(url: str, *sql: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in sql:
                conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.mark.parametrize("how", ["delete from alembic_version", "drop table alembic_version"])
def test_a_store_without_its_stamp_is_stamped_and_keeps_its_drafts(store_url, rules_draft, how):
    store = DraftStore(store_url)
    draft_id = store.create(rules_draft, owner="张三").draft_id
    store.close()
    _run(store_url, how)
    reopened = DraftStore(store_url)  # was StoreError 已损坏 …（table … already exists）
    try:
        assert reopened.latest(draft_id).draft == rules_draft
    finally:
        reopened.close()
    assert _stamp(store_url) == head_revision()


def test_an_older_store_without_its_stamp_is_stamped_at_its_revision_and_upgraded(store_url):
    engine = create_engine(store_url)
    with engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        conn.execute(text("insert into users (name, created_at) values ('李四', CURRENT_TIMESTAMP)"))
        conn.execute(text("delete from alembic_version"))
    engine.dispose()
    DraftStore(store_url).close()
    assert _stamp(store_url) == head_revision()
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.scalar(text("select name from users")) == "李四"
        assert conn.scalar(text("select count(*) from cycle_forms")) == 0  # 0004's table, created by the upgrade
    engine.dispose()


def test_an_unstamped_store_matching_no_revision_is_refused_as_intact_not_damaged(store_url):
    DraftStore(store_url).close()
    _run(store_url, "drop table alembic_version", "alter table users add column nickname varchar(20)")
    with pytest.raises(StoreError) as caught:
        DraftStore(store_url)
    message = caught.value.message + (caught.value.hint or "")
    assert "没有结构版本记录" in message and "没有损坏" in message and "不要删除" in message
    assert "已损坏" not in message and "新建一个空的草稿库" not in message
    _run(store_url, "select count(*) from users")  # untouched
