"""An .xlsx sheet wider than the reader's 60 columns (helper f15): it had been refused whole (「…有 N 列，超过一份申报表的
合理规模」), even where the form stands in its first columns and what lies past them is formatting or a list kept
beside it. Now the first 60 columns are read; filled cells past them are named in a warning (sheet, columns, first
row), never dropped without one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.office.importer import import_office

_FORM = [
    ["项目支出绩效目标表"],
    ["项目名称", "社区养老服务补贴", "主管部门", "青禾区民政局"],
    ["项目资金总额", 1200000, "年度资金申请总额", 1200000],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "服务人次", "≥30000人次"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"],
]


def _save(tmp_path: Path, rows: list[list[object]], far: dict[str, object], styled: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "目标表"
    for row in rows:
        sheet.append(row)
    for where, value in far.items():
        sheet[where] = value
    if styled:
        sheet[styled].fill = PatternFill("solid", fgColor="FFFF00")  # an empty cell formatted far right
    path = tmp_path / "wide.xlsx"
    book.save(path)
    return path


def test_a_form_in_the_first_columns_of_a_sheet_formatted_far_right_is_read_without_a_note(tmp_path):
    decl = import_office(_save(tmp_path, _FORM, {}, styled="CZ3")).declarations[0]
    assert (decl.header.name, decl.funding.total) == ("社区养老服务补贴", Decimal(1_200_000))
    assert [i.name for i in decl.indicators] == ["服务人次", "服务对象满意度"]
    assert not any(n.code == "xlsx.columns_left_out" for n in decl.parse_notes)


def test_filled_cells_past_column_60_are_named_in_a_warning(tmp_path):
    path = _save(tmp_path, _FORM, {"BZ5": "备查清单", "CA7": 12})
    decl = import_office(path).declarations[0]
    assert [i.name for i in decl.indicators] == ["服务人次", "服务对象满意度"]
    (note,) = [n for n in decl.parse_notes if n.code == "xlsx.columns_left_out"]
    assert note.level is NoteLevel.WARNING and note.cell == "目标表!BZ5"
    assert "2 个" in note.message and "BZ–CA" in note.message and "第 5 行" in note.message


def test_a_wide_selfeval_workbook_is_read_and_its_far_cells_noted(tmp_path):
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "乡村保洁补助"],
        ["主管部门", "某县农业农村局", "实施单位", "某县环卫站"],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 20, 20, 19.8, 10, "99%", 9.9],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "质量指标", "保洁覆盖率", "100%", "100%", 20, 20],
    ]
    ((form, notes),) = read_self_evaluation_forms(_save(tmp_path, rows, {"DA2": "旁注"}))
    assert form.project_name == "乡村保洁补助" and [r.link.name for r in form.rows] == ["保洁覆盖率"]
    assert any(n.code == "xlsx.columns_left_out" and "旁注" in n.message for n in notes)
