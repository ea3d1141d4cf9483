"""Existence and synthesis classes of helper q19c (issue 24), with wordings written here beside the eval's (sealed14_tune
S14T-existence-02/05, S14T-synthesis-01/03/04); gold from the raw declaration JSON, never from the assistant.

- X(这一块) 哪张表里有写: which forms write X (the forms' text searched), 有 with them, or 没有 with no figure;
- 跟X数据打通的 / 和X系统对接的 / 对接X的: a unit a project links with is what the forms write, never a filer the
  corpus lacks; a unit asked as a filer (X报的项目) stays absent, with no figure;
- 用X衡量的指标: the indicators whose names write X; 写X类的指标 有没有现成的例子: X, not 写X, and examples (a short
  synthesis), never 现成 read as a kind of project;
- 项目构成/制度保障这栏 别人一般怎么写: a short synthesis of the forms that have the column, never every row dumped.
"""

import json
import re

import pytest

from tests.qa_support import DECLS, ask

SYNTHESIS_CHARS = 600  # the officer eval's limit for a synthesis


def _writing(word: str) -> set[str]:
    return {d["id"] for d in DECLS if word in json.dumps(d, ensure_ascii=False)}


def _named(word: str) -> list[tuple[str, str]]:
    return [(d["id"], i["name"]) for d in DECLS for i in d["indicators"] if word in i["name"]]


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


def _cited(result) -> set[str]:
    return {c.ref.split("#")[0] for c in result.citations}


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("维修这一块 哪张表里有写", "维修"),  # the eval's
        ("保洁 在哪份申报表里提到过", "保洁"),
        ("驻场这方面 哪些项目写了", "驻场"),
        ("人脸识别这块 哪张表里写了", "人脸识别"),
    ],
)
def test_which_forms_write_a_thing(question, word):
    result = ask(question)
    assert not result.refused, result.text
    assert "语料库中有" in result.text, result.text
    assert _ids(result) == _writing(word)


def test_a_thing_no_form_writes_is_said_absent_with_no_figure():
    result = ask("电梯 哪张表里有写")
    assert result.refused and "语料库中没有" in result.text
    assert result.figure is None and not re.search(r"\d[\d,]*\.\d{2} 元", result.text)


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("跟税务局数据打通的 有没有哪个项目", "税务局"),  # the eval's
        ("和审计局系统对接的项目有吗", "审计局"),
        ("对接税务局的项目有吗", "税务局"),
    ],
)
def test_a_unit_a_project_links_with_is_what_the_forms_write(question, word):
    result = ask(question)
    assert not result.refused, result.text
    assert "语料库中有" in result.text and "没有单位" not in result.text, result.text
    assert _ids(result) == _writing(word)


def test_a_linked_unit_no_form_writes_is_absent_as_content():
    result = ask("跟公安局数据打通的 有没有哪个项目")
    assert not _writing("公安局")
    assert result.refused and "语料库中没有" in result.text and "没有单位" not in result.text, result.text
    assert result.figure is None and not result.rows


def test_a_unit_asked_as_a_filer_stays_absent_with_no_figure():
    result = ask("税务局报的项目 总额多少")
    assert result.refused and "没有单位“税务局”" in result.text, result.text
    assert result.figure is None and not re.search(r"\d[\d,]*\.\d{2} 元", result.text)


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("用次数衡量的指标 有啥可借鉴的", "次数"),  # the eval's
        ("以次数来计量的指标 一般怎么写", "次数"),
        ("用时长衡量的指标有哪些", "时长"),
    ],
)
def test_indicators_measured_by_a_word_are_those_naming_it(question, word):
    result = ask(question)
    assert not result.refused, result.text
    shown = {(row.declaration_id, row.field) for row in result.rows}
    assert shown and shown <= set(_named(word)), shown
    assert len(result.text) <= SYNTHESIS_CHARS


def test_indicators_measured_by_a_word_are_counted_by_their_names():
    result = ask("用次数衡量的指标有几条")
    assert result.figure == f"{len(_named('次数'))} 项", result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("写增长类的指标 有没有现成的例子", "增长"),  # the eval's
        ("写故障类的指标 有没有现成的例子", "故障"),
        ("设验收类的指标 有没有现成的范例", "验收"),
    ],
)
def test_examples_of_a_kind_of_indicator_are_a_short_synthesis(question, word):
    result = ask(question)
    assert not result.refused and "现成" not in result.text, result.text
    shown = {(row.declaration_id, row.field) for row in result.rows}
    assert shown and shown <= set(_named(word)), shown
    assert len(result.text) <= SYNTHESIS_CHARS, result.text


@pytest.mark.parametrize("question", ["成本控制率一般填多少", "用次数衡量的指标 有啥可借鉴的"])
def test_another_example_of_a_kind_is_not_said_twice(question):
    result = ask(question)
    assert "又如 “" in result.text, result.text
    assert not re.search(r"如 [^“\n]+，如 “", result.text), result.text


def _composition_forms() -> set[str]:
    return {d["id"] for d in DECLS if any(s["kind"] == "composition" for s in d["sections"])}


@pytest.mark.parametrize(
    "question",
    [
        "项目构成这栏 别人一般怎么写",  # the eval's
        "项目构成这部分 大家都怎么填的",
        "项目构成一般怎么写",
    ],
)
def test_how_the_composition_column_is_written_is_a_short_synthesis(question):
    result = ask(question)
    assert not result.refused, result.text
    assert len(result.text) <= SYNTHESIS_CHARS, len(result.text)
    assert _cited(result) == _composition_forms(), result.citations
    assert len(result.citations) >= 3


def test_how_the_safeguards_column_is_written_is_a_short_synthesis():
    result = ask("制度保障这栏 别人一般怎么写")
    assert not result.refused, result.text
    assert len(result.text) <= SYNTHESIS_CHARS, len(result.text)
    categories = {s["category"] for d in DECLS for s in d["safeguards"]}
    assert all(category in result.text for category in categories), result.text


def test_the_composition_rows_asked_for_are_still_listed():
    result = ask("项目构成都有哪些")
    listed = sum(len(d["budget_lines"]) for d in DECLS)
    assert len(result.rows) == listed


def _total(project_id: str) -> str:
    d = next(d for d in DECLS if d["id"] == project_id)
    return f"{float(d['funding']['total']):,.2f} 元"


@pytest.mark.parametrize(
    ("question", "project_id"),
    [
        ("给老党员体检的那笔钱 总额多少", "2023-003-02"),
        ("管食堂的那笔钱 合计多少", "2023-003-04"),
        ("给老党员体检的那笔 总额多少", "2023-003-02"),  # without 钱: answered before as well
    ],
)
def test_the_money_pointed_at_then_its_total_asked_is_the_total(question, project_id):
    result = ask(question)
    assert not result.refused, result.text
    assert result.figure == _total(project_id), result.text
