"""Q&A classes of helper q13 (issue 24): questions whose wrong figure is worse than a refusal, each with variants
written here (none is a question of an eval set); the gold is read from the raw declaration JSON.

- a funding line named by who gives it (市里/上级 → 上级财政拨款, 区里/本级 → 本级财政安排, 自筹 → 其他资金) is that
  line; a zero line is answered as 0.00, never replaced by another line;
"""

from decimal import Decimal

import pytest

from tests.qa_support import DECLS, ask, yuan

DISTRICT = next(d for d in DECLS if d["id"] == "2020-001-01")  # a 区级表 with the three fiscal lines written


@pytest.mark.parametrize(
    ("question", "field", "label"),
    [
        ("组织力平台 市里（上级）给的钱是多少", "fiscal_upper", "上级财政拨款"),
        ("组织力平台 上级拨了多少", "fiscal_upper", "上级财政拨款"),
        ("组织力平台 市财政出了多少", "fiscal_upper", "上级财政拨款"),
        ("组织力平台 区里拨的款有多少", "fiscal_same_level", "本级财政安排"),
        ("组织力平台 本级给了多少", "fiscal_same_level", "本级财政安排"),
        ("组织力平台 单位自筹的钱多少", "other_annual", "其他资金"),
    ],
)
def test_a_funding_line_named_by_its_giver_is_that_line(question, field, label):
    result = ask(question)
    assert not result.refused, result.text
    assert [(row.declaration_id, row.field) for row in result.rows] == [("2020-001-01", label)], result.text
    assert result.figure == yuan(Decimal(DISTRICT["funding"][field])), result.text


def test_the_whole_fiscal_line_is_still_read_without_a_giver():
    result = ask("组织力平台 拨款多少")
    assert result.figure == yuan(Decimal(DISTRICT["funding"]["fiscal_annual"])), result.text
