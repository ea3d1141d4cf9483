"""Issue 24, helper q16c (red team rt13 #6): an indicator value the question asserts (是100%吧, 是不是60分钟, 为什么
定成了…) is checked against the form's row, in so many words: 不是X，而是 the form's value; a value that matches is
said to match; a bound of a condition (90%以上的项目) asserts nothing.

Real corpus, real parser, no model; gold from the raw declaration JSON.
"""

import pytest
from qa_support import DECLS, ask


def _value(name: str, year: int, indicator: str) -> str:
    d = next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)
    return next(i["value"]["raw"] for i in d["indicators"] if i["name"] == indicator)


@pytest.mark.parametrize(
    "question",
    ["机关服务费2023年的食堂服务满意度是95%对吧？", "2023年机关服务费食堂服务满意度为什么定成了百分之百？"],
)
def test_a_false_asserted_value_is_corrected(question):
    written = _value("机关服务费", 2023, "食堂服务满意度")
    answer = ask(question)
    assert written in answer.text
    assert "不是" in answer.text and f"而是{written}" in answer.text, answer.text


def test_a_false_asserted_time_is_corrected():
    written = _value("信息化建设项目", 2023, "工作日故障响应时间")
    answer = ask("2023年信息化建设项目的工作日故障响应时间是不是60分钟？")
    assert f"不是60分钟，而是{written}" in answer.text, answer.text


def test_a_matching_asserted_value_is_said_to_match_and_a_bound_asserts_nothing():
    answer = ask("2023年信息化建设项目的工作日故障响应时间是30分钟吗？")
    assert "一致" in answer.text and "不是30分钟" not in answer.text, answer.text
    assert "问题中说的" not in ask("满意度在90%以上的项目有吗？").text
