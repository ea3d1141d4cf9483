"""A store whose tables are there but whose Alembic revision stamp is not (``alembic_version`` emptied or dropped:
a store restored by a tool that copied only the data tables, or made before stamps were kept).

Such a store is not damaged, and running the migrations from the first revision on it would fail with "table
already exists". Its tables and columns are compared with the schema each known revision leaves (the migrations
run on an in-memory SQLite database, once per process); the revision they match exactly is stamped and the usual
upgrade goes on from there. A store matching none is refused with a message that says its data is intact and that
it must not be replaced by an empty one (red team rt8 R4).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect

from assistant.store.errors import StoreError

Shape = dict[str, frozenset[str]]  # table name → its column names (alembic_version left out)


def shape_of(connection: Connection) -> Shape:
    """The tables and columns of the database behind ``connection``, without Alembic's own table."""
    found = inspect(connection)
    return {
        table: frozenset(column["name"] for column in found.get_columns(table))
        for table in found.get_table_names()
        if table != "alembic_version"
    }


@cache
def _known_shapes(config_of: Callable[[], Config]) -> tuple[tuple[str, Shape], ...]:
    """(revision, shape after it) for every known revision, oldest first."""
    scripts = list(reversed(list(ScriptDirectory.from_config(config_of()).walk_revisions())))
    engine = create_engine("sqlite://")
    shapes = []
    try:
        with engine.begin() as connection:
            for script in scripts:
                config = config_of()
                config.attributes["connection"] = connection
                command.upgrade(config, script.revision)
                shapes.append((script.revision, shape_of(connection)))
    finally:
        engine.dispose()
    return tuple(shapes)


def stamp_unversioned(connection: Connection, config_of: Callable[[], Config], where: str) -> str | None:
    """Stamp a store that has tables but no revision with the revision its tables match, and return it; None for
    an empty store (nothing to stamp: the migrations create it). Raises `StoreError` (data intact, do not rename
    it) when the tables match no known revision."""
    found = shape_of(connection)
    if not found:
        return None
    for revision, shape in _known_shapes(config_of):
        if shape == found:
            config = config_of()
            config.attributes["connection"] = connection
            command.stamp(config, revision)
            return revision
    raise StoreError(
        f"草稿库 {where} 中有数据表（{'、'.join(sorted(found))}），但没有结构版本记录（alembic_version），"
        "表结构也与本程序已知的各个版本都对不上，因此未作任何改动。文件没有损坏，其中的草稿和表单都还在",
        hint="请不要删除该文件，也不要改名后新建空库：先复制备份，再用创建它的申报助手版本打开，"
        "或请维护人员核对其结构版本；在此之前可在设置 ASSISTANT_STORE__URL 中改用另一个草稿库",
    )
