"""A project pointed at by words of its name (那个X项目, 这套X的) with only a year scoping the question: the words pick
the project; several projects named so are asked back; never the sum or listing of every form of the year.
Gold from the raw JSON (``tests.qa_support.DECLS``); wordings written here. The first test failed before
qa/pointed_names.py (the five 2019 forms summed); the other two guard what already held."""

import pytest

from tests.qa_support import DECLS, ask


def _named(word: str, year: int | None = None) -> list[dict]:
    return [d for d in DECLS if word in d["header"]["name"] and (year is None or d["header"]["year"] == year)]


@pytest.mark.parametrize("question", ["2019年那个平台建设项目 一共要多少钱", "那个平台建设的 总额是多少"])
def test_words_two_names_share_are_asked_back_with_both_names(question):
    named = _named("平台建设", 2019)
    assert len({d["header"]["name"] for d in named}) == 2  # the corpus holds two such names in 2019
    result = ask(question)
    assert result.refused and result.figure is None and not result.rows
    for decl in named:
        assert decl["header"]["name"] in result.text


def test_words_one_name_holds_answer_for_that_project_only():
    (decl,) = _named("会务系统", 2019)
    result = ask("2019年那个会务系统的 资金总额多少")
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == {decl["id"]}


def test_words_no_name_holds_are_refused_not_summed():
    assert not _named("食堂改造")
    result = ask("2019年这个食堂改造项目 预算多少")
    assert result.refused and result.figure is None
