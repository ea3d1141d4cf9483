"""`assistant import` given a published 项目支出绩效自评表 says what it is and points to `selfeval import`, instead of
previewing it as a declaration with 0 indicators and twenty unplaced cells (new-user trial 2026-12-07, m-5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


@pytest.fixture(autouse=True)
def _data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize("name", ["selfeval_guichi_weituo.txt", "selfeval_qingshen_gongzi.txt"])
def test_a_self_evaluation_given_to_import_is_named_as_one(name: str) -> None:
    result = CliRunner().invoke(app, ["import", str(FOUND / name)])
    # refused either by the reader (nothing readable as a declaration: exit 2) or after it (rows read, but the
    # self-evaluation reader reads the file: exit 1); both name the file as a 自评表 and point to selfeval import
    assert result.exit_code in (1, 2), result.output
    assert "绩效自评表" in result.output and "selfeval import" in result.output, result.output
    assert "Traceback" not in result.output


def test_a_declaration_is_still_previewed() -> None:
    page = next(p for p in sorted((FOUND / "tune").glob("*.txt")))
    result = CliRunner().invoke(app, ["import", str(page)])
    assert "selfeval import" not in result.output, result.output
