"""Issue 24: wording classes an officer uses — a field asked with a verb (谁填的 = 填表人, 找谁 = 联系人), 两 as a
numeral in a ranking (前两名), 报了多少 as the amount applied for (real corpus, real parser, no model)."""

from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.qa.models import HeaderField, Target
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")


def ask(question: str):
    scope = SCOPE.current().qa
    return answer(question, Conversation(), None, scope=scope, finder=None, today=date(2026, 12, 6))


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("党费缴纳管理系统的表是谁填写的？", HeaderField.PREPARER),
        ("组织力平台那张表是谁填的", HeaderField.PREPARER),
        ("组织力建设信息化平台有事找谁？", HeaderField.CONTACT),
    ],
)
def test_a_field_asked_with_a_verb(question, field):
    result = ask(question)
    assert result.query is not None and result.query.target is Target.SHOW_FIELD, result.text
    assert result.query.header_fields == (field,)


def test_liang_is_a_numeral_in_a_ranking():
    result = ask("2023年资金总额排前两位的项目是哪些？")
    assert result.query is not None and result.query.target is Target.RANK and result.query.top == 2
    assert [row.declaration_id for row in result.rows[:2]] == ["2023-003-01", "2023-003-03"]


@pytest.mark.parametrize("question", ["2026年信息化建设项目的经费报了多少？", "远教电教那个经费今年报了多少啊"])
def test_bao_le_duoshao_is_the_amount_applied_for(question):
    result = ask(question)
    assert not result.refused and result.query.funding_field.label == "年度资金申请总额", result.text
    assert result.figure in ("1,860,380.00 元", "4,818,000.00 元")
