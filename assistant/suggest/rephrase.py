"""The seam for an optional renaming step (an LLM, a rule set): new names, same values and evidence.

A new name that the review engine would flag is not taken; the suggestion keeps its old name.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.domain.brief import Brief
from assistant.review.checks_relevance import ReviewContext
from assistant.suggest.guard import blocking_findings
from assistant.suggest.models import IndicatorSuggestion, Naming, SuggestionSet

Renamer = Callable[[IndicatorSuggestion, Brief], str | None]


def rephrase(
    result: SuggestionSet, brief: Brief, renamer: Renamer, *, context: ReviewContext | None = None
) -> SuggestionSet:
    """``result`` with each name ``renamer`` proposes (None or blank keeps the old one), evidence untouched."""
    renamed = [_renamed(s, renamer(s, brief)) for s in result.suggestions]
    flagged = blocking_findings(brief, renamed, context)
    kept = [old if n in flagged else new for n, (old, new) in enumerate(zip(result.suggestions, renamed, strict=True))]
    return result.model_copy(update={"suggestions": kept})


def _renamed(suggestion: IndicatorSuggestion, name: str | None) -> IndicatorSuggestion:
    if name is None or not name.strip() or name.strip() == suggestion.name:
        return suggestion
    note = f"名称由“{suggestion.name}”改写"
    return suggestion.model_copy(
        update={"name": name.strip(), "naming": Naming.REPHRASED, "notes": [*suggestion.notes, note]}
    )
