"""What the model may draw on for a brief: precedent sections and candidate policies, each with a label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference, find_policy, policies_cited_in
from assistant.drafting.injection import dictated_phrases, neutralise
from assistant.domain.refs import SourceRef, policy_citation, policy_id, policy_title
from assistant.drafting.models import BasisEntry, GroundingNote, NoteKind
from assistant.suggest.models import SuggestionSet

PRECEDENTS = 3
SECTION_SOURCES = 2  # precedent snippets per section prompt: prefill dominates on the embedded model
SNIPPET_CHARS = 80
MAX_POLICIES = 6
POLICY_NOTE_CHARS = 40  # of a policy's description, in the prompt

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
    citation: SourceRef
    text: str


@dataclass
class DraftContext:
    brief: Brief  # as the user wrote it: what the draft keeps
    suggestions: SuggestionSet
    precedents: list[Declaration]  # instructions to the model taken out of their sections
    policies: list[ContextItem]  # candidates offered to the model, labelled P1…
    all_policies: list[PolicyReference]  # the whole policy corpus: what any mention must resolve to
    user_basis: list[BasisEntry] = field(default_factory=list)  # user-named policies not in the corpus
    materials: list[ContextItem] = field(default_factory=list)  # precedent snippets S1…, shown to every section
    safe_brief: Brief | None = None  # the brief without instructions to the model: what prompts and rules read
    notes: list[GroundingNote] = field(default_factory=list)  # what was taken out, for the user
    dictated: list[str] = field(default_factory=list)  # what those instructions told the model to write

    @property
    def prompt_brief(self) -> Brief:
        return self.safe_brief or self.brief

    def policy_by_label(self) -> dict[str, ContextItem]:
        return {item.label: item for item in self.policies}


def precedent_materials(precedents: list[Declaration]) -> list[ContextItem]:
    """For each drafted section, the counterpart text of up to ``SECTION_SOURCES`` precedents, each once,
    labelled S1…: one list for all sections, so that every section's prompt shares it."""
    items: list[ContextItem] = []
    for kind in SOURCES:
        taken = 0
        for decl in precedents:
            source = next((k for k in SOURCES[kind] if decl.section_text(k).strip()), None)
            if source is None or taken == SECTION_SOURCES:
                continue
            taken += 1
            ref = f"{decl.id}#{source.value}"
            if any(item.citation.ref == ref for item in items):
                continue
            label = f"{decl.header.name} · {decl.header.year} · {source.label}"
            citation = SourceRef(ref=ref, project=decl.header.name, year=decl.header.year, part=source.label)
            items.append(ContextItem(label=f"S{len(items) + 1}", citation=citation, text=f"【{label}】{_snippet(decl.section_text(source))}"))
    return items

def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[:limit] + "……"


def build_context(brief: Brief, suggestions: SuggestionSet, corpus: Corpus, policies: list[PolicyReference]) -> DraftContext:
    precedents = [corpus.get(p.declaration_id) for p in suggestions.precedents[:PRECEDENTS]]
    if brief.previous_declaration_id:
        previous = corpus.get(brief.previous_declaration_id)
        precedents = [previous] + [d for d in precedents if d.id != previous.id][: PRECEDENTS - 1]
    notes: list[GroundingNote] = []
    safe_brief = safe_copy_of_brief(brief, notes)
    precedents = [_safe_precedent(decl, notes) for decl in precedents]
    chosen, user_basis = _policy_candidates(safe_brief, precedents, policies)
    items = [_policy_item(n, policy) for n, policy in enumerate(chosen, start=1)]
    return DraftContext(
        brief=brief, suggestions=suggestions, precedents=precedents, policies=items, all_policies=policies,
        user_basis=user_basis, materials=precedent_materials(precedents), safe_brief=safe_brief, notes=notes,
        dictated=dictated_phrases([note.fragment or "" for note in notes]),
    )  # fmt: skip


def _injection_note(where: str, removed: list[str]) -> GroundingNote:
    return GroundingNote(
        kind=NoteKind.INJECTION, fragment="；".join(removed)[:200],
        message=f"{where}中有像是写给模型的指令，起草时已作为普通文字忽略，未执行",
    )  # fmt: skip


def safe_copy_of_brief(brief: Brief, notes: list[GroundingNote]) -> Brief:
    """The brief with instructions to the model taken out of its free text (content, plan, composition)."""
    content = neutralise(brief.content)
    plan = [step.model_copy(update={"work": neutralise(step.work).text}) for step in brief.plan]
    parts = [line.model_copy(update={"detail": neutralise(line.detail).text if line.detail else line.detail}) for line in brief.composition]
    removed = content.removed + [r for step in brief.plan for r in neutralise(step.work).removed]
    removed += [r for line in brief.composition if line.detail for r in neutralise(line.detail).removed]
    if not removed:
        return brief
    notes.append(_injection_note("简报", removed))
    return brief.model_copy(update={"content": content.text, "plan": plan, "composition": parts})


def _safe_precedent(decl: Declaration, notes: list[GroundingNote]) -> Declaration:
    sections, removed = [], []
    for section in decl.sections:
        cleaned = neutralise(section.text)
        removed += cleaned.removed
        sections.append(section.model_copy(update={"text": cleaned.text}) if cleaned.removed else section)
    if not removed:
        return decl
    notes.append(_injection_note(f"参考先例“{decl.header.name} · {decl.header.year}”", removed))
    return decl.model_copy(update={"sections": sections})


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
    label = policy_title(policy)
    return ContextItem(label=f"P{n}", citation=policy_citation(policy), text=f"{label}：{_snippet(neutralise(policy.description).text, POLICY_NOTE_CHARS)}")


def basis_entry(item: ContextItem, policies: list[PolicyReference]) -> BasisEntry:
    policy = next(p for p in policies if p.id == policy_id(item.citation.ref))
    return BasisEntry(title=policy.title, doc_number=policy.doc_number, policy_id=policy.id)
