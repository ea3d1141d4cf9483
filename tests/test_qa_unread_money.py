"""Q&A (issue 24, absent class): a money question whose subject words the patterns did not read, with nothing else
scoping it, is refused with those words; it is never answered with the sum of every form (远教电教宽带租赁一共花了多少钱
summed 13 forms' totals before). A sum the question does scope, or one over the whole corpus said so, is still given."""

import pytest
from qa_support import DECLS, ask, money, yuan


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("远教电教宽带租赁一共花了多少钱", "远教电教宽带租赁"),
        ("机关食堂燃气改造一共花了多少钱", "机关食堂燃气改造"),
        ("党建阵地灯光音响加起来花了多少钱", "党建阵地灯光音响"),
    ],
)
def test_unread_subject_of_a_sum_is_refused_with_its_words(question: str, words: str) -> None:
    result = ask(question)
    assert result.refused, result.text
    assert words in result.text and "项目资金总额合计" not in result.text
    assert "元（" not in result.text  # no sum of other forms


@pytest.mark.parametrize("question", ["所有项目一共多少钱", "全库资金加起来多少"])
def test_a_whole_corpus_sum_is_still_given(question: str) -> None:
    total = sum(money(d) for d in DECLS if d["funding"]["total"] is not None)
    result = ask(question)
    assert not result.refused and yuan(total) in result.text, result.text
