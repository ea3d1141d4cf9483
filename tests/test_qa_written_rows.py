"""Q&A (issue 24, new user 2026-12-07 P4/P12, red team R6): confident 没有 for things the forms write.

A topic the forms write in indicator names or 项目构成 rows is answered with those rows (summed when money is asked),
never 没有; a qualifier picks among indicators of one kind (食堂满意度); 只定/定的是/就定 X% is equality; an absent
side of 各是多少 / 分别 / 另外…呢 is said absent; 一样吗 over two forms says 一样/不一样; one form's blank total is
not worded as a 合计. An absent topic (污水处理, 慰问品, 垃圾分类宣传) is still refused.

The user's questions and paraphrases of our own (other topics, projects, fields); every expected figure and name is
read here from corpus/declarations/*.json, never typed in."""

import re
from decimal import Decimal

import pytest
from qa_support import DECLS, ask, yuan

AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


def indicators_writing(*words: str) -> list[tuple[str, str, str]]:
    """(declaration id, indicator name, raw value) of every indicator whose name writes all ``words``."""
    return [
        (d["id"], i["name"], i["value"]["raw"])
        for d in DECLS
        for i in d["indicators"]
        if all(w in i["name"] for w in words)
    ]


def decl_named(fragment: str) -> dict:
    return next(d for d in DECLS if fragment in d["header"]["name"])


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("搞体检的项目有哪些 各体检多少人", ("体检",)),
        ("内刊一年印几期", ("内刊",)),
        ("有没有做过档案数字化的", ("档案电子化",)),
        ("搞课件的项目有哪些 课件定了几部", ("课件",)),
        ("搞宽带租赁的项目有哪些", ("宽带租赁",)),
    ],
)
def test_topic_written_in_indicator_names_is_answered_with_them(question: str, words: tuple[str, ...]) -> None:
    gold = indicators_writing(*words)
    assert gold  # the corpus writes it: 没有 would be wrong
    result = ask(question)
    assert not result.refused, result.text
    assert "没有" not in result.text.split("\n", 1)[0]
    assert {(row.declaration_id, row.field) for row in result.rows} == {(i, n) for i, n, _ in gold}
    for _, name, raw in gold:
        assert f"{name} {raw}" in result.text


def test_spoken_word_read_as_written_is_said() -> None:
    result = ask("有没有做过档案数字化的")
    assert result.text.startswith("有。") and "“数字化”按表中写的“电子化”理解" in result.text


@pytest.mark.parametrize(
    ("question", "project", "word"),
    [
        ("党费系统测评一共花了多少钱", "党费缴纳管理系统", "测评"),
        ("党费系统开发一共花了多少钱", "党费缴纳管理系统", "开发"),
        ("党费缴纳管理系统项目接口开发花了多少钱", "党费缴纳管理系统", "接口开发"),
    ],
)
def test_money_of_composition_rows_is_summed(question: str, project: str, word: str) -> None:
    decl = decl_named(project)
    lines = [(b["name"], Decimal(b["amount"])) for b in decl["budget_lines"] if word in b["name"]]
    assert lines
    result = ask(question)
    assert not result.refused, result.text
    assert {row.field for row in result.rows} == {name for name, _ in lines}
    assert {row.declaration_id for row in result.rows} == {decl["id"]}
    for name, amount in lines:
        assert f"{name} {yuan(amount)}" in result.text
    if len(lines) > 1:
        assert f"合计 {yuan(sum((a for _, a in lines), Decimal(0)))}" in result.text


@pytest.mark.parametrize(
    ("question", "kind", "qualifier"),
    [
        ("食堂满意度定的多少", "满意度", "食堂"),
        ("培训满意度定的多少", "满意度", "培训"),
        ("技术支持满意度一般定多少", "满意度", "技术支持"),
    ],
)
def test_qualifier_picks_among_indicators_of_one_kind(question: str, kind: str, qualifier: str) -> None:
    gold = indicators_writing(qualifier, kind)
    others = [g for g in indicators_writing(kind) if g not in gold]
    assert gold and others
    result = ask(question)
    assert not result.refused
    for _, name, raw in gold:
        assert name in result.text and raw in result.text
    assert {row.citation.ref.split("#")[0] for row in result.rows} <= {i for i, _, _ in gold}


def percent_equal(kind: str, number: Decimal) -> set[str]:
    return {
        d["id"]
        for d in DECLS
        for i in d["indicators"]
        if kind in i["name"] and i["value"]["unit"] == "%" and i["value"]["number"] is not None
        if Decimal(i["value"]["number"]) == number
    }


@pytest.mark.parametrize(
    ("question", "kind", "number"),
    [
        ("满意度只定80%的有哪些项目", "满意度", Decimal(80)),
        ("满意度定的是85%的项目有哪些", "满意度", Decimal(85)),
        ("验收合格率就定100%的有哪些项目", "验收合格率", Decimal(100)),
    ],
)
def test_only_set_to_a_percentage_is_equality(question: str, kind: str, number: Decimal) -> None:
    gold = percent_equal(kind, number)
    at_least = {
        d["id"]
        for d in DECLS
        for i in d["indicators"]
        if kind in i["name"] and i["value"]["unit"] == "%" and i["value"]["number"] is not None
        if Decimal(i["value"]["number"]) > number
    }
    assert gold and at_least - gold or number == 100
    result = ask(question)
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == gold
    assert "不低于" not in result.text


@pytest.mark.parametrize(
    ("question", "absent", "real"),
    [
        ("信息化运维项目2023年的资金总额是多少？另外，智慧城市大脑项目的呢？", "智慧城市大脑项目", "信息化运维项目"),
        ("机关服务费2023年的资金总额是多少？另外，人才公寓项目的呢？", "人才公寓项目", "机关服务费"),
    ],
)
def test_absent_side_of_each_or_also_is_said(question: str, absent: str, real: str) -> None:
    result = ask(question)
    assert result.refused and f"语料库中没有“{absent}”" in result.text, result.text
    assert f"“{real}”语料库中有" in result.text
    assert not AMOUNT.search(result.text)


@pytest.mark.parametrize(
    ("question", "absent", "real"),
    [
        ("信息化运维项目和智慧城市大脑项目2023年的资金总额各是多少？", "智慧城市大脑项目", "信息化运维项目"),
        ("信息化运维项目和换届选举经费2023年的资金总额各是多少？", "换届选举经费", "信息化运维项目"),
        ("机关服务费和人才公寓项目2023年的预算分别是多少", "人才公寓项目", "机关服务费"),
    ],
)
def test_each_of_a_real_and_an_absent_side_answers_the_real_one(question: str, absent: str, real: str) -> None:
    """q16c (red team rt13 #7): 分别/各是 asks each figure, so the real one is given, cited, the absent one said absent."""
    result = ask(question)
    assert f"语料库中没有“{absent}”" in result.text and f"“{real}”语料库中有" in result.text, result.text
    decl = next(d for d in DECLS if d["header"]["name"] == real and d["header"]["year"] == 2023)
    assert AMOUNT.findall(result.text) == [yuan(Decimal(decl["funding"]["total"]))] * len(AMOUNT.findall(result.text))
    assert AMOUNT.search(result.text), result.text


def test_two_real_projects_each_still_answered() -> None:
    result = ask("信息化运维项目和机关服务费2023年的资金总额各是多少？")
    assert not result.refused
    for name in ("信息化运维项目", "机关服务费"):
        decl = next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == 2023)
        assert yuan(Decimal(decl["funding"]["total"])) in result.text


@pytest.mark.parametrize(
    ("question", "first", "second", "field"),
    [
        ("组织力平台跟党费系统的联系电话一样吗", "组织力建设信息化平台", "党费缴纳管理系统", "phone"),
        ("组织力平台跟党费系统的负责人一样吗", "组织力建设信息化平台", "党费缴纳管理系统", "manager"),
        ("党费系统和组织力平台的联系人相同吗", "党费缴纳管理系统", "组织力建设信息化平台", "contact"),
    ],
)
def test_same_value_asked_of_two_forms_is_said(question: str, first: str, second: str, field: str) -> None:
    values = {decl_named(first)["header"][field], decl_named(second)["header"][field]}
    assert None not in values
    result = ask(question)
    head = result.text.split("\n", 1)[0]
    if len(values) == 1:
        assert head.startswith("一样") and values.pop() in head
    else:
        assert head.startswith("不一样") and all(v in head for v in values)


def test_one_form_with_a_blank_total_is_no_sum() -> None:
    decl = next(d for d in DECLS if d["header"]["name"] == "党员远教电教工作经费")
    assert decl["funding"]["total"] is None
    result = ask("远教电教那个26年多少钱")
    assert "无法给出合计" not in result.text and "份合计" not in result.text
    assert yuan(Decimal(decl["funding"]["annual"])) in result.text


@pytest.mark.parametrize(
    "question",
    ["有没有污水处理的项目", "慰问品一共花了多少钱", "垃圾分类宣传项目设了哪些时效指标？", "哪些项目用了人工智能技术"],
)
def test_absent_topic_still_refused(question: str) -> None:
    result = ask(question)
    assert result.refused, result.text
    assert not AMOUNT.search(result.text)
