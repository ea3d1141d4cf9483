"""rt14 F5: bidi overrides and NUL (a page's ``&#0;``) in an imported text export or saved page do not reach the
stored name; they are removed with a parse note naming the character (real parser, a corpus seed as the file)."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.store import read_source
from assistant.domain.text import imported

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus/raw/000_1ac9e65464ab096f.txt"
NAME = "闵行区党建服务中心党费缴纳管理系统项目"


def _notes(result) -> str:
    return " ".join(n.message for n in result.notes)


def test_a_bidi_override_in_a_text_export_is_removed_and_named(tmp_path: Path) -> None:
    path = tmp_path / "反转.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace(NAME, "闵行区\u202e党建服务中心项目"), encoding="utf-8")
    result = read_source(path)
    assert [d.header.name for d in result.declarations] == ["闵行区党建服务中心项目"]
    assert "U+202E" in _notes(result) and "双向文字控制符" in _notes(result) and "反转.txt" in _notes(result)


def test_a_bidi_override_and_nul_entity_in_a_page_are_removed_and_named(tmp_path: Path) -> None:
    rows = SEED.read_text(encoding="utf-8").replace(NAME, "闵行区&#x202E;党建&#0;服务中心项目").splitlines()
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row.split("\t")) + "</tr>" for row in rows)
    path = tmp_path / "页面.html"
    path.write_text(f"<html><body><table>{cells}</table></body></html>", encoding="utf-8")
    result = read_source(path)
    names = [d.header.name for d in result.declarations]
    assert names and not any(c in n for n in names for c in "\u202e\x00\ufffd"), names
    assert "U+202E" in _notes(result) and "U+FFFD" in _notes(result)


def test_imported_removes_bidi_isolates_and_nul() -> None:
    assert imported("甲\u2066乙\u2069丙\x00丁\u200b1") == "甲乙丙丁1"
    assert imported("plain ascii") == "plain ascii"
