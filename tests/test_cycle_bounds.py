"""Figures a monitoring table or a self-evaluation cannot hold, through the real CLI and store in a temp data dir:
spending above the budget is an error naming both figures (never ●正常, never a silent full score); an actual that
is impossible for its indicator (a rate above 100%, more days than the period, a negative count) is refused when
typed, and when it arrives in an imported form it scores 0, is an error, and never becomes next year's target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app
from assistant.cycle.bounds import impossible_actual
from assistant.domain.values import parse_value

PROJECT = "2026-004-02"  # 党员远教电教工作经费: row 2 =…(次), row 3 完成率 =100%, row 9 =365(天), row 14 满意度 ≥90%


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-06")


def _flat(text: str) -> str:
    """Output without the console's line breaks and spaces."""
    return "".join(text.split())


def _codes(findings: list[dict[str, object]]) -> list[object]:
    return [f["code"] for f in findings]


def test_selfeval_overspend_is_an_error_naming_both_figures(data_dir: Path) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--budget", "4818000", "--executed", "9999999999"])
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    over = [f for f in shown["findings"] if f["code"] == "SE-OVERSPEND"]
    assert len(over) == 1 and over[0]["severity"] == "error"
    assert "9,999,999,999" in over[0]["message"] and "4,818,000" in over[0]["message"]
    assert "超过" in shown["budget"]["arithmetic"]
    checked = runner.invoke(app, ["selfeval", "check", "1"])
    assert checked.exit_code == 1 and "项目资金" in checked.output
    _ok(["selfeval", "fill", "1", "--executed", "4818000"])  # corrected: the error goes
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert "SE-OVERSPEND" not in _codes(shown["findings"]) and shown["budget"]["score"] == "10.00"


@pytest.mark.parametrize(
    ("row", "typed", "why"),
    [("9", "400天", "天数"), ("14", "120%", "超过100%"), ("3", "250%", "超过100%"), ("2", "-5次", "负数")],
)
def test_selfeval_refuses_an_impossible_actual_when_typed(data_dir: Path, row: str, typed: str, why: str) -> None:
    _ok(["selfeval", "create", PROJECT])
    refused = runner.invoke(app, ["selfeval", "fill", "1", "--row", row, f"--actual={typed}"])
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert f"第 {row} 行" in refused.output and typed in refused.output and why in refused.output
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert shown["version"] == 1 and shown["form"]["rows"][int(row) - 1]["actual"] is None  # nothing saved


def test_selfeval_accepts_possible_edges(data_dir: Path) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--row", "9", "--actual", "365天"])
    _ok(["selfeval", "fill", "1", "--row", "14", "--actual", "100%"])
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert shown["rows"][8]["score"] == shown["rows"][8]["weight"]
    assert shown["rows"][13]["score"] == shown["rows"][13]["weight"]
    assert "SE-IMPOSSIBLE" not in _codes(shown["findings"])


def test_imported_impossible_actual_scores_zero_and_is_not_carried(data_dir: Path, tmp_path: Path) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--row", "1", "--actual", "100%"])
    out = tmp_path / "自评.json"
    _ok(["selfeval", "export", "1", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["rows"][8]["actual"] = "400天"
    data["rows"][13]["actual"] = "120%"
    for row in data["rows"]:
        row["score"] = None
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _ok(["selfeval", "import", str(out)])
    shown = json.loads(_ok(["selfeval", "show", "2", "--json"]).stdout)
    assert shown["rows"][8]["score"] == "0.00" and shown["rows"][13]["score"] == "0.00"
    wrong = {f["row"]: f for f in shown["findings"] if f["code"] == "SE-IMPOSSIBLE"}
    assert set(wrong) == {9, 14} and all(f["severity"] == "error" for f in wrong.values())
    assert "400天" in wrong[9]["message"] and "=365(天)" in wrong[9]["message"]
    carried = _ok(["selfeval", "next-year", "2"]).output
    assert "=400(天)" not in carried and "≥100(%)" not in carried and "≥120" not in carried
    assert "实际完成值不可能，沿用目标" in carried


def test_monitoring_overspend_and_impossible_figures_never_show_normal(data_dir: Path, tmp_path: Path) -> None:
    _ok(["monitor", "create", PROJECT, "--as-of", "2026-07-31"])
    filled = _ok(["monitor", "fill", "1", "--executed", "99999999999"]).output
    assert "●正常" not in filled.splitlines()[2] and "超过" in filled
    shown = json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)
    assert shown["budget"]["light"] == "red"
    over = [f for f in shown["findings"] if f["code"] == "MON-OVERSPEND"]
    assert over and over[0]["severity"] == "error" and "99,999,999,999" in over[0]["message"]
    assert runner.invoke(app, ["monitor", "check", "1"]).exit_code == 1
    # 212 days have passed by 31 July: 300 days to date cannot be; typed, it is refused with the row named
    refused = runner.invoke(app, ["monitor", "fill", "1", "--row", "9", "--actual", "300天"])
    assert refused.exit_code != 0 and "第 9 行" in refused.output and "212" in refused.output
    refused = runner.invoke(app, ["monitor", "fill", "1", "--row", "14", "--expected", "150%"])
    assert refused.exit_code != 0 and "第 14 行" in refused.output and "150%" in refused.output
    # arriving in an imported table, the figure is a red light and an error
    out = tmp_path / "监控.json"
    _ok(["monitor", "export", "1", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["rows"][13]["actual_to_date"] = "150%"
    data["rows"][13]["possibility"] = "确定能"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _ok(["monitor", "import", str(out)])
    shown = json.loads(_ok(["monitor", "show", "2", "--json"]).stdout)
    assert shown["rows"][13]["light"] == "red"
    assert any(f["code"] == "MON-IMPOSSIBLE" and f["row"] == 14 for f in shown["findings"])


def test_a_cut_off_after_today_warns_and_is_not_held_to_time_not_passed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _flat(_ok(["monitor", "create", PROJECT, "--as-of", "2026-12-31"]).output)
    assert "注意：数据截止日期2026-12-31晚于今天（2026-12-06）" in made
    shown = json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)
    future = [f for f in shown["findings"] if f["code"] == "MON-FUTURE"]
    assert len(future) == 1 and future[0]["severity"] == "warning"
    assert shown["elapsed"] == "93.15"  # by today (340 of 365 days), not by 31 December
    monkeypatch.setenv("ASSISTANT_TODAY", "2025-12-06")  # the year has not begun: no time has passed
    made = _flat(_ok(["monitor", "create", PROJECT]).output)
    assert "2026年度尚未开始" in made
    _ok(["monitor", "fill", "2", "--executed", "100000"])
    shown = json.loads(_ok(["monitor", "show", "2", "--json"]).stdout)
    assert shown["elapsed"] == "0.00" and shown["budget"]["light"] != "red"
    assert "按今天 2025-12-06 计" in shown["budget"]["text"]
    monkeypatch.setenv("ASSISTANT_TODAY", "2027-01-05")  # the cut-off has passed: no warning
    shown = json.loads(_ok(["monitor", "show", "2", "--json"]).stdout)
    assert "MON-FUTURE" not in _codes(shown["findings"]) and shown["elapsed"] == "58.08"


def test_a_self_evaluation_of_a_year_not_ended_warns(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _flat(_ok(["selfeval", "create", PROJECT]).output)
    assert "注意：2026年度尚未结束（今天2026-12-06）" in made
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert [f["severity"] for f in shown["findings"] if f["code"] == "SE-YEAR-OPEN"] == ["warning"]
    monkeypatch.setenv("ASSISTANT_TODAY", "2025-06-01")
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert any("2026年度尚未开始" in f["message"] for f in shown["findings"])
    monkeypatch.setenv("ASSISTANT_TODAY", "2027-01-05")
    made = _ok(["selfeval", "create", PROJECT]).output
    assert "注意" not in made
    shown = json.loads(_ok(["selfeval", "show", "2", "--json"]).stdout)
    assert "SE-YEAR-OPEN" not in _codes(shown["findings"])


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("市教委的项目哪些指标没有完成？", "市教委"),
        ("浦东新区的项目哪些指标没有完成？原因是什么？", "浦东新区"),
        ("市教委的项目自评平均分是多少？", "市教委"),
        ("去年区委组织部的项目哪些指标没有完成？", "区委组织部"),
    ],
)
def test_selfeval_ask_says_no_form_holds_a_unit_or_district(data_dir: Path, question: str, named: str) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--row", "2", "--actual", "40次"])
    said = json.loads(_ok(["selfeval", "ask", question, "--json"]).stdout)
    assert said["answer"].splitlines()[-1].startswith("没有") and named in said["answer"]
    assert "中共上海市委组织部" in said["answer"] and said["citations"] == []  # what the forms do hold


def test_selfeval_ask_a_unit_the_forms_hold_is_answered_from_its_forms(data_dir: Path) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--row", "2", "--actual", "40次"])
    said = json.loads(_ok(["selfeval", "ask", "市委组织部的项目哪些指标没有完成？", "--json"]).stdout)
    assert "未完成" in said["answer"] and said["citations"] and "自评表第1号" in said["citations"][0]


@pytest.mark.parametrize(
    ("name", "actual", "target", "days", "impossible"),
    [
        ("群众满意度", "120%", "≥90%", 365, True),
        ("设备验收合格率", "100.5", "=100(%)", 365, True),  # the unit comes from the target
        ("千人发病率", "1200‰", "≤5‰", 365, True),
        ("平台运行天数", "366天", "=365(天)", 365, True),
        ("服务月数", "13个月", "=12(个月)", 365, True),
        ("培训人次", "-5人次", "≥100(人次)", 365, True),
        ("执行天数", "213天", "≥200(天)", 212, True),  # 212 days to 31 July
        ("用户数增长率", "150%", "≥10%", 365, False),  # a change may exceed 100%
        ("访问量同比增长", "-3%", "≥5%", 365, False),  # and may fall
        ("经费节约率", "-3%", "≤5%", 365, False),  # a saving below 0 is an overrun, possible
        ("超额完成比例", "130%", "≥120%", 365, False),  # a target above 100% says the share is not capped
        ("问题整改时限", "400天", "≤30(天)", 365, False),  # a time limit may be overrun by any amount
        ("平台运行天数", "366天", "=366(天)", 366, False),
        ("群众满意度", "100%", "≥90%", 365, False),
        ("群众满意度", "较高", "≥90%", 365, False),  # no number: scored by band, not here
    ],
)
def test_impossible_actual_classes(name: str, actual: str, target: str, days: int, impossible: bool) -> None:
    assert (impossible_actual(name, actual, parse_value(target), days=days) is not None) is impossible
