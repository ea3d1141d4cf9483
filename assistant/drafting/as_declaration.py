"""A draft read as a current-framework declaration (`to_declaration`), so the review engine, `assistant check`
and the subject and library checks read a draft exactly as they read a filed form; `reviewed` attaches that review
to the draft. Pure functions over `Draft`; no model call."""

from __future__ import annotations

from assistant.domain.model import Declaration, LibraryCitation, SafeguardRow, SectionKind
from assistant.domain.policy import policy_label
from assistant.domain.refs import policy_id
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.drafting.models import Draft
from assistant.drafting.relevance import split_reference
from assistant.review.checks_relevance import ReviewContext
from assistant.review.engine import review
from assistant.suggest.models import HUMAN_BASIS


def reviewed(draft: Draft, context: ReviewContext) -> Draft:
    """``draft`` with its `review` replaced by the review engine's findings on `to_declaration(draft)` under ``context``."""
    return draft.model_copy(update={"review": review(to_declaration(draft), context)})


def _claimed(draft: Draft) -> list[LibraryCitation]:
    """The policies ``draft`` says come from the policy library: its 立项依据 entries not the person's own, and its
    sections' 出处 ``policy:<id>`` (the label ``《题名》（文号）``)."""
    claimed = [
        LibraryCitation(title=b.title, doc_number=b.doc_number, policy_id=b.policy_id)
        for b in draft.basis
        if not b.user_supplied
    ]
    for section in draft.sections:
        for cited in section.citations:
            if (pid := policy_id(cited.ref)) is not None:
                title, number = split_reference(cited.project)
                claimed.append(LibraryCitation(title=title, doc_number=number, policy_id=pid, section=section.kind))
    return claimed


def to_declaration(draft: Draft) -> Declaration:
    """The draft as a current-framework declaration, for the review engine and `assistant check`."""
    basis_text = "\n".join(policy_label(b.title, b.doc_number) for b in draft.basis)
    sections = [(s.kind, s.text) for s in draft.sections] + [(SectionKind.BASIS, basis_text)]
    rows = [IndicatorRow(i.level1, i.level2, i.name, i.value.value) for i in draft.indicators]
    decl = brief_declaration(draft.brief, declaration_id="draft", sections=sections, indicators=rows)
    own = [b.title for b in draft.basis if b.user_supplied]
    grounds = {
        n: HUMAN_BASIS if i.value.basis == HUMAN_BASIS else i.value.ground.value
        for n, i in enumerate(draft.indicators, start=1)
    }
    decl = decl.model_copy(
        update={
            "own_policies": list(dict.fromkeys([*decl.own_policies, *own])),
            "library_citations": _claimed(draft),
            "value_grounds": grounds,
        }
    )
    if not draft.safeguards:
        return decl
    safeguards = [
        SafeguardRow(line=n, category=s.category, document=s.document, measures=s.measures, stages=[])
        for n, s in enumerate(draft.safeguards, start=1)
    ]
    return decl.model_copy(update={"safeguards": safeguards})
