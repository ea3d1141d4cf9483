"""Indicator suggestions: a bank of past indicators grouped into templates, and suggestions for a brief.

The entry point is ``assistant.suggest.suggest.suggest(brief, bank)`` (not re-exported here, so the
name keeps pointing at its module); the bank of the current corpus comes from the services' corpus
snapshot (`assistant.services.scope`), built once per corpus state. Its steps, in order (pipeline.py):
read the brief's statements (``assistant.domain.statements``) → rows of its own figures (brief_rows.py)
and cost levels (costs.py) → fill what the brief leaves empty from its type's template (templates.py,
only for a type the rules are sure of) and fitting precedents (bank.py, fit.py) → select per 二级 and
pass the review (suggest.py, guard.py).
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
