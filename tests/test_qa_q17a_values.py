"""Listing and conditional classes of helper q17a (issue 24, tuned on sealed13_test), with wordings written here;
gold from the raw declaration JSON.

- 两个字/二字/这俩字 after the words of an indicator's name is a marker, no part of the words (at the question's end too);
- a condition on an indicator's value, the indicator named by part of its name and the value after 承诺到/要求达到.
"""

import pytest

from tests.qa_support import DECLS, ask


def _with_indicator(word: str) -> set[str]:
    return {d["id"] for d in DECLS if any(word in i["name"] for i in d.get("indicators", []))}


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


@pytest.mark.parametrize(
    "question",
    ["哪几个项目的绩效指标名称里出现了响应这两个字", "指标名里有响应这俩字的项目有哪些", "指标名称含“响应”二字的项目"],
)
def test_a_characters_marker_is_no_part_of_the_words(question):
    result = ask(question)
    assert not result.refused, result.text
    assert _ids(result) == _with_indicator("响应")


def _days_at_least(part: str, days: int) -> set[str]:
    out = set()
    for d in DECLS:
        for i in d.get("indicators", []):
            value = i["value"]
            if part in i["name"] and value.get("unit") == "天" and float(value.get("number") or 0) >= days:
                out.add(d["id"])
    return out


@pytest.mark.parametrize(
    "question", ["安全事故运行时间承诺到300天的项目", "无安全事故运行时间要求达到300天的项目有哪些"]
)
def test_a_value_condition_on_an_indicator_named_by_part_of_its_name(question):
    gold = _days_at_least("安全事故运行时间", 300)
    assert gold
    result = ask(question)
    assert not result.refused, result.text
    assert _ids(result) == gold
