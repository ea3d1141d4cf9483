"""Issue 24 (held-out officer questions): a condition on the indicators' names written as 指标里带X的项目 or 设了X指标的
项目 (X = 及时率, 完成率, 验收…) lists the forms with such an indicator — never read as a kind of project the corpus
lacks. A category (设了满意度指标的项目) stays a category. Expected forms are computed here from the corpus JSON."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))


def carrying(word: str) -> list[dict]:
    return [d for d in DECLS if any(word in i["name"] for i in d["indicators"])]


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("指标里带及时率的项目有哪些", "及时率"),
        ("设了及时率指标的项目有几个", "及时率"),
        ("指标中含完成率的项目有哪些？", "完成率"),
        ("设置了合格率指标的申报表有几个", "合格率"),
    ],
)
def test_a_condition_on_indicator_names_lists_the_forms_that_carry_it(question: str, word: str) -> None:
    expected = carrying(word)
    assert 0 < len(expected) < len(DECLS)
    result = ask(question)
    assert not result.refused and "语料库中没有" not in result.text, result.text
    assert re.search(f"共 {len(expected)} 个项目", result.text), result.text
    for decl in expected:
        assert decl["header"]["name"] in result.text, result.text


def test_a_category_of_indicators_stays_a_category() -> None:
    with_category = [d for d in DECLS if any(i.get("level1") == "满意度指标" for i in d["indicators"])]
    result = ask("设了满意度指标的项目有几个")
    assert f"共 {len(with_category)} 个项目" in result.text, result.text
