"""An export of a draft the review still finds errors in says so in Chinese and still writes the file (new-user
trial 2026-12-07 06h, P10); a clean draft's export says nothing more. Real CLI, temp data dir, rules only."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import cli_env
from cli_support import ok as _ok

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu8"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def test_an_export_with_open_review_errors_warns_and_still_writes(data_dir: Path, tmp_path: Path) -> None:
    drafted = _ok(["draft", str(BRIEFS / "v7_books_open_errors.yaml"), "--llm", "none"]).output
    assert "错误 2 条" in drafted, drafted
    word, sheet = tmp_path / "books.docx", tmp_path / "books.xlsx"
    for args, path in ((["export", "1", "-o", str(word)], word), (["drafts", "export", "1", "-o", str(sheet)], sheet)):
        out = _ok(args).output
        assert "注意：该草稿的审核仍有 2 条错误" in out and "BUDGET-LINES-SUM" in out, out
        assert path.stat().st_size > 0


def test_a_clean_draft_exports_without_a_warning(data_dir: Path, tmp_path: Path) -> None:
    drafted = _ok(["draft", str(BRIEFS / "b2_elevator.yaml"), "--llm", "none"]).output
    assert "错误 0 条" in drafted, drafted
    out = _ok(["export", "1", "-o", str(tmp_path / "lift.docx")]).output
    assert "已导出" in out and "注意" not in out, out
