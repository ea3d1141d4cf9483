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


def test_second_side_a_short_name_resolved_by_year() -> None:
    # 机关 is written by 机关服务费 (2023) and 市人大机关…改造建设经费 (2019) alike: 19年 decides
    sides = [form("来信来访"), next(d for d in DECLS if d["header"]["year"] == 2019 and "机关" in d["header"]["name"])]
    result = ask("19年信访平台和机关 联系人")
    assert {row.declaration_id for row in result.rows} == {d["id"] for d in sides}
