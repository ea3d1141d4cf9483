"""nu10 item 11: `drafts show` numbers the indicator rows as `--delete-row` counts them (row R is the R-th row)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import cli_env
from cli_support import ok as _ok

from assistant.services import build_services
from assistant.settings import load_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _numbered(output: str, name: str) -> int | None:
    """The number in the ``#`` cell of the row naming ``name`` (rich table: ``│ 3 │ … │ name …``)."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 4 and cells[4] == name and cells[1].isdigit():
            return int(cells[1])
    return None


def test_show_numbers_rows_and_delete_row_removes_that_row(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    with build_services(load_settings()) as services:
        names = [i.name for i in services.store.latest(1).draft.indicators]
    shown = _ok(["drafts", "show", "1"]).output
    third = names[2]
    assert _numbered(shown, third) == 3, shown
    _ok(["drafts", "edit", "1", "--delete-row", "3"])
    again = _ok(["drafts", "show", "1"]).output
    assert _numbered(again, third) is None and _numbered(again, names[3]) == 3
    assert re.search(r"绩效指标（\d+ 项）", again)
