"""Other regions' Word/Excel layouts (tests/fixtures/office/, written by make_fixtures.py): each file's
declaration as a careful reader takes it — key header fields, funding, every indicator row, and the notes."""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.model import Declaration, Layout
from assistant.office.importer import import_office

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "office"

# (一级 as written, 二级 as written, 三级 name, value as written, 备注)
Row = tuple[str | None, str | None, str, str, str | None]


def _read(name: str) -> Declaration:
    [decl] = import_office(FIXTURES / name).declarations
    return decl


def _rows(decl: Declaration) -> list[Row]:
    return [(i.level1_written, i.level2_written, i.name, i.value.raw, i.remark) for i in decl.indicators]


def _notes(decl: Declaration) -> set[tuple[str, str | None]]:
    return {(n.code, n.cell) for n in decl.parse_notes}


def test_fixture_set_is_complete():
    files = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".docx", ".xlsx"})
    assert len(files) >= 9 and {p.rsplit(".", 1)[1] for p in files} == {"docx", "xlsx"}


def test_separate_long_term_and_annual_columns_in_wan_yuan():
    decl = _read("region_a_long_annual.docx")
    h = decl.header
    assert (h.name, h.year, h.department, h.implementer, h.nature) == (
        "社区养老服务站运营补助",
        2024,
        "东湖区民政局",
        "东湖区养老服务指导中心",
        "经常性项目",
    )
    assert (h.start_date, h.end_date) == (date(2024, 1, 1), date(2024, 12, 31))
    assert decl.funding.total == decl.funding.annual == Decimal("1200000")
    assert [(s.kind.value, s.title) for s in decl.sections] == [
        ("goal_total", "中长期目标"),
        ("goal_annual", "年度目标"),
    ]
    assert _rows(decl) == [
        ("产出指标", "数量指标", "服务站覆盖街道数", "≥10(个)", "长期指标值：≥12(个)"),
        ("产出指标", "数量指标", "年服务老人人次", "≥4(万人次)", "长期指标值：≥5(万人次)"),
        ("产出指标", "质量指标", "服务投诉办结率", "=100(%)", "长期指标值：=100(%)"),
        ("效益指标", "社会效益指标", "老人居家养老便利度", "逐步提升", "长期指标值：明显提升"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90(%)", "长期指标值：≥92(%)"),
    ]
    assert _notes(decl) == {("funding.wan_yuan", "表1 第3行第2列"), ("funding.wan_yuan", "表1 第3行第4列")}


def test_flat_list_with_weight_unit_and_nature_columns():
    decl = _read("region_b_flat_list.xlsx")
    assert (decl.header.name, decl.header.year, decl.header.department) == (
        "校园食品安全抽检",
        2025,
        "南川市市场监督管理局",
    )
    assert decl.funding.total == Decimal("850000")
    assert _rows(decl) == [
        ("产出指标", "数量指标", "抽检学校食堂数", "≥150(所)", "权重：20"),
        ("产出指标", "数量指标", "抽检批次", "≥600(批次)", "权重：20"),
        ("产出指标", "质量指标", "抽检任务完成率", "=100(%)", "权重：15"),
        ("效益指标", "社会效益指标", "食品安全问题发现处置率", "≥95(%)", "权重：25"),
        ("满意度指标", None, "学校满意度", "≥90(%)", "权重：20"),
    ]
    last = decl.indicators[-1]
    assert (last.level1.value, last.level2.value) == ("满意度指标", "服务对象满意度指标")
    assert decl.parse_notes == []


def test_operator_column_unit_column_and_excel_dates():
    decl = _read("region_c_operator_column.xlsx")
    assert (decl.header.name, decl.header.implementer, decl.header.year) == ("河道保洁服务", "西岭区水务所", 2025)
    assert (decl.header.start_date, decl.header.end_date) == (date(2025, 1, 1), date(2025, 12, 31))
    assert _rows(decl) == [
        ("产出指标", "数量指标", "保洁河道长度", "≥42(公里)", "指标值设定依据：计划标准"),
        ("产出指标", "数量指标", "每日巡查次数", "≥2(次)", "指标值设定依据：计划标准"),
        ("产出指标", "质量指标", "水面漂浮物清除率", "≥95%", "指标值设定依据：行业标准"),
        ("成本指标", "经济成本指标", "每公里年保洁成本", "≤7100(元/公里)", "指标值设定依据：历史标准"),
        ("效益指标", "生态效益指标", "河道水面整洁程度", "明显改善", "运算符：定性；指标值设定依据：计划标准"),
    ]
    cost = decl.indicators[3].value
    assert (cost.operator.value, cost.number, cost.unit) == ("≤", Decimal("7100"), "元/公里")
    assert _notes(decl) == {("header.excel_serial_date", "Sheet1!B6")}


def test_numbered_names_and_a_basis_column():
    decl = _read("region_d_numbered_basis.docx")
    assert (decl.header.name, decl.header.year, decl.funding.total) == (
        "基层医疗机构设备更新",
        2025,
        Decimal("2400000.00"),
    )
    assert _rows(decl) == [
        ("产出指标", "数量指标", "更新设备卫生院数", "=12(家)", "指标标准或依据：采购计划"),
        ("产出指标", "数量指标", "更新检验设备台数", "≥36(台)", "指标标准或依据：采购计划"),
        ("产出指标", "时效指标", "设备安装完成时间", "9月底前", "指标标准或依据：合同约定"),
        ("效益指标", "社会效益指标", "基层检验项目增加数", "≥8(项)", "指标标准或依据：历史标准"),
    ]
    assert decl.indicators[0].name_written == "指标1：更新设备卫生院数"
    assert decl.parse_notes == []


def test_cells_merged_across_grid_columns_are_read_once_and_strays_are_noted():
    decl = _read("region_e_merged_cells.docx")
    h = decl.header
    assert (h.name, h.department, h.implementer) == ("乡村道路养护", "临江镇人民政府", "临江镇建设管理站")
    assert decl.funding.total == decl.funding.annual == Decimal("560000.00")
    assert _rows(decl) == [
        ("产出指标", "数量指标", "养护道路里程", "≥85(公里)", None),
        ("产出指标", "质量指标", "路面完好率", "≥90(%)", None),
        ("产出指标", "质量指标", "", "≥98(%)", "原表缺名称"),
        ("满意度指标", "服务对象满意度指标", "沿线村民满意度", "≥85(%)", None),
    ]
    assert _notes(decl) == {("indicator.name_missing", "表2 第4行第5列"), ("unplaced.cell", "表2 第6行第1列")}
    stray = next(n for n in decl.parse_notes if n.code == "unplaced.cell")
    assert stray.fragment == "审核意见：同意"


def test_legacy_2020_framework_is_kept_as_written_and_mapped():
    decl = _read("region_f_legacy_2020.xlsx")
    assert decl.layout is Layout.MUNICIPAL_2019
    assert (decl.header.name, decl.header.year, decl.header.applicant) == ("社区图书室图书补充", 2020, "青石区文化馆")
    assert decl.funding.total == decl.funding.annual == Decimal("180000.00")
    assert _rows(decl) == [
        ("产出目标", "数量目标", "新增图书册数", "≥6000册", None),
        ("产出目标", "数量目标", "覆盖社区图书室数", "=15(个)", None),
        ("产出目标", "时效目标", "图书上架完成时间", "10月底前", None),
        ("效果目标", "社会效益目标", "图书借阅人次增长率", "≥10%", None),
        ("影响力目标", "满意度", "读者满意度", "≥90%", None),
    ]
    mapped = [(i.level1.value, i.level2.value) for i in decl.indicators]
    assert mapped[3] == ("效益指标", "社会效益指标") and mapped[4] == ("满意度指标", "服务对象满意度指标")
    assert _notes(decl) == {("layout.legacy_framework", None)}


def test_shanghai_form_filled_in_by_hand():
    decl = _read("hand_filled_shanghai.docx")
    h = decl.header
    assert (h.name, h.year, h.nature, h.category, h.department) == (
        "街道社区食堂运营补贴",
        2025,
        "经常性专项业务费",
        "特定目标类",
        "浦岸区民政局",
    )
    assert (h.start_date, h.end_date) == (date(2025, 1, 1), date(2025, 12, 31))
    f = decl.funding
    assert (f.total, f.fiscal_total, f.other_total, f.other_annual, f.carryover) == (
        Decimal("1500000.00"),
        Decimal("1500000.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert [(s.kind.value, s.text) for s in decl.sections] == [
        ("goal_total", "保障社区老人就近用餐。"),
        ("goal_annual", "全年提供助餐服务30万人次。"),
    ]
    assert _rows(decl) == [
        ("产出指标", "数量指标", "助餐服务人次", "≥30(万人次)", None),
        ("产出指标", "数量指标", "运营食堂数量", "=6(个)", None),
        ("产出指标", "质量指标", "食品安全检查合格率", "=100(%)", None),
        ("成本指标", "经济成本指标", "每餐补贴标准", "≤5(元/餐)", None),
        ("满意度指标", "服务对象满意度指标", "就餐老人满意度", "≥90(%)", None),
    ]
    assert decl.parse_notes == []


def test_approval_form_on_two_sheets_with_a_formula_and_an_empty_sheet():
    decl = _read("region_h_approval_two_sheets.xlsx")
    assert (decl.header.name, decl.header.year, decl.header.department) == ("中小学心理健康服务", 2025, "云台市教育局")
    f = decl.funding
    assert (f.total, f.fiscal_total, f.other_total) == (None, Decimal("500000"), Decimal("100000"))
    assert _rows(decl) == [
        ("产出指标", "数量指标", "心理筛查覆盖学生数", "≥8(万人)", None),
        ("产出指标", "数量指标", "咨询服务场次", "≥400(场)", None),
        ("效益指标", "社会效益指标", "高风险学生干预及时率", "=100(%)", None),
    ]
    assert _notes(decl) == {("sheet.empty", None), ("cell.formula_without_value", "基本信息!B4")}


def test_generator_writes_the_same_declarations(tmp_path, monkeypatch):
    """The committed files are what make_fixtures.py writes (zip timestamps aside)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    for make in module.FIXTURES:
        make()
    for path in sorted(tmp_path.iterdir()):
        fresh, committed = import_office(path).declarations[0], _read(path.name)
        assert fresh.model_dump(exclude={"provenance"}) == committed.model_dump(exclude={"provenance"})


@pytest.mark.parametrize("name", ["region_b_flat_list.xlsx", "region_e_merged_cells.docx"])
def test_check_reviews_an_imported_layout(name):
    from typer.testing import CliRunner

    from assistant.cli.main import app

    result = CliRunner().invoke(app, ["check", str(FIXTURES / name)])
    assert result.exit_code in {0, 1} and "审核：" in result.output


def test_value_header_split_over_a_second_header_row():
    decl = _read("region_i_two_row_header.xlsx")
    assert (decl.header.name, decl.header.year, decl.header.implementer) == ("全民健身步道建设", 2026, "松林区体育局")
    assert _rows(decl) == [
        ("产出指标", "数量指标", "新建步道长度", "≥12(公里)", "长期指标值：≥30(公里)"),
        ("产出指标", "质量指标", "验收合格率", "=100(%)", "长期指标值：=100(%)"),
        ("效益指标", "社会效益指标", "步道日均使用人次", "≥1500(人次)", "长期指标值：≥3000(人次)"),
    ]
    assert decl.parse_notes == []
