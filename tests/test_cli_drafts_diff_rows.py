"""`assistant drafts diff` matches indicator rows by identity, not by place (new user 2026-12-07: after deleting a
middle row, every later row was listed as changed): a deleted row is one 删除行 and nothing else, a renamed row is
one 三级指标 change, an added row is one 新增行 (real CLI, real SQLite store in a temp data dir, rules drafter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env
from cli_support import ok as _ok


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _rows() -> list[dict]:
    return json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]["indicators"]


def _diff(a: int, b: int) -> list[dict]:
    """The indicator table's changes from version ``a`` to ``b`` (the 绩效目标 sections, which name the indicators,
    are rewritten from the table and change with it)."""
    changes = json.loads(_ok(["drafts", "diff", "1", str(a), str(b), "--json"]).stdout)
    assert {c["path"] for c in changes if not c["path"].startswith("indicator.")} <= {
        "section.goal_total",
        "section.goal_annual",
    }
    return [c for c in changes if c["path"].startswith("indicator.")]


def test_deleting_a_middle_row_is_one_deletion_and_nothing_else(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    rows = _rows()
    assert len(rows) >= 5
    middle = len(rows) // 2
    gone = rows[middle - 1]
    _ok(["drafts", "edit", "1", "--delete-row", str(middle)])
    (change,) = _diff(1, 2)
    assert change["after"] is None and gone["name"] in change["before"] and "删除" in change["label"]
    shown = _ok(["drafts", "diff", "1", "1", "2"]).output
    assert "删除行" in shown and "三级指标" not in shown  # no later row listed as changed


def test_renaming_a_row_is_one_change_of_its_name(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    old = _rows()[2]["name"]
    _ok(["drafts", "edit", "1", "--field", "indicator.3.name", "改名后的指标"])
    (change,) = _diff(1, 2)
    assert (change["before"], change["after"]) == (old, "改名后的指标")
    assert change["label"].endswith("三级指标")


def test_adding_a_row_is_one_new_row(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    _ok(["drafts", "edit", "1", "--add-row", "产出/数量/单只收容救助成本核定批次/≥2批"])
    (change,) = _diff(1, 2)
    assert change["before"] is None and "单只收容救助成本核定批次" in change["after"] and "新增" in change["label"]
