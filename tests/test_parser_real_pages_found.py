"""Classes of real published declarations the page readers learnt from the saved pages in
``fixtures/real_pages/found`` (issue 25): each test reads a real page through ``parse_file``, as ``assistant
import`` does, and checks what a careful reader gets from it (``found/expected.json``)."""

from decimal import Decimal
from pathlib import Path

from assistant.ingest.text_export import parse_file

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def _one(name: str):
    (decl,) = parse_file(FOUND / name).declarations
    return decl


def _amount(decl) -> Decimal | None:
    return decl.funding.annual if decl.funding.annual is not None else decl.funding.total


def test_a_blank_total_beside_a_filled_fiscal_amount_gives_the_year_amount_with_a_note():
    decl = _one("tune3/chencang_canjiren_2023.txt")
    assert decl.header.name == "残疾人事业发展补助资金(一般公共预算)"
    assert (decl.funding.total, decl.funding.annual, decl.funding.fiscal_upper) == (
        None,
        Decimal("502900"),
        Decimal("502900"),
    )
    assert any(n.code == "funding.total_from_fiscal" for n in decl.parse_notes)
    assert decl.indicators == []  # the page ends before the indicator table: nothing invented


def test_an_amount_block_of_labelled_subtotals_gives_the_fiscal_subtotal():
    decl = _one("test/zhmail_mafeng_fangzhi.txt")
    assert (decl.header.name, _amount(decl)) == ("麻风病防治", Decimal(40_000))
    assert decl.funding.fiscal_annual == Decimal(40_000)


def test_targets_published_as_a_notice_are_read_item_by_item():
    decl = _one("tune3/tongxin_sheshi_peixun.txt")
    assert (decl.header.name, _amount(decl)) == ("同心县2025年设施农业技术培训项目", Decimal(300_000))
    assert [(i.level2_written or "", i.name, i.value.raw) for i in decl.indicators] == [
        ("数量指标", "设施温棚种植人员(县内培训)", "≧300人"),
        ("质量指标", "参训人员结业率", "≥100%"),
        ("时效指标", "完成时限", "2025年10月底前"),
        ("成本指标", "设施农业种植人员(县内培训)", "≦1000元/人"),
        ("经济效益指标", "带动村集体及种植户增收致富", "增加"),
        ("社会效益指标", "学员素质素养和种植技术水平", "提高"),
        ("生态效益指标", "培训人员绿色种植意识", "提高"),
        ("可持续影响指标", "农民综合素质", "持续提高"),
        ("", "参训学员满意度", "≥95%"),
    ]
    assert any(n.code == "web.prose" for n in decl.parse_notes)


def test_a_notice_cut_mid_item_keeps_the_items_before_and_notes_the_rest():
    decl = _one("tune3/tongxin_renju_huanjing.txt")
    assert _amount(decl) == Decimal(5_000_000)
    assert [(i.name, i.value.raw) for i in decl.indicators] == [
        ("商业段外立面改造(≥**平方米)", "大于等于10157.6平方米")
    ]
    assert [n.fragment or n.message for n in decl.parse_notes if n.code == "file.truncated"]


def test_a_notice_with_several_items_in_a_sentence_and_categories_inline():
    decl = _one("tune3/tongxin_huangjinmi_putao.txt")
    assert (decl.header.name, _amount(decl)) == ("下马关镇设施农业黄金蜜(葡萄)种植项目", Decimal(500_000))
    rows = [(i.name, i.value.raw) for i in decl.indicators]
    assert rows[0] == ("★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)", ">=17600株")
    assert ("促使脱贫户、监测户增加收入(≥**万元)", "≥80万元") in rows
    assert ("持续发展", "") in rows  # an item without a value: kept as written, value blank, noted
    assert any(n.code == "web.prose_no_value" for n in decl.parse_notes)


def test_a_pipe_row_whose_cells_held_line_breaks_is_one_row_again():
    decl = next(
        d
        for d in parse_file(FOUND / "test2" / "gdyinping_zhenji_lianwanglu.txt").declarations
        if d.header.name == "镇际联网路升级改造工程一期"
    )
    # the header joined from four lines; categories with qualifiers (数量指标(或建筑规模指标), 预期产出指标) kept as written
    assert [(i.name, i.value.raw) for i in decl.indicators][0] == ("镇街补助款完成结算项目数", "3")
    assert len(decl.indicators) == 5
    assert (decl.funding.total, decl.funding.annual) == (Decimal(2_845_000_000), Decimal(9_190_000))


def test_a_value_column_per_place_gives_the_first_as_the_value_and_keeps_the_others():
    decls = parse_file(FOUND / "test" / "fjax_shuili_qidipi.txt").declarations
    (decl,) = decls  # the allocation table above the form (序号 | 乡镇名称 | 项目名称 | 金额) is no declaration
    assert (decl.header.name, _amount(decl)) == ("省级第七批水利专项资金", Decimal(1_000_000))
    (row,) = decl.indicators  # the page ends on 时效指标 | 截: a note, not a row
    assert (row.name, row.value.raw) == ("开展小型水利工程建设(个)", "1")
    assert "各地指标值（尚卿乡尤俊村）：1" in (row.remark or "")
    codes = {n.code for n in decl.parse_notes}
    assert {"web.place_columns", "web.other_table", "file.truncated"} <= codes


def test_a_category_word_as_a_row_name_in_a_one_cell_per_line_copy():
    decl = _one("tune3/xtcg_wupaoche_2024.txt")
    assert (decl.header.name, _amount(decl)) == ("雾炮车抑尘降尘服务", Decimal(2_500_000))
    assert [(i.level2_written, i.name, i.value.raw) for i in decl.indicators][-2:] == [
        ("社会效益指标", "服务周期内,市民对空气质量改善的满意程度", "85%"),
        ("服务对象满意度指标", "满意度", "90%"),
    ]


def test_the_year_budget_of_a_project_spread_over_years_is_its_amount():
    decl = _one("tune3/wuhu_teshu_renqun_shaicha.txt")
    assert (decl.header.name, decl.funding.total, decl.funding.annual) == (
        "特殊人群病种筛查经费",
        Decimal(750_000),
        Decimal(250_000),
    )


def test_a_unitless_amount_takes_the_unit_the_page_text_gives_the_same_figure():
    decl = _one("tune3/chencang_canjiren_2023.txt")
    assert any(n.code == "funding.wan_from_page" and "50.29万元" in n.message for n in decl.parse_notes)


def test_a_notice_whose_title_names_no_project_is_refused_not_guessed():
    import pytest

    from assistant.errors import NotADeclarationError
    from assistant.ingest.text_export import parse_text_bytes

    page = (FOUND / "tune3" / "tongxin_sheshi_peixun.txt").read_text(encoding="utf-8")
    page = page.replace("同心县2025年设施农业技术培训项目绩效目标设定 |", "设施农业技术培训绩效目标设定 |")
    with pytest.raises(NotADeclarationError):
        parse_text_bytes(page.encode("utf-8"), "notice.txt")
