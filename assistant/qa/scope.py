"""What a question is answered over: the typed corpus and the vocabulary read from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.corpus.store import Corpus
from assistant.domain.policy import PolicyReference
from assistant.qa.lexicon import Lexicon


@dataclass(frozen=True)
class Scope:
    corpus: Corpus
    lexicon: Lexicon

    @property
    def policies(self) -> Sequence[PolicyReference]:
        return self.lexicon.policies
