"""Citations of Q&A answers: `SourceRef`s made from, and checked against, the typed corpus.

The ref grammar, the builders and the one resolver live in `assistant.domain.refs` (drafting cites
with the same type); ``verify_citation`` resolves a citation again and checks that the quoted text is
really there, so an answer can never point at a source that does not say what it quotes.
"""

from __future__ import annotations

from assistant.domain.model import Declaration
from assistant.domain.refs import BLANK, SourceRef, section_citation
from assistant.domain.refs import funding_citation as _funding_citation
from assistant.domain.refs import verify as verify_citation
from assistant.qa.models import FundingField

# BLANK and section_citation are re-exported for qa/synthesis.py, which still imports them from here.
__all__ = ["BLANK", "funding_citation", "section_citation", "verify_citation"]


def funding_citation(decl: Declaration, field: FundingField) -> SourceRef:
    return _funding_citation(decl, field.value, field.label)
