"""A file that repeats a declaration already in the corpus (same project, unit and year) never replaces it, even
when its name sorts first (red team 2026-12-06 20h, finding 1): the copy is reported with what differs, is not
added, and the web tab says so; a file added from the web records who added it."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.services.corpus import CorpusService
from assistant.services.scope import CorpusScope

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", target)
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(target))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    return target


def _altered_copy(folder: Path, name: str = "000_zzz.txt") -> Path:
    """The first declaration of seed 003 with its total and one target changed, under a name that sorts first."""
    lines = (ROOT / "corpus/raw/003_4c2dd59215bbba6d.txt").read_text(encoding="utf-8").splitlines()[:46]
    text = "\n".join(lines).replace("9,382,600.00", "99,382,600.00").replace("≥60(期)", "≥6000(期)")
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder / name


def _total(corpus: Path, decl_id: str) -> str:
    return json.loads((corpus / "declarations" / f"{decl_id}.json").read_text(encoding="utf-8"))["funding"]["total"]


def test_a_copy_sorting_first_does_not_replace_the_declaration_in_the_corpus(corpus, tmp_path):
    before = _total(corpus, "2023-003-01")
    result = runner.invoke(app, ["corpus", "build", "--from", str(_altered_copy(tmp_path / "up"))])
    assert result.exit_code == 0, result.output
    assert _total(corpus, "2023-003-01") == before == "9382600.00"
    sources = [json.loads(p.read_text(encoding="utf-8"))["provenance"] for p in (corpus / "declarations").glob("*")]
    assert "000_zzz.txt" not in {s["source_file"] for s in sources}
    assert not (corpus / "raw" / "000_zzz.txt").exists()  # not added: nothing left to bring it back later
    out = " ".join(result.output.split())
    assert "000_zzz.txt 中的「组织部门建设和管理工作经费」（2023年）与 003_4c2dd59215bbba6d.txt 中的 2023-003-01" in out
    assert "99,382,600.00" in out and "≥6000(期)" in out
    assert "未加入：000_zzz.txt" in out
    again = runner.invoke(app, ["corpus", "build"])
    assert "写入 0 个、删除 0 个" in again.output
    assert _total(corpus, "2023-003-01") == "9382600.00"


def test_a_file_numbered_like_one_in_the_corpus_does_not_take_its_ids(corpus, tmp_path):
    """Another project in a file named 003_000.txt (sorts before 003_4c2d…): the corpus keeps 2023-003-01."""
    copy = _altered_copy(tmp_path / "up", "003_000.txt")
    copy.write_text(copy.read_text(encoding="utf-8").replace("组织部门建设和管理工作经费", "另一个项目"), "utf-8")
    result = runner.invoke(app, ["corpus", "build", "--from", str(copy)])
    assert result.exit_code == 0, result.output
    first = json.loads((corpus / "declarations" / "2023-003-01.json").read_text(encoding="utf-8"))
    assert first["header"]["name"] == "组织部门建设和管理工作经费"
    names = [json.loads(p.read_text(encoding="utf-8"))["header"]["name"] for p in (corpus / "declarations").glob("*")]
    assert "另一个项目" in names


def test_the_web_note_says_not_added_and_the_adder_is_recorded(corpus, tmp_path):
    from assistant.web.corpus_tab import added_note

    service = CorpusService(CorpusScope(corpus))
    report = service.build([_altered_copy(tmp_path / "up")], added_by="bob")
    note = added_note(report, "000_zzz.txt")
    assert note.startswith("未加入语料库")
    assert "新增或更新" not in note and "99,382,600.00" in note and "2023-003-01 保持不变" in note
    assert _total(corpus, "2023-003-01") == "9382600.00"
    other = _altered_copy(tmp_path / "up2", "050_new.txt")
    other.write_text(other.read_text(encoding="utf-8").replace("组织部门建设和管理工作经费", "新项目"), "utf-8")
    report = service.build([other], added_by="alice")
    assert added_note(report, "050_new.txt").startswith("已加入语料库：050_new.txt 新增 1 份申报表")
    files = {e["file"]: e for e in json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["files"]}
    assert files["050_new.txt"]["added_by"] == "alice"
    assert "added_by" not in files["003_4c2dd59215bbba6d.txt"]
