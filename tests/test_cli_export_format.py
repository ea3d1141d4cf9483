"""`assistant export` and `assistant draft -o`: a file named for one format never receives another; --to may be
left to the -o suffix (real CLI, real corpus, real files in tmp_path)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()


def _env(tmp_path: Path) -> dict[str, str]:
    return {"ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_LLM__PROVIDER": "none"}


@pytest.mark.parametrize(
    ("to", "name"), [("docx", "x.xlsx"), ("xlsx", "x.docx"), ("json", "x.docx"), ("docx", "x.txt"), ("json", "x")]
)
def test_a_suffix_that_contradicts_to_is_refused_before_any_work(tmp_path: Path, to: str, name: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["export", "2023-003-01", "--to", to, "-o", str(out)], env=_env(tmp_path))
    assert result.exit_code == 2, result.output
    assert "不一致" in result.output and f"--to {to}" in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(("name", "member"), [("x.xlsx", "xl/workbook.xml"), ("x.docx", "word/document.xml")])
def test_the_suffix_gives_the_format_when_to_is_left_out(tmp_path: Path, name: str, member: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["export", "2023-003-01", "-o", str(out)], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    assert member in zipfile.ZipFile(out).namelist()


@pytest.mark.parametrize("args", [["-o", "x.txt"], []])
def test_no_format_to_be_had_is_refused(tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "2023-003-01", *args], env=_env(tmp_path))
    assert result.exit_code == 2 and "导出格式" in result.output
    assert list(tmp_path.glob("x*")) == [] and list(tmp_path.glob("2023-003-01*")) == []


def test_draft_o_is_json_only(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    result = runner.invoke(app, ["draft", "--example", "--llm", "none", "-o", str(out)], env=_env(tmp_path))
    assert result.exit_code == 2 and ".json" in result.output and not out.exists()
