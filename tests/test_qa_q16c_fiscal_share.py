"""Issue 24, helper q16c (red team rt13 #3, #4): the form's own label 财政资金 is the 财政资金 cell beside 项目资金总额
(其中：财政资金); a share of two named fields of one form (财政资金占项目资金总额的百分之几) is that form's A ÷ B, never
the project's share of the year's total; a blank field is said blank with no figure; an amount asserted of the field
is checked (不是…，而是…).

Real corpus, real parser, no model; gold from the raw declaration JSON.
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from qa_support import DECLS, ask, yuan

BY_NAME = {(d["header"]["name"], d["header"]["year"]): d for d in DECLS}


def _fiscal(name: str, year: int) -> Decimal | None:
    value = BY_NAME[(name, year)]["funding"]["fiscal_total"]
    return None if value is None else Decimal(value)


def test_the_fiscal_label_reads_the_fiscal_cell():
    fiscal = _fiscal("党组织建设和党员教育管理", 2023)
    assert fiscal is not None
    answer = ask("党组织建设和党员教育管理2023年的财政资金有多少？")
    assert not answer.refused and answer.figure == yuan(fiscal), answer.text


def test_a_false_fiscal_claim_is_corrected():
    fiscal = _fiscal("党组织建设和党员教育管理", 2023)
    answer = ask("2023年党组织建设和党员教育管理的财政资金是800万元，是不是？")
    assert f"不是800万元，而是 {yuan(fiscal)}" in answer.text, answer.text


def test_a_blank_fiscal_cell_is_said_blank():
    assert _fiscal("上海市人大老干部综合信息管理系统建设经费", 2019) is None
    answer = ask("2019年人大老干部综合信息管理系统的财政资金是多少？")
    assert answer.figure is None and "空白" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "2023年信息化建设项目的财政资金占项目资金总额的比例是多少？",
        "信息化建设项目2023年财政资金占项目总额百分之多少",
    ],
)
def test_a_share_of_two_fields_is_one_forms_ratio(question):
    d = BY_NAME[("信息化建设项目", 2023)]
    share = (100 * Decimal(d["funding"]["fiscal_total"]) / Decimal(d["funding"]["total"])).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    answer = ask(question)
    assert answer.figure == f"{share}%", answer.text
    assert "份申报表合计" not in answer.text


def test_a_share_with_a_blank_field_gives_no_figure_and_checks_no_premise():
    answer = ask("2019年人大老干部综合信息管理系统的财政资金是300万元，占项目资金总额的百分之几？")
    assert answer.figure is None and "空白" in answer.text, answer.text
    assert "无法核对" in answer.text and "份申报表合计" not in answer.text


def test_a_false_premise_of_a_share_is_corrected():
    d = BY_NAME[("信息化建设项目", 2023)]
    answer = ask("2023年信息化建设项目的财政资金是200万元，占项目资金总额多少？")
    assert f"不是200万元，而是 {yuan(Decimal(d['funding']['fiscal_total']))}" in answer.text, answer.text
