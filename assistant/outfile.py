"""Writing a file the user asked for (an export, a draft's JSON) so that a failure never destroys the file already
there nor leaves a half or empty one: the whole content is made in memory, written to a hidden temporary file in the
same folder, flushed to disk, then renamed over the target (atomic on one file system). On any error the temporary
file is removed and the target is as it was; the error is a Chinese `InputError` naming the file and why.
"""

from __future__ import annotations

import io
import os
import secrets
from pathlib import Path
from typing import Protocol

from assistant.errors import InputError, describe_os_error

WRITE_HINT = "请检查磁盘空间和写入权限，并关闭在 Word/Excel 中打开的同名文件；原有的同名文件未被改动"


def write_whole(path: Path, data: bytes | str) -> Path:
    """``data`` (text is written as UTF-8) as the new content of ``path``, all or nothing; ``path`` returned.

    Errors: `InputError` when the folder does not exist or the file cannot be written (disk full, no permission,
    a directory of that name): the previous file of that name, if any, is unchanged and no partial file is left.
    """
    if not path.parent.is_dir():
        raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建目录，或换一个输出路径")
    content = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".{path.name[:100]}.{secrets.token_hex(4)}.partial")
    try:
        with open(temporary, "xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        _remove(temporary)
        raise InputError(f"无法写入 {path}：{describe_os_error(exc)}", hint=WRITE_HINT) from exc
    except BaseException:
        _remove(temporary)
        raise
    return path


class Saveable(Protocol):
    """A python-docx ``Document`` or an openpyxl ``Workbook``: saves itself to a binary file object."""

    def save(self, file: io.BytesIO) -> None: ...


def save_whole(document: Saveable, path: Path) -> Path:
    """A Word document or Excel workbook saved to ``path`` all or nothing (`write_whole`): it is made in memory first,
    so a full disk never leaves half a zip behind (nor the zip module's traceback at exit). Errors as `write_whole`."""
    buffer = io.BytesIO()
    document.save(buffer)
    return write_whole(path, buffer.getvalue())


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # nothing more to do: the name is hidden and says .partial
