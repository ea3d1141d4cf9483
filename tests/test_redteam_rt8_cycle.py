"""Red team rt8 R2/R3: unreadable or non-finite figures in an imported 运行监控表 / 自评表.

The forms are the product's own exports (``monitor export`` / ``selfeval export``, the real CLI on a real store)
with one cell changed by openpyxl, as a person's spreadsheet would save it.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app
from assistant.domain.amounts import figure_problem, nonnegative_number
from assistant.errors import InputError

PROJECT = "2023-003-01"
PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "selfeval_qingshen_gongzi.txt"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-06")


def _run(args: list[str]):
    return runner.invoke(app, args, env={"COLUMNS": "250"})


def _ok(args: list[str]):
    result = _run(args)
    assert result.exit_code == 0, result.output
    return result


def _export(kind: str, tmp_path: Path) -> Path:
    _ok([kind, "create", PROJECT])
    out = tmp_path / f"{kind}.xlsx"
    _ok([kind, "export", "1", "-o", str(out)])
    return out


def _changed(src: Path, cells: dict[str, object], name: str) -> Path:
    book = openpyxl.load_workbook(src)
    for ref, value in cells.items():
        book.active[ref] = value
    out = src.with_name(name)
    book.save(out)
    return out


def _cell_of(path: Path, label: str) -> tuple[str, str]:
    """(column letter, row number) of the figure cell under header ``label`` (the row below it)."""
    sheet = openpyxl.load_workbook(path).active
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == label:
                return cell.column_letter, str(cell.row + 1)
    raise AssertionError(label)


@pytest.mark.parametrize("bad", ["#DIV/0!", "约五十万", "NaN", "inf", 1e300, "-Infinity"])
def test_an_unreadable_figure_in_a_monitoring_form_is_refused_naming_its_cell_never_read_as_a_selfeval(
    data_dir: Path, tmp_path: Path, bad: object
) -> None:
    exported = _export("monitor", tmp_path)
    col, row = _cell_of(exported, "执行数")
    result = _run(["monitor", "import", str(_changed(exported, {f"{col}{row}": bad}, "m_bad.xlsx"))])
    assert result.exit_code != 0, result.output
    assert "自评表" not in result.output.replace("运行监控表", "")
    assert f"!{col}{row}（执行数）" in result.output, result.output
    assert "程序内部出错" not in result.output
    listed = json.loads(_ok(["monitor", "list", "--json"]).stdout)
    assert len(listed) == 1  # nothing stored beyond the form exported


def test_an_unchanged_monitoring_export_still_imports(data_dir: Path, tmp_path: Path) -> None:
    exported = _export("monitor", tmp_path)
    assert "已导入为绩效运行监控表" in _ok(["monitor", "import", str(exported)]).output


@pytest.mark.parametrize(("label", "bad"), [("得分", "NaN"), ("分值", "inf"), ("全年执行数", "NaN"), ("得分", 1e300)])
def test_non_finite_or_huge_figures_in_a_selfeval_are_refused_naming_the_cell(
    data_dir: Path, tmp_path: Path, label: str, bad: object
) -> None:
    exported = _export("selfeval", tmp_path)
    col, row = _cell_of(exported, label)
    result = _run(["selfeval", "import", str(_changed(exported, {f"{col}{row}": bad}, "s_bad.xlsx"))])
    assert result.exit_code != 0 and "程序内部出错" not in result.output, result.output
    assert f"!{col}{row}（{label}）" in result.output, result.output


@pytest.mark.parametrize(("line", "text"), [(35, "NaN |"), (96, "Infinity |")])
def test_a_published_page_with_non_finite_figures_imports_with_a_note(
    data_dir: Path, tmp_path: Path, line: int, text: str
) -> None:
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    page = tmp_path / "page.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _ok(["selfeval", "import", str(page)])
    assert "已导入为绩效自评表" in result.output and "不是有限的数字" in result.output, result.output


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "1e300", "-3"])
def test_typed_and_imported_figures_share_one_rule(text: str) -> None:
    with pytest.raises(InputError):
        nonnegative_number(text, "得分")
    assert figure_problem(__import__("decimal").Decimal(text), negative_ok=True) is not None or text == "-3"
    assert nonnegative_number("12.5", "得分") is not None
