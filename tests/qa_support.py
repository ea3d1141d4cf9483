"""Shared set-up of the Q&A class tests: the real corpus, the real parser, no model, a fixed clock; gold helpers
that read the raw declaration JSON (not the system under test)."""

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]


def ask(question: str, conversation: Conversation | None = None):
    return answer(question, conversation or Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)


def talk(*questions: str):
    """The answer to the last of ``questions``, asked in turn in one conversation."""
    conversation = Conversation()
    result = None
    for question in questions:
        result = ask(question, conversation)
    assert result is not None
    return result


def yuan(value: Decimal) -> str:
    return f"{value:,.2f} 元"


def money(d: dict) -> Decimal:
    """The README's ranking rule: 项目资金总额, else 年度资金申请总额."""
    return Decimal(d["funding"]["total"] if d["funding"]["total"] is not None else d["funding"]["annual"])


def fresh_python(code: str) -> str:
    """stdout of ``code`` run by a new interpreter on the repository (nothing imported before it, no user site)."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
