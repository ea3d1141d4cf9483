"""A legacy ``.xls`` figure under a percent number format reads as the person sees it (helper f15): ``0.95`` shown as
``95.00%`` is 95%, as the .xlsx reader reads it (it had been read as the bare 0.95); a % written as text in the
format (``0"%"``) shows the figure unscaled."""

from __future__ import annotations

from decimal import Decimal

import xlwt

from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.office.importer import import_office
from assistant.office.read_xlsx import shown_number


def _sheet(rows: list[list[object]]):
    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    return book, sheet


def test_an_xls_indicator_value_under_a_percent_format_is_a_percentage(tmp_path):
    book, sheet = _sheet(
        [
            ["项目支出绩效目标表"],
            ["项目名称", "社区养老服务补贴", "主管部门", "青禾区民政局"],
            ["项目资金总额", 1200000, "年度资金申请总额", 1200000],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "服务人次", "≥30000(人次)"],
            ["产出指标", "质量指标", "抽查合格率", None],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度", None],
        ]
    )
    sheet.write(5, 3, 0.95, xlwt.easyxf(num_format_str="0.00%"))
    sheet.write(6, 3, 90, xlwt.easyxf(num_format_str='0"%"'))
    path = tmp_path / "percent.xls"
    book.save(str(path))
    (decl,) = import_office(path).declarations
    values = {i.name: i.value for i in decl.indicators}
    assert (values["抽查合格率"].number, values["抽查合格率"].unit) == (Decimal(95), "%")
    assert (values["服务对象满意度"].number, values["服务对象满意度"].unit) == (Decimal(90), "%")
    assert decl.funding.total == 1_200_000  # a figure under no percent format is as it was


def test_an_xls_selfeval_rate_under_a_percent_format(tmp_path):
    book, sheet = _sheet(
        [
            ["项目支出绩效自评表"],
            ["项目名称", "乡村保洁补助"],
            ["主管部门", "某县农业农村局", "实施单位", "某县环卫站"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", 20, 20, 19.8, 10, None, 9.9],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "质量指标", "保洁覆盖率", None, None, 20, 20],
        ]
    )
    percent = xlwt.easyxf(num_format_str="0%")
    sheet.write(4, 5, 0.99, percent)
    sheet.write(6, 3, 1, percent)
    sheet.write(6, 4, 1, percent)
    path = tmp_path / "selfeval.xls"
    book.save(str(path))
    ((form, _),) = read_self_evaluation_forms(path)
    (row,) = form.rows
    assert (row.target, row.actual) == ("100%", "100%")
    assert (form.funds[0].executed, form.funds[0].rate) == (Decimal("19.8"), 99)


def test_the_formats_percent_kinds():
    assert shown_number(0.875, "0.0%") == "87.5%"
    assert shown_number(87.5, '0.0"%"') == "87.5%"
    assert shown_number(87.5, "0.0\\%") == "87.5%"
    assert shown_number(87.5, "0.0") == "87.5"
    assert shown_number(0.9, '0%;"-"0%') == "90%"
