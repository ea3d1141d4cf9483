"""Text from a file or a draft never drives the terminal: `drafts show` makes escape sequences visible, and rich
markup in the text is shown as written (real CLI, real store in tmp_path, a draft JSON imported as a user would)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    return tmp_path / "data"


def _ok(args: list[str]):  # noqa: ANN202 - click Result
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def test_drafts_show_makes_control_characters_visible(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    _ok(["draft", "--example", "-o", str(out)])
    payload = json.loads(out.read_text(encoding="utf-8"))
    payload["sections"][0]["text"] = "清屏\x1b[2J响铃\x07[bold]标记[/bold]\x9b31m结束"
    payload["indicators"][0]["name"] = "指标\x1b]0;标题\x07名"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    _ok(["drafts", "import", str(hostile)])
    shown = _ok(["drafts", "show", "2"]).output
    assert not any(char in shown for char in "\x1b\x07\x9b")
    assert "清屏␛[2J响铃␇[bold]标记[/bold]\\x9b31m结束" in shown  # visible, and the markup as written
    assert "指标␛]0;标题␇名" in shown.replace("\n", "").replace("│", "").replace(" ", "")
