"""Red team rt11, finding 7: input messages that say where and what. A sheet too wide names the cells with content
beyond the limit; a title cell with a huge colspan is one cell, not 内容太多; a brief's value error gives what to do
about the values, not the whole field list (which is for a wrong field name); ``yes`` is quoted as written, not as
“True”; a 开始日期/结束日期 outside 2000–2100 is refused at load naming the field, as 年度 is. Real readers on real
files (the region_b spreadsheet with one stray cell added, a crafted page, briefs written from the example)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import cli_env, runner
from openpyxl import load_workbook

from assistant.cli.main import app
from assistant.domain.brief import load_brief
from assistant.errors import InputError

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO / "assistant" / "examples" / "example_brief.yaml").read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-07")


def test_a_sheet_too_wide_names_the_stray_cell(data_dir: Path, tmp_path: Path) -> None:
    # A sheet wider than the form is read in its first columns (f15); the stray cell past them is named, not lost.
    book = load_workbook(REPO / "tests" / "fixtures" / "office" / "region_b_flat_list.xlsx")
    book.worksheets[0]["XFD7"] = "x"
    path = tmp_path / "wide.xlsx"
    book.save(path)
    result = runner.invoke(app, ["import", str(path)])
    assert "Traceback" not in result.output
    assert "XFD" in result.output and "第 7 行" in result.output and "1 个有内容" in result.output, result.output


def test_a_sheet_too_long_names_the_stray_cell(data_dir: Path, tmp_path: Path) -> None:
    book = load_workbook(REPO / "tests" / "fixtures" / "office" / "region_b_flat_list.xlsx")
    book.worksheets[0]["B5000"] = "x"
    path = tmp_path / "long.xlsx"
    book.save(path)
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "B5000" in result.output and "1 个有内容" in result.output, result.output


def test_a_wide_title_cell_is_one_cell(data_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "span.html"
    page.write_text(
        "<html><body><h1>2025年项目支出绩效目标申报表</h1><table>"
        "<tr><td colspan='1000000'>项目名称</td><td>测试培训项目</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>≥10人次</td></tr></table></body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(page)])
    assert "内容太多" not in result.output and "超过 60 个单元格" not in result.output
    assert "测试培训项目" in result.output


def _brief(tmp_path: Path, old: str, new: str) -> Path:
    assert old in EXAMPLE
    path = tmp_path / "brief.yaml"
    path.write_text(EXAMPLE.replace(old, new, 1), encoding="utf-8")
    return path


def _refused(path: Path) -> InputError:
    with pytest.raises(InputError) as raised:
        load_brief(path)
    return raised.value


def test_a_value_error_does_not_end_with_the_field_list(tmp_path: Path) -> None:
    error = _refused(_brief(tmp_path, "总额: 2650000", "总额: -2650000"))
    assert "资金.总额" in error.message and "可用字段" not in (error.hint or "")
    error = _refused(_brief(tmp_path, "总额: 2650000", "总额: 2650000\n  预算: 1"))
    assert "可用字段" in (error.hint or "")  # a wrong field name still gets the list


def test_yes_is_quoted_as_written(tmp_path: Path) -> None:
    error = _refused(_brief(tmp_path, "总额: 2650000", "总额: yes"))
    assert "“yes”" in error.message and "True" not in error.message


@pytest.mark.parametrize(("field", "day"), [("开始日期", "0001-01-01"), ("结束日期", "9999-12-31")])
def test_a_date_of_an_impossible_year_is_refused_naming_the_field(tmp_path: Path, field: str, day: str) -> None:
    old = "开始日期: 2027-01-01" if field == "开始日期" else "结束日期: 2027-12-31"
    error = _refused(_brief(tmp_path, old, f"{field}: {day}"))
    assert field in error.message and day in error.message and "2000" in error.message
