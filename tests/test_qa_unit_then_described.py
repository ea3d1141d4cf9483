"""Q&A (issue 24, sealed10 tune class): a project pointed at by a unit's short name, what it does, then 那个平台/系统
(闵行…那个系统): the one project whose text holds the described words is the project, its field answered; words
no form holds are still refused. Real corpus, real parser; the figures come from corpus/declarations/*.json."""

from qa_support import DECLS, ask


def holder(word: str) -> dict:
    found = [d for d in DECLS if any(word in s["text"] for s in d["sections"])]
    assert len(found) == 1
    return found[0]


def test_unit_then_what_it_does_names_the_project() -> None:
    form = holder("党员先锋指数")
    result = ask("闵行汇聚党员先锋指数那个系统 联系人是谁")
    assert not result.refused
    assert [row.declaration_id for row in result.rows] == [form["id"]]
    assert form["header"]["contact"] in result.text


def test_unit_then_words_no_form_holds_is_refused() -> None:
    result = ask("闵行搞无人机巡航那个平台 联系人是谁")
    assert result.refused and "语料库中没有" in result.text
    assert not result.rows
