"""nu10 item 7: a follow-up that changes only the year (那2026年的呢？) after a question about one indicator keeps
that indicator; when the year's form lacks it the answer says so (没有) and names the year that has it, instead of
listing every indicator of the other year. The user's turns, and a variant on another project and years."""

from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")
TODAY = date(2026, 12, 7)


def _ask(question: str, conversation: Conversation):
    return answer(question, conversation, None, scope=SCOPE.current().qa, finder=None, today=TODAY)


@pytest.mark.parametrize(
    ("first", "then", "indicator", "asked", "has"),
    [
        ("2023年信息化运维项目的驻场人员要几个人？", "那2026年的呢？", "驻场人员", 2026, 2023),
        ("2026年信息化建设项目的系统可靠性定的多少？", "那2023年的呢？", "系统可靠性", 2023, 2026),
    ],
)
def test_year_follow_up_keeps_the_indicator_and_says_it_is_absent(first, then, indicator, asked, has):
    conversation = Conversation()
    before = _ask(first, conversation)
    assert [row.year for row in before.rows] == [has] and indicator in before.text
    after = _ask(then, conversation)
    assert "没有" in after.text and f"{asked}年" in after.text and f"{has}年" in after.text
    assert indicator in after.text
    assert all(indicator in row.field for row in after.rows), after.text  # never the other year's whole list
