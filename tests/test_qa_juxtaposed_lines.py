"""Q&A (issue 24, sealed10 tune class): two projects named side by side with only a space between (the space is
lost when the question is read: 信访平台 会务系统 …) are both named; a funding line in spoken words (本级拨款,
区本级拨款) is the 本级财政 line. Figures from corpus/declarations/*.json, read here."""

from decimal import Decimal

import pytest
from qa_support import DECLS, ask, yuan


def form(word: str) -> dict:
    found = [d for d in DECLS if word in d["header"]["name"]]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("question", "words", "field"),
    [
        ("信访平台 会务系统 年度申请额各多少", ("来信来访", "会务系统"), "annual"),
        ("老干部系统 预算审查平台 本级拨款各多少", ("老干部", "预算审查"), "fiscal_same_level"),
    ],
)
def test_two_names_side_by_side_each_answered(question: str, words: tuple[str, str], field: str) -> None:
    forms = [form(w) for w in words]
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {f["id"] for f in forms}
    for f in forms:
        if f["funding"][field] is not None:
            assert yuan(Decimal(f["funding"][field])) in result.text


def test_spoken_same_level_line() -> None:
    f = form("党费缴纳")
    result = ask("党费缴纳系统区本级拨款多少")
    assert result.figure == yuan(Decimal(f["funding"]["fiscal_same_level"]))
