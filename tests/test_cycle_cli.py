"""`assistant monitor` and `assistant selfeval` through the real CLI and store, in a temp data dir: a declaration
to its monitoring table, its self-evaluation with a score, the forms exported and imported, next year's draft."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app
from assistant.services import build_services
from assistant.settings import load_settings
from assistant.store.cycle import FormConflict


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def test_monitoring_from_a_corpus_declaration(data_dir: Path, tmp_path: Path) -> None:
    assert "已创建绩效运行监控表第 1 号" in _ok(["monitor", "create", "2023-003-05", "--as-of", "2023-07-31"]).output
    filled = _ok(
        ["monitor", "fill", "1", "--row", "1", "--actual", "9个", "--expected", "18个", "--possibility", "有可能"]
    )
    assert "达不到目标" in filled.output
    _ok(["monitor", "fill", "1", "--executed", "40万"])  # written as officers write it; read as 400000 元
    negative = runner.invoke(app, ["monitor", "fill", "1", "--executed", "-5"])
    assert negative.exit_code == 2 and "不是非负的金额" in negative.output
    shown = json.loads(_ok(["monitor", "show", "1", "--json"]).stdout)
    assert Decimal(shown["form"]["budget"]["executed"]) == 400000
    assert shown["version"] == 3 and shown["elapsed"] == "58.08"
    assert shown["budget"]["light"] == "red" and shown["rows"][0]["light"] == "red"
    checked = runner.invoke(app, ["monitor", "check", "1", "--json"])
    assert checked.exit_code == 1 and any(f["code"] == "MON-NO-REASON" for f in json.loads(checked.stdout))
    _ok(
        [
            "monitor",
            "fill",
            "1",
            "--row",
            "1",
            "--cause",
            "人员保障",
            "--reason",
            "需求方人员调整",
            "--measure",
            "9月补足",
        ]
    )
    assert _ok(["monitor", "check", "1"]).exit_code == 0
    out = tmp_path / "监控.xlsx"
    _ok(["monitor", "export", "1", "-o", str(out)])
    assert "已导入为绩效运行监控表第 2 号" in _ok(["monitor", "import", str(out)]).output
    again = json.loads(_ok(["monitor", "show", "2", "--json"]).stdout)
    assert again["form"]["rows"][0]["deviation"] == {"causes": ["人员保障"], "text": "需求方人员调整"}


def test_selfeval_scores_exports_imports_and_carries_over(data_dir: Path, tmp_path: Path) -> None:
    _ok(["selfeval", "create", "2023-003-05"])
    _ok(["selfeval", "fill", "1", "--budget", "1180655", "--executed", "1017460.5"])
    _ok(["selfeval", "fill", "1", "--row", "1", "--actual", "26个"])
    _ok(["selfeval", "fill", "1", "--row", "4", "--actual", "6", "--deviation", "需求调整，两个流程并入下期"])
    shown = json.loads(_ok(["selfeval", "show", "1", "--json"]).stdout)
    assert shown["budget"]["score"] == "8.62" and shown["budget"]["rate"] == "86.18"
    assert shown["rows"][0]["score"] == shown["rows"][0]["weight"]
    assert shown["rows"][3]["rule"] == "positive" and "6 ÷ 8" in shown["rows"][3]["arithmetic"]
    assert shown["total"] is None  # rows still without 实际完成值
    codes = {f["code"] for f in shown["findings"]}
    assert {"SE-TARGET-LOW", "SE-UNSCORED", "SE-NO-SURVEY"} <= codes and "SE-NO-REASON" not in codes
    asked = json.loads(_ok(["selfeval", "ask", "2023年哪些指标没有完成？原因是什么？", "--json"]).stdout)
    assert "新增业务流程数量" in asked["answer"] and "需求调整" in asked["answer"]
    assert "[信息化建设项目 · 2023 · 自评表第1号 第4行]" in asked["citations"]
    assert "优化业务流程数量" not in asked["answer"]  # beaten, full marks
    out = tmp_path / "自评.docx"
    _ok(["selfeval", "export", "1", "-o", str(out)])
    _ok(["selfeval", "import", str(out)])
    imported = json.loads(_ok(["selfeval", "show", "2", "--json"]).stdout)
    assert imported["budget"]["score"] == "8.62" and imported["rows"][0]["score"] == shown["rows"][0]["score"]
    carried = _ok(["selfeval", "next-year", "1"]).output
    assert "2024 年度申报草稿第 1 号" in carried and "≥20.00(个) → ≥26.00(个)" in carried
    draft = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    first = draft["draft"]["indicators"][0]["value"]
    assert first["value"] == "≥26.00(个)" and first["ground"] == "历史标准" and "26个" in first["basis"]
    assert draft["draft"]["brief"]["year"] == 2024
    assert draft["fields"]["indicator.1.value"]["origin"] == "template"
    # an imported 自评表 (no declaration in the store) carries over from what the form itself says
    from_file = _ok(["selfeval", "next-year", "2"]).output
    assert "2024 年度申报草稿第 2 号" in from_file and "≥20.00(个) → ≥26.00(个)" in from_file


def test_forms_are_versions_owned_by_their_author(data_dir: Path) -> None:
    _ok(["selfeval", "create", "2023-003-05"])
    with build_services(load_settings()) as services:
        mine = services.cycle()
        first = mine.selfeval(1)
        rows = list(first.form.rows)
        rows[0] = rows[0].model_copy(update={"actual": "20"})
        saved = mine.save(1, first.form.model_copy(update={"rows": rows}), base=1)
        assert saved.info.number == 2 and saved.fields["rows.1.actual"].origin.value == "human"
        assert saved.fields["rows.2.actual"].origin.value == "upload"
        with pytest.raises(FormConflict):
            mine.save(1, first.form, base=1)
        assert [v.number for v in mine.history(1)] == [1, 2]
        other = services.cycle("李四")
        with pytest.raises(Exception, match="没有编号为 1"):
            other.get(1)
    refused = runner.invoke(app, ["selfeval", "show", "9"])
    assert refused.exit_code == 2 and "没有编号为 9" in refused.output
    bad = runner.invoke(app, ["selfeval", "fill", "1", "--row", "99", "--actual", "1"])
    assert bad.exit_code == 2 and "没有第 99 行" in bad.output
