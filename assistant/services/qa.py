"""Q&A as the shells use it: one answer per question in a conversation, over the current corpus snapshot."""

from __future__ import annotations

from assistant.llm.runtime import LLMRuntime
from assistant.qa.conversation import Conversation
from assistant.qa.models import Answer
from assistant.qa.service import answer
from assistant.services.scope import CorpusScope
from assistant.settings import Settings


class QAService:
    def __init__(self, settings: Settings, scope: CorpusScope, runtime: LLMRuntime) -> None:
        self.settings = settings
        self.scope = scope
        self.runtime = runtime

    def answer(self, question: str, conversation: Conversation) -> Answer:
        """Answer ``question`` in ``conversation`` (which records it for follow-ups)."""
        runtime = self.runtime if self.runtime.enabled else None
        return answer(question, conversation, self.settings, runtime, scope=self.scope.current().qa)
