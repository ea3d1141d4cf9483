"""What the model may draw on for a brief: precedent sections and candidate policies, each with a label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference, find_policy, policies_cited_in
from assistant.drafting.models import BasisEntry, Citation, SourceKind
from assistant.suggest.models import SuggestionSet

PRECEDENTS = 3
SECTION_SOURCES = 2  # precedent snippets per section prompt: prefill dominates on the embedded model
SNIPPET_CHARS = 100
MAX_POLICIES = 8

# Where a precedent's text for each drafted section is found, best first (2021+ forms have only goals).
SOURCES: dict[SectionKind, tuple[SectionKind, ...]] = {
    SectionKind.OVERVIEW: (SectionKind.OVERVIEW, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL),
    SectionKind.NECESSITY: (SectionKind.NECESSITY, SectionKind.APPROVAL, SectionKind.GOAL_TOTAL),
    SectionKind.GOAL_TOTAL: (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL),
    SectionKind.GOAL_ANNUAL: (SectionKind.GOAL_ANNUAL, SectionKind.GOAL_TOTAL),
}


@dataclass(frozen=True)
class ContextItem:
    label: str
    citation: Citation
    text: str


@dataclass
class DraftContext:
    brief: Brief
    suggestions: SuggestionSet
    precedents: list[Declaration]
    policies: list[ContextItem]  # candidates offered to the model, labelled P1…
    all_policies: list[PolicyReference]  # the whole policy corpus: what any mention must resolve to
    user_basis: list[BasisEntry] = field(default_factory=list)  # user-named policies not in the corpus

    def section_items(self, kind: SectionKind) -> list[ContextItem]:
        items = []
        for decl in self.precedents:
            if len(items) == SECTION_SOURCES:
                break
            source = next((k for k in SOURCES[kind] if decl.section_text(k).strip()), None)
            if source is None:
                continue
            text = _snippet(decl.section_text(source))
            label = f"{decl.header.name} · {decl.header.year} · {source.label}"
            citation = Citation(kind=SourceKind.SECTION, ref=f"{decl.id}#{source.value}", label=label)
            items.append(ContextItem(label=f"S{len(items) + 1}", citation=citation, text=f"【{label}】{text}"))
        return items

    def policy_by_label(self) -> dict[str, ContextItem]:
        return {item.label: item for item in self.policies}


def _snippet(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= SNIPPET_CHARS else flat[:SNIPPET_CHARS] + "……"


def build_context(brief: Brief, suggestions: SuggestionSet, corpus: Corpus, policies: list[PolicyReference]) -> DraftContext:
    precedents = [corpus.get(p.declaration_id) for p in suggestions.precedents[:PRECEDENTS]]
    if brief.previous_declaration_id:
        previous = corpus.get(brief.previous_declaration_id)
        precedents = [previous] + [d for d in precedents if d.id != previous.id][: PRECEDENTS - 1]
    chosen, user_basis = _policy_candidates(brief, precedents, policies)
    items = [_policy_item(n, policy) for n, policy in enumerate(chosen, start=1)]
    return DraftContext(
        brief=brief, suggestions=suggestions, precedents=precedents, policies=items, all_policies=policies, user_basis=user_basis
    )


def _policy_candidates(
    brief: Brief, precedents: list[Declaration], policies: list[PolicyReference]
) -> tuple[list[PolicyReference], list[BasisEntry]]:
    """The user's own policies first, then those the precedents cite, then those the brief's words name."""
    chosen: list[PolicyReference] = []
    user_basis: list[BasisEntry] = []
    for written in brief.policies:
        found = find_policy(policies, written)
        if found is None:
            user_basis.append(BasisEntry(title=written.strip("《》 "), user_supplied=True))
        elif found not in chosen:
            chosen.append(found)
    for decl in precedents:
        text = "\n".join(s.text for s in decl.sections)
        chosen.extend(p for p in policies_cited_in(policies, text) if p not in chosen)
    chosen.extend(p for p in policies_cited_in(policies, brief.text()) if p not in chosen)
    return chosen[:MAX_POLICIES], user_basis


def _policy_item(n: int, policy: PolicyReference) -> ContextItem:
    number = f"（{policy.doc_number}）" if policy.doc_number else ""
    label = f"《{policy.title}》{number}"
    citation = Citation(kind=SourceKind.POLICY, ref=policy.id, label=label)
    return ContextItem(label=f"P{n}", citation=citation, text=f"{label}：{policy.description}")


def basis_entry(item: ContextItem, policies: list[PolicyReference]) -> BasisEntry:
    policy = next(p for p in policies if p.id == item.citation.ref)
    return BasisEntry(title=policy.title, doc_number=policy.doc_number, policy_id=policy.id)
