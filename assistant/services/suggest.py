"""Indicator suggestions over the current corpus snapshot's bank (built once per corpus state)."""

from __future__ import annotations

from assistant.domain.brief import Brief
from assistant.services.scope import CorpusScope
from assistant.suggest.models import SuggestionSet
from assistant.suggest.suggest import suggest


class SuggestService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def suggest(self, brief: Brief) -> SuggestionSet:
        return suggest(brief, self.scope.current().bank)
