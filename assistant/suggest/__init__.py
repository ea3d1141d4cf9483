"""Indicator suggestions: a bank of past indicators grouped into templates, and suggestions for a brief.

The entry point is ``assistant.suggest.model_step.suggest_table(brief, bank, ask)``: the rules
(``assistant.suggest.suggest.suggest(brief, bank)``, deterministic, milliseconds) and, when a model is in use,
one bounded model call whose every number is checked against the brief (model_step.py). The draft's table,
the web's 指标推荐, ``assistant suggest`` and 重新生成指标表 all take it. The bank of the current corpus comes
from the services' corpus snapshot (`assistant.services.scope`), built once per corpus state. The rules'
steps, in order (pipeline.py): read the brief's statements (``assistant.domain.statements``, the one reader
of a brief's figures) → rows of its own figures (brief_rows.py) and cost levels (costs.py) → fill what the
brief leaves empty from its type's template (templates.py, only for a type the rules are sure of), fitting
precedents (bank.py, fit.py) and the framework's required categories (pipeline.framework_rows) → select per
二级, review the table once and settle it (suggest.py, guard.py).
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
