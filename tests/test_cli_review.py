"""`assistant rules` and `assistant check` through the real CLI."""

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.review.catalogue import RULES

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_rules_catalogue():
    listed = json.loads(runner.invoke(app, ["rules", "--json"]).output)
    assert [r["id"] for r in listed] == [r.id for r in RULES]
    assert all(r["criterion"] in {"完整性", "相关性", "适当性", "可行性"} and r["fix"] and r["source"] for r in listed)
    assert "审核规则" in runner.invoke(app, ["rules"]).output


def test_check_corpus_json_with_errors_exits_1():
    result = runner.invoke(app, ["check", str(REPO / "corpus/declarations/2026-004-04.json"), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)[0]
    assert report["declaration_id"] == "2026-004-04"
    assert any(f["rule_id"] == "FW-MISSING-L2" and f["severity"] == "error" for f in report["findings"])


def test_check_without_errors_exits_0():
    result = runner.invoke(app, ["check", str(REPO / "corpus/declarations/2026-004-05.json")])
    assert result.exit_code == 0
    assert "同一衡量内容重复设置" in result.output or "衡量的是同一内容" in result.output


def test_check_text_export_reviews_every_declaration():
    result = runner.invoke(app, ["check", str(REPO / "corpus/raw/003_4c2dd59215bbba6d.txt"), "--json"])
    assert [r["declaration_id"] for r in json.loads(result.output)] == [f"2023-003-0{i}" for i in range(1, 7)]


def test_check_corpus_table():
    result = runner.invoke(app, ["check", "--corpus"])
    assert result.exit_code == 1
    assert "语料库审核（18 份申报表）" in result.output and "最常见的问题" in result.output
    summary = json.loads(runner.invoke(app, ["check", "--corpus", "--json"]).output)
    assert len(summary["declarations"]) == 18 and summary["rule_counts"]["FW-MISPLACED"] == 5


def test_check_bad_json_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"foo": 1}', encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2 and "不是可识别的申报表 JSON" in result.output and "Traceback" not in result.output


def test_check_needs_a_file_or_corpus():
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
