"""Citations of Q&A answers: `SourceRef`s made from, and checked against, the typed corpus.

The ref grammar, the builders and the one resolver live in `assistant.domain.refs` (drafting cites
with the same type); ``verify_citation`` resolves a citation again and checks that the quoted text is
really there, so an answer can never point at a source that does not say what it quotes.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.model import Declaration
from assistant.domain.refs import BLANK, SourceRef, section_citation, yuan
from assistant.domain.refs import funding_citation as _funding_citation
from assistant.domain.refs import verify as verify_citation
from assistant.qa.models import FundingField, Row

# BLANK and section_citation are re-exported for qa/synthesis.py, which still imports them from here.
__all__ = ["BLANK", "funding_citation", "funding_row", "section_citation", "verify_citation"]


def funding_citation(decl: Declaration, field: FundingField) -> SourceRef:
    return _funding_citation(decl, field.value, field.label)


def funding_row(decl: Declaration, field: FundingField, value: Decimal | None) -> Row:
    """One funding field of ``decl`` as an answer's row: the amount (blank when ``None``) with its citation."""
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=field.label,
        value=yuan(value) if value is not None else "",
        amount=value,
        citation=funding_citation(decl, field),
    )
