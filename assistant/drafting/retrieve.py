"""What the hybrid index (assistant/retrieval) offers a draft: precedent passages per section and candidate policies.

Per drafted section, a query written like the index's section documents (项目名称｜部分, then the
brief's content) ranks the sections of past declarations. A hit is read back from the corpus the
caller holds, so a declaration left out of that corpus (the leave-one-out eval's held-out form) is
never shown, whatever the index still holds. Precedents of the brief's own project type come first,
then those of a compatible type, then the rest, each tier in the index's order: another kind of
project fills in only where the brief's own kind has too few. Candidate policies are the index's
policy documents nearest the brief that share its specific wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.domain.classify import declaration_type
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference
from assistant.domain.project_types import ProjectType, catalogue
from assistant.retrieval.models import DocKind, SearchResult
from assistant.review.checks_relevance import specific_bigrams
from assistant.settings import Settings

QUERY_CHARS = 200  # of the brief's content in a query: the opening says what the project is
SECTION_HITS = 30  # section documents fetched per query (the seed corpus has about a hundred)
POLICY_HITS = 8
POLICIES_KEPT = 3  # retrieved policies offered to the model: each is a line of every section's prompt
POLICY_MIN_SHARED = 2  # specific two-character words a retrieved policy must share with the brief


class Finder(Protocol):
    """A hybrid search over the corpus index: `services.search.SearchService` or `retrieval.service.Retriever`."""

    def search(self, query: str, *, kind: DocKind | None = None, k: int = 10) -> list[SearchResult]: ...


class Tier:
    SAME = 0
    COMPATIBLE = 1
    OTHER = 2


@dataclass(frozen=True)
class Passage:
    """One precedent section to show: the declaration, which of its sections, and how close its type is."""

    decl: Declaration
    source: SectionKind
    tier: int


@dataclass(frozen=True)
class Retrieved:
    passages: dict[SectionKind, list[Passage]]  # per drafted section, best first
    policies: list[PolicyReference]  # nearest the brief first, only those sharing its wording


def retrieve(
    finder: Finder, brief: Brief, corpus: Corpus, policies: list[PolicyReference], tiers: dict[str, int],
    sources: dict[SectionKind, tuple[SectionKind, ...]], per_section: int,
) -> Retrieved:  # fmt: skip
    """Precedent passages for each drafted section (``sources``: which precedent sections may stand for
    it; ``tiers``: `corpus_tiers`) and candidate policies, from ``finder``; errors of the index propagate."""
    passages = {kind: _section_passages(finder, brief, corpus, kind, wanted, tiers, per_section) for kind, wanted in sources.items()}
    return Retrieved(passages=passages, policies=_policies(finder, brief, policies))


def query_for(brief: Brief, kind: SectionKind | None = None) -> str:
    """The brief as the index's documents read: 项目名称｜部分, then the opening of its content."""
    head = f"{brief.name}｜{kind.label}" if kind is not None else brief.name
    return f"{head}\n{' '.join(brief.content.split())[:QUERY_CHARS]}"


def _section_passages(
    finder: Finder, brief: Brief, corpus: Corpus, kind: SectionKind, wanted: tuple[SectionKind, ...], tiers: dict[str, int], n: int
) -> list[Passage]:  # fmt: skip
    found: dict[str, Passage] = {}
    for hit in finder.search(query_for(brief, kind), kind=DocKind.SECTION, k=SECTION_HITS):
        decl_id, source = hit.declaration_id, _section_of(hit)
        if decl_id not in tiers or source not in wanted or decl_id in found:
            continue  # not in the caller's corpus (held out), or not a section that stands for this one
        found[decl_id] = Passage(decl=corpus.get(decl_id), source=source, tier=tiers[decl_id])
    ranked = sorted(found.values(), key=lambda p: p.tier)[:n]  # stable: the index's order within a tier
    # another type's passage lends only a way of writing: one is enough, and none next to the brief's own type
    others = [p for p in ranked if p.tier != Tier.SAME]
    return [p for p in ranked if p.tier == Tier.SAME] or others[:1]


def _section_of(hit: SearchResult) -> SectionKind | None:
    try:
        return SectionKind(str(hit.metadata.get("section", "")))
    except ValueError:
        return None


def corpus_tiers(corpus: Corpus, project_type: ProjectType | None) -> dict[str, int]:
    """Each declaration of the corpus: same type as the brief, compatible, or other (all same when the type is unknown)."""
    return {decl.id: tier_of(declaration_type(decl).plausible(), project_type) for decl in corpus}


def tier_of(types: tuple[ProjectType, ...], project_type: ProjectType | None) -> int:
    if project_type is None or project_type in types:
        return Tier.SAME
    if any(catalogue().compatible(project_type, other) for other in types):
        return Tier.COMPATIBLE
    return Tier.OTHER


def _policies(finder: Finder, brief: Brief, policies: list[PolicyReference]) -> list[PolicyReference]:
    by_id = {p.id: p for p in policies}
    own = specific_bigrams(f"{brief.name}\n{brief.content}")
    found = []
    for hit in finder.search(query_for(brief), kind=DocKind.POLICY, k=POLICY_HITS):
        policy = by_id.get(hit.policy_id or "")
        if policy is not None and len(own & specific_bigrams(f"{policy.title}\n{policy.description}")) >= POLICY_MIN_SHARED:
            found.append(policy)
    return found[:POLICIES_KEPT]


class LazyFinder:
    """A finder opened on its first search: whatever fails in opening it (chromadb, the embedding model, a
    first build of the index) then fails inside a search, where drafting falls back to the bank."""

    def __init__(self, open_finder: Callable[[], Finder]) -> None:
        self._open = open_finder
        self._finder: Finder | None = None

    def search(self, query: str, *, kind: DocKind | None = None, k: int = 10) -> list[SearchResult]:
        if self._finder is None:
            self._finder = self._open()
        return self._finder.search(query, kind=kind, k=k)


def index_finder(settings: Settings) -> LazyFinder:
    """The search service over ``settings``' corpus: it opens the index, and builds or updates it, on first use."""

    def open_service() -> Finder:
        from assistant.services.scope import CorpusScope  # chromadb and the embedding model load with the search service
        from assistant.services.search import SearchService

        return SearchService(settings, CorpusScope(settings.corpus.corpus_dir))

    return LazyFinder(open_service)
