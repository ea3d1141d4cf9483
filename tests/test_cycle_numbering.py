"""Each table of the monitoring and self-evaluation outputs numbers its own rows from 1, and a reference to another
table's row names that table: the findings (序号, 位置 “绩效指标第 R 行”), the exported 评分说明 table (序号 and
绩效指标行号), next year's diff (上年申报表指标第 R 行) — through the real CLI, store and Word/Excel files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from docx import Document

from assistant.cli.main import app


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _ok(args: list[str]):
    result = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert result.exit_code in (0, 1), result.output  # check exits 1 when there are errors
    return result


def test_findings_number_themselves_and_name_the_indicator_row() -> None:
    _ok(["selfeval", "create", "2023-003-05"])
    _ok(["selfeval", "fill", "1", "--row", "4", "--actual", "6"])  # missed, no reason: SE-NO-REASON on row 4
    shown = _ok(["selfeval", "show", "1"]).output
    findings = shown[shown.index("审核发现") :]
    assert "序号" in findings and "绩效指标第 4 行“新增业务流程数量”" in findings
    numbers = [int(m) for m in re.findall(r"^│\s*(\d+)\s*│\s*(?:错误|警告|提示)", findings, flags=re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
    checked = _ok(["selfeval", "check", "1"]).output
    assert "绩效指标第 4 行" in checked and "项目资金" in checked  # the budget is not filled: a whole-form finding
    as_json = json.loads(runner.invoke(app, ["selfeval", "check", "1", "--json"]).stdout)
    assert {"code": "SE-NO-REASON", "row": 4} in [{"code": f["code"], "row": f["row"]} for f in as_json]


def test_monitoring_findings_name_the_budget_part_and_the_row() -> None:
    _ok(["monitor", "create", "2023-003-05", "--as-of", "2023-07-31"])
    _ok(["monitor", "fill", "1", "--row", "2", "--actual", "1天", "--expected", "1天", "--executed", "1000"])
    out = _ok(["monitor", "check", "1"]).output
    assert "序号" in out and "审核发现（3 条）" in out
    from assistant.services import build_services
    from assistant.settings import load_settings

    with build_services(load_settings()) as services:
        view = services.cycle().monitoring(1)
    names = [r.link.name for r in view.form.rows]
    places = [f.where(names) for f in view.report.findings]
    assert places[0] == "项目预算执行情况" and any(p.startswith("绩效指标第 2 行“") for p in places)


def test_the_exported_scoring_notes_number_their_rows_and_name_the_indicator_row(tmp_path: Path) -> None:
    _ok(["selfeval", "create", "2023-003-05"])
    _ok(["selfeval", "fill", "1", "--row", "4", "--actual", "6", "--evidence", "验收报告", "--deviation", "需求调整"])
    _ok(["selfeval", "fill", "1", "--row", "7", "--actual", "96%", "--evidence", "问卷调查300份"])
    out = tmp_path / "自评.docx"
    _ok(["selfeval", "export", "1", "-o", str(out)])
    notes = Document(str(out)).tables[-1]
    rows = [[c.text for c in r.cells] for r in notes.rows]
    assert rows[0] == ["序号", "绩效指标行号", "三级指标", "档次", "数据来源"]
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [("1", "4", "验收报告"), ("2", "7", "问卷调查300份")]
    _ok(["selfeval", "import", str(out)])
    back = json.loads(_ok(["selfeval", "show", "2", "--json"]).stdout)["form"]["rows"]
    assert (back[3]["evidence"], back[6]["evidence"]) == ("验收报告", "问卷调查300份")
    assert back[0]["evidence"] is None


def test_next_year_names_last_years_form_in_its_diff() -> None:
    _ok(["selfeval", "create", "2023-003-05"])
    _ok(["selfeval", "fill", "1", "--row", "1", "--actual", "26个"])
    out = _ok(["selfeval", "next-year", "1"]).output
    assert "上年申报表指标第 1 行“" in out and "≥20.00(个) → ≥26.00(个)" in out
