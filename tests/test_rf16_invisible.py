"""Invisible format characters (zero-width space U+200B, soft hyphen U+00AD, word joiner U+2060, ZWNJ/ZWJ, a BOM
inside text: Unicode category Cf) are removed once at every input boundary, so a figure reads as it displays (red team
rt13 #1: ``全年1\\u200b2份`` became =2(份); ``=1\\u200b2(份)`` was stored as a qualitative value). Per boundary: a brief
(CLI suggest), an edit (CLI ``drafts edit``, the row editor the web page uses), an imported file (text export, Word),
a question (CLI ask). Real parts: the real CLI, store, readers and corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from assistant.cli.main import app
from assistant.domain.framework import Level1, Level2
from assistant.domain.text import visible
from assistant.domain.values import ValueKind
from assistant.ingest.text_export import parse_text_bytes
from assistant.office.importer import import_office
from assistant.services.workspace import IndicatorInput, indicator_row
from tests.cli_support import cli_env, ok, runner

ROOT = Path(__file__).resolve().parent.parent
_MARKS = ["\u200b", "\u00ad", "\u2060", "\u200c", "\u200d", "\ufeff"]


def _hidden_in_figures(text: str) -> str:
    """``text`` with one invisible character (in turn, each of _MARKS) between every two adjacent digits."""
    count = iter(range(10**9))
    return re.sub(r"(?<=\d)(?=\d)", lambda _: _MARKS[next(count) % len(_MARKS)], text)


def test_the_helper_removes_every_format_character_but_keeps_the_bidi_ones_for_refusal() -> None:
    assert visible("全年1\u200b2份，培训3\u00ad0场，每场5\u20600人\ufeff") == "全年12份，培训30场，每场50人"
    assert visible("a\u202eb") == "a\u202eb"  # refused by the brief loader and the edit policy, naming the field


def test_a_brief_reads_its_figures_as_they_display(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_env(tmp_path, monkeypatch)
    brief = yaml.safe_load((ROOT / "assistant/examples/example_brief.yaml").read_text(encoding="utf-8"))
    brief["主要内容"] = brief["主要内容"] + "\n全年提交运维报告12份；组织应急演练20次；培训30场，每场50人。"
    clean, hidden = tmp_path / "clean.yaml", tmp_path / "hidden.yaml"
    clean.write_text(yaml.safe_dump(brief, allow_unicode=True), encoding="utf-8")
    brief["主要内容"] = _hidden_in_figures(brief["主要内容"])
    hidden.write_text(yaml.safe_dump(brief, allow_unicode=True), encoding="utf-8")
    assert "1\u200b2" in hidden.read_text(encoding="utf-8") or "\u200b" in hidden.read_text(encoding="utf-8")

    read = runner.invoke(app, ["suggest", str(hidden), "--json"])
    assert read.exit_code == 0, read.output
    assert "不可见字符" in read.output and "主要内容" in read.output  # said on stderr
    expected = json.loads(ok(["suggest", str(clean), "--json"]).stdout)
    got = json.loads(read.stdout)
    values = {(s["name"], s["value"]["value"]) for s in got["suggestions"]}
    assert values == {(s["name"], s["value"]["value"]) for s in expected["suggestions"]}
    assert ("培训场次", "≥30(场)") in values, values  # 3\u00ad0 was read as 0 or 3 before


def test_a_cli_edit_reads_a_value_as_it_displays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_env(tmp_path, monkeypatch)
    ok(["draft", "--example", "--llm", "none"])
    ok(["drafts", "edit", "1", "--field", "indicator.1.value", "=1\u200b2(份)"])
    ok(["drafts", "edit", "1", "--field", "必要性", "全年需提交运维报告1\u200b2份\u2060。"])
    out = tmp_path / "d.json"
    ok(["drafts", "export", "1", "-o", str(out)])
    draft = json.loads(out.read_text(encoding="utf-8"))
    value = draft["indicators"][0]["value"]
    assert value["kind"] == ValueKind.QUANTITATIVE.value and float(value["number"]) == 12, value
    necessity = next(s["text"] for s in draft["sections"] if s["kind"] == "necessity")
    assert necessity == "全年需提交运维报告12份。"


def test_the_row_editor_of_the_web_page_reads_a_value_as_it_displays() -> None:
    row = IndicatorInput(
        level1=Level1.OUTPUT, level2=Level2.QUANTITY, name="运维报告\u200b完成数", qualitative="=1\u200b2(份)"
    )
    made = indicator_row(row)
    assert made.name == "运维报告完成数"
    assert made.value.kind is ValueKind.QUANTITATIVE and made.value.number == 12 and made.value.value == "=12(份)"


def test_an_imported_text_export_reads_as_the_same_file_without_them() -> None:
    raw = (ROOT / "corpus/raw/001_719a78178ce17806.txt").read_bytes()
    text = raw.decode("utf-8-sig")
    hidden = _hidden_in_figures(text)
    assert hidden != text
    clean, read = parse_text_bytes(text.encode("utf-8"), "a.txt"), parse_text_bytes(hidden.encode("utf-8"), "a.txt")
    assert [_content(d) for d in read.declarations] == [_content(d) for d in clean.declarations]
    assert any(n.code == "text.invisible" and "不可见字符" in n.message for n in read.notes)


def test_an_imported_word_file_reads_as_the_same_file_without_them(tmp_path: Path) -> None:
    import docx

    source = ROOT / "tests/fixtures/office/hand_filled_shanghai.docx"
    document = docx.Document(str(source))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.text = _hidden_in_figures(run.text)
    hidden = tmp_path / "hidden.docx"
    document.save(str(hidden))
    clean, read = import_office(source), import_office(hidden)
    assert [_content(d) for d in read.declarations] == [_content(d) for d in clean.declarations]


def test_a_question_reads_its_year_as_it_displays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_env(tmp_path, monkeypatch, today="2026-12-07")
    question = "组织部门建设和管理工作经费2023年的资金总额是多少？"
    clean = ok(["ask", question, "--llm", "none"]).stdout
    hidden = ok(["ask", _hidden_in_figures(question), "--llm", "none"]).stdout
    assert hidden == clean
    assert "2023" in clean


def _content(declaration) -> dict:
    """A declaration as read, without where it was read from (its id made of the file name, hash, notes)."""
    dumped = declaration.model_dump(mode="json", exclude={"id", "provenance", "parse_notes"})
    return dumped


def test_a_typed_self_evaluation_figure_reads_as_it_displays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 自评表 row editor (CLI ``selfeval fill``; the web tab saves through the same service)."""
    cli_env(tmp_path, monkeypatch, today="2026-12-06")
    ok(["selfeval", "create", "2026-004-02"])  # row 9 =365(天)
    ok(["selfeval", "fill", "1", "--row", "9", "--actual", "36\u200b5天"])
    shown = json.loads(ok(["selfeval", "show", "1", "--json"]).stdout)
    assert shown["form"]["rows"][8]["actual"] == "365天"
    assert shown["rows"][8]["score"] == shown["rows"][8]["weight"]
