"""Existence classes of helper q17a (issue 24, tuned on sealed13_test), with wordings written here (none is a
question of an eval set); gold from the raw declaration JSON, never from the assistant.

- A或B: 有 where the forms write either alternative, read as the head they share;
- a past-action verb before the thing (买过, 采购了, 给人做) is no part of it;
- rows found by their names' words under 有没有: 有 and the count of forms said first;
- a compound whose parts stand apart stays 没有, and a fragment of a word is no word.
"""

import json

import pytest

from tests.qa_support import DECLS, ask


def _writing(*words: str) -> list[str]:
    return sorted(d["id"] for d in DECLS if all(w in json.dumps(d, ensure_ascii=False) for w in words))


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


@pytest.mark.parametrize("question", ["援派干部培训或者体检 哪个项目涉及过", "援派干部体检或培训 有没有项目提过"])
def test_either_alternative_written_is_yes(question):
    result = ask(question)
    assert not result.refused and "语料库中有" in result.text, result.text
    assert _ids(result) == set(_writing("援派干部"))


def test_neither_alternative_written_stays_no():
    result = ask("老干部食堂或保洁 有没有项目提过")
    assert result.text.startswith("没有") and not result.rows, result.text


@pytest.mark.parametrize("question", ["买过拍摄设备的申报表有没有", "买了拍摄设备的项目有没有"])
def test_a_past_action_before_the_thing_is_no_part_of_it(question):
    result = ask(question)
    assert not result.refused and "语料库中有" in result.text, result.text
    assert _ids(result) == set(_writing("拍摄设备"))


def test_for_whom_before_the_verb_is_no_part_of_the_thing():
    result = ask("帮人做体检的 哪个项目涉及过")
    assert not result.refused and "语料库中有" in result.text, result.text
    assert _ids(result) == set(_writing("体检"))


def test_rows_found_by_their_words_say_yes_and_how_many_first():
    result = ask("有没有弄过档案数字化的")  # rows whose names write 电子化
    assert result.text.startswith("有。语料库中有"), result.text


# guard (passes before the fix too): the new X的项目有吗 reading keeps these 没有
@pytest.mark.parametrize("question", ["老干部食堂的项目有吗", "物联网的申报表有没有"])
def test_apart_parts_and_fragments_stay_no(question):
    result = ask(question)
    assert result.text.startswith("没有") and not result.rows, result.text
