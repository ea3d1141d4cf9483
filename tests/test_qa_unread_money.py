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


@pytest.mark.parametrize(
    ("question", "unit"),
    [("市政协的满意度指标都叫啥", "市政协"), ("区法院的项目有几个", "区法院"), ("市妇联的时效指标列一下", "市妇联")],
)
def test_an_institution_the_corpus_lacks_is_an_absent_unit(question: str, unit: str) -> None:
    """政协, 法院, 妇联…: units by the noun their name ends in, as a 局 is; never every unit's indicators listed."""
    result = ask(question)
    assert result.refused and f"单位“{unit}”" in result.text, result.text
    assert "[" not in result.text  # nothing cited: no form's rows


def test_a_listing_whose_subject_was_not_read_is_refused_not_every_form_listed() -> None:
    result = ask("人大老干部信息系统 财务管理指标有哪几条")
    assert result.refused and "绩效指标共" not in result.text, result.text
    assert "上海市人大老干部综合信息管理系统建设经费" in result.text  # the form that writes the words is named
