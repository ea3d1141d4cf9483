"""Field classes a new user found misread on a real published 项目绩效目标表 (宁乡市坝塘镇 2021, cells run together;
report newuser-2026-12-07-06h P8, helper f12): a funding line the form has no field for by that label (三、其他), the
next label glued onto a header value (联系电话 misread as 联系电目), a tick-box row in a text field (项目性质), a goal
that swallows the head of the next heading (…提质改造长期 + 绩效指标), and a Hunan form called a Shanghai 市级表.
Each test reads the saved real page (``fixtures/real_pages/newuser``, first line its address) as ``assistant import``
does; a variant written here proves the class rather than the file."""

from pathlib import Path

import pytest

from assistant.cli.main import app
from assistant.cli.render import layout_label
from assistant.domain.model import CheckState, NoteLevel, SectionKind
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.office.grid import GridCell, GridRow
from assistant.office.header_values import glued_label, options, ticked
from assistant.office.importer import read_declaration
from assistant.office.notes import OfficeNotes
from tests.cli_support import cli_env, runner

PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "newuser" / "ningxiang_batang_jichu_flat.txt"
TEXT = PAGE.read_text(encoding="utf-8")


def _page():
    (decl,) = parse_file(PAGE).declarations
    return decl


def _variant(old: str, new: str):
    assert old in TEXT
    (decl,) = parse_text_bytes(TEXT.replace(old, new, 1).encode("utf-8"), "variant.txt").declarations
    return decl


def _notes(decl, code: str) -> list:
    return [n for n in decl.parse_notes if n.code == code]


def test_the_other_line_of_a_funding_block_goes_into_other_funds_and_the_parts_are_added_up():
    decl = _page()  # 总额10606.7522万元 财政拨款:6923.3552万元 … 二、自有资金:0万元 三、其他:3683.3970万元
    assert decl.funding.total == 106_067_522 and decl.funding.fiscal_annual == 69_233_552
    assert decl.funding.other_total == 36_833_970  # 6923.3552 + 0 + 3683.3970 = 10606.7522 万元
    (check,) = _notes(decl, "funding.parts_sum")
    assert check.level is NoteLevel.INFO and "与资金总额一致" in check.message and "36,833,970.00" in check.message
    kept = [n.message for n in _notes(decl, "header.kept_field")]
    assert any("自有资金" in m and "「0万元」" in m for m in kept)  # 自有资金 keeps its own note, without 三、其他


def test_a_funding_block_that_does_not_add_up_is_a_warning_and_other_source_is_other_funds():
    decl = _variant("三、其他:3683.3970万元", "三、其他来源:3000万元")
    assert decl.funding.other_total == 30_000_000
    (check,) = _notes(decl, "funding.parts_sum")
    assert check.level is NoteLevel.WARNING and "不一致" in check.message and "6,833,970.00" in check.message
    own = _variant("二、自有资金:0万元三、其他:3683.3970万元", "二、自有资金:683.3970万元三、其他:3000万元")
    assert own.funding.other_total == 30_000_000  # 6923.3552 + 683.3970 + 3000 = 10606.7522
    assert "与资金总额一致" in _notes(own, "funding.parts_sum")[0].message


def test_other_alone_in_prose_is_no_label():
    decl = _variant("项目概况镇域内水利", "项目概况其他:镇域内水利")  # not numbered: a word of the text
    assert decl.funding.other_total == 36_833_970
    overview = next(s for s in decl.sections if s.kind is SectionKind.OVERVIEW)
    assert overview.text.startswith("其他:镇域内水利")


def test_a_next_label_glued_onto_a_header_value_is_taken_off_even_one_character_off():
    decl = _page()
    assert decl.header.manager == "蒋建华"  # 蒋建华联系电目: the 联系电话 label, its last character misread
    (note,) = _notes(decl, "header.glued_label")
    assert "联系电目" in note.message and "蒋建华" in note.message
    exact = _variant("项目负责人蒋建华联系电目", "项目负责人王小明填表人")
    assert exact.header.manager == "王小明"
    other = _variant("项目负责人蒋建华联系电目", "项目负责人李四联系电舌")  # a different character misread
    assert other.header.manager == "李四"
    assert glued_label("宁乡市发展和改革局", frozenset({"联系电话", "实施单位"})) is None  # a whole name is kept
    assert glued_label("联系电目", frozenset({"联系电话"})) is None  # nothing left before it: not a glued label


def test_a_tick_box_row_in_a_text_field_is_read_as_the_ticked_option():
    decl = _page()
    assert decl.header.nature == "延续项目"  # 新增项目□延续项目√: the mark after its option
    assert "延续项目" in _notes(decl, "header.checkbox_text")[0].message
    before = _variant("项目属性新增项目□延续项目√", "项目属性☑新增项目☐延续项目")
    assert before.header.nature == "新增项目"
    both = _variant("项目属性新增项目□延续项目√", "项目属性新增项目■延续项目√")
    assert both.header.nature == "新增项目■延续项目√"  # two ticked: kept as written, with a warning
    assert _notes(both, "header.checkbox_unclear")[0].level is NoteLevel.WARNING
    assert ticked("一次性项目□经常性项目☑") == "经常性项目"
    assert ticked("1、持续性项目 ☑ 2、新增性项目") == "持续性项目"  # 黄石 (test8): the mark after its option, numbered


def test_a_checkbox_field_reads_marks_written_after_their_options():
    chosen = [o.label for o in options("专项业务费□运行维护费√") if o.state is CheckState.CHECKED]
    assert chosen == ["运行维护费"]

    def row(number: int, texts: list[str]) -> GridRow:
        return GridRow(
            "表", number, tuple(GridCell(t, number, col, f"第 {number + 1} 行") for col, t in enumerate(texts))
        )

    rows = [row(0, ["项目名称", "测试项目"]), row(1, ["项目类型", "新增项目□延续项目√"])]
    decl = read_declaration(rows, source_file="t.docx", sha256="0" * 64, notes=OfficeNotes())
    assert decl.header.project_type is not None
    states = {o.label: o.state for o in decl.header.project_type.options}
    assert states == {"新增项目": CheckState.UNCHECKED, "延续项目": CheckState.CHECKED}


def test_a_goal_does_not_swallow_the_head_of_the_next_heading():
    decl = _page()
    annual = next(s for s in decl.sections if s.kind is SectionKind.GOAL_ANNUAL)
    assert annual.text.endswith("搞好提质改造")  # not …提质改造长期 (长期绩效指标 is the next heading)
    middle = _variant("提质改造长期绩效指标", "提质改造中期绩效指标")
    assert next(s for s in middle.sections if s.kind is SectionKind.GOAL_ANNUAL).text.endswith("搞好提质改造")


def test_another_regions_form_is_not_called_a_shanghai_layout():
    assert "其他地区" in layout_label(_page()) and "宁乡市" in layout_label(_page())
    shanghai = _variant("宁乡市坝塘镇人民政府", "上海市静安区某某街道办事处")
    assert layout_label(shanghai) == shanghai.layout.label  # Shanghai's own form keeps its layout's name
    assert "潼南区" in layout_label(_variant("宁乡市坝塘镇人民政府", "潼南区五桂镇人民政府"))  # a district elsewhere
    assert "湖南" in layout_label(_variant("宁乡市坝塘镇人民政府", "湖南某某发展中心"))  # a province first
    park = _variant("宁乡市坝塘镇人民政府", "张江高科技园区管理委员会")
    assert layout_label(park) == park.layout.label  # no place named: undecided, the layout's name
    for seed in sorted((Path(__file__).resolve().parent.parent / "corpus" / "raw").glob("*.txt"))[:6]:
        for decl in parse_file(seed).declarations:  # the Shanghai seeds keep 市级表/区级表
            assert layout_label(decl) == decl.layout.label


def test_an_import_without_indicator_rows_does_not_suggest_adding_it_to_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    cli_env(tmp_path, monkeypatch)
    result = runner.invoke(app, ["import", str(PAGE)])
    assert result.exit_code == 0, result.output
    assert "corpus build --from" not in result.output
    assert "不能作为先例" in result.output and "其他地区的表式" in result.output
