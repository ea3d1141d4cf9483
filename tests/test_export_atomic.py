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
    temporary = tmp_path / "tmp"  # the system's temporary folder for the run: nothing may be written there
    temporary.mkdir()
    for name in ("A.json", "new.docx", "new.xlsx"):  # the workbook's sheets too are made in memory, not in /tmp
        done = subprocess.run(
            [*command, str(out / name)],
            env=env | {"TMPDIR": str(temporary)},
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limit_file_size(4096),
        )
        assert done.returncode != 0, done.stdout + done.stderr
        assert "无法写入" in done.stderr and "文件超过系统允许的大小" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["A.json"] and not list(temporary.iterdir())
    assert (out / "A.json").read_bytes() == previous


def test_an_excel_export_writes_no_temporary_file_and_reads_as_openpyxl_wrote_it(tmp_path, monkeypatch):
    """openpyxl writes each sheet to a file under the system's temporary folder before zipping it; the exports make
    every part in memory instead (`assistant/office/xlsx_memory.py`): with no usable temporary folder the Excel
    export still works, and the file holds what openpyxl's own save writes (values, merged cells, widths)."""
    import tempfile

    import openpyxl

    from assistant.office.xlsx_memory import in_memory
    from assistant.outfile import save_whole

    decl = CORPUS.get("2023-003-01")
    reference = export_declaration(decl, ExportFormat.XLSX, tmp_path / "reference.xlsx")
    book = openpyxl.load_workbook(reference)
    book.save(tmp_path / "openpyxl.xlsx")  # openpyxl's own save, temporary files and all
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    with pytest.raises(OSError):
        book.save(tmp_path / "fails.xlsx")  # openpyxl's own save needs the temporary folder
    path = export_declaration(decl, ExportFormat.XLSX, tmp_path / "A.xlsx")
    save_whole(in_memory(book), tmp_path / "again.xlsx")
    assert not (tmp_path / "no-such-folder").exists()
    for made in (path, tmp_path / "again.xlsx"):
        mine, theirs = openpyxl.load_workbook(made).active, openpyxl.load_workbook(tmp_path / "openpyxl.xlsx").active
        assert [[c.value for c in r] for r in mine.iter_rows()] == [[c.value for c in r] for r in theirs.iter_rows()]
        assert sorted(map(str, mine.merged_cells.ranges)) == sorted(map(str, theirs.merged_cells.ranges))
        assert {k: d.width for k, d in mine.column_dimensions.items()} == {
            k: d.width for k, d in theirs.column_dimensions.items()
        }
