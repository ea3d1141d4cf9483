"""Red team rt8 R1: a .docx whose table rows are wide anywhere (not only the last row read) and the parse-note count.

The crafted files are built here from the real hand-filled fixture: its ``word/document.xml`` gets one table put in
front of the body. Reading runs in a child process under a 1.5 GiB address-space limit and a time limit, so a reader
that builds every cell fails the test instead of the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_support import docx_with_front

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.notes import MAX_NOTES_PER_CODE, summarised
from assistant.office.importer import import_office
from assistant.office.limits import MAX_COLUMNS

_ROOT = Path(__file__).resolve().parents[1]
_TC = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
_READ = """
import json, sys
from assistant.errors import InputError
from assistant.office.importer import import_office
from pathlib import Path
try:
    result = import_office(Path(sys.argv[1]))
    print(json.dumps({"notes": [len(d.parse_notes) for d in result.declarations]}))
except InputError as exc:
    print(json.dumps({"error": str(exc), "kind": type(exc).__name__}, ensure_ascii=False))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))


def _read(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit,
        cwd=_ROOT,
        env={"PYTHONPATH": str(_ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _row(cells: int, head: str = "") -> str:
    return "<w:tr>" + head + "".join(_TC.format(i % 10) for i in range(cells)) + "</w:tr>"


_SPAN = '<w:tc><w:tcPr><w:gridSpan w:val="{}"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
_TABLES: dict[str, Callable[[], str]] = {
    # one wide row first, then a narrow last row: the old check looked at the last row only
    "wide first row": lambda: "<w:tbl>" + _row(300_000) + _row(1) + "</w:tbl>",
    "wide middle row": lambda: "<w:tbl>" + _row(2) + _row(5_000) + _row(2) + "</w:tbl>",
    "one cell spanning two billion columns": lambda: (
        "<w:tbl><w:tr>" + _SPAN.format(2_000_000_000) + _TC.format("y") + "</w:tr>" + _row(1) + "</w:tbl>"
    ),
    "grid before": lambda: (
        '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="100000"/></w:trPr>'
        + _TC.format("z")
        + "</w:tr>"
        + _row(1)
        + "</w:tbl>"
    ),
    "nested table with a wide row": lambda: (
        "<w:tbl><w:tr><w:tc><w:tbl>" + _row(100_000) + _row(1) + "</w:tbl><w:p/></w:tc></w:tr>" + _row(1) + "</w:tbl>"
    ),
}


@pytest.mark.parametrize("case", list(_TABLES))
def test_a_wide_row_anywhere_is_refused_as_too_large(tmp_path: Path, case: str) -> None:
    result = _read(docx_with_front(tmp_path / "wide.docx", _TABLES[case]()))
    assert result.get("kind") == "TooLargeError", result
    assert "过大" in str(result["error"]) and f"{MAX_COLUMNS} 列" in str(result["error"])
    assert "损坏" not in str(result["error"]).replace("没有损坏", "")


def test_a_table_at_the_column_limit_still_reads(tmp_path: Path) -> None:
    table = "<w:tbl>" + _row(MAX_COLUMNS) + _row(1) + "</w:tbl>"
    [decl] = import_office(docx_with_front(tmp_path / "ok.docx", table)).declarations
    assert decl.header.name and decl.indicators


def test_parse_notes_of_one_kind_are_summarised_with_their_count(tmp_path: Path) -> None:
    # 400 rows x 50 cells of stray text in front of the form: thousands of notes of one kind before the fix
    table = "<w:tbl>" + "".join(_row(50) for _ in range(400)) + "</w:tbl>"
    [decl] = import_office(docx_with_front(tmp_path / "noisy.docx", table)).declarations
    codes: dict[str, int] = {}
    for note in decl.parse_notes:
        codes[note.code] = codes.get(note.code, 0) + 1
    assert max(codes.values()) <= MAX_NOTES_PER_CODE + 1, codes
    summaries = [n for n in decl.parse_notes if "未逐条列出" in n.message]
    assert summaries, codes
    assert all(n.level is not NoteLevel.INFO or "共" in n.message for n in summaries)


def test_summarised_keeps_the_first_notes_and_counts_the_rest() -> None:
    notes = [
        ParseNote(level=NoteLevel.WARNING if i % 2 else NoteLevel.INFO, code="unplaced.cell", message=f"m{i}")
        for i in range(20_001)
    ] + [ParseNote(level=NoteLevel.ERROR, code="other", message="x")]
    kept = summarised(notes)
    assert [n.message for n in kept[:MAX_NOTES_PER_CODE]] == [f"m{i}" for i in range(MAX_NOTES_PER_CODE)]
    [summary] = [n for n in kept if "未逐条列出" in n.message]
    assert "另有 19951 条" in summary.message and "共 20001 条" in summary.message
    assert summary.level is NoteLevel.WARNING
    assert len(kept) == MAX_NOTES_PER_CODE + 2
    assert summarised(notes[:10]) == notes[:10]
