"""Issue 24 (held-out officer questions): a yes/no question on how forms usually set an indicator (完成率一般都写百分百
吗) is answered with the counts — n of the m forms that set such an indicator write that value — with examples cited
from at least two forms, in a short answer (never 未找到). Counts are computed here from the corpus JSON."""

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]
SHORT = 600  # the eval's SYNTHESIS_CHARS


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))


def counts(word: str, number: int, year: int | None = None) -> tuple[int, int]:
    """(forms writing ``number`` for an indicator whose name holds ``word``, forms with such an indicator)."""
    carrying = [
        [i for i in d["indicators"] if word in i["name"]] for d in DECLS if year is None or d["header"]["year"] == year
    ]
    carrying = [found for found in carrying if found]
    same = [f for f in carrying if any(i["value"].get("number") and Decimal(i["value"]["number"]) == number for i in f)]
    return len(same), len(carrying)


@pytest.mark.parametrize(
    ("question", "word", "number", "year"),
    [
        ("完成率一般都写百分百吗", "完成率", 100, None),
        ("满意度是不是都填90%", "满意度", 90, None),
        ("及时率通常都设成100%吗？", "及时率", 100, None),
        ("2023年的完成率都是100%吗", "完成率", 100, 2023),
    ],
)
def test_a_yes_no_on_the_usual_value_answers_with_counts(
    question: str, word: str, number: int, year: int | None
) -> None:
    n, m = counts(word, number, year)
    assert m >= 2
    result = ask(question)
    assert not result.refused and "未找到" not in result.text, result.text
    assert re.search(f"的 {m} 份申报表中，{n} 份写", result.text), result.text
    assert len(result.text) <= SHORT, result.text
    assert len({c.project for c in result.citations}) >= 2, result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [("完成率一般咋设", "完成率"), ("及时率别人一般怎么写", "及时率"), ("合格率一般都怎么设？", "合格率")],
)
def test_how_indicators_named_so_are_usually_set_is_short_with_two_forms(question: str, word: str) -> None:
    _, m = counts(word, 100)
    result = ask(question)
    assert not result.refused and "未找到" not in result.text, result.text
    assert f"名称含“{word}”的指标的申报表共 {m} 份" in result.text, result.text
    assert len(result.text) <= SHORT, result.text
    assert len({c.project for c in result.citations}) >= 2, result.text
