"""A verb before the thing asked about (管保洁, 做课题) is dropped, the thing kept; a word that only starts with the
verb's character (管理 of 管理平台) is no verb: the thing is read whole, never cut to 理平台. Real corpus, no model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))


@pytest.mark.parametrize(("question", "thing"), [("管理平台运维有先例吗", "管理平台"), ("管保洁的有项目吗", "保洁")])
def test_the_thing_after_a_verb_is_read_whole(question: str, thing: str) -> None:
    result = ask(question)
    assert not result.refused and f"写到“{thing}”" in result.text, result.text
    assert "“理" not in result.text, result.text
