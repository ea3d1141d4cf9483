"""rt8 R10 through the real CLI and store: a negative zero is never shown or exported as ``-0``; ``export`` of a
form of the other kind is refused as ``show`` is, both ways; a written 执行率 that disagrees with 执行数 ÷ 预算 is
said to disagree (and the computed rate used), not called an overspend."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app
from assistant.cycle.numbers import fmt, percent, quantize
from assistant.domain.amounts import nonnegative_amount, unsigned_zero

_NEGATIVE_ZERO = re.compile(r"(?<![\d.])-0(?:\.0+)?(?![\d.])")  # -0, -0.00, -0.00%; not a date's -07


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2023-08-01")


@pytest.mark.parametrize("typed", ["-0", "-0.00", "-0万", "-0.000元"])
def test_negative_zero_executed_is_shown_and_exported_as_zero(data_dir: Path, tmp_path: Path, typed: str) -> None:
    _ok(["selfeval", "create", "2023-003-01"])
    filled = _ok(["selfeval", "fill", "1", f"--executed={typed}"]).output
    shown = _ok(["selfeval", "show", "1"]).output
    for text in (filled, shown):
        assert not _NEGATIVE_ZERO.search(text), text
    assert "= 0.00%" in shown
    out = tmp_path / "se.xlsx"
    _ok(["selfeval", "export", "1", "-o", str(out)])
    sheet = openpyxl.load_workbook(out).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.startswith("-0")], cells


@pytest.mark.parametrize("value", ["-0", "-0.00", "-0E+3", "-0.0001"])
def test_every_rendering_of_a_negative_zero_is_unsigned(value: str) -> None:
    number = Decimal(value)
    assert not str(quantize(number)).startswith("-")
    assert not fmt(quantize(number)).startswith("-") and not percent(number).startswith("-")
    if number.is_zero():
        assert not fmt(number).startswith("-") and not str(unsigned_zero(number)).startswith("-")
    assert unsigned_zero(Decimal("-5")) == Decimal("-5")


def test_typed_negative_zero_amount_is_plain_zero() -> None:
    value = nonnegative_amount("-0", "执行数")
    assert value is not None and not value.is_signed()


def test_export_refuses_the_other_kind_like_show(data_dir: Path, tmp_path: Path) -> None:
    _ok(["selfeval", "create", "2023-003-01"])
    _ok(["monitor", "create", "2023-003-01"])
    for command, form, other in (("monitor", "1", "selfeval"), ("selfeval", "2", "monitor")):
        shown = runner.invoke(app, [command, "show", form])
        out = tmp_path / f"{command}-{form}.xlsx"
        exported = runner.invoke(app, [command, "export", form, "-o", str(out)])
        assert shown.exit_code != 0 and exported.exit_code != 0, exported.output
        first = shown.output.splitlines()[0]
        assert first == exported.output.splitlines()[0], (shown.output, exported.output)
        assert f"assistant {other} export {form}" in exported.output
        assert not out.exists()
    assert "已导出" in _ok(["monitor", "export", "2", "-o", str(tmp_path / "m.xlsx")]).output
    assert "已导出" in _ok(["selfeval", "export", "1", "-o", str(tmp_path / "s.xlsx")]).output


def _monitor_file(tmp_path: Path, executed: object, rate: object) -> Path:
    _ok(["monitor", "create", "2023-003-01", "--as-of", "2023-07-31"])
    out = tmp_path / "m.xlsx"
    _ok(["monitor", "export", "1", "-o", str(out)])
    book = openpyxl.load_workbook(out)
    sheet = book.active
    sheet["D7"], sheet["E7"] = executed, rate
    book.save(out)
    return out


@pytest.mark.parametrize("rate", ["250%", "5%", 90])
def test_written_rate_not_matching_the_figures_is_said(data_dir: Path, tmp_path: Path, rate: object) -> None:
    _ok(["monitor", "import", str(_monitor_file(tmp_path, 5000000, rate))])
    shown = json.loads(_ok(["monitor", "show", "2", "--json"]).stdout)
    assert "= 53.29%" in shown["budget"]["text"] and "不符" in shown["budget"]["text"]
    checked = runner.invoke(app, ["monitor", "check", "2", "--json"])
    findings = json.loads(checked.stdout)
    texts = " ".join(f["message"] for f in findings if f["code"] in ("MON-RATE-MISMATCH", "MON-OVERSPEND"))
    assert "不符" in texts and "53.29%" in texts
    assert "执行数不能超过预算" not in texts
    assert not any(f["code"] == "MON-OVERSPEND" for f in findings)


def test_written_rate_matching_the_figures_is_quiet(data_dir: Path, tmp_path: Path) -> None:
    _ok(["monitor", "import", str(_monitor_file(tmp_path, 5000000, "53%"))])
    checked = runner.invoke(app, ["monitor", "check", "2", "--json"])
    assert not any(f["code"] == "MON-RATE-MISMATCH" for f in json.loads(checked.stdout))
