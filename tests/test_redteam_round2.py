"""Smaller red-team findings (round 2), each through the real CLI on a real draft of the example brief:
an amount finer than a 分 is refused with what to write; a YAML tag in a patch file is a Chinese message with its
line; a 实施计划 given as one text is said to be a list; `drafts import` names what it did import beside a failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()


@pytest.fixture
def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    out = tmp_path / "d.json"
    result = runner.invoke(app, ["draft", "--example", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _refused(args: list[str], *wanted: str) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in wanted:
        assert text in result.output, result.output
    return result.output


def _version(draft_id: int = 1) -> int:
    return json.loads(runner.invoke(app, ["drafts", "show", str(draft_id), "--json"]).stdout)["version"]


@pytest.mark.parametrize("amount", ["0.001", "1860000.005", "0.0000001万"])
def test_an_amount_finer_than_a_fen_is_refused_not_stored(drafted, amount):
    before = _version()
    _refused(["drafts", "edit", "1", "--field", "资金.总额", amount], "资金.总额", "最多两位小数")
    assert _version() == before
    assert runner.invoke(app, ["drafts", "edit", "1", "--field", "资金.总额", "1860000.50"]).exit_code == 0


def test_a_yaml_tag_in_a_patch_is_named_in_chinese_with_its_line(drafted, tmp_path):
    patch = tmp_path / "p.yaml"
    patch.write_text('开始日期: 2027-01-01\n结束日期: !!python/object/apply:os.system ["echo hi"]\n', encoding="utf-8")
    output = _refused(["drafts", "edit", "1", "--patch", str(patch)], "第 2 行", "YAML 标签", "加引号")
    assert "constructor" not in output and "tag:yaml.org" not in output


@pytest.mark.parametrize("head", ["plan", "实施计划", "项目构成"])
def test_a_list_given_as_one_text_is_said_to_be_a_list(drafted, tmp_path, head):
    patch = tmp_path / "p.yaml"
    patch.write_text(f"{head}: 全年开展运维\n", encoding="utf-8")
    output = _refused(["drafts", "edit", "1", "--patch", str(patch)], "应是列表", "“全年开展运维”")
    assert "应为文字" not in output
    ok = tmp_path / "ok.yaml"
    ok.write_text("实施计划:\n  - 1月｜启动\n  - 2月至12月｜运维\n", encoding="utf-8")
    assert runner.invoke(app, ["drafts", "edit", "1", "--patch", str(ok)]).exit_code == 0


def test_drafts_import_names_the_files_it_did_import(drafted, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    one = _refused(["drafts", "import", str(bad)], "1 个文件未导入：bad.json")
    assert "已导入" not in one.replace("未导入", "")
    both = _refused(["drafts", "import", str(drafted), str(bad)], "1 个文件未导入：bad.json", "已导入 1 个：d.json")
    assert "其余文件" not in both


def test_a_huge_number_in_an_xlsx_cell_is_called_too_large_with_its_cell(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    form = tmp_path / "form.xlsx"
    seed = Path(__file__).resolve().parent.parent / "corpus" / "declarations" / "2023-003-06.json"
    assert runner.invoke(app, ["export", str(seed), "-o", str(form)]).exit_code == 0
    book = load_workbook(form)
    sheet = book.active
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "年度资金申请总额")
    amount = sheet.cell(row=label.row, column=label.column + 1)
    amount.value = 1e20
    book.save(form)
    result = runner.invoke(app, ["import", str(form), "--json"])
    notes = [n for d in json.loads(result.stdout) for n in d["parse_notes"] if n.get("code") == "funding.bad_amount"]
    assert notes, result.output
    assert "过大" in notes[0]["message"] and "无法识别" not in notes[0]["message"]
    assert amount.coordinate in json.dumps(notes[0], ensure_ascii=False)


def test_the_import_preview_names_the_declaration_a_file_repeats(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    raw = Path(__file__).resolve().parent.parent / "corpus" / "raw"
    seed = raw / "000_1ac9e65464ab096f.txt"
    name = "闵行区党建服务中心党费缴纳管理系统项目"
    same = runner.invoke(app, ["import", str(seed)], terminal_width=400)
    assert "这份文件已在语料库中：2020-000-01（" in same.output and "--from" not in same.output, same.output
    copy = tmp_path / "副本.txt"  # the same form saved again (another file)
    copy.write_text(seed.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    repeated = runner.invoke(app, ["import", str(copy)], terminal_width=400)
    flat = "".join(repeated.output.split())
    assert f"已有同名、同年度、同主管部门的申报表2020-000-01（{name}" in flat, repeated.output
    assert "--from" not in repeated.output
    other = tmp_path / "另一份.txt"
    other.write_text(seed.read_text(encoding="utf-8").replace(name, "另一个项目"), encoding="utf-8")
    fresh = runner.invoke(app, ["import", str(other)], terminal_width=400)
    assert "重复" not in fresh.output and "确认无误后可用" in fresh.output


def _first_form_as_page(heading: str) -> str:
    """The first form of a real seed (党建服务工作经费, 2026) as a saved page's table, its own ``(2026年度)`` line and
    dates left out (so only ``heading`` can give the year), with ``heading`` above the table."""
    seed = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "004_4c602145131cb5f5.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    end = next(n for n, line in enumerate(lines) if n > 3 and line.startswith("财政项目支出绩效目标申报表"))
    kept = [line for line in lines[:end] if line.strip() and "年度)" not in line and "计划开始日期" not in line]
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>\n" for line in kept)
    return f"<html><body>{heading}<table>{rows}</table></body></html>"


@pytest.mark.parametrize(
    "heading",
    [
        "<p>(2026年度)</p>",
        "<h1>财政项目支出绩效目标申报表（2026年度）</h1>",
        "<h1>财政项目支出绩效目标申报表</h1><p>（2026年）</p>",
    ],
)
def test_a_saved_page_with_its_year_above_the_table_is_read_as_that_year(tmp_path, monkeypatch, heading):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    page = tmp_path / "page.html"
    page.write_text(_first_form_as_page(heading), encoding="utf-8")
    result = runner.invoke(app, ["import", str(page), "--json"])
    assert result.exit_code == 0, result.output
    (decl,) = json.loads(result.stdout)
    assert (decl["header"]["name"], decl["header"]["year"]) == ("党建服务工作经费", 2026)
    assert len(decl["indicators"]) == 8
    assert not any("没有任何内容" in n["message"] or "之前" in n["message"] for n in decl["parse_notes"])
