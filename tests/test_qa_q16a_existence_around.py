"""Existence asked around the thing (helper q16a, issue 24, tuned on sealed13_tune), with wordings written here (none
is a question of an eval set); gold from the raw declaration JSON, never from the assistant.

- the asking words after or around the thing (哪个项目提到过, 有哪个项目的经费花在这方面, 有没有) are no part of it;
- a thing the forms write with its modifier and head in one clause is there (援派干部 … 体检 in one indicator);
- a compound whose parts the forms write only apart (老干部 in one form, 保洁 in another) is not there: 没有, with the
  parts shown as not the thing, whichever way the question is worded.
"""

import json

import pytest

from tests.qa_support import DECLS, ask


def _writing(*words: str) -> list[str]:
    """The forms whose JSON holds every word (the gold of 有/没有)."""
    return sorted(d["id"] for d in DECLS if all(w in json.dumps(d, ensure_ascii=False) for w in words))


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


@pytest.mark.parametrize("question", ["数字电视平台 哪个项目提到过", "数字电视平台这块 库里有项目写过吗"])
def test_the_thing_first_then_which_project_is_the_thing_alone(question):
    result = ask(question)
    assert not result.refused and "语料库中有" in result.text
    assert _ids(result) == set(_writing("数字电视平台"))


def test_a_modifier_and_head_in_one_clause_are_the_thing():
    (held,) = _writing("援派干部人才体检")  # one indicator writes both
    result = ask("援派干部体检 有哪个项目的经费花在这方面")
    assert not result.refused and "语料库中有" in result.text
    assert _ids(result) == {held}


def test_asking_words_around_a_condition_are_dropped():
    result = ask("哪个项目写到短信提醒 有没有")
    assert not result.refused and "语料库中有" in result.text
    assert "短信提醒有" not in result.text
    assert _ids(result) <= set(_writing("短信"))


@pytest.mark.parametrize(
    "question", ["老干部保洁 哪个项目涉及过", "有没有做过老干部保洁的项目", "老干部保洁有人做过吗"]
)
def test_parts_written_apart_are_not_the_thing(question):
    assert _writing("老干部") and _writing("保洁") and not set(_writing("老干部")) & set(_writing("保洁"))
    result = ask(question)
    assert result.refused and result.text.startswith("没有")
    assert not result.rows and result.figure is None
    assert "不是所问的内容" in result.text and "“保洁”" in result.text  # the near parts, shown as not the thing
