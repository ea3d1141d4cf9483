"""Q&A (issue 24, sealed10 tune classes): an indicator and a section named in spoken words.

- a count asked as verb + 多少/几 + the measure word alone (一年体检多少人, 录制几次) is the one indicator
  whose name holds the verb and ends in that count (…体检人数, …录制次数), read before the project's
  phrase can take the measure word (多少人 + 项目名 written without a pause);
- 资源配置/人员配备 name the section 项目相关资源投入和制度建设情况.
Checked on the real corpus with the real parser; names come from the corpus, not from the assistant."""

from datetime import date

import pytest
from qa_support import DECLS, SCOPE, ask

from assistant.qa.parse import read_question

LEX = SCOPE.current().qa.lexicon


def read(question: str):
    return read_question(question, LEX, today=date(2026, 12, 6))


def one_name(verb: str, end: str) -> str:
    names = [n for n in LEX.indicator_names if verb in n and n.endswith(end)]
    assert len(names) == 1
    return names[0]


@pytest.mark.parametrize(
    ("question", "verb", "end"),
    [
        ("一年体检多少人 基层党建队伍那笔", "体检", "人数"),
        ("直播每年录制几次", "录制", "次数"),
    ],
)
def test_count_in_spoken_words_names_the_indicator(question: str, verb: str, end: str) -> None:
    assert read(question).indicator_name == one_name(verb, end)


def test_no_such_count_reads_no_indicator() -> None:
    assert read("每年开会多少次").indicator_name is None


def test_spoken_count_answers_the_projects_value() -> None:
    name = one_name("体检", "人数")
    held = [(d["id"], i["value"]) for d in DECLS for i in d["indicators"] if i["name"] == name]
    assert len(held) == 1
    result = ask("一年体检多少人 基层党建队伍那笔")
    assert [row.declaration_id for row in result.rows] == [held[0][0]]


@pytest.mark.parametrize("question", ["党费系统的资源配置怎么写的", "闵行党费缴纳那个系统 人员配备那栏原话"])
def test_resources_section_in_spoken_words(question: str) -> None:
    result = ask(question)
    assert not result.refused
    assert [row.field for row in result.rows] == ["项目相关资源投入和制度建设情况"]
