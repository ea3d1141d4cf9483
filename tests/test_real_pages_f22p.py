"""Wrapped table cells in PDF-derived 自评表 (helper f22p, session 13; issue 25).

1. the text copy of a PDF whose two-line cells the text layer interleaved (广水, test7, tuned on since f7: ``乡村道路建设
   300 公 300 公 15 1、提供… 养护里程 里 里 数量指 …``): a row is read where the values' second lines complete their
   units (公 + 里 = 公里), standing right after the name's second line, at exactly one place; tested on the real page
   and on a page written here with other names, units and figures; two fitting places, or pieces that make no unit,
   read nothing.
2. a real PDF (a Word table printed by LibreOffice) whose narrow columns wrap names, values and headers onto several
   lines: pdfplumber's ruled-table extraction gives each cell whole (its lines joined), so every row keeps its full
   name and its value. A borderless table (no rules) is not read as a table: refused in Chinese, no row invented.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.shared import Cm

from assistant.errors import NotADeclarationError
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _codes(notes) -> set[str]:
    return {n.code for n in notes}


def _rows(form) -> list[tuple]:
    return [
        (r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.actual, r.weight, r.score)
        for r in form.rows
    ]


# -- 1. the text copy of an interleaved PDF ---------------------------------------------------------------------------


def test_guangshui_row_is_read_from_its_interleaved_lines() -> None:
    form, notes = read_self_evaluation_file(FOUND / "test7" / "wenkuvip_guangshui_xiangcun_flat.txt")
    assert _rows(form) == [("产出指标", "数量指标", "乡村道路建设养护里程", "300公里", "300公里", None, Decimal(15))]
    assert {"selfeval.interleaved_rows", "selfeval.interleaved_rest"} <= _codes(notes)
    assert "selfeval.table_unread" not in _codes(notes)
    read = next(n for n in notes if n.code == "selfeval.interleaved_rows")
    assert "乡村道路建设+养护里程" in read.message
    rest = next(n for n in notes if n.code == "selfeval.interleaved_rest")
    assert "农村公路建设 验收合格率" in rest.message  # the rows cut before their values: quoted, not rows
    assert not any(n.code == "selfeval.row_unsplit" and "乡村道路建设" in n.message for n in notes)


_PAGE = (
    "source: https://example.org/pdf/7.html\n"
    "青禾县财政预算支出项目绩效目标自评表 填报日期:2024 年 3 月 5 日 项目名称 城区绿化管护项目 自评总分: 90 "
    "项目年度目标 1:城区绿化管护项目 一级 指标 二级 指标名称 年初指 年终完 自评 复核 评价标准 指标 (三级指标) "
    "标值 成值 分 分 {rows} 产出指标 40 分"
)
_GREEN = "城区绿地日常 1200 平方 1180 平方 14 1、提供养护台账; 管护面积 米 米 数量指 2、按三级指标个数平均 标 20 分"
_SALT = "冬季除雪融雪 30 公 28 公 9 1、提供出入库单; 物资储备量 斤 斤"


def test_an_interleaved_page_with_other_names_units_and_figures_is_read() -> None:
    form, notes = read_self_evaluation_text(_PAGE.format(rows=f"{_GREEN} {_SALT}"), "pdf.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "城区绿地日常管护面积", "1200平方米", "1180平方米", None, Decimal(14)),
        (None, None, "冬季除雪融雪物资储备量", "30公斤", "28公斤", None, Decimal(9)),  # no category after it
    ]
    assert "selfeval.interleaved_rows" in _codes(notes)


@pytest.mark.parametrize(
    "row",
    [
        # 公 + 园 is no unit: nothing completes the values
        "城区绿地日常 1200 公 1180 公 14 1、提供养护台账; 管护面积 园 园 数量指 2、按个数平均 标 20 分",
        # two places complete them (管护 平方 → 米 米 twice): which is the name's second line is not shown
        "城区绿地日常 1200 平方 1180 平方 14 台账 面积 米 米 核查 范围 米 米 数量指 标 20 分",
        # one value completed, the other not
        "城区绿地日常 1200 平方 1180 公 14 1、提供养护台账; 管护面积 米 米 数量指 2、按个数平均 标 20 分",
    ],
)
def test_values_that_no_second_line_completes_at_one_place_are_not_read(row: str) -> None:
    form, notes = read_self_evaluation_text(_PAGE.format(rows=row), "pdf.txt")
    assert form.rows == []
    assert "selfeval.interleaved_rows" not in _codes(notes)
    assert "selfeval.table_unread" in _codes(notes)


# -- 2. a real PDF whose table cells wrap -----------------------------------------------------------------------------

_TABLE = [
    ["项目名称", "城区老旧小区雨污分流改造工程", "", "", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "完成老旧小区雨污分流管网改造长度", "≥12.5公里", "13.2公里", "20", "20"],
    ["产出指标", "质量指标", "改造工程竣工验收一次性通过率", "100%", "100%", "20", "19"],
    ["效益指标", "社会效益指标", "小区雨季内涝积水点减少数量", "≥35个", "38个", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "改造小区居民满意度", "≥90%", "93%", "10", "9"],
]


def _pdf(folder: Path, ruled: bool) -> Path:
    """The table above in a Word file with narrow columns (names, values, headers wrap), printed to PDF."""
    doc = Document()
    doc.add_paragraph("项目支出绩效自评表（2024年度）")
    table = doc.add_table(rows=0, cols=7)
    if ruled:
        table.style = "Table Grid"
    for texts in _TABLE:
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text
    for column, width in zip(table.columns, [1.6, 1.6, 2.2, 1.4, 1.4, 1.0, 1.0], strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    source = folder / ("ruled.docx" if ruled else "borderless.docx")
    doc.save(str(source))
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    subprocess.run(command, check=True, timeout=300, capture_output=True)
    return source.with_suffix(".pdf")


def test_a_pdf_table_whose_cells_wrap_keeps_every_full_name_and_value(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, ruled=True)
    with pdfplumber.open(pdf) as document:
        lines = document.pages[0].extract_text().splitlines()
    assert not any("完成老旧小区雨污分流管网改造长度" in line for line in lines)  # the name wraps in the PDF
    assert not any("≥12.5公里" in line for line in lines)  # and so does a value (≥12.5公 / 里)
    form, _ = read_self_evaluation_file(pdf)
    assert form.project_name == "城区老旧小区雨污分流改造工程"
    assert [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.actual) for r in form.rows] == [
        (t[0], t[1], t[2], t[3], t[4]) for t in _TABLE[2:]
    ]
    assert [(r.weight, r.score) for r in form.rows] == [(Decimal(t[5]), Decimal(t[6])) for t in _TABLE[2:]]


def test_a_borderless_pdf_table_is_refused_in_chinese_not_read_into_rows(tmp_path: Path) -> None:
    # Without rules pdfplumber finds no table: each printed line is one text line, the wrapped cells' lines
    # interleaved across the columns; no row is made up from them (see the report f22p: what reading it would take).
    with pytest.raises(NotADeclarationError, match="自评表"):
        read_self_evaluation_file(_pdf(tmp_path, ruled=False))
