"""Red team rt8 R8: a numeric target whose number cannot be read (``≥1,200.5.3(次)``) is refused at the edit instead
of being saved as a qualitative value that no self-evaluation can score. The real CLI on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app
from assistant.domain.values import mistyped_number


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


@pytest.mark.parametrize("text", ["≥1,200.5.3(次)", "≥1..2(个)", "＞1e3(次)", "=9.9.9（%）"])
def test_a_mistyped_numeric_target_is_refused_at_the_edit(data_dir: Path, text: str) -> None:
    _ok(["draft", "--example"])
    before = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    refused = runner.invoke(app, ["drafts", "edit", "1", "--field", "indicator.1.value", text])
    assert refused.exit_code == 2 and "数字无法读取" in refused.output and "Traceback" not in refused.output
    after = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    assert after == before  # nothing saved


def test_a_readable_numeric_or_a_qualitative_value_is_still_saved(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    _ok(["drafts", "edit", "1", "--field", "indicator.1.value", "≥1200(次)"])
    _ok(["drafts", "edit", "1", "--field", "indicator.2.value", "按时完成年度运维报告"])
    rows = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]["indicators"]
    assert rows[0]["value"]["number"] is not None and rows[1]["value"]["kind"] == "qualitative"


@pytest.mark.parametrize("text", ["≥1200(次)", "=100(%)", "≥90%", "按时完成", "2027年12月(前)", "≥ 1200 (次)"])
def test_readable_and_qualitative_values_are_not_called_mistyped(text: str) -> None:
    assert not mistyped_number(text)
