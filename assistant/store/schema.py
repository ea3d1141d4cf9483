"""Open the store's database: an engine with the right pragmas, and the schema brought up to date.

Migrations (Alembic, forward-only) ship inside the package and run on open, in one transaction. A
database written by a newer release (an unknown revision), a file that is not a database, or a
server that does not answer is a `StoreError` naming the file or server, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from assistant.store.errors import StoreError, access_failure, damage_reason, disk_failure
from assistant.store.unstamped import stamp_unversioned

SQLITE_BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def describe(url: str) -> str:
    """The file of a SQLite URL, else the URL without its password: what an error message names."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "handle_error", _disk_errors)
    return engine


def _disk_errors(context: ExceptionContext) -> None:
    """A full disk, a disk I/O error, a store locked by another program or a read-only one, during any statement,
    becomes the Chinese `StoreError` that says so (never the "damaged" message, nor an internal error); other errors
    are left to SQLAlchemy."""
    where = describe(str(context.engine.url)) if context.engine else ""
    failure = disk_failure(where, context.original_exception) or access_failure(where, context.original_exception)
    if failure is not None:
        raise failure


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "assistant.store:migrations")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine, *, url: str) -> None:
    """Bring the schema to the newest revision this release knows; refuse a newer database.

    On SQLite the migration runs on its own engine whose transactions are real ones (``BEGIN IMMEDIATE``):
    Python's sqlite3 module otherwise commits each ``CREATE TABLE`` on its own, so a process killed while
    creating the schema left tables without their revision stamp, and the next open refused the file as
    damaged ("table users already exists"). See SQLAlchemy's SQLite dialect notes, "Serializable isolation /
    Savepoints / Transactional DDL". ``IMMEDIATE`` also makes two processes opening a new store at once wait
    for each other instead of both migrating.
    """
    if make_url(url).get_backend_name() == "sqlite":
        if _at_head(engine, url=url):
            return  # nothing to migrate: a plain read, so a writer in another process does not block the open
        migrating = create_store_engine(url)
        event.listen(migrating, "connect", _no_implicit_begin)
        event.listen(migrating, "begin", _begin_immediate)
        try:
            _upgrade(migrating, url=url)
        finally:
            migrating.dispose()
        return
    _upgrade(engine, url=url)


def _at_head(engine: Engine, *, url: str) -> bool:
    """Whether the store's schema is already at this release's head, read without a write lock (in WAL mode a
    reader does not wait for a writer; ``BEGIN IMMEDIATE`` on every open made each read wait for any write, red team
    rt7 finding 9). A newer schema is refused here as in `_upgrade`."""
    known = {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise _unreachable(url, exc) from exc
    except DatabaseError as exc:
        raise _corrupt(url, exc) from exc
    if current is not None and current not in known:
        raise _too_new(url, current)
    return current == head_revision()


def _no_implicit_begin(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _upgrade(engine: Engine, *, url: str) -> None:
    config = _alembic_config()
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    try:
        with engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current is not None and current not in known:
                raise _too_new(url, current)
            if current is None:  # tables without a stamp are stamped with the revision they match (never re-created)
                current = stamp_unversioned(connection, _alembic_config, describe(url))
            if current != head_revision():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except OperationalError as exc:
        raise _unreachable(url, exc) from exc
    except DatabaseError as exc:
        raise _corrupt(url, exc) from exc


def _too_new(url: str, revision: str) -> StoreError:
    return StoreError(
        f"草稿库 {describe(url)} 由更新版本的申报助手创建（结构版本 {revision}），本程序无法安全读写",
        hint="请升级申报助手后再打开；或在设置 ASSISTANT_STORE__URL 中改用另一个草稿库",
    )


def _corrupt(url: str, exc: DatabaseError) -> StoreError:
    disk = disk_failure(describe(url), exc.orig) or access_failure(describe(url), exc.orig)
    if disk is not None:
        return disk
    return StoreError(
        f"草稿库 {describe(url)} 已损坏或不是数据库文件（{damage_reason(exc.orig)}）",
        hint="请从备份恢复该文件；或把它改名保存后重新运行，程序会新建一个空的草稿库",
    )


def _unreachable(url: str, exc: OperationalError) -> StoreError:
    if make_url(url).get_backend_name() == "sqlite":
        return _corrupt(url, exc)
    return StoreError(
        f"无法连接草稿库 {describe(url)}（{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}）",
        hint="请确认数据库服务已启动、地址与账号正确（设置项 ASSISTANT_STORE__URL）",
    )
