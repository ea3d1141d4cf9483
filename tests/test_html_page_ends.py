"""Saved web pages as they arrive: cut off inside the table, or written with HTML5's optional end tags left out."""

from pathlib import Path

import pytest

from assistant.ingest.completeness import TRUNCATED
from assistant.ingest.text_export import parse_file

ROWS = [
    ["项目名称", "党建服务工作经费", "项目性质", "经常性专项业务费"],
    ["主管部门", "中共上海市委组织部", "实施单位", "上海市党建服务中心"],
    ["", "一级指标", "二级指标", "三级指标", "年度(/项目)指标值"],
    ["绩效 指标", "产出指标", "数量指标", "阵地包干服务完成率", "=100.00(%)"],
    ["", "", "质量指标", "工作验收合格率", "=98.00(%)"],
    ["", "效益指标", "社会效益指标", "党群中心和基层站点覆盖率", "=95.00(%)"],
]
HEAD = '<html><head><meta charset="utf-8"></head><body><p>财政项目支出绩效目标申报表</p><p>(2025年度)</p><table>'
LAST = ("党群中心和基层站点覆盖率", "=95.00(%)")


def _closed() -> str:
    return "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>\n" for r in ROWS)


def _write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def _rows(path: Path) -> list[tuple[str, str]]:
    (decl,) = parse_file(path).declarations
    return [(i.name, i.value.raw) for i in decl.indicators]


@pytest.mark.parametrize(
    "ending",
    [
        pytest.param(lambda c: c[: c.rindex("</tr>")], id="no-last-tr"),
        pytest.param(lambda c: c[: c.rindex("</td>")], id="no-last-td"),
        pytest.param(lambda c: c + "<tr><td></td>", id="open-empty-row"),
        pytest.param(lambda c: c.rstrip("\n"), id="no-table-end"),
    ],
)
def test_a_page_ending_inside_its_table_keeps_the_last_row_and_says_it_was_cut(tmp_path, ending):
    path = _write(tmp_path, "cut.html", HEAD + ending(_closed()))
    result = parse_file(path)
    (decl,) = result.declarations
    assert [(i.name, i.value.raw) for i in decl.indicators][-1] == LAST
    assert len(decl.indicators) == 3
    notes = [n for n in decl.parse_notes if n.code == TRUNCATED]
    assert len(notes) == 1 and "网页在表格中间结束" in notes[0].message and LAST[0] in notes[0].message


def test_a_complete_page_has_no_truncation_note(tmp_path):
    path = _write(tmp_path, "whole.html", HEAD + _closed() + "</table></body></html>")
    (decl,) = parse_file(path).declarations
    assert len(decl.indicators) == 3
    assert not [n for n in decl.parse_notes if n.code == TRUNCATED]
    assert decl.header.year == 2025


def test_html5_optional_end_tags_left_out_read_like_the_closed_page(tmp_path):
    omitted = "".join("<tr>" + "".join(f"<td>{c}" for c in r) for r in ROWS)
    closed = _write(tmp_path, "closed.html", HEAD + _closed() + "</table></body></html>")
    omit = _write(tmp_path, "omit.html", "<!doctype html>" + HEAD + omitted + "</table>")
    assert _rows(omit) == _rows(closed)
    assert len(_rows(omit)) == 3
    (decl,) = parse_file(omit).declarations
    assert decl.header.name == "党建服务工作经费"
    assert not [n for n in decl.parse_notes if n.code == TRUNCATED]


def test_a_section_or_table_end_closes_the_open_row_and_cell():
    from assistant.ingest.html_page import read_page

    page = read_page(b"<table><tbody><tr><td>a<td colspan=2>b<tbody><tr><th>c<td>d</table><p>after")
    assert page.text.splitlines() == ["| a | b |  |", "| c | d |", "after"]
    assert not page.cut


def test_the_year_in_a_one_cell_table_row_is_the_declarations_year(tmp_path):
    rows = "".join(f"<tr><td>{c}</td></tr>" for c in ("财政项目支出绩效目标申报表", "(2024年度)"))
    path = _write(tmp_path, "year.html", "<html><body><table>" + rows + _closed() + "</table></body></html>")
    (decl,) = parse_file(path).declarations
    assert decl.header.year == 2024
