"""Output files named on the command line (``-o``): checked before any work is done, so a wrong path costs
nothing and no draft is saved only to fail at the last step."""

from __future__ import annotations

import errno
from pathlib import Path

from assistant.errors import InputError, describe_os_error

_HINT = "请换一个可以写入的输出路径（如当前目录下的文件名），或检查该目录的写入权限"


def check_writable(path: Path | None) -> None:
    """`InputError` naming ``path`` when it cannot be written; nothing is left behind by the check."""
    if path is None:
        return
    if path.is_dir():
        raise InputError(
            f"输出路径 {path} 是一个目录，不是文件", hint=f"请在目录后加上文件名，如 {path / 'draft.json'}"
        )
    if not path.parent.is_dir():
        raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建该目录，或换一个输出路径")
    try:
        _probe(path)
    except OSError as exc:
        reason = "该位置不允许新建文件" if exc.errno == errno.ENOENT else describe_os_error(exc)  # e.g. under /proc
        raise InputError(f"无法写入输出文件 {path}：{reason}", hint=_HINT) from exc


def _probe(path: Path) -> None:
    """Open for writing without changing anything: an existing file is not truncated, a new one is removed."""
    if path.exists():
        with path.open("r+b"):
            return
    with path.open("xb"):
        pass
    path.unlink()
