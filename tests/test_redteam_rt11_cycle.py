"""Red team rt11, findings 2 and 3, through the real CLI and a real store in a temp dir. A budget written as 0
(monitoring --adjusted 0, self-evaluation --budget 0) is a value: the rate against it cannot be computed, which is
said in Chinese; spending against it is overspend; it is never replaced by the 年初预算. Monitoring flags an 执行情况
of 未完成 beside 确定能, and refuses a free-text cell longer than its limit, naming the field, the length and the
limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app

PROJECT = "2019-002-01"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-07")


def _run(args: list[str]):
    return runner.invoke(app, args, env={"COLUMNS": "250"})


def _ok(args: list[str]):
    result = _run(args)
    assert result.exit_code == 0, result.output
    return result


def test_monitoring_spending_against_an_adjusted_budget_of_zero_is_overspend(data_dir: Path) -> None:
    _ok(["monitor", "create", PROJECT])
    _ok(["monitor", "fill", "1", "--adjusted", "0", "--executed", "100"])
    shown = json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)
    budget = shown["budget"]
    assert budget["light"] == "red" and "2,124,000" not in budget["text"]
    assert "调整后预算数" in budget["text"] and "超支 100" in budget["text"]


def test_monitoring_nothing_spent_against_zero_says_the_rate_cannot_be_computed(data_dir: Path) -> None:
    _ok(["monitor", "create", PROJECT])
    _ok(["monitor", "fill", "1", "--adjusted", "0", "--executed", "0"])
    budget = json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)["budget"]
    assert "执行率无法计算" in budget["text"] and "2,124,000" not in budget["text"]


def test_selfeval_budget_of_zero_is_never_replaced_by_the_initial_budget(data_dir: Path) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--budget", "0", "--executed", "100"])
    budget = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)["budget"]
    assert "年初预算数" not in budget["arithmetic"] and "全年预算数为 0" in budget["arithmetic"]
    assert float(budget["score"]) == 0 and "超支 100" in budget["arithmetic"]
    _ok(["selfeval", "fill", "1", "--executed", "0"])
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert shown["budget"]["score"] is None
    (problem,) = [f for f in shown["findings"] if f["code"] == "SE-BUDGET"]
    assert "全年预算数填写为 0" in problem["message"] and "执行率无法计算" in problem["message"]


def test_an_actual_of_not_done_beside_certain_is_a_warning(data_dir: Path) -> None:
    _ok(["monitor", "create", PROJECT])
    _ok(["monitor", "fill", "1", "-r", "2", "--actual", "未完成", "--possibility", "确定能"])
    checked = json.loads(_run(["monitor", "check", "1", "--json"]).stdout)
    (found,) = [f for f in checked if f["code"] == "MON-CONTRADICTION"]
    assert found["severity"] == "warning" and "未完成" in found["message"] and "确定能" in found["message"]
    _ok(["monitor", "fill", "1", "-r", "2", "--possibility", "有可能"])
    checked = json.loads(_run(["monitor", "check", "1", "--json"]).stdout)
    assert not [f for f in checked if f["code"] == "MON-CONTRADICTION"]


def test_a_runaway_cell_is_refused_naming_row_field_length_and_limit(data_dir: Path) -> None:
    _ok(["monitor", "create", PROJECT])
    refused = _run(["monitor", "fill", "1", "-r", "1", "--actual", "x" * 30_000])
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert (
        "第 1 行" in refused.output and "执行情况有 30,000 字" in refused.output and "上限 2,000 字" in refused.output
    )
    assert json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)["version"] == 1  # nothing saved
    _ok(["monitor", "fill", "1", "-r", "1", "--reason", "y" * 1_999, "--cause", "其他"])
    _ok(["selfeval", "create", PROJECT])
    refused = _run(["selfeval", "fill", "2", "-r", "1", "--actual", "z" * 2_001])
    assert refused.exit_code == 2 and "实际完成值有 2,001 字" in refused.output
