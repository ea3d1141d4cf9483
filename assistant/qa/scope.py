"""What a question is answered over: the typed corpus and the vocabulary read from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.corpus.store import Corpus
from assistant.domain.model import Declaration
from assistant.domain.policy import PolicyReference
from assistant.qa.cues import Cues
from assistant.qa.lexicon import Lexicon
from assistant.qa.models import Filters
from assistant.qa.select import select


@dataclass(frozen=True)
class Scope:
    corpus: Corpus
    lexicon: Lexicon

    @property
    def policies(self) -> Sequence[PolicyReference]:
        return self.lexicon.policies


def forms_in_scope(cues: Cues, scope: Scope) -> list[Declaration]:
    """The forms of the years and units the cues name, any project."""
    filters = Filters(years=cues.years, unit=cues.unit, more_units=cues.more_units)
    return select(scope.corpus, filters, scope.policies)


def forms_named(cues: Cues, scope: Scope) -> list[Declaration]:
    """``forms_in_scope`` narrowed to the form (by id) or the project the cues name, where they name one."""
    decls = forms_in_scope(cues, scope)
    if cues.declaration_id:
        return [d for d in decls if d.id == cues.declaration_id]
    if cues.project:
        return [d for d in decls if d.header.name == cues.project]
    return decls
