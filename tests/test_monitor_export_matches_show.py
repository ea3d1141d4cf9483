"""nu10 item 9: the exported 运行监控表 states the 执行率, 序时进度 and budget basis `monitor show` states (one
function computes both), through the real CLI and store: a cut-off still to come (序时进度 counted to today, as the
screen says) and a past one, the rate computed from 执行数 ÷ 预算 when none was written."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import cli_env
from cli_support import ok as _ok
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _as_shown(cell: Cell) -> str:
    """The cell as Excel shows it: a percentage-formatted number (0.1644 under ``0.00%``) as ``16.44%``."""
    value = cell.value
    if isinstance(value, int | float) and "%" in cell.number_format:
        return f"{(Decimal(str(value)) * 100).normalize():f}%"
    return str(value or "")


def _budget_cells(path: Path) -> dict[str, str]:
    sheet = load_workbook(path).active
    rows = [[_as_shown(cell) for cell in row] for row in sheet.iter_rows()]
    head = next(i for i, row in enumerate(rows) if "序时进度" in row)
    return {name: value for name, value in zip(rows[head], rows[head + 1], strict=False) if name}


@pytest.mark.parametrize(
    ("as_of", "today", "executed"), [("2023-07-31", "2023-03-01", "50万"), ("2023-09-30", "2024-01-05", "30万")]
)
def test_exported_budget_block_is_the_screens(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_of: str, today: str, executed: str
) -> None:
    monkeypatch.setenv("ASSISTANT_TODAY", today)
    _ok(["monitor", "create", "2023-003-05", "--as-of", as_of])
    _ok(["monitor", "fill", "1", "--executed", executed])
    shown = json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)
    out = tmp_path / "监控.xlsx"
    _ok(["monitor", "export", "1", "-o", str(out)])
    cells = _budget_cells(out)
    assert cells["序时进度"] == f"{shown['elapsed']}%"
    budget = shown["form"]["budget"]
    basis = budget["adjusted_budget"] or budget["initial_budget"]
    rate = (Decimal(budget["executed"]) / Decimal(basis) * 100).quantize(Decimal("0.01"))
    assert f"{rate}%" in shown["budget"]["text"] and cells["执行率"] == f"{rate}%"
    assert cells["调整后预算"].replace(",", "") not in {"", "None"}
    assert float(cells["调整后预算"].replace(",", "")) == float(basis)
