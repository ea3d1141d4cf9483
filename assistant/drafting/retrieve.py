"""What the hybrid index (assistant/retrieval) offers a draft: precedent passages per section and candidate policies.

Per drafted section, a query written like the index's section documents (项目名称｜部分, then the
brief's content) ranks the sections of past declarations. A hit is read back from the corpus the
caller holds, so a declaration left out of that corpus (the leave-one-out eval's held-out form) is
never shown, whatever the index still holds. Only precedents of the brief's own project type are
shown: the embedded model carries another kind of project's facts into the draft however the prompt
words it (a party-work fund's 党代表 in a people's-congress training), so a brief of a type the corpus
lacks is written from the brief and the policies alone. Candidate policies are the index's policy
documents nearest the brief whose subject is the project's.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.domain.classify import declaration_type
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference
from assistant.domain.project_types import ProjectType
from assistant.drafting.relevance import brief_project, policy_fits
from assistant.retrieval.finder import Finder
from assistant.retrieval.models import DocKind, SearchResult

QUERY_CHARS = 200  # of the brief's content in a query: the opening says what the project is
SECTION_HITS = 30  # section documents fetched per query (the seed corpus has about a hundred)
POLICY_HITS = 8
POLICIES_KEPT = 3  # retrieved policies offered to the model: each is a line of every section's prompt


@dataclass(frozen=True)
class Passage:
    """One precedent section to show: the declaration and which of its sections."""

    decl: Declaration
    source: SectionKind


@dataclass(frozen=True)
class Retrieved:
    passages: dict[SectionKind, list[Passage]]  # per drafted section, best first
    policies: list[PolicyReference]  # nearest the brief first, only those sharing its wording


def retrieve(
    finder: Finder,
    brief: Brief,
    corpus: Corpus,
    policies: list[PolicyReference],
    same: set[str],
    sources: dict[SectionKind, tuple[SectionKind, ...]],
    per_section: int,
) -> Retrieved:
    """Precedent passages for each drafted section (``sources``: which precedent sections may stand for
    it; ``same``: the ids of the corpus's declarations of the brief's type, `same_type`) and candidate
    policies, from ``finder``; errors of the index propagate."""
    passages = {
        kind: _section_passages(finder, brief, corpus, kind, wanted, same, per_section)
        for kind, wanted in sources.items()
    }
    return Retrieved(passages=passages, policies=_policies(finder, brief, policies))


def query_for(brief: Brief, kind: SectionKind | None = None) -> str:
    """The brief as the index's documents read: 项目名称｜部分, then the opening of its content."""
    head = f"{brief.name}｜{kind.label}" if kind is not None else brief.name
    return f"{head}\n{' '.join(brief.content.split())[:QUERY_CHARS]}"


def _section_passages(
    finder: Finder,
    brief: Brief,
    corpus: Corpus,
    kind: SectionKind,
    wanted: tuple[SectionKind, ...],
    same: set[str],
    n: int,
) -> list[Passage]:
    found: dict[str, Passage] = {}
    for hit in finder.search(query_for(brief, kind), kind=DocKind.SECTION, k=SECTION_HITS):
        decl_id, source = hit.declaration_id, _section_of(hit)
        if decl_id not in same or source not in wanted or decl_id in found:
            continue  # held out of the caller's corpus, of another type, or not a section that stands for this one
        found[decl_id] = Passage(decl=corpus.get(decl_id), source=source)
    return list(found.values())[:n]


def _section_of(hit: SearchResult) -> SectionKind | None:
    try:
        return SectionKind(str(hit.metadata.get("section", "")))
    except ValueError:
        return None


def same_type(corpus: Corpus, project_type: ProjectType | None) -> set[str]:
    """Ids of the corpus's declarations of the brief's type (the type, or the runner-up of a mixed form);
    every declaration when the brief's type is unknown."""
    return {decl.id for decl in corpus if project_type is None or project_type in declaration_type(decl).plausible()}


def _policies(finder: Finder, brief: Brief, policies: list[PolicyReference]) -> list[PolicyReference]:
    """The index's policy hits nearest the brief whose subject is the project's (`relevance.policy_fits`):
    sharing words such as 人大 or 上海 with the brief is not enough."""
    by_id = {p.id: p for p in policies}
    project = brief_project(brief)
    found = []
    for hit in finder.search(query_for(brief), kind=DocKind.POLICY, k=POLICY_HITS):
        policy = by_id.get(hit.policy_id or "")
        if policy is not None and policy_fits(project, policy):
            found.append(policy)
    return found[:POLICIES_KEPT]
