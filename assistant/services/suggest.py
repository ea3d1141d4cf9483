"""Indicator suggestions over the current corpus snapshot's bank (built once per corpus state), with the bounded
model step (`assistant.suggest.model_step`) when a model is in use."""

from __future__ import annotations

from assistant.domain.brief import Brief
from assistant.llm.runtime import LLMRuntime
from assistant.services.scope import CorpusScope
from assistant.services.writing import asker
from assistant.suggest.model_step import suggest_table
from assistant.suggest.models import SuggestionSet


class SuggestService:
    def __init__(self, scope: CorpusScope, runtime: LLMRuntime | None = None) -> None:
        """``runtime``: the model the step asks (None or a disabled one: the rules alone)."""
        self.scope = scope
        self.runtime = runtime

    def suggest(self, brief: Brief) -> SuggestionSet:
        return suggest_table(brief, self.scope.current().bank, asker(self.runtime))
