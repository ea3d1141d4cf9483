"""Q&A as the shells use it: one answer per question in a conversation, over the current corpus snapshot;
open questions are searched with the services' one search service (handed over at wiring time)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.llm.runtime import LLMRuntime
from assistant.qa.conversation import Conversation
from assistant.qa.models import Answer
from assistant.retrieval.finder import Finder, LazyFinder
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope


class QAService:
    def __init__(
        self, scope: CorpusScope, runtime: LLMRuntime, *, open_search: Callable[[], Finder] | None = None
    ) -> None:
        """``open_search``: the search service (`Services.search`), asked for on the first open question only,
        so a structured question never loads the index; None: open questions read the corpus directly."""
        self.scope = scope
        self.runtime = runtime
        self.open_search = open_search

    def answer(self, question: str, conversation: Conversation) -> Answer:
        """Answer ``question`` in ``conversation`` (which records it for follow-ups)."""
        runtime = self.runtime if self.runtime.enabled else None
        return answer(question, conversation, runtime, scope=self.scope.current().qa, finder=self._finder())

    def warm(self) -> None:
        """Start the embedded model and have it read the fixed part of the question-reading prompt (`prime`), so
        the first doubted question waits for neither; ``chat`` calls it in a thread (``serve`` only starts the model: a
        fresh-clone run of its SIGTERM test timed out with this read in flight). Never raises."""
        self.runtime.warm()
        if self.runtime.enabled and self.runtime.start_error is None:
            from assistant.qa.translate import prime  # the model path only

            prime(self.scope.current().qa.lexicon, self.runtime)

    def _finder(self) -> Finder | None:
        return LazyFinder(self.open_search) if self.open_search is not None else None
