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
