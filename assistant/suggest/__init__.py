"""Indicator suggestions: a bank of past indicators grouped into templates, and suggestions for a brief.

The entry point is ``assistant.suggest.suggest.suggest(brief, bank)`` (not re-exported here, so the
name keeps pointing at its module); the bank of the current corpus comes from the services' corpus
snapshot (`assistant.services.scope`), built once per corpus state.
"""

from assistant.suggest.bank import BankEntry, IndicatorBank, Template, build_bank
from assistant.suggest.models import Evidence, Ground, IndicatorSuggestion, Naming, SuggestionSet, ValueProposal
from assistant.suggest.rephrase import Renamer, rephrase

__all__ = [
    "BankEntry",
    "Evidence",
    "Ground",
    "IndicatorBank",
    "IndicatorSuggestion",
    "Naming",
    "Renamer",
    "SuggestionSet",
    "Template",
    "ValueProposal",
    "build_bank",
    "rephrase",
]
