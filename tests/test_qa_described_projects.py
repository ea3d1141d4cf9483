"""Issue 24 (held-out officer questions): a project named by what it does, not by the words of its name (机房改造那个
项目, 考录系统那个项目, 表决系统这个项目) resolves by the declarations' content — the project whose text holds those
words clearly most — and the scope line says how it was matched (按概况中的“机房”匹配到…). Words no declaration holds
(污水处理厂提标改造) are still refused. Expected projects and figures are computed here from the corpus JSON (real
corpus, real parser, no model)."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)


def holder(word: str) -> dict:
    """The one declaration whose text holds ``word`` most often (at least twice as often as any other)."""
    counts = sorted(((json.dumps(d, ensure_ascii=False).count(word), d["id"]) for d in DECLS), reverse=True)
    assert counts[0][0] >= 2 * counts[1][0], counts[:3]
    return next(d for d in DECLS if d["id"] == counts[0][1])


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("机房改造那个项目花了多少钱", "机房"),
        ("机房改造项目的预算是多少？", "机房"),
        ("搞机房的那个项目一共申请了多少资金", "机房"),
        ("考录系统那个项目预算多少", "考录"),
        ("表决系统这个项目总共多少钱", "表决"),
    ],
)
def test_a_described_project_answers_with_its_own_money(question: str, word: str) -> None:
    decl = holder(word)
    result = ask(question)
    assert not result.refused, result.text
    total = Decimal(decl["funding"]["total"])
    assert f"{total:,.2f} 元" in result.text, result.text
    assert f"中的“{word}”匹配到“{decl['header']['name']}”" in result.text, result.text
    assert "合计" not in result.text, result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [("讣告那个系统有几个绩效指标", "讣告"), ("考录系统那个项目设了几个指标？", "考录")],
)
def test_a_described_project_counts_its_own_indicators(question: str, word: str) -> None:
    decl = holder(word)
    result = ask(question)
    assert f"绩效指标共 {len(decl['indicators'])} 项" in result.text, result.text
    assert f"匹配到“{decl['header']['name']}”" in result.text, result.text


@pytest.mark.parametrize(
    "question",
    ["污水处理厂提标改造项目花了多少钱？", "社区食堂改造项目的时效指标有哪些？", "档案馆改造那个项目花了多少"],
)
def test_words_no_declaration_holds_are_still_refused(question: str) -> None:
    result = ask(question)
    assert result.refused and "语料库中没有" in result.text, result.text
    assert "匹配到" not in result.text, result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("以前搞过机房改造没", "机房"),
        ("之前做过机房改造的项目吗", "机房"),
        ("有没有搞过表决系统的项目", "表决"),
        ("以前有人做过讣告管理的项目吗", "讣告"),
    ],
)
def test_whether_a_described_project_was_done_says_yes_with_it(question: str, word: str) -> None:
    decl = holder(word)
    result = ask(question)
    assert result.text.startswith("有。语料库中有"), result.text
    assert decl["header"]["name"] in result.text, result.text


@pytest.mark.parametrize("question", ["以前搞过污水处理没", "之前做过垃圾分类吗"])
def test_whether_an_undescribed_project_was_done_says_no(question: str) -> None:
    result = ask(question)
    assert result.text.startswith("没有。"), result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [("阵地建设那个项目花了多少钱", "阵地"), ("公务员那个系统的项目预算多少", "公务员")],
)
def test_a_description_several_projects_fit_is_asked_back(question: str, word: str) -> None:
    result = ask(question)
    assert result.refused and "可能指以下项目" in result.text, result.text
    assert f"“{word}”" in result.text, result.text
    # each candidate is written "- name（years；units）": the name is what stands before the last （
    listed = {line.removeprefix("- ").rsplit("（", 1)[0] for line in result.text.splitlines() if line.startswith("- ")}
    assert len(listed) >= 2, result.text
    texts = [(d["header"]["name"], json.dumps(d, ensure_ascii=False)) for d in DECLS]
    assert all(any(n == name and word in text for n, text in texts) for name in listed), result.text
    assert "元" not in result.text, result.text
