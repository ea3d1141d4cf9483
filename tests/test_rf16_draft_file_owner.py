"""``assistant draft --draft FILE.json`` continues only a draft of the user's own whose latest version the file is,
else imports the file as a new draft of the user's, and says which (red team rt13 #5: it continued whichever owner's
draft had the same content, so one officer's file led into a colleague's draft in a shared store). The real CLI on a
real SQLite store, two users by ``ASSISTANT_STORE__USER``."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli.main import app
from tests.cli_support import cli_env, runner


def _as(user: str, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> str:
    monkeypatch.setenv("ASSISTANT_STORE__USER", user)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_another_owners_identical_draft_is_not_continued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_env(tmp_path, monkeypatch)
    mine = tmp_path / "zhang.json"
    _as("张三", monkeypatch, ["draft", "--example", "--llm", "none", "-o", str(mine)])  # 张三's draft 1 = the file

    said = _as("李四", monkeypatch, ["draft", "--draft", str(mine), "--indicators", "--llm", "none"])
    assert "已导入为新草稿 2" in said, said
    assert "草稿 1" not in said.replace("新草稿 1", ""), said

    said = _as("张三", monkeypatch, ["draft", "--draft", str(mine), "--indicators", "--llm", "none"])
    assert "与你的草稿 1 的最新版相同，在草稿 1 上继续" in said, said


def test_a_file_matching_none_of_the_users_drafts_is_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_env(tmp_path, monkeypatch)
    mine = tmp_path / "d.json"
    _as("张三", monkeypatch, ["draft", "--example", "--llm", "none", "-o", str(mine)])
    _as("张三", monkeypatch, ["drafts", "edit", "1", "--field", "必要性", "人工写的必要性。"])  # file now stale
    said = _as("张三", monkeypatch, ["draft", "--draft", str(mine), "--indicators", "--llm", "none"])
    assert "已导入为新草稿 2" in said, said
