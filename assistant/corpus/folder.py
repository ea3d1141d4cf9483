"""What a folder of declaration files holds: the files to read, and the entries that cannot be read and why.

A folder on a share or a desktop holds more than plain files: a link whose target was moved or deleted, a
named pipe (FIFO), a link to a device such as /dev/zero. Such an entry is never opened (a pipe would block
the reader forever, a device would never end): it is listed with the reason, so ``check DIR`` and
``corpus build --from DIR`` report it and exit 1 instead of passing over it in silence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FolderScan:
    """``files``: regular files to read, sorted; ``unreadable``: entry name → why it is not read (Chinese)."""

    files: list[Path] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)


_KINDS: list[tuple[Callable[[int], bool], str]] = [
    (stat.S_ISDIR, "是一个目录，不是文件"),
    (stat.S_ISFIFO, "是命名管道（FIFO），不是普通文件，未读取"),
    (stat.S_ISCHR, "是设备文件，不是普通文件，未读取"),
    (stat.S_ISBLK, "是设备文件，不是普通文件，未读取"),
    (stat.S_ISSOCK, "是套接字，不是普通文件，未读取"),
]


def why_not_readable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file without opening it, or None for a regular file that can be read."""
    try:
        mode = path.stat().st_mode  # follows links: a link to a pipe or a device is what it points to
    except FileNotFoundError:
        if path.is_symlink():
            return f"是一个链接，指向的文件不存在（{os.readlink(path)}），可能已被移动或删除"
        return "文件不存在"
    except OSError as exc:
        return f"无法访问（{exc.strerror}）"
    for test, why in _KINDS:
        if test(mode):
            return why
    if not stat.S_ISREG(mode):
        return "不是普通文件，未读取"
    if not os.access(path, os.R_OK):
        return "没有读取权限"
    return None


def scan_folder(folder: Path, wanted: Callable[[Path], bool]) -> FolderScan:
    """The entries directly in ``folder`` whose name ``wanted`` accepts (by suffix), sorted by name: readable
    regular files in ``files``, every other such entry in ``unreadable`` with the reason."""
    scan = FolderScan()
    for entry in sorted(folder.iterdir()):
        if not wanted(entry):
            continue
        why = why_not_readable(entry)
        if why is None:
            scan.files.append(entry)
        else:
            scan.unreadable[entry.name] = f"{why}；{HINT}"
    return scan


HINT = "请放入申报表文件本身（不是失效的链接、管道或设备），或把它移出该目录"
