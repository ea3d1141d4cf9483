"""Red team rt10 #9: a self-evaluation in 万元 names its amounts in 万元 (never 元), and spending above the budget
(执行率 1000%) is an error that scores the 预算执行率 0, not a full 10/10 (README: overspending is an error, row scored
0). The page is the published 青神 self-evaluation (万元) with the 预算执行数 cell changed, imported by the real CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app
from assistant.cycle.scoring import score_budget
from assistant.domain.cycle import FundKind, FundLine

PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "selfeval_qingshen_gongzi.txt"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-06")


def _ok(args: list[str]):
    result = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result


def _page_with_executed(tmp_path: Path, executed: str) -> Path:
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    total = lines.index("总额 |")  # then 年初预算 | 调整后预算数 | 预算执行数
    assert lines[total + 3] == "251.89 |"
    lines[total + 3] = f"{executed} |"
    out = tmp_path / "selfeval_overspend.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_overspend_in_wan_yuan_form_names_wan_yuan_and_scores_zero(data_dir: Path, tmp_path: Path) -> None:
    _ok(["selfeval", "import", str(_page_with_executed(tmp_path, "2518.90"))])
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    budget = shown["budget"]
    assert Decimal(budget["score"]) == 0
    assert "2,518.9 万元" in budget["arithmetic"] and "251.89 万元" in budget["arithmetic"]
    assert "按0分计" in budget["arithmetic"] and "按100%计" not in budget["arithmetic"]
    (over,) = [f for f in shown["findings"] if f["code"] == "SE-OVERSPEND"]
    assert over["severity"] == "error"
    assert "超支 2,267.01 万元" in over["message"] and " 元" not in over["message"]


def test_within_budget_in_wan_yuan_form_scores_proportionally(data_dir: Path, tmp_path: Path) -> None:
    _ok(["selfeval", "import", str(_page_with_executed(tmp_path, "125.945"))])
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert shown["budget"]["score"] == "5.00"  # 125.945 ÷ 251.89 = 50% of 10 (cycle.md: 执行率 × 10)
    assert "SE-OVERSPEND" not in [f["code"] for f in shown["findings"]]


@pytest.mark.parametrize(("executed", "score"), [("215457.6", "8.62"), ("250000", "10.00"), ("250001", "0.00")])
def test_budget_score_is_proportional_and_an_overspend_scores_zero(executed: str, score: str) -> None:
    line = FundLine(kind=FundKind.TOTAL, full_year_budget=Decimal(250000), executed=Decimal(executed))
    scored = score_budget(line, Decimal(10))
    assert str(scored.score) == score
    assert (scored.overspend is not None) is (score == "0.00")
    assert " 元" in scored.arithmetic if scored.overspend else "元" not in scored.arithmetic
