"""A folder as found on a share: beside the forms, a link whose file was moved, a named pipe, a link to a device,
a directory with a form's name. ``check DIR`` and ``corpus build --from DIR`` list each with why and exit 1;
none is opened (a pipe would block, /dev/zero would never end), so the real CLI runs under a time limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FORM = REPO / "tests" / "fixtures" / "real_pages" / "10_jinzhai_kaifaqu_wuye.txt"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")


@pytest.fixture()
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copy(FORM, folder / "a.txt")
    (folder / "moved.txt").symlink_to(tmp_path / "gone" / "moved.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.docx").symlink_to("/dev/zero")
    (folder / "folder.xlsx").mkdir()
    (folder / "notes.md").symlink_to(tmp_path / "gone" / "notes.md")  # not a declaration's name: not listed
    return folder


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "ASSISTANT_CORPUS__CORPUS_DIR": str(tmp_path / "corpus"),
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env, timeout=120, cwd=REPO
    )


WHY = {
    "moved.txt": "指向的文件不存在",
    "pipe.txt": "命名管道（FIFO）",
    "zero.docx": "设备文件",
    "folder.xlsx": "是一个目录",
}


def test_check_dir_lists_each_entry_it_cannot_read_and_exits_1(share, tmp_path):
    result = _run(tmp_path, "check", str(share), "--json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name, why in WHY.items():
        line = next(line for line in result.stderr.splitlines() if line.startswith(f"无法读取 {name}："))
        assert why in line
    assert "notes.md" not in result.stderr
    assert "物业管理" in result.stdout  # the readable form is still checked


def test_corpus_build_from_dir_reports_each_entry_it_cannot_read(share, tmp_path):
    result = _run(tmp_path, "corpus", "build", "--from", str(share))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    for name, why in WHY.items():
        assert name in out and why in out
    assert sorted(p.name for p in (tmp_path / "corpus" / "raw").iterdir()) == ["a.txt"]


def test_a_pipe_named_on_the_command_line_is_refused_not_opened(share, tmp_path):
    result = _run(tmp_path, "check", str(share / "pipe.txt"))
    assert result.returncode != 0
    assert "命名管道（FIFO）" in result.stdout + result.stderr


def test_corpus_build_lists_a_pipe_in_corpus_raw_and_a_pipe_there_is_never_compared(share, tmp_path):
    raw = tmp_path / "corpus" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(FORM, raw / "kept.txt")
    os.mkfifo(raw / "stuck.txt")
    result = _run(tmp_path, "corpus", "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "stuck.txt" in result.stdout + result.stderr and "命名管道（FIFO）" in result.stdout + result.stderr
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    shutil.copy(FORM, incoming / "stuck.txt")  # the same name as the pipe in corpus/raw: refused, not read
    clash = _run(tmp_path, "corpus", "build", "--from", str(incoming / "stuck.txt"))
    assert clash.returncode != 0 and "同名但内容不同" in clash.stdout + clash.stderr
