"""Classes of real published declarations read since the fourth batch (issue 25, helper i25c): amounts in year
columns, 中期/年度 amount pairs on a page copy, indicators as sentences in one cell, an outline 批复表, a
transfer's 资金名称. Each test reads a saved real page (``fixtures/real_pages/found``, first line its address)
through ``parse_file`` as ``assistant import`` does; a fault is injected only by cutting the real text."""

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.errors import NotADeclarationError
from assistant.ingest.text_export import parse_file, parse_text_bytes

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def _one(name: str):
    (decl,) = parse_file(FOUND / name).declarations
    return decl


def _codes(decl) -> list[str]:
    return [n.code for n in decl.parse_notes]


def test_year_columns_take_this_years_total_and_only_note_last_years():
    decl = _one("test3/xiangyin_youeryuan_gongyong.txt")  # 上年度安排资金 | 本年度申请资金 over 合 计 | 213.4 | 259
    assert decl.header.name == "公办和普惠性民办幼儿园公用经费"
    assert (decl.funding.annual, decl.funding.total) == (Decimal(2_590_000), None)
    previous = [n for n in decl.parse_notes if n.code == "funding.previous_year"]
    assert previous and "213.4" in previous[0].message
    assert "funding.year_columns" in _codes(decl)
    assert "funding.bad_amount" not in _codes(decl)  # 合 / 测算依据及说明 are no longer read as amounts


def test_a_year_column_split_by_source_gives_its_first_figure_and_notes_the_parts():
    decl = _one(
        "tune3/nanyue_yulu_jihua_2023.txt"
    )  # 本年度预计投入(万元) | 财政资金 … over 中央 | 省级 … over 7 | 0 | 7 …
    assert decl.funding.annual == Decimal(70_000)
    parts = next(n for n in decl.parse_notes if n.code == "funding.year_columns_parts")
    assert "0、7、0、0、0" in parts.message


def test_year_columns_without_a_total_row_are_not_guessed():
    text = (FOUND / "test3/xiangyin_youeryuan_gongyong.txt").read_text(encoding="utf-8")
    cut = "\n".join(line for line in text.split("\n") if not line.startswith("合 计"))
    (decl,) = parse_text_bytes(cut.encode("utf-8"), "cut.txt").declarations
    assert decl.funding.annual is None  # only 县级资金 | 213.4 | 259 is left: a part, not the total
    assert "funding.year_columns" not in _codes(decl)


def test_an_annual_budget_label_beside_a_blank_medium_term_one():
    decl = _one("test3/yq_sihao_nongcunlu.txt")  # 中期预算资金总额 | 年度预算资金总额 | 25 under 项目预算资金(万元)
    assert decl.funding.annual == Decimal(250_000)


@pytest.mark.parametrize(
    ("name", "annual", "total", "rows"),
    [
        ("test3/luan_nongchanpin_zhijian.txt", Decimal(513_500), Decimal(685_000), 7),
        ("test3/qianlima_chengguan_cheliang.txt", Decimal(3_400_000), Decimal(1_700_000), 8),
    ],
)
def test_medium_term_and_annual_pairs_on_a_page_keep_their_wan_yuan_and_drop_the_cut_row(name, annual, total, rows):
    decl = _one(name)
    assert (decl.funding.annual, decl.funding.total) == (annual, total)
    assert len(decl.indicators) == rows and all(i.value.raw for i in decl.indicators)
    assert "file.truncated" in _codes(decl)  # the half row the page ends on is a note, not an indicator


def test_a_transfers_fund_name_is_the_declarations_name():
    decl = _one("test3/mirror_zhongxian_shengzhu.txt")  # 资金名称 | 生猪(牛羊)调出大县奖励资金
    assert decl.header.name == "生猪(牛羊)调出大县奖励资金"
    assert decl.funding.annual == Decimal(3_970_000)


def test_indicators_written_as_sentences_in_one_cell_become_rows_under_their_category():
    decl = _one("test3/jingmen_wenwu_baohu.txt")
    assert [(i.level1_written, i.name, i.value.raw) for i in decl.indicators] == [
        ("产出指标", "开展文物安全巡查频次", "8次"),
        ("产出指标", "编制文物宣传资料数量", "3个"),
        ("产出指标", "文物保护知识培训次数", "2次"),
        ("产出指标", "申报省级以上重点文物保护项目数", "3个"),
        ("产出指标", "文物保护项目验收合格率", "≥86%"),
        ("产出指标", "文物展品安全保障率", "≥96%"),
        ("效益指标", "文物保护宣传覆盖人次", "≥20万人次"),
        ("效益指标", "文物保护名录和数据库", "基本健全"),
        ("效益指标", "文物保护修缮个数", "≥5个"),
    ]
    assert _codes(decl).count("indicator.sentences") == 2


def test_sentences_beside_a_category_are_left_alone_when_the_form_has_an_indicator_table():
    text = (FOUND / "test3/jingmen_wenwu_baohu.txt").read_text(encoding="utf-8")
    table = "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 巡查频次 | 8次 |\n"
    (decl,) = parse_text_bytes((text + table).encode("utf-8"), "with_table.txt").declarations
    assert [i.name for i in decl.indicators] == ["巡查频次"]
    assert "indicator.sentences" not in _codes(decl)


def test_an_outline_approval_table_reads_project_amount_and_every_indicator_by_indentation():
    decl = _one("test3/shizuishan_cdc_yimiao.txt")
    assert (decl.header.name, decl.header.year, decl.funding.annual) == (
        "狂犬、乙肝、流感等疫苗及美沙酮药物",
        2020,
        Decimal(3_000_000),
    )
    assert decl.header.applicant == "石嘴山市疾病预防控制中心"
    assert len(decl.indicators) == 13
    assert (decl.indicators[0].level1_written, decl.indicators[0].level2_written) == (
        "产出指标",
        "成本指标(必填硬性指标)",
    )
    last = decl.indicators[-1]
    assert (last.level1_written, last.level2_written, last.name, last.value.raw) == (
        "效益指标",
        "社会效益指标(必填)",
        "满足海洛因成瘾患者维持治疗需求",
        "100%",
    )
    assert "web.outline" in _codes(decl)


def test_an_outline_without_its_header_is_not_read_as_one():
    text = (FOUND / "test3/shizuishan_cdc_yimiao.txt").read_text(encoding="utf-8")
    with pytest.raises(NotADeclarationError):
        parse_text_bytes(text.replace("绩效金额", "").encode("utf-8"), "no_header.txt")


def test_a_level1_category_wrapped_before_its_last_word_is_one_category_not_a_row():
    decl = _one("test/zhmail_tekun_fuzhu.txt")  # 绩效指标 项目完成 / 指标 / 数量指标 …, later 项目效益 / 指标
    assert "指标" not in [i.name for i in decl.indicators]
    assert [i.level1_written for i in decl.indicators[:1] + decl.indicators[5:6]] == ["项目完成指标", "项目效益指标"]
    assert len(decl.indicators) == 9 and all(i.value.raw for i in decl.indicators)


def test_a_value_type_column_gives_the_operator_and_a_value_content_column_is_no_value():
    decl = _one("test3/nanxian_cdc_jiandu.txt")  # 指标值类型 | 目标值 | 度量单位 | 指标值内容 | 备注
    first, second = decl.indicators[:2]
    assert (first.name, first.value.raw) == ("疾病预防控制中心经费", "≤70(万元)")
    assert (second.name, second.value.raw) == ("实施项目对社会产生的不利影响", "减少")
    assert "反映" in (second.remark or "")  # 指标值内容 is kept beside the row, not read as its value


def test_funding_sources_as_columns_over_one_row_of_figures_read_the_known_ones():
    decl = _one(
        "test3/jingmen_wenwu_baohu.txt"
    )  # 资金来源(万元) | 财政拨款 | 非税安排 | 上年结转 | 政府债券 | 其他 over 36 | 0 …
    assert (decl.funding.annual, decl.funding.fiscal_annual, decl.funding.carryover) == (
        Decimal(360_000),
        Decimal(360_000),
        Decimal(0),
    )
    not_read = [n.fragment for n in decl.parse_notes if n.code == "funding.source_not_read"]
    assert len(not_read) == 3  # 非税安排, 政府债券, 其他: no field of their own, noted rather than dropped
    assert "funding.bad_amount" not in _codes(decl)


def test_a_form_title_over_text_copied_apart_is_refused_saying_so(tmp_path):
    # a PDF's labels listed before its values, with no value line holding its row's next label (the real 永兴 page,
    # where two do, is read as far as its order allows: tests/test_real_pages_classes7.py)
    text = (FOUND / "tune4/360docs_yongxing_dongwu_fangyi.txt").read_text(encoding="utf-8")
    variant = tmp_path / "yongxing_no_pairs.txt"
    variant.write_text(text.replace("专项属性", "").replace("资金总额(万元)", ""), encoding="utf-8")
    with pytest.raises(NotADeclarationError) as refused:
        parse_file(variant)
    assert "第 6 行有表头「专项资金绩效目标表」" in refused.value.message
    assert "不猜测" in refused.value.message and refused.value.hint


def test_year_columns_over_a_fiscal_row_give_the_fiscal_amount_and_note_the_parts_below():
    text = (FOUND / "test3/xiangyin_youeryuan_gongyong.txt").read_text(encoding="utf-8")
    head, _, tail = text.partition("支出明细预算")  # the page's first money table only, its 合计 row relabelled
    fiscal = head.replace("合 计 213.4 259", "财政拨款 213.4 259")
    (decl,) = parse_text_bytes((fiscal + "支出明细预算" + tail.split("\n", 1)[1]).encode("utf-8"), "f.txt").declarations
    assert (decl.funding.fiscal_annual, decl.funding.annual) == (Decimal(2_590_000), Decimal(2_590_000))
    assert "funding.total_from_fiscal" in _codes(decl)  # the year's total taken from the one fiscal amount, noted
    parts = [n.fragment for n in decl.parse_notes if n.code == "funding.year_columns_parts"]
    assert "县级资金" in parts
