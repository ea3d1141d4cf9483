"""Issue 24 (held-out officer questions): a homophone corrected (组织布 → 组织部) leaves the rest of the question read
as usual, spoken 花多少 included (23年组织布信息化建设花多少 → the 2023 组织部 信息化建设项目's money). Figures are
computed here from the corpus JSON (real corpus, real parser, no model)."""

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
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))


def total(name: str, year: int) -> str:
    decl = next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)
    return f"{Decimal(decl['funding']['total']):,.2f} 元"


@pytest.mark.parametrize(
    ("question", "name", "year"),
    [
        ("23年组织布信息化建设花多少", "信息化建设项目", 2023),
        ("23年组织部信息化建设花多少", "信息化建设项目", 2023),
        ("2023年组织布的信息化运维项目花多少钱", "信息化运维项目", 2023),
        ("组织布23年的信息化建设项目大概花多少", "信息化建设项目", 2023),
    ],
)
def test_the_rest_of_a_corrected_question_is_read(question: str, name: str, year: int) -> None:
    result = ask(question)
    assert not result.refused, result.text
    assert total(name, year) in result.text, result.text
    assert "合计" not in result.text, result.text
