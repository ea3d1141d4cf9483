"""Bad files lose nothing and are named, and what a new user types works: the real CLI on real seed files."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.drafting.models import DRAFT_FORMAT
from assistant.office.importer import import_office

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "corpus" / "raw"
SEED = RAW / "004_4c602145131cb5f5.txt"  # five declarations; the file ends with the last one's indicator table
runner = CliRunner()


@pytest.fixture
def corpus_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(RAW, target / "raw")
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(target))
    assert runner.invoke(app, ["corpus", "build"]).exit_code == 0
    return target


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    return tmp_path / "data"


def _notes(result) -> list[dict]:
    return [n for r in json.loads(result.stdout) for n in r["parse_notes"]]


def _cut(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- a title and nothing else --------------------------------------------------------------------------


def test_a_title_only_file_is_refused_and_not_added(corpus_dir: Path, tmp_path: Path) -> None:
    title = tmp_path / "010_title.txt"
    title.write_text("财政项目支出绩效目标申报表\n", encoding="utf-8")
    checked = runner.invoke(app, ["check", str(title)])
    assert checked.exit_code == 2
    assert "第 1 行的申报表「财政项目支出绩效目标申报表」下面没有任何内容" in checked.output
    assert "项目名称、表头栏目、资金、各部分文字和指标表" in checked.output
    built = runner.invoke(app, ["corpus", "build", "--from", str(title)])
    assert built.exit_code == 1 and "无法解析 010_title.txt" in built.output and "未复制到 corpus/raw/" in built.output
    assert not (corpus_dir / "raw" / title.name).exists()
    assert not list((corpus_dir / "declarations").glob("na-010-*.json"))


def test_an_empty_title_between_two_declarations_is_skipped_with_a_note(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    second = text.index("财政项目支出绩效目标申报表", 10)
    path = tmp_path / "004_extra_title.txt"
    path.write_text(text[:second] + "财政项目支出绩效目标申报表\n" + text[second:], encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert len(json.loads(result.stdout)) == 5
    assert any(n["code"] == "declaration.empty" and "已跳过" in n["message"] for n in _notes(result))


# -- a file cut short -------------------------------------------------------------------------------------


def test_an_indicator_table_cut_mid_row_is_noted_with_its_line(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    end = data.rfind("管理人员满意度".encode()) + len("管理人员满意度".encode())
    result = runner.invoke(app, ["check", str(_cut(tmp_path, data[:end], "004_cut.txt")), "--json"])
    line = data[:end].count(b"\n") + 1
    (note,) = [n for n in _notes(result) if n["code"] == "file.truncated"]
    assert (
        note["line"] == line
        and "文件似乎被截断" in note["message"]
        and "「管理人员满意度」没有目标值" in note["message"]
    )


def test_a_character_cut_in_half_at_the_end_is_noted(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    end = data.rfind("管理人员满意度".encode()) + 4  # one byte into 理
    result = runner.invoke(app, ["check", str(_cut(tmp_path, data[:end], "004_cut.txt")), "--json"])
    messages = [n["message"] for n in _notes(result) if n["code"] == "file.truncated"]
    assert any("最后 1 个字节不是完整的字符" in m for m in messages)


def test_a_file_ending_before_its_indicator_table_is_noted(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    end = data.rfind("项目总目标".encode())
    result = runner.invoke(app, ["check", str(_cut(tmp_path, data[:end], "004_cut.txt")), "--json"])
    messages = [n["message"] for n in _notes(result) if n["code"] == "file.truncated"]
    assert messages and "没有指标表" in messages[0]


def test_complete_seed_files_carry_no_truncation_note() -> None:
    for seed in sorted(RAW.glob("*.txt")):
        result = runner.invoke(app, ["check", str(seed), "--json"])
        assert not [n for n in _notes(result) if n["code"] in {"file.truncated", "declaration.empty"}], seed.name


def test_a_docx_cut_short_is_refused_saying_where(tmp_path: Path) -> None:
    word = tmp_path / "full.docx"
    assert runner.invoke(app, ["export", "2023-003-01", "--to", "docx", "-o", str(word)]).exit_code == 0
    data = word.read_bytes()
    cut = _cut(tmp_path, data[: len(data) * 9 // 10], "cut.docx")
    result = runner.invoke(app, ["check", str(cut)])
    assert result.exit_code == 2
    assert "cut.docx 似乎被截断" in result.output and f"第 {len(data) * 9 // 10:,} 字节" in result.output


# -- nothing half-imported --------------------------------------------------------------------------------


def _renamed_copy(source: Path, target: Path) -> None:
    """A copy whose projects have other names: other declarations, not duplicates of the source's."""
    text = source.read_text(encoding="utf-8")
    target.write_text(re.sub(r"^(项目名称\t)([^\t\n]+)", r"\1\2（复核）", text, flags=re.MULTILINE), encoding="utf-8")


def test_corpus_build_from_keeps_failed_files_out_of_raw(corpus_dir: Path, tmp_path: Path) -> None:
    notes = tmp_path / "020_notes.txt"
    notes.write_text("会议纪要\n", encoding="utf-8")
    good = tmp_path / "021_copy.txt"
    _renamed_copy(RAW / "000_1ac9e65464ab096f.txt", good)  # an unchanged copy would be a duplicate (issue 25)
    result = runner.invoke(app, ["corpus", "build", "--from", str(notes), "--from", str(good)])
    assert result.exit_code == 1 and "无法解析 020_notes.txt" in result.output
    assert not (corpus_dir / "raw" / notes.name).exists() and (corpus_dir / "raw" / good.name).exists()
    assert (corpus_dir / "declarations" / "2020-021-01.json").exists()


def test_a_file_numbered_like_another_is_kept_with_distinct_ids(corpus_dir: Path, tmp_path: Path) -> None:
    """Two files numbered alike (004_…) once made the build refuse; now the later one's ids carry a digest of its
    name (issue 25: ids readable and unique), and the declarations already there keep theirs."""
    clash = tmp_path / "004_other.txt"
    _renamed_copy(SEED, clash)
    before = sorted(p.name for p in (corpus_dir / "declarations").iterdir())
    result = runner.invoke(app, ["corpus", "build", "--from", str(clash)])
    assert result.exit_code == 0, result.output
    assert (corpus_dir / "raw" / clash.name).exists()
    after = sorted(p.name for p in (corpus_dir / "declarations").iterdir())
    added = sorted(set(after) - set(before))
    assert set(before) <= set(after) and added
    assert all(re.match(r"^\d{4}-004-[0-9a-f]{6}-\d{2}\.json$", name) for name in added), added


# -- outputs and draft files ------------------------------------------------------------------------------


def test_an_unwritable_output_is_refused_before_any_work(data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "draft.json"
    result = runner.invoke(app, ["draft", "--example", "-o", str(missing)])
    assert result.exit_code == 2 and f"输出目录不存在：{missing.parent}" in result.output
    folder = runner.invoke(app, ["draft", "--example", "-o", str(tmp_path)])
    assert folder.exit_code == 2 and f"输出路径 {tmp_path} 是一个目录" in folder.output
    assert json.loads(runner.invoke(app, ["drafts", "list", "--json"]).stdout) == []  # nothing saved first
    export = runner.invoke(app, ["export", "2023-003-01", "--to", "docx", "-o", str(missing.with_suffix(".docx"))])
    assert export.exit_code == 2 and "输出目录不存在" in export.output


def test_an_unknown_draft_format_is_refused_naming_both(data_dir: Path, tmp_path: Path) -> None:
    saved = tmp_path / "draft.json"
    assert runner.invoke(app, ["draft", "--example", "-o", str(saved)]).exit_code == 0
    payload = json.loads(saved.read_text(encoding="utf-8"))
    future = tmp_path / "future.json"
    future.write_text(json.dumps({**payload, "format": "shenbao-draft/99"}, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["drafts", "import", str(future)])
    assert result.exit_code == 2 and "“shenbao-draft/99”" in result.output and f"“{DRAFT_FORMAT}”" in result.output
    assert len(json.loads(runner.invoke(app, ["drafts", "list", "--json"]).stdout)) == 1  # only the -o draft's


# -- what check and export accept -------------------------------------------------------------------------


def test_check_accepts_a_corpus_id_a_draft_id_and_a_folder(data_dir: Path, tmp_path: Path) -> None:
    by_id = runner.invoke(app, ["check", "2023-003-06", "--json"])
    assert [r["declaration_id"] for r in json.loads(by_id.stdout)] == ["2023-003-06"]
    assert runner.invoke(app, ["draft", "--example"]).exit_code == 0
    draft = runner.invoke(app, ["check", "1", "--json"])
    assert draft.exit_code == 0 and json.loads(draft.stdout)[0]["declaration_id"] == "draft-1"
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copyfile(RAW / "003_4c2dd59215bbba6d.txt", folder / "003.txt")
    shutil.copyfile(REPO / "corpus" / "declarations" / "2026-004-05.json", folder / "2026-004-05.json")
    (folder / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    checked = runner.invoke(app, ["check", str(folder), "--json"])
    ids = [r["declaration_id"] for r in json.loads(checked.stdout)]
    assert ids == [f"2023-003-0{i}" for i in range(1, 7)] + ["2026-004-05"]
    assert checked.exit_code == 1 and "无法读取 notes.txt" in checked.output


def test_check_names_an_empty_folder_and_a_missing_id(tmp_path: Path) -> None:
    empty = runner.invoke(app, ["check", str(tmp_path)])
    assert empty.exit_code == 2 and f"目录 {tmp_path} 中没有申报表文件" in empty.output
    missing = runner.invoke(app, ["check", "2099-999-01"])
    assert missing.exit_code == 2 and "没有编号为 2099-999-01 的申报表" in missing.output


def test_export_by_draft_id_prints_no_provenance_and_sums_the_budget(data_dir: Path, tmp_path: Path) -> None:
    saved = tmp_path / "draft.json"
    assert runner.invoke(app, ["draft", "--example", "-o", str(saved)]).exit_code == 0
    word = tmp_path / "draft.docx"
    result = runner.invoke(app, ["export", "1", "--to", "docx", "-o", str(word)])
    assert result.exit_code == 0, result.output
    cells = [c.text for t in Document(word).tables for row in t.rows for c in row.cells]
    assert not {"计划标准", "历史标准", "模板参考值"} & set(cells)  # our provenance stays in the draft JSON
    grounds = {i["value"]["ground"] for i in json.loads(saved.read_text(encoding="utf-8"))["indicators"]}
    assert grounds & {"计划标准", "历史标准"}
    back = import_office(word).declarations[0]
    amounts = [Decimal(str(p["金额"])) for p in _example_parts()]
    assert back.budget_lines_total == sum(amounts) and not any(i.remark for i in back.indicators)


def _example_parts() -> list[dict]:
    import yaml

    from assistant.domain.brief import example_brief_path

    return yaml.safe_load(example_brief_path().read_text(encoding="utf-8"))["项目构成"]


def test_rule_sources_read_plainly() -> None:
    rules = json.loads(runner.invoke(app, ["rules", "--json"]).stdout)
    assert not [r["id"] for r in rules if "primer" in r["source"] or "措辞未核实" in r["source"]]
    fund_sum = next(r for r in rules if r["id"] == "FUND-SUM")
    assert "财预〔2015〕88号" in fund_sum["source"] and "未与原文逐字核对" in fund_sum["source"]
