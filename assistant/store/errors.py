"""Errors of the draft store: what happened, in Chinese, and what to do."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from sqlalchemy import exc as sa_exc

from assistant.drafting.models import Draft
from assistant.errors import AssistantError

_log = logging.getLogger(__name__)

# SQLite's primary result codes (an extended code keeps its primary one in the low byte).
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 10, 11, 13, 26
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_CANTOPEN = 5, 6, 8, 14
NEARLY_FULL_BYTES = 1 << 20  # under 1 MB free: a "disk I/O error" is taken for a full disk


class StoreError(AssistantError):
    """The draft store cannot be opened or used (corrupt or too-new database, unreachable server)."""


class DraftNotFound(StoreError):
    """No draft, or no version of it, with the given number."""


class DraftConflict(StoreError):
    """A save against a version that is no longer the latest: nothing was written.

    ``mine`` is the draft the caller tried to save (on top of ``expected``); ``theirs`` is the latest
    saved draft (version ``actual``). Both texts are kept so that the caller can merge by hand.
    """

    def __init__(
        self, *, draft_id: int, expected: int, actual: int, mine: Draft, theirs: Draft, by_others: bool = True
    ) -> None:
        saved = f"已被他人保存为第 {actual} 版" if by_others else f"已有更新的第 {actual} 版（你自己保存的）"
        super().__init__(
            f"草稿 {draft_id} {saved}，你的修改基于第 {expected} 版，未保存",
            hint=f"请查看最新版本（assistant drafts show {draft_id}），在其上重新修改后再保存",
        )
        self.draft_id = draft_id
        self.expected = expected
        self.actual = actual
        self.mine = mine
        self.theirs = theirs


def sqlite_code(error: BaseException | None) -> int | None:
    """The primary SQLite result code of a ``sqlite3`` error (``SQLITE_FULL`` for "database or disk is full"), or
    None for another error."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def disk_failure(where: str, error: BaseException | None) -> StoreError | None:
    """A `StoreError` for a store that could not be written or read because of its disk (full, or an I/O error),
    saying in Chinese that the file is not damaged and nothing was saved; None when ``error`` is another failure.
    ``where``: the store's file (its folder is checked for free space), as messages name it."""
    code = sqlite_code(error)
    if code not in (SQLITE_FULL, SQLITE_IOERR):
        return None
    _log.info("draft store %s: %s", where, error)
    if code == SQLITE_FULL or _free_bytes(where) < NEARLY_FULL_BYTES:
        return StoreError(
            f"磁盘空间已满，未保存：草稿库 {where} 所在的磁盘没有剩余空间，本次操作未完成（草稿库文件没有损坏，已保存的草稿都还在）",
            hint="请清理磁盘后重试；不要删除或改名草稿库文件",
        )
    return StoreError(
        f"读写草稿库 {where} 时磁盘出错，本次操作未完成、未保存（这通常是磁盘空间或写入权限的问题，不表示草稿库已损坏）",
        hint="请检查该文件所在磁盘的剩余空间和写入权限后重试；不要删除或改名草稿库文件",
    )


def access_failure(where: str, error: BaseException | None) -> StoreError | None:
    """A `StoreError` for a store that is fine but cannot be used now: locked by another program (SQLITE_BUSY /
    SQLITE_LOCKED), read-only, or not openable (permissions, a missing folder). Never says "damaged", never advises
    renaming the file; None when ``error`` is another failure. ``where``: the store's file, as messages name it."""
    code = sqlite_code(error)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        _log.info("draft store %s busy: %s", where, error)
        return StoreError(
            f"另一个程序正在使用草稿库 {where}（已锁定），本次操作未完成、未保存（草稿库没有损坏，已保存的草稿都还在）",
            hint="请稍后重试；若一直如此，请关闭正在使用该文件的其他程序（如另一个申报助手、数据库工具或备份程序）",
        )
    if code == SQLITE_READONLY:
        _log.info("draft store %s read-only: %s", where, error)
        return StoreError(
            f"草稿库 {where} 是只读的，无法保存，本次操作未完成（草稿库没有损坏）",
            hint="请检查该文件及其所在文件夹的写入权限后重试；不要删除或改名草稿库文件",
        )
    if code == SQLITE_CANTOPEN:
        _log.info("draft store %s cannot open: %s", where, error)
        return StoreError(
            f"无法打开草稿库 {where}，本次操作未完成（通常是文件夹不存在或没有读写权限，不表示草稿库已损坏）",
            hint="请检查该文件所在文件夹是否存在、是否有读写权限后重试；不要删除或改名草稿库文件",
        )
    return None


UNREACHABLE = "草稿库暂时无法连接（数据库服务没有响应），本次操作未完成、未保存"
UNREACHABLE_HINT = "请稍后再试；若一直如此，请联系管理员确认数据库服务已启动"
_UNREACHABLE = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.InvalidatePoolError)


def unreachable(error: BaseException) -> StoreError | None:
    """A Chinese `StoreError` for a database server that went away or cannot be reached (SQLAlchemy's connection
    errors: OperationalError, InterfaceError, pool invalidation, pool timeout); None for any other error."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, (*_UNREACHABLE, sa_exc.TimeoutError)):
        _log.warning("draft store unreachable: %s", error)
        return StoreError(UNREACHABLE, hint=UNREACHABLE_HINT)
    return None


def damage_reason(error: BaseException | None) -> str:
    """What is wrong with a store file SQLite refused, in Chinese (the English detail goes to the log)."""
    _log.info("draft store refused: %s", error)
    code = sqlite_code(error)
    if code == SQLITE_NOTADB:
        return "该文件不是数据库文件"
    if code == SQLITE_CORRUPT:
        return "文件内容已损坏，无法读取"
    return "无法按数据库读取该文件"


def _free_bytes(where: str) -> int:
    folder = Path(where).parent
    try:
        return shutil.disk_usage(folder if folder.is_dir() else Path.cwd()).free
    except OSError:
        return NEARLY_FULL_BYTES  # cannot even look: as if full
