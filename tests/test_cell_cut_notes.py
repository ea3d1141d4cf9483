"""A cell longer than the readers' bound (office/grid.MAX_CELL_CHARS) is cut, and the parse notes say which cell
and how long it was (issue 25: the cut used to be silent). The cells are a real page's (test4/qjzhf: 清涧县
2021年交通局寨山石坪、鲍家沟果园路), written into a workbook with its 年度目标 pasted many times over."""

from pathlib import Path

import openpyxl

from assistant.ingest.selfeval_files import read_self_evaluation_file
from assistant.office.grid import MAX_CELL_CHARS
from assistant.office.importer import import_office

GOAL = (
    "1、改善基础实施建设,呼家河至鲍家沟果园路建设2公里、寨山石坪果园路2公里 2、水泥路硬化路面、边沟及交安实施的"
    "建设,解决了生产道路硬化问题及生命防护问题 3、极大的改善了老百姓的生产生活问题 "
)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_cut_cell_is_named_in_the_notes_with_its_length(tmp_path):
    long_goal = GOAL * (MAX_CELL_CHARS // len(GOAL) + 20)
    path = _workbook(
        tmp_path / "qingjian.xlsx",
        [
            ["绩效目标申报表"],
            ["项目名称", "2021年交通局寨山石坪、鲍家沟果园路"],
            ["主管部门", "清涧县交通运输局", "实施单位", "清涧县交通运输局"],
            ["资金情况(万元)", "年度资金总额:", 500],
            ["年度目标", long_goal],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "寨山石坪村新建水泥路1条", "2km"],
            ["产出指标", "质量指标", "项目(工程)验收合格率", "100%"],
        ],
    )
    decl = import_office(path).declarations[0]
    assert [i.name for i in decl.indicators] == ["寨山石坪村新建水泥路1条", "项目(工程)验收合格率"]
    cut = [n for n in decl.parse_notes if n.code == "cell.cut"]
    assert [(n.cell, str(len(long_goal)) in n.message, str(MAX_CELL_CHARS) in n.message) for n in cut] == [
        ("Sheet!B5", True, True)
    ]
    assert len(cut[0].fragment) < 50  # the note quotes the cell's start, not its 20,000 characters


def test_a_cell_within_the_bound_gives_no_note(tmp_path):
    path = _workbook(
        tmp_path / "short.xlsx",
        [
            ["项目名称", "2021年交通局寨山石坪、鲍家沟果园路"],
            ["年度资金总额", 500],
            ["年度目标", GOAL],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "寨山石坪村新建水泥路1条", "2km"],
        ],
    )
    assert not [n for n in import_office(path).declarations[0].parse_notes if n.code == "cell.cut"]


def test_a_self_evaluation_workbook_notes_its_cut_cell(tmp_path):
    long_text = GOAL * (MAX_CELL_CHARS // len(GOAL) + 5)
    path = _workbook(
        tmp_path / "selfeval.xlsx",
        [
            ["项目支出绩效自评表(2022年度)"],
            ["项目名称", "2021年交通局寨山石坪、鲍家沟果园路"],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["", long_text, "已完成"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "寨山石坪村新建水泥路1条", "2km", "2km", 10, 10],
        ],
    )
    _, notes = read_self_evaluation_file(path)
    assert [n.cell for n in notes if n.code == "cell.cut"] == ["Sheet!B4"]
