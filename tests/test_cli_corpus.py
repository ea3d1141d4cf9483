"""The real CLI (click's runner) on the real seeds, with the corpus in a temp folder."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

RAW = Path(__file__).resolve().parent.parent / "corpus" / "raw"
runner = CliRunner()


@pytest.fixture()
def corpus_dir(tmp_path, monkeypatch):
    target = tmp_path / "corpus"
    shutil.copytree(RAW, target / "raw")
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(target))
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def test_build_is_deterministic_and_idempotent(corpus_dir):
    first = runner.invoke(app, ["corpus", "build"])
    assert first.exit_code == 0, first.output
    assert "18 份申报表，235 项指标" in first.output and "写入 18 个" in first.output
    snapshot = _snapshot(corpus_dir / "declarations")
    mtimes = {p.name: p.stat().st_mtime_ns for p in (corpus_dir / "declarations").glob("*.json")}
    second = runner.invoke(app, ["corpus", "build"])
    assert "写入 0 个、删除 0 个" in second.output
    assert _snapshot(corpus_dir / "declarations") == snapshot
    assert {p.name: p.stat().st_mtime_ns for p in (corpus_dir / "declarations").glob("*.json")} == mtimes
    # The committed corpus is exactly what the build produces.
    committed = _snapshot(Path(__file__).resolve().parent.parent / "corpus" / "declarations")
    assert committed == snapshot


def test_build_removes_declarations_whose_source_is_gone(corpus_dir):
    runner.invoke(app, ["corpus", "build"])
    (corpus_dir / "raw" / "000_1ac9e65464ab096f.txt").unlink()
    result = runner.invoke(app, ["corpus", "build"])
    assert "删除 1 个" in result.output
    assert not (corpus_dir / "declarations" / "2020-000-01.json").exists()


def test_build_verbose_lists_notes_with_file_and_line(corpus_dir):
    result = runner.invoke(app, ["corpus", "build", "--verbose"])
    assert "002_90e6a7b91dded67c.txt 第 44 行" in result.output
    assert "女工" in result.output


def test_build_reports_an_unreadable_file_and_keeps_the_rest(corpus_dir):
    (corpus_dir / "raw" / "zz_notes.txt").write_text("会议纪要\n", encoding="utf-8")
    result = runner.invoke(app, ["corpus", "build"])
    assert result.exit_code == 1
    assert "无法解析 zz_notes.txt" in result.output and "18 份申报表" in result.output


def test_list_show_stats(corpus_dir):
    runner.invoke(app, ["corpus", "build"])
    listed = json.loads(runner.invoke(app, ["corpus", "list", "--json"]).output)
    assert len(listed) == 18 and listed[0]["id"] == "2019-002-01"
    shown = runner.invoke(app, ["corpus", "show", "2023-003-06"])
    assert shown.exit_code == 0
    assert "信息化运维项目" in shown.output and "收到涉及技术运维的信访投诉数量" in shown.output
    stats = json.loads(runner.invoke(app, ["corpus", "stats", "--json"]).output)
    assert stats["declarations"] == 18 and stats["indicators"] == 235
    assert sum(row["indicators"] for row in stats["by_level"]) == 235


def test_unknown_id_is_a_clear_chinese_error(corpus_dir):
    runner.invoke(app, ["corpus", "build"])
    result = runner.invoke(app, ["corpus", "show", "9999-000-01"])
    assert result.exit_code == 2
    assert "语料库中没有编号为 9999-000-01 的申报表" in result.output
    assert "Traceback" not in result.output


def test_empty_corpus_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(tmp_path))
    result = runner.invoke(app, ["corpus", "list"])
    assert result.exit_code == 2 and "assistant corpus build" in result.output


@pytest.mark.parametrize(
    "args", [[], ["corpus"], ["corpus", "build"], ["corpus", "list"], ["corpus", "show"], ["corpus", "stats"]]
)
def test_help_everywhere(args):
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0 and "用法：" in result.output


def test_build_from_never_replaces_a_raw_file_of_the_same_name(corpus_dir, tmp_path):
    seed = sorted((corpus_dir / "raw").glob("*.txt"))[0]
    original = seed.read_bytes()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / seed.name).write_bytes(original[: len(original) // 2])  # a truncated copy, same name
    result = runner.invoke(app, ["corpus", "build", "--from", str(incoming)])
    assert result.exit_code == 2 and "同名但内容不同" in result.output and seed.name in result.output
    assert seed.read_bytes() == original


def test_an_unexpected_error_is_a_chinese_message_and_a_log_not_a_traceback(tmp_path, monkeypatch):
    """Fault injection: a service that fails in a way no one foresaw."""
    from assistant.services.review import ReviewService

    def broken(self, declarations):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(ReviewService, "check_declarations", broken)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["check", str(RAW / sorted(p.name for p in RAW.glob("*.txt"))[0])])
    assert result.exit_code == 3 and "程序内部出错（RuntimeError）" in result.output
    assert "Traceback" not in result.output
    log = (tmp_path / "data" / "logs" / "cli.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "injected fault" in log


def test_an_absurd_amount_is_refused_in_chinese(tmp_path):
    brief = tmp_path / "big.yaml"
    brief.write_text("项目名称: 测试\n年度: 2027\n资金:\n  总额: 99999999999999999999999999999万元\n", encoding="utf-8")
    result = runner.invoke(app, ["suggest", str(brief)])
    assert result.exit_code == 2 and "金额过大" in result.output and "Traceback" not in result.output
