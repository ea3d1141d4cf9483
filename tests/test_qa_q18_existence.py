"""Existence classes of helper q18 (issue 24), with wordings written here (none is a question of an eval set); gold
from the raw declaration JSON, never from the assistant.

- a time word before the asking (以前/之前/过去/往年) says when, never what: the rows found by their names' words stand;
- a done verb before the thing (搞过/做过/弄过) never makes 有没 the thing asked, so an indicator's name is found;
- 指标写了X at the end of the question filters indicators by their names, never lists every indicator;
- things no form writes stay 没有.
"""

import json

import pytest

from tests.qa_support import DECLS, ask


def _writing(*words: str) -> set[str]:
    return {d["id"] for d in DECLS if all(w in json.dumps(d, ensure_ascii=False) for w in words)}


def _indicators_naming(word: str) -> set[str]:
    return {i["name"] for d in DECLS for i in d["indicators"] if word in i["name"]}


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


@pytest.mark.parametrize(
    "question",
    [
        "以前有没有搞过档案数字化的",
        "之前有没有做过档案数字化的",
        "往年有没有弄过档案数字化的",
    ],  # 往年: passes before too
)
def test_a_time_word_before_the_asking_says_when_not_what(question):
    result = ask(question)
    assert result.text.startswith("有。语料库中有"), result.text
    assert "电子化" in result.text


@pytest.mark.parametrize("question", ["有没有搞过体检完成及时性的", "有没有做过体检完成及时性的"])
def test_a_done_verb_before_an_indicator_name_is_yes(question):
    result = ask(question)
    assert result.text.startswith("有"), result.text
    assert _ids(result) == _writing("体检完成及时性")


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("有没有哪个项目的指标写了体检", "体检"),
        ("哪个申报表的指标里写了食堂", "食堂"),
        ("有没有项目的绩效指标提到了验收吗", "验收"),
    ],
)
def test_indicators_writing_a_word_are_listed_not_every_indicator(question, word):
    result = ask(question)
    named = [line for line in result.text.splitlines() if line.startswith("- ")]
    assert named, result.text
    assert all(word in line.split("：", 1)[0] for line in named), result.text
    assert {line[2:].split("：", 1)[0] for line in named} == _indicators_naming(word)


# guards: things no form writes stay 没有 with the readings above
@pytest.mark.parametrize(
    "question", ["过去有没有搞过老干部食堂的", "往年有没有弄过物联网的", "有没有哪个项目的指标写了老干部食堂"]
)
def test_unwritten_things_stay_no(question):
    result = ask(question)
    assert result.text.startswith("没有") and not result.rows, result.text
