"""Self-evaluation figures a person did not mean (red team rt12 #3, #4), through the real CLI.

#4: a bare ``0.97`` on a 满意度 row whose target is ≥95(%) was scored as 0.97%; it is ambiguous (97% written as a
fraction, or 0.97%), so it is refused naming the row and both ways to write it: a refusal loses nothing (the person
types ``97%``), a guess would store a figure the person may not have meant.
#3: 实际完成值 typed before the year ended are estimates (预计数): next-year marks them so in each row's basis, and never
makes a completion past 3× the target next year's target without a check."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app
from assistant.cycle.units import ReadKind, read_actual
from assistant.domain.values import parse_value


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-07")


def _run(args: list[str], today: str | None = None):
    env = {"COLUMNS": "250"} | ({"ASSISTANT_TODAY": today} if today else {})
    return runner.invoke(app, args, env=env)


def _ok(args: list[str], today: str | None = None):
    result = _run(args, today)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(("typed", "target"), [("0.97", "≥95(%)"), ("1", "≥90%"), ("0.9", "≥85.5(%)")])
def test_a_bare_fraction_on_a_percent_row_is_refused_with_both_readings(typed: str, target: str) -> None:
    reading = read_actual(typed, parse_value(target), "满意度")
    assert reading.kind is ReadKind.MISMATCH and reading.refused
    as_percent = f"{Decimal(typed) * 100:f}".rstrip("0").rstrip(".")
    assert f"{as_percent}%" in (reading.hint or "") and f"{typed}%" in (reading.hint or ""), reading.hint


@pytest.mark.parametrize(("typed", "target"), [("97", "≥95(%)"), ("0.97%", "≥95(%)"), ("0.5", "≤1(%)"), ("0", "≥90%")])
def test_unambiguous_percent_figures_are_still_read(typed: str, target: str) -> None:
    assert read_actual(typed, parse_value(target), "满意度").kind is ReadKind.NUMBER


def _percent_row(data_dir: Path) -> int:
    import json

    rows = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)["form"]["rows"]
    return next(n for n, r in enumerate(rows, start=1) if "满意度" in r["link"]["name"] and "%" in r["target"])


def test_selfeval_fill_refuses_a_bare_fraction_naming_the_row(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    _ok(["selfeval", "create", "1"])
    row = _percent_row(data_dir)
    refused = _run(["selfeval", "fill", "1", "-r", str(row), "--actual", "0.97"])
    flat = "".join(refused.output.split())
    assert refused.exit_code != 0 and f"第{row}行" in flat and "0.97" in flat and "97%" in flat, refused.output
    _ok(["selfeval", "fill", "1", "-r", str(row), "--actual", "97%"])


@pytest.mark.parametrize("later", [None, "2028-02-01"])  # next-year run before the year ends, and after it
def test_next_year_marks_estimates_and_does_not_follow_an_implausible_one(data_dir: Path, later: str | None) -> None:
    _ok(["draft", "--example"])  # 2027; today 2026-12-07: the year has not begun
    _ok(["selfeval", "create", "1"])
    _ok(["selfeval", "fill", "1", "-r", "2", "--actual", "10次"])  # 应急演练次数 ≥2(次): 500%
    _ok(["selfeval", "fill", "1", "-r", "3", "--actual", "100%"])
    out = "".join(_ok(["selfeval", "next-year", "1"], today=later).output.split())
    assert "预计数" in out, out
    assert "超过3倍" in out and "≥10(次)" not in out, out


def test_a_plausible_estimate_is_followed_and_marked_as_an_estimate(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    _ok(["selfeval", "create", "1"])
    _ok(["selfeval", "fill", "1", "-r", "2", "--actual", "3次"])
    marked = "".join(_ok(["selfeval", "next-year", "1"]).output.split())
    assert "≥3(次)" in marked and "预计数" in marked, marked  # plausible: raised, but marked as an estimate
