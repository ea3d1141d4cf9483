"""`assistant import` of real forms whose header writes 项目期 / 实施期 as a length (3年) or as dates, and a 项目来源 the
declaration model has no field for: the length is the declaration's ``period`` (dates never derived from it, the
note says so), dates fill the start and end, and 项目来源 is kept in a parse note as written — never left as an
unplaced cell and never silently dropped. Through the real CLI and readers (web page text, a text export, .docx)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.ingest.cells import parse_length
from assistant.ingest.text_export import parse_file

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "tests" / "fixtures" / "real_pages"
JINAN = PAGES / "11_jinan_tiyu_wangqiu_2025.txt"  # 项目来源 | 本级申报项目, 项目期 | 3年
BINGTUAN = PAGES / "found" / "test" / "nys_bingtuan_baoxianku.txt"  # 项目期 | 1年
YUANZHOU = PAGES / "found" / "test2" / "yzh_shuiyuan_hanyanglin.txt"  # 项目期 | 2022年3月-2023年11月


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    return tmp_path / "data"


def _imported(path: Path) -> list[dict]:
    result = runner.invoke(app, ["import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _unplaced(decl: dict) -> list[str]:
    return [n.get("fragment") or "" for n in decl["parse_notes"] if n["code"] == "unplaced.cell"]


def test_a_period_written_as_a_length_and_a_project_source_are_placed() -> None:
    (decl,) = _imported(JINAN)
    header = decl["header"]
    assert header["period"] == "3年" and header["start_date"] is None and header["end_date"] is None
    length = next(n for n in decl["parse_notes"] if n["code"] == "header.period_length")
    assert "记为项目期 3年" in length["message"] and "未推算" in length["message"]
    kept = next(n for n in decl["parse_notes"] if n["code"] == "header.kept_field")
    assert kept["field"] == "项目来源" and "本级申报项目" in kept["message"]
    assert not any(f in ("3年", "本级申报项目", "项目来源", "项目期") for f in _unplaced(decl))


def test_one_year_and_dates_under_the_same_label() -> None:
    (one_year,) = _imported(BINGTUAN)
    assert one_year["header"]["period"] == "1年" and one_year["header"]["start_date"] is None
    assert "1年" not in _unplaced(one_year)
    (dated,) = _imported(YUANZHOU)
    assert "period" not in dated["header"]  # dates, not a length: the key stays out of the JSON
    assert (dated["header"]["start_date"], dated["header"]["end_date"]) == ("2022-03-01", "2023-11-30")
    assert not any("2022年3月" in f for f in _unplaced(dated))


def test_a_text_export_with_the_same_fields(tmp_path: Path) -> None:
    raw = (REPO / "corpus" / "raw" / "000_1ac9e65464ab096f.txt").read_text(encoding="utf-8")
    dates = "起始日期：\t2020-01-01\t\t结束日期：\t2020-12-31\t"
    assert dates in raw
    page = tmp_path / "项目期.txt"
    page.write_text(raw.replace(dates, "项目期：\t三年\t\t项目来源：\t区级新增项目\t"), encoding="utf-8")
    (decl,) = parse_file(page).declarations
    assert decl.header.period == "3年" and decl.header.start_date is None
    kept = [n for n in decl.parse_notes if n.code == "header.kept_field"]
    assert len(kept) == 1 and "区级新增项目" in kept[0].message
    assert not any(n.code == "unplaced.cell" and "区级新增项目" in (n.fragment or "") for n in decl.parse_notes)


def test_the_period_survives_a_word_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "jinan.docx"
    exported = runner.invoke(app, ["export", str(JINAN), "--to", "docx", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    (decl,) = _imported(out)
    assert decl["header"]["period"] == "3年" and decl["header"]["start_date"] is None


def test_the_import_view_shows_the_period() -> None:
    result = runner.invoke(app, ["import", str(JINAN)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "项目期" in result.output and "3年" in result.output and "本级申报项目" in result.output


@pytest.mark.parametrize(
    ("written", "length"),
    [("3年", "3年"), ("三年", "3年"), ("1年期", "1年"), ("18个月", "18个月"), ("十二个月", "12个月"), (" 2 年", "2年")],
)
def test_lengths_as_forms_write_them(written: str, length: str) -> None:
    assert parse_length(written) == length


@pytest.mark.parametrize("written", ["0年", "2025年", "3年以上", "长期", "2022年3月-2023年11月", ""])
def test_what_is_not_a_length(written: str) -> None:
    assert parse_length(written) is None


def test_corpus_declarations_keep_their_json_without_a_period() -> None:
    """The field is left out of the JSON when blank, so the stored corpus reads and writes as before."""
    from assistant.domain.model import Declaration

    stored = REPO / "corpus" / "declarations" / "2023-003-05.json"
    text = stored.read_text(encoding="utf-8")
    decl = Declaration.model_validate_json(text)
    assert decl.header.period is None and decl.model_dump_json(indent=2) + "\n" == text
