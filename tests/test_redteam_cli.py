"""Red-team findings on the command line, each with the real CLI on real seed files:

- `export FILE` without ``-o`` names its output after the declaration's id: an id read from a JSON file is whatever
  that file says, so ``../x`` or ``/tmp/x`` wrote outside the current directory;
- a project or file name with rich markup (``[/bold]``, ``[link=…]``) or terminal escapes is printed as its
  characters by ``corpus build --verbose`` (a table title read it as markup: an internal error, exit 3).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "corpus" / "raw"
SEED = RAW / "000_1ac9e65464ab096f.txt"
SEED_NAME = "闵行区党建服务中心党费缴纳管理系统项目"
runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    return tmp_path / "data"


@pytest.mark.parametrize("hostile_id", ["../escaped", "sub/../../escaped", "/ABSOLUTE/escaped", "..", ".hidden"])
def test_export_without_output_writes_into_the_current_folder(data_dir, tmp_path, monkeypatch, hostile_id):
    decl = json.loads((REPO / "corpus" / "declarations" / "2019-002-01.json").read_text(encoding="utf-8"))
    decl["id"] = hostile_id.replace("/ABSOLUTE", str(tmp_path))
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(decl, ensure_ascii=False), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["export", str(source), "--to", "json"])
    assert result.exit_code == 0, result.output
    written = [p for p in work.iterdir() if p.suffix == ".json"]
    assert len(written) == 1, (result.output, list(work.iterdir()))
    assert not (tmp_path / "escaped.json").exists()
    assert json.loads(written[0].read_text(encoding="utf-8"))["header"]["name"] == decl["header"]["name"]
    assert written[0].name in result.output


def test_markup_and_escapes_in_names_are_printed_as_characters(data_dir, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    hostile = "党费[/bold][link=http://127.0.0.1:9/]点此[/link]\x1b]0;pwned\x07系统\u202e目项"
    text = SEED.read_text(encoding="utf-8").replace(SEED_NAME, hostile, 1)
    (corpus / "raw" / "001_[red]x\x1b[2J.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(corpus))
    result = runner.invoke(app, ["corpus", "build", "--verbose"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "[/bold][link=http://127.0.0.1:9/]点此[/link]" in out
    assert "[red]x" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    shown = runner.invoke(app, ["corpus", "list"])
    assert shown.exit_code == 0 and "\x1b" not in shown.output


def test_a_bad_file_in_the_corpus_folder_is_named_not_obeyed(data_dir, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    shutil.copy(SEED, corpus / "raw" / "000_seed.txt")
    (corpus / "raw" / "002_\x1b[8mhidden.docx").write_bytes(b"\x00garbage" * 100)
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(corpus))
    result = runner.invoke(app, ["corpus", "build"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "hidden.docx" in result.output


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_draft_holding_control_characters_exports_to_word_and_excel(data_dir, tmp_path, fmt):
    """A draft JSON from someone else (or a section typed with ``drafts edit``) may hold characters XML cannot carry
    (ESC, NUL, a form feed); Word and Excel files are XML, and python-docx and openpyxl refused them (exit 3)."""
    draft = json.loads((REPO / "tests" / "fixtures" / "drafts" / "draft-v1-rules.json").read_text(encoding="utf-8"))
    draft["sections"][0]["text"] = "保障平台\x1b[2J运行\x00；\x0c每季度\ufffe报告。"
    draft["indicators"][0]["name"] = "故障\x07响应"
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    imported = runner.invoke(app, ["drafts", "import", str(source)])
    assert imported.exit_code == 0, imported.output
    out = tmp_path / f"draft.{fmt}"
    result = runner.invoke(app, ["export", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if fmt == "docx":
        from docx import Document

        text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    else:
        from openpyxl import load_workbook

        text = "\n".join(str(c.value) for r in load_workbook(out).active.iter_rows() for c in r if c.value)
    assert "保障平台" in text and "运行" in text and "每季度" in text and "故障" in text


@pytest.mark.parametrize("command", [["check"], ["drafts", "import"]])
def test_a_huge_json_file_is_refused_before_it_is_read(data_dir, tmp_path, command):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:  # sparse: 25 MB that take no disk and would take the memory if read whole
        out.write(b'{"id": "')
        out.truncate(25 * 1024 * 1024)
    result = runner.invoke(app, [*command, str(huge)])
    assert result.exit_code != 0
    assert "huge.json 有 25.0 MB" in result.output and "未读取" in result.output, result.output
    assert "其余文件已导入" not in result.output  # there was no other file


def test_the_import_hint_quotes_the_path_for_the_shell(data_dir, tmp_path):
    """Red team: 申报表 (1).txt was printed bare in `corpus build --from …`, a bash syntax error when pasted."""
    import shlex

    odd = tmp_path / "申报表 (1).txt"  # another project (the seed itself is already in the corpus: no hint then)
    odd.write_text(SEED.read_text(encoding="utf-8").replace(SEED_NAME, "另一个党费缴纳管理系统项目"), encoding="utf-8")
    result = runner.invoke(app, ["import", str(odd)], terminal_width=400)
    assert result.exit_code == 0, result.output
    assert f"--from {shlex.quote(str(odd))} " in result.output, result.output


def test_a_text_longer_than_an_excel_cell_is_refused_not_cut(data_dir, tmp_path):
    """Red team: a 56,000-character 必要性 was exported to Excel cut at 32,767 characters without a word."""
    decl = json.loads((REPO / "corpus" / "declarations" / "2019-002-01.json").read_text(encoding="utf-8"))
    for section in decl["sections"]:
        if section["kind"] == "necessity":
            section["text"] = "必要" * 28_000
    source = tmp_path / "long.json"
    source.write_text(json.dumps(decl, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "long.xlsx"
    refused = runner.invoke(app, ["export", str(source), "--to", "xlsx", "-o", str(out)])
    assert refused.exit_code != 0 and not out.exists()
    assert "56,000 个字符" in refused.output and "必要性" in refused.output and "--to docx" in refused.output
    assert runner.invoke(app, ["export", str(source), "--to", "docx", "-o", str(tmp_path / "long.docx")]).exit_code == 0
