"""A draft's indicator table from the suggestions: each row with its first three precedents cited, and how its
name was obtained (so the draft store can say who wrote each cell: `store.fields.initial_origins`)."""

from __future__ import annotations

from assistant.domain.refs import BLANK, SourceRef
from assistant.drafting.models import DraftIndicator
from assistant.suggest.models import Evidence, SuggestionSet


def draft_indicators(suggestions: SuggestionSet) -> list[DraftIndicator]:
    """The indicator table of a draft: each suggestion with its first three precedents cited."""
    indicators = []
    for s in suggestions.suggestions:
        cites = [_precedent_ref(e) for e in s.evidence[:3]]
        indicators.append(
            DraftIndicator(
                level1=s.level1,
                level2=s.level2,
                name=s.name,
                value=s.value,
                evidence=s.evidence,
                citations=cites,
                naming=s.naming,
            )
        )
    return indicators


def _precedent_ref(e: Evidence) -> SourceRef:
    """The past indicator behind a suggestion, quoted as the corpus holds it (``名称：值``)."""
    where = f"indicator-{e.position}" if e.position is not None else e.indicator_name
    return SourceRef(
        ref=f"{e.declaration_id}#{where}",
        project=e.project_name,
        year=e.year,
        part=f"{e.indicator_name}（{e.value}）",
        quote=f"{e.indicator_name}：{e.value or BLANK}",
    )
