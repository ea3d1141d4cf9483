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
    assert "补助款结算误差率" in [i.name for i in decl.indicators]  # a row under the header joined from 4 lines
