"""A workbook whose form sheet was copied (建立副本) is one declaration read once, with a note naming the copy and
every value in which the two sheets differ; the 申报书 + 目标表 pair of one project is still merged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from assistant.corpus.store import Corpus
from assistant.office.export_xlsx import export_xlsx
from assistant.office.importer import import_office

REPO = Path(__file__).resolve().parent.parent
CORPUS = Corpus.load(REPO / "corpus")
DECL = next(d for d in CORPUS if len(d.indicators) >= 4 and d.header.name and d.header.department)


def _copied(tmp_path: Path, edit) -> Path:
    """The exported form with its sheet copied as ``副本`` and ``edit(copy_sheet)`` applied to the copy."""
    path = tmp_path / "form.xlsx"
    export_xlsx(DECL, path)
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book.active)
    copy.title = "副本"
    edit(copy)
    out = tmp_path / "copied.xlsx"
    book.save(out)
    return out


def _cell_with(sheet, text: str):
    return next(c for row in sheet.iter_rows() for c in row if c.value == text)


def test_a_copied_sheet_with_a_changed_value_is_read_once_and_the_conflict_is_named(tmp_path):
    first, second = DECL.indicators[0], DECL.indicators[2]

    def edit(sheet) -> None:
        _cell_with(sheet, first.value.raw).value = "≥987654(次)"
        _cell_with(sheet, second.value.raw).value = "≤1(%)"
        _cell_with(sheet, DECL.header.department).value = "某某局"

    (decl,) = import_office(_copied(tmp_path, edit)).declarations
    assert [(i.name, i.value.raw) for i in decl.indicators] == [(i.name, i.value.raw) for i in DECL.indicators]
    (note,) = [n for n in decl.parse_notes if n.code == "sheet.copy_conflict"]
    assert "「副本」" in note.message and "3 处不同" in note.message
    assert f"表头「主管部门」：{DECL.header.department} / 某某局" in note.message
    assert f"「{first.name}」：{first.value.raw} / ≥987654(次)" in note.message
    assert f"「{second.name}」：{second.value.raw} / ≤1(%)" in note.message
    assert not [n for n in decl.parse_notes if n.code == "unplaced.cell"]


def test_an_identical_copy_is_read_once_with_a_note(tmp_path):
    (decl,) = import_office(_copied(tmp_path, lambda sheet: None)).declarations
    assert len(decl.indicators) == len(DECL.indicators)
    assert [n.code for n in decl.parse_notes if n.code.startswith("sheet.copy")] == ["sheet.copy"]


def test_a_copy_with_a_row_inserted_is_still_a_copy(tmp_path):
    def edit(sheet) -> None:
        sheet.insert_rows(3)
        sheet["A3"] = "（修改稿）"

    (decl,) = import_office(_copied(tmp_path, edit)).declarations
    assert len(decl.indicators) == len(DECL.indicators)
    assert any(n.code.startswith("sheet.copy") for n in decl.parse_notes)


@pytest.mark.parametrize("order", ["application-first", "targets-first"])
def test_the_application_sheet_and_the_target_sheet_are_still_one_declaration(tmp_path, order):
    book = openpyxl.Workbook()
    application = book.active
    application.title = "申报书"
    for row in [
        ["项目支出绩效目标申报书"],
        ["项目名称", "社区养老服务补贴"],
        ["主管部门", "某区民政局"],
        ["项目概况", "为失能老人提供居家养老服务"],
        ["立项依据", "《某区养老服务条例》"],
    ]:
        application.append(row)
    targets = book.create_sheet("绩效目标表", index=0 if order == "targets-first" else None)
    for row in [
        ["项目支出绩效目标表"],
        ["项目名称", "社区养老服务补贴"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥20000(人次)"],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90(%)"],
    ]:
        targets.append(row)
    path = tmp_path / "pair.xlsx"
    book.save(path)
    (decl,) = import_office(path).declarations
    assert [i.name for i in decl.indicators] == ["服务人次", "老人满意度"]
    assert decl.header.department == "某区民政局"
    assert not any(n.code.startswith("sheet.copy") for n in decl.parse_notes)


def test_a_target_sheet_repeating_the_application_sheets_header_block_is_merged_not_a_copy(tmp_path):
    head = [
        ["项目支出绩效目标申报表"],
        ["项目名称", "社区养老服务补贴", "主管部门", "某区民政局"],
        ["实施单位", "某区养老服务中心", "项目类别", "特定目标类"],
        ["计划开始日期", "2026-01-01", "计划完成日期", "2026-12-31"],
        ["项目资金总额", 600000, "年度资金申请总额", 600000],
    ]
    book = openpyxl.Workbook()
    application = book.active
    application.title = "申报书"
    for row in [*head, ["项目概况", "为失能老人提供居家养老服务"]]:
        application.append(row)
    targets = book.create_sheet("目标表")
    for row in [
        *head,
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥2(万人次)"],
    ]:
        targets.append(row)
    path = tmp_path / "repeat.xlsx"
    book.save(path)
    (decl,) = import_office(path).declarations
    assert [(i.name, i.value.raw) for i in decl.indicators] == [("服务人次", "≥2(万人次)")]
    assert not any(n.code.startswith("sheet.copy") for n in decl.parse_notes)
