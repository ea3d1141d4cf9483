"""One drafted declaration as the eval scores it, whichever system wrote it (the product or the baseline).

Both systems are reduced to the same shape and scored by the same functions: the product's draft
through ``from_draft``, the baseline's JSON through ``assistant.evals.baseline``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.policy import policy_label
from assistant.domain.skeleton import IndicatorRow
from assistant.drafting.models import Draft, NoteKind

SCORED_SECTIONS: tuple[SectionKind, ...] = (
    SectionKind.OVERVIEW,
    SectionKind.NECESSITY,
    SectionKind.GOAL_TOTAL,
    SectionKind.GOAL_ANNUAL,
)


@dataclass(frozen=True)
class Row:
    """One indicator row; categories are None where the system wrote one outside the framework."""

    level1: Level1 | None
    level2: Level2 | None
    name: str
    value: str
    ground: str = ""

    def review_row(self) -> IndicatorRow | None:
        if self.level1 is None or self.level2 is None:
            return None
        return IndicatorRow(self.level1, self.level2, self.name, self.value)


@dataclass(frozen=True)
class SectionCost:
    section: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    attempts: int


@dataclass
class Candidate:
    """What a system produced for one brief, and what it cost.

    ``material``: the texts offered to the model (a figure found there or in the brief is grounded);
    ``caught``: figures and policy mentions the system itself flagged or removed (grounding notes).
    """

    system: str
    schema_valid: bool
    sections: dict[SectionKind, str] = field(default_factory=dict)
    basis: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    material: list[str] = field(default_factory=list)
    costs: list[SectionCost] = field(default_factory=list)
    seconds: float = 0.0
    caught: int = 0
    failure: str = ""


def from_draft(draft: Draft, material: list[str], seconds: float) -> Candidate:
    """The product's draft; grounding notes of kind ungrounded figure / dropped reference count as caught."""
    caught = sum(
        1
        for n in draft.notes
        if n.kind in (NoteKind.UNGROUNDED_FIGURE, NoteKind.DROPPED_REFERENCE, NoteKind.UNGROUNDED_TITLE)
    )
    return Candidate(
        system="ours",
        schema_valid=True,
        sections={s.kind: s.text for s in draft.sections if s.kind in SCORED_SECTIONS},
        basis=[policy_label(b.title, b.doc_number) for b in draft.basis],
        rows=[Row(i.level1, i.level2, i.name, i.value.value, i.value.ground.value) for i in draft.indicators],
        material=material,
        seconds=seconds,
        caught=caught,
        costs=[
            SectionCost(u.section, u.prompt_tokens, u.completion_tokens, u.seconds, u.attempts) for u in draft.usage
        ],
    )


def failed(system: str, reason: str, seconds: float, costs: list[SectionCost] | None = None) -> Candidate:
    """A system that produced nothing usable: not schema-valid, every other figure at its worst."""
    return Candidate(system=system, schema_valid=False, seconds=seconds, failure=reason[:300], costs=costs or [])
