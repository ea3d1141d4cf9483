"""A failed export leaves the previous file of that name as it was and no partial file (red team 2026-12-06 20h,
finding 5): every export is made whole, written to a hidden file in the same folder and renamed on success."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.errors import InputError
from assistant.services.export import ExportFormat, export_declaration

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Corpus.load(ROOT / "corpus")


def _disk_full(_fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")  # where a full disk reports a delayed write


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_a_full_disk_keeps_the_previous_file_and_leaves_nothing_new(tmp_path, monkeypatch, fmt):
    previous = export_declaration(CORPUS.get("2023-003-01"), fmt, tmp_path / f"A.{fmt.value}").read_bytes()
    monkeypatch.setattr(os, "fsync", _disk_full)
    for name in (f"A.{fmt.value}", f"new.{fmt.value}"):
        with pytest.raises(InputError, match="磁盘空间已满") as caught:
            export_declaration(CORPUS.get("2019-002-01"), fmt, tmp_path / name)
        assert "原有的同名文件未被改动" in (caught.value.hint or "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"A.{fmt.value}"]
    assert (tmp_path / f"A.{fmt.value}").read_bytes() == previous


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_the_cli_export_past_the_file_size_limit_is_a_message_not_a_traceback(tmp_path):
    """A real write failure (the process may not write past 4 KB): Chinese message, an error exit, old file intact."""
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "ASSISTANT_CORPUS__CORPUS_DIR": str(ROOT / "corpus"),
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
    }
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "assistant", "export", "2019-002-01", "-o"]
    first = [sys.executable, "-m", "assistant", "export", "2023-003-01", "-o", str(out / "A.json")]
    subprocess.run(first, env=env, check=True, capture_output=True, timeout=120)
    previous = (out / "A.json").read_bytes()
    for name in ("A.json", "new.docx"):  # (openpyxl writes its own temporary files, which the limit stops too)
        done = subprocess.run(
            [*command, str(out / name)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limit_file_size(4096),
        )
        assert done.returncode != 0, done.stdout + done.stderr
        assert "无法写入" in done.stderr and "文件超过系统允许的大小" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["A.json"]
    assert (out / "A.json").read_bytes() == previous
