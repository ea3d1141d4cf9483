"""Batch 15 (test15, helper f20, session 12: tuned on after its untuned first run), each class on the real page and
on a variant written here.

1. a fund block whose group label carries the total on its own row (Guangxi's 预算项目绩效目标公开表:
   ``项目资金 (万元) | 合计 | 250``): the figure after 合计 is the project's amount, in the group's unit;
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.ingest.text_export import parse_file, parse_text_bytes

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _codes(decl) -> set[str]:
    return {n.code for n in decl.parse_notes}


# -- 1. 项目资金 (万元) | 合计 | figure -------------------------------------------------------------------------


def test_the_guangxi_page_reads_the_total_after_its_fund_group():
    (decl,) = parse_file(FOUND / "test15" / "frenduro_baise_baidong_shengjun.txt").declarations
    assert decl.header.name == "百色市百东实验初级中学生均教育事业费"
    assert decl.funding.total == Decimal("2500000")
    assert "funding.group_total" in _codes(decl)
    assert "file.truncated" in _codes(decl)  # the page ends before its indicator table: said, nothing made up


_GROUP_TOTAL_VARIANT = """source: https://example.invalid/gk/1.html
| 2023年度预算项目绩效目标公开表 | |||||
| 项目名称 | 某县乡村公路养护补助经费 | |||||
| 项目主管部门 | 某县交通运输局 | 项目实施单位 | 某县公路养护中心 | ||
| 项目属性 | 一次性 | |||||
| 项目资金 (万元) | 合计 | 86.5 | ||||
| 一般公共预算拨款 | 小计 | 80 | ||||
| 县本级 | 80 | |||||
| 其他资金 | 6.5 | |||||
| 年度绩效目标 | 完成全县农村公路日常养护，保障道路安全畅通。 | |||||"""


def test_a_written_page_reads_the_group_total_in_the_groups_unit():
    (decl,) = parse_text_bytes(_GROUP_TOTAL_VARIANT.encode(), "v.txt").declarations
    assert decl.header.name == "某县乡村公路养护补助经费"
    assert decl.funding.total == Decimal("865000")  # 86.5 万元, the group's unit


def test_a_goal_group_with_a_total_word_is_no_amount():
    text = _GROUP_TOTAL_VARIANT.replace("| 项目资金 (万元) | 合计 | 86.5 |", "| 项目绩效目标 | 合计 | 86.5 |")
    (decl,) = parse_text_bytes(text.encode(), "v.txt").declarations
    assert decl.funding.total is None


# -- 2. several label/value pairs run together on one line (Chongqing's 重点项目绩效目标表) ---------------------------


def test_the_jiangjin_page_reads_each_pair_of_its_run_together_lines():
    (decl,) = parse_file(FOUND / "test15" / "jiangjin_dingshan_shizheng.txt").declarations
    header = decl.header
    assert (header.name, header.year) == ("市政日常维护经费", 2021)
    assert header.applicant == header.department == "重庆市江津区鼎山街道办事处"
    assert (header.nature, header.category) == ("延续", "常年性")  # 项目属性延续项目分类常年性支出分类重点专项
    assert decl.funding.annual == Decimal("22430200")  # 项目申报金额 / (万元) / 2243.02 on three lines
    sections = {s.title: s.text for s in decl.sections}
    assert sections["政策依据"] == "江津府发【2016】40号"  # not run on into the bare 项目理由 below it
    assert sections["项目实施进度计划"] == "2021年12月31日前完成"  # 项目 / 实施进度计划 wrapped over two lines
    assert sections["项目中期规划绩效目标"] == ""  # left empty on the page: nothing made up
    assert sections["项目当年绩效目标"].startswith("完成1个老集镇的维护")
    kept = {n.fragment for n in decl.parse_notes if n.code == "header.kept_field"}
    assert "重点专项" in kept  # 支出分类: no field of its own, kept in a note
    assert "web.glued_lines" in _codes(decl)
    assert not decl.indicators


_PAIRS_VARIANT = """某区某镇人民政府2022年重点项目绩效目标表
预算单位某区某镇人民政府项目主管部门某区农业农村委员会项目名称高标准农田管护经费
项目预计开始时间2022-01-01预计完成时间2022-12-31项目申报金额
(万元)
86.4
项目属性新增项目分类一次性支出分类一般专项
政策依据某府办发〔2021〕12号
项目理由
项目概况用于全镇高标准农田3200亩的日常管护，项目资金按每亩270元计算。
项目
实施进度计划
2022年11月底前完成
项目中期规划绩效目标
项目当年绩效目标完成3200亩高标准农田的管护。
绩效指标指标"""


def test_a_written_page_of_the_family_reads_every_pair():
    (decl,) = parse_text_bytes(_PAIRS_VARIANT.encode(), "v.txt").declarations
    header = decl.header
    assert (header.name, header.year) == ("高标准农田管护经费", 2022)
    assert header.applicant == "某区某镇人民政府"
    assert header.department == "某区农业农村委员会"
    assert (header.nature, header.category) == ("新增", "一次性")
    assert str(header.start_date) == "2022-01-01" and str(header.end_date) == "2022-12-31"
    assert decl.funding.annual == Decimal("864000")
    sections = {s.title: s.text for s in decl.sections}
    # a text section's value is never cut at a label word it holds (项目资金 inside 项目概况)
    assert sections["项目概况"] == "用于全镇高标准农田3200亩的日常管护，项目资金按每亩270元计算。"
    assert sections["项目实施进度计划"] == "2022年11月底前完成"


def test_a_label_word_inside_a_text_value_is_no_edge():
    from assistant.ingest.web_glued_pairs import split_pairs

    assert split_pairs("项目概况本项目名称为某工程，项目资金50万元") == [
        "项目概况",
        "本项目名称为某工程，项目资金50万元",
    ]
    assert split_pairs("预算单位某局项目名称某经费") == ["预算单位", "某局", "项目名称", "某经费"]
    assert split_pairs("某局项目名称某经费") == ["某局项目名称某经费"]  # no label at its start: one cell
