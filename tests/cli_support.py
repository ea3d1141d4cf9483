"""Shared set-up of the CLI tests: the real CLI (typer's runner) on a real SQLite store in a temp data dir, as the
user 张三, with no model."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assistant.cli.main import app

runner = CliRunner()


def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str | None = None) -> Path:
    """Point the CLI at ``tmp_path / "data"`` (drafts store, index) as 张三 with no model, and at ``today``
    (YYYY-MM-DD) when given; returns the data folder."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_STORE__USER", "张三")
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    if today:
        monkeypatch.setenv("ASSISTANT_TODAY", today)
    return tmp_path / "data"


def ok(args: list[str]) -> Result:
    """``assistant <args>`` run to a zero exit (the output is shown when it is not)."""
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result
