"""`assistant drafts edit --add-row / --delete-row` through the real CLI on a real SQLite store in a temp data dir
(new user 2026-12-07: rows could be added and deleted only on the web page): each is a new version the history
shows, a person's other edits are kept, and bad input is a Chinese error that saves nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _draft() -> dict:
    return json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]


def _history() -> list[dict]:
    return json.loads(_ok(["drafts", "history", "1", "--json"]).stdout)


def _necessity(draft: dict) -> str:
    return next(s["text"] for s in draft["sections"] if s["kind"] == "necessity")


def test_a_row_is_deleted_as_a_new_version_and_other_edits_stay(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    _ok(["drafts", "edit", "1", "--field", "必要性", "人工写的必要性。"])
    before = _draft()["indicators"]
    gone = before[1]["name"]
    deleted = _ok(["drafts", "edit", "1", "--delete-row", "2"])
    assert f"已删除第 2 行“{gone}”" in deleted.output and "第 3 版" in deleted.output
    after = _draft()
    assert [r["name"] for r in after["indicators"]] == [r["name"] for r in before if r["name"] != gone]
    assert _necessity(after) == "人工写的必要性。"  # the person's other edit untouched
    history = _history()
    assert [v["version"] for v in history][-1] == 3 and history[-1]["parent"] == 2
    old = json.loads(_ok(["drafts", "show", "1", "--version", "2", "--json"]).stdout)["draft"]["indicators"]
    assert gone in [r["name"] for r in old]  # the deleted row is still in the version before


def test_a_row_is_added_into_its_block_with_its_value_read(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    before = _draft()["indicators"]
    added = _ok(["drafts", "edit", "1", "--add-row", "产出/数量/单只收容救助成本核定批次/≥2批"])
    assert "已添加" in added.output and "单只收容救助成本核定批次" in added.output
    rows = _draft()["indicators"]
    assert len(rows) == len(before) + 1
    (new,) = [r for r in rows if r["name"] == "单只收容救助成本核定批次"]
    assert (new["level1"], new["level2"], new["value"]["value"]) == ("产出指标", "数量指标", "≥2(批)")
    position = rows.index(new)
    assert rows[position - 1]["level2"] == "数量指标"  # placed at the end of its own block, not at the table's end
    unit = _ok(["drafts", "edit", "1", "--add-row", "成本指标/经济成本指标/单只收容救助成本/≤600元/只"])
    assert "≤600(元/只)" in unit.output  # a unit with a slash stays in the value
    assert len(_history()) == 3


def test_delete_and_add_in_one_command_use_the_row_numbers_shown(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    before = _draft()["indicators"]
    _ok(
        [
            "drafts",
            "edit",
            "1",
            "--delete-row",
            "1",
            "--delete-row",
            "3",
            "--add-row",
            "满意度指标/服务对象满意度指标/党员学员满意度/≥92%",
        ]
    )
    names = [r["name"] for r in _draft()["indicators"]]
    assert before[0]["name"] not in names and before[2]["name"] not in names and before[1]["name"] in names
    assert "党员学员满意度" in names
    assert len(_history()) == 4  # two deletions and one addition, each its own version


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--delete-row", "99"], "指标表没有第 99 行"),
        (["--delete-row", "1", "--delete-row", "1"], "重复的行号"),
        (["--add-row", "产出指标/数量指标/只有三段"], "四段"),
        (["--add-row", "好指标/数量指标/某指标/≥1个"], "不是绩效指标框架中的类别"),
        (["--add-row", "产出指标/满意度/某指标/≥1个"], "不属于一级指标"),
        (["--add-row", "产出指标/数量指标/某指标/ "], "四段"),
    ],
)
def test_bad_rows_are_refused_in_chinese_and_nothing_is_saved(data_dir: Path, args: list[str], message: str) -> None:
    _ok(["draft", "--example"])
    refused = runner.invoke(app, ["drafts", "edit", "1", *args])
    assert refused.exit_code == 2 and message in refused.output and "Traceback" not in refused.output
    assert len(_history()) == 1
