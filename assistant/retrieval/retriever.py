"""Build the corpus index and search it: the service the CLI, drafting and Q&A call.

`build_index` is incremental (ids are content hashes): an unchanged corpus embeds nothing, a changed
declaration's documents are replaced and a removed one's deleted. `Retriever` holds an open index, the
policies and a router. Searching never builds the index: a
build embeds a few hundred documents (a minute or more on two cores), which a search must not start
behind the user's back, so a missing index is an error that names the command to run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from assistant.corpus.store import Corpus
from assistant.domain.policy import PolicyReference, load_policies
from assistant.domain.units import fold, units_meant
from assistant.errors import CorpusError, InputError
from assistant.index.documents import IndexDocument, SearchHit, SearchMode, Wanted, Where, matches
from assistant.index.embeddings import ProjectEmbeddingFunction
from assistant.index.fusion import EvidenceWeightedRRF
from assistant.index.hybrid import HybridIndex, SyncReport, bm25_path
from assistant.index.store import collection_name
from assistant.index.tokenize import SearchTokenizer, search_tokenizer
from assistant.retrieval.documents import corpus_documents
from assistant.retrieval.models import DocKind, SearchResult
from assistant.retrieval.presentation import result_from_hit
from assistant.retrieval.routes import ExactPolicyRoute, Pin, QueryRouter
from assistant.settings import Settings

INDEX_NAME = "corpus"
FETCH_FACTOR = 3  # hits fetched per result wanted, so that folding repeated texts still fills the list
_UNIT_KEYS = ("department", "implementer")


class CorpusState(Protocol):
    """One state of the corpus as the caller loaded it: `assistant.services.scope.CorpusSnapshot`."""

    @property
    def corpus(self) -> Corpus: ...

    @property
    def policies(self) -> list[PolicyReference]: ...


def corpus_index_documents(state: CorpusState) -> list[IndexDocument]:
    """The documents of the corpus state (declarations and policies) the caller holds."""
    return corpus_documents(state.corpus, state.policies)


def open_index(settings: Settings, *, embedding_function: ProjectEmbeddingFunction | None = None) -> HybridIndex:
    """The corpus index, fusing with `EvidenceWeightedRRF` (evals/retrieval/results.md has the comparison)."""
    index = HybridIndex.open(settings, name=INDEX_NAME, embedding_function=embedding_function)
    index.fuser = EvidenceWeightedRRF()
    return index


def build_index(settings: Settings, state: CorpusState, *, index: HybridIndex | None = None) -> SyncReport:
    """Make the index of ``settings`` hold exactly the corpus ``state``; embeds only documents it lacks."""
    docs = corpus_index_documents(state)
    return (index or open_index(settings)).sync(docs)


def index_path(settings: Settings) -> Path:
    """The keyword side's file: written by the first build, so its presence says an index was built."""
    return bm25_path(settings.data_dir, collection_name(settings.index.collection_prefix, INDEX_NAME))


def require_index(settings: Settings) -> None:
    if not index_path(settings).exists():
        raise CorpusError(
            f"检索索引尚未建立（{settings.data_dir} 下没有索引）",
            hint="请先运行 `assistant index build` 建立索引（首次约需一两分钟），再检索",
        )


class Retriever:
    """An open index plus the router that decides what a query pins to the top."""

    def __init__(self, index: HybridIndex, router: QueryRouter, tokenizer: SearchTokenizer) -> None:
        self.index = index
        self.router = router
        self.tokenizer = tokenizer
        self._units: dict[str, set[str]] | None = None

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        router: QueryRouter | None = None,
        embedding_function: ProjectEmbeddingFunction | None = None,
    ) -> Retriever:
        """The built index with the exact-policy route (unless another router is given)."""
        require_index(settings)
        tokenizer = search_tokenizer(settings.data_dir / "cache" / "jieba")
        if router is None:
            router = ExactPolicyRoute(load_policies(settings.corpus.corpus_dir / "policies"), tokenizer)
        return cls(open_index(settings, embedding_function=embedding_function), router, tokenizer)

    def search(
        self,
        query: str,
        *,
        kind: DocKind | None = None,
        year: int | None = None,
        dept: str | None = None,
        k: int = 10,
        mode: SearchMode = "hybrid",
    ) -> list[SearchResult]:
        """The best k documents for ``query``; a document the query names exactly comes first."""
        where = self.filters(year=year, dept=dept)
        pins = [pin for pin in self.router.plan(query).pins if kind in (None, pin.kind)]
        hits = self.index.search(query, k=FETCH_FACTOR * k + len(pins), kind=kind, where=where, mode=mode)
        pinned = [hit for pin in pins if (hit := self._pinned_hit(pin, hits, query, where, mode)) is not None]
        exact = {hit.id for hit in pinned}
        groups = fold_same_text([*pinned, *(hit for hit in hits if hit.id not in exact)])[:k]
        terms = self.tokenizer.tokens(query)
        scored = {hit.id for hit in hits}
        return [
            result_from_hit(
                hit, rank=rank, terms=terms, mode=mode, exact=hit.id in exact, scored=hit.id in scored, same=same
            )
            for rank, (hit, same) in enumerate(groups, start=1)
        ]

    def filters(self, *, year: int | None, dept: str | None) -> dict[str, Wanted]:
        where: dict[str, Wanted] = {}
        if year is not None:
            where["year"] = year
        if dept is not None:
            where["declaration_id"] = [*self.declarations_of(dept)]
        return where

    def declarations_of(self, dept: str) -> list[str]:
        """Declarations whose 主管部门 / 申报单位 or 实施单位 contains ``dept`` or is the unit a short form names (人大)."""
        if not fold(dept):
            raise InputError("单位名称为空", hint="例如 --dept 组织部")
        units = self.units()
        found = sorted({decl for unit in units_meant(dept, units) for decl in units[unit]})
        if not found:
            raise InputError(
                f"没有单位名称包含“{dept.strip()}”的申报表", hint=f"可用的单位：{'、'.join(sorted(units)) or '（无）'}"
            )
        return found

    def units(self) -> dict[str, set[str]]:
        """Unit name → declaration ids, from the index itself (so it always matches what can be found)."""
        if self._units is None:
            units: dict[str, set[str]] = {}
            for entry in map(self.index.bm25.get, self.index.bm25.ids()):
                meta = entry.metadata if entry else {}
                for key in _UNIT_KEYS:
                    if key in meta and "declaration_id" in meta:
                        units.setdefault(str(meta[key]), set()).add(str(meta["declaration_id"]))
            self._units = units
        return self._units

    def _pinned_hit(
        self, pin: Pin, hits: Sequence[SearchHit], query: str, where: Where, mode: SearchMode
    ) -> SearchHit | None:
        """The pinned document from the ranked list, else fetched by its metadata (it may rank low)."""
        found = next((hit for hit in hits if hit.kind == pin.kind and matches(hit.metadata, pin.where)), None)
        if found is not None:
            return found
        narrowed = {**where, **pin.where}
        sides: tuple[SearchMode, ...] = ("vector",) if mode == "vector" else ("bm25", "vector")
        for side in sides:
            fetched = self.index.search(query, k=1, kind=pin.kind, where=narrowed, mode=side)
            if fetched:
                return fetched[0]
        return None


def fold_same_text(hits: Sequence[SearchHit]) -> list[tuple[SearchHit, list[SearchHit]]]:
    """Each distinct (kind, text) once, at its best position, with the hits that repeat it.

    The same indicator (管理人员满意度：≥90.00%) recurs in many declarations; five copies of it are one
    answer, not five.
    """
    groups: dict[tuple[str, str], tuple[SearchHit, list[SearchHit]]] = {}
    for hit in hits:
        first, same = groups.setdefault((hit.kind, hit.text), (hit, []))
        if first.id != hit.id and all(other.id != hit.id for other in same):
            same.append(hit)
    return list(groups.values())
