"""Q&A (issue 24, a class the sealed9 set found): a named project the corpus lacks, asked for a figure or a field
(…建设经费 总额), is refused with 语料库中没有… and the nearest real names, never answered with a quoted passage of
another form; a project named by what it does whose last word no form writes (录课) is resolved where the rest of
the question names an indicator only that form holds. Expected rows are computed from corpus/declarations/*.json."""

import pytest
from qa_support import DECLS, ask


@pytest.mark.parametrize("question", ["市人大预决算公开平台建设经费 总额", "组织部人才测评系统建设经费 预算"])
def test_absent_project_asked_a_figure_is_refused(question: str) -> None:
    result = ask(question)
    assert result.refused and result.figure is None and not result.citations, result.text
    assert "语料库中没有" in result.text and "名称最接近的项目" in result.text, result.text


def test_open_question_about_an_absent_project_still_quotes() -> None:
    """为什么要建设…: no figure asked, the nearest passages are quoted with their sources."""
    result = ask("为什么要建设人才测评平台")
    assert result.citations or result.refused, result.text


def test_project_named_by_what_it_does_with_an_unwritten_word() -> None:
    decl = next(d for d in DECLS if any("课件验收合格率" in i["name"] for i in d["indicators"]))
    assert sum(any("课件验收合格率" in i["name"] for i in d["indicators"]) for d in DECLS) == 1
    result = ask(f"搞直播录课的那个{decl['header']['year'] % 100}年 课件验收合格率多少")
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} == {decl["id"]}, result.text
