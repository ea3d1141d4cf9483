"""Hybrid retrieval: chromadb vectors and BM25 keywords over the same documents, fused by rank.

Ids are content hashes, so a document that changes gets a new id: `sync` embeds only ids the vector
store lacks and deletes ids no longer wanted. It adds before it deletes and each step is durable on
its own (chroma per batch, BM25 by atomic rename), so an interrupted sync leaves a searchable index
and the next sync finishes the job.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, assert_never, cast

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from assistant.errors import InputError
from assistant.index.bm25 import BM25Store
from assistant.index.documents import (
    KIND_KEY,
    IndexDocument,
    Metadata,
    SearchHit,
    SearchMode,
    Where,
    own_metadata,
    with_kind,
)
from assistant.index.embeddings import ProjectEmbeddingFunction, build_embedding_function
from assistant.index.fusion import Fuser, NoRerank, ReciprocalRankFusion, Reranker
from assistant.index.store import collection_name, get_collection, open_client
from assistant.index.tokenize import search_tokenizer
from assistant.index.vectors import nearest
from assistant.settings import Settings

_ID_PAGE = 5000
T = TypeVar("T")


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str
    text: str
    metadata: Metadata
    score: float


@dataclass(frozen=True)
class SyncReport:
    added: int
    removed: int
    unchanged: int
    embedded: int
    seconds: float


class HybridIndex:
    def __init__(
        self,
        collection: Collection,
        bm25: BM25Store,
        *,
        fuser: Fuser | None = None,
        reranker: Reranker | None = None,
        batch_size: int = 64,
        pool: int = 50,
    ) -> None:
        self.collection = collection
        self.bm25 = bm25
        self.fuser = fuser or ReciprocalRankFusion()
        self.reranker = reranker or NoRerank()
        self.batch_size = batch_size
        self.pool = pool

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        name: str = "documents",
        embedding_function: ProjectEmbeddingFunction | None = None,
        client: ClientAPI | None = None,
    ) -> HybridIndex:
        """The index ``<collection_prefix>_<name>``: vectors in chroma, BM25 state under ``data_dir/bm25``."""
        function = embedding_function or build_embedding_function(settings)
        full_name = collection_name(settings.index.collection_prefix, name)
        collection = get_collection(client or open_client(settings), full_name, function)
        tokenizer = search_tokenizer(settings.data_dir / "cache" / "jieba")
        return cls(collection, BM25Store(bm25_path(settings.data_dir, full_name), tokenizer))

    def ids(self) -> set[str]:
        """Ids indexed on both sides (vector and BM25)."""
        return self._vector_ids() & self.bm25.ids()

    def upsert(self, docs: Iterable[IndexDocument]) -> int:
        """Add documents not indexed yet; returns how many were embedded."""
        wanted = _by_id(docs)
        present = self._vector_ids()
        embedded = self._add_vectors([doc for doc_id, doc in wanted.items() if doc_id not in present])
        self.bm25.apply(add=wanted.values())
        return embedded

    def delete(self, ids: Iterable[str]) -> None:
        doomed = sorted(set(ids))
        self._delete_vectors(doomed)
        self.bm25.apply(remove=doomed)

    def sync(self, docs: Iterable[IndexDocument]) -> SyncReport:
        """Make the index hold exactly ``docs``: embed only new ids, delete ids no longer present."""
        started = time.perf_counter()
        wanted = _by_id(docs)
        vector_ids = self._vector_ids()
        indexed = vector_ids & self.bm25.ids()
        stale = (vector_ids | self.bm25.ids()) - wanted.keys()
        embedded = self._add_vectors([doc for doc_id, doc in wanted.items() if doc_id not in vector_ids])
        self.bm25.apply(add=wanted.values(), remove=stale)
        self._delete_vectors(sorted(vector_ids - wanted.keys()))
        added = len(wanted.keys() - indexed)
        return SyncReport(
            added=added,
            removed=len(stale),
            unchanged=len(wanted) - added,
            embedded=embedded,
            seconds=time.perf_counter() - started,
        )

    def search(
        self,
        query: str,
        *,
        k: int = 10,
        kind: str | None = None,
        where: Where | None = None,
        mode: SearchMode = "hybrid",
    ) -> list[SearchHit]:
        """The best k documents for ``query`` among those of ``kind`` whose metadata equal ``where``."""
        if not query.strip():
            raise InputError("检索内容为空", hint="请输入要查找的内容")
        if k < 1:
            raise InputError(f"返回条数必须至少为 1，收到 {k}")
        sides = self._candidates(query, with_kind(where, kind), max(k, self.pool), mode)
        hits = self.reranker.rerank(query, _hits(self._rank(sides), sides))
        return [hit.model_copy(update={"rank": rank}) for rank, hit in enumerate(hits[:k], start=1)]

    def _candidates(self, query: str, filters: Where, n: int, mode: SearchMode) -> dict[str, list[Candidate]]:
        match mode:
            case "vector":
                return {"vector": self._vector_candidates(query, filters, n)}
            case "bm25":
                return {"bm25": self._bm25_candidates(query, filters, n)}
            case "hybrid":
                return {
                    "vector": self._vector_candidates(query, filters, n),
                    "bm25": self._bm25_candidates(query, filters, n, relative=True),
                }
            case _:
                assert_never(mode)

    def _rank(self, sides: Mapping[str, Sequence[Candidate]]) -> list[tuple[str, float]]:
        """One side keeps its own scores (cosine similarity or BM25); several are fused."""
        if len(sides) == 1:
            (only,) = sides.values()
            return [(candidate.id, candidate.score) for candidate in only]
        ids = {side: [candidate.id for candidate in found] for side, found in sides.items()}
        scores = {side: [candidate.score for candidate in found] for side, found in sides.items()}
        return self.fuser.fuse(ids, scores)

    def _vector_candidates(self, query: str, filters: Where, n: int) -> list[Candidate]:
        found = nearest(self.collection, query, n=n, where=filters, catalogue=self.bm25)
        return self._with_content(found)

    def _with_content(self, found: Sequence[tuple[str, float]]) -> list[Candidate]:
        """Text and metadata from the keyword store; from chroma only for ids it lacks (an interrupted sync)."""
        missing = [doc_id for doc_id, _ in found if self.bm25.get(doc_id) is None]
        stored = self.collection.get(ids=missing, include=["documents", "metadatas"]) if missing else None
        extra = (
            dict(
                zip(stored["ids"], zip(stored["documents"] or [], stored["metadatas"] or [], strict=True), strict=True)
            )
            if stored
            else {}
        )
        candidates = []
        for doc_id, similarity in found:
            entry = self.bm25.get(doc_id)
            if entry is not None:
                candidates.append(Candidate(doc_id, entry.kind, entry.text, entry.metadata, similarity))
            elif doc_id in extra:
                text, meta = extra[doc_id]
                candidates.append(
                    Candidate(doc_id, str(meta[KIND_KEY]), text, own_metadata(cast(Any, meta)), similarity)
                )
        return candidates

    def _bm25_candidates(self, query: str, filters: Where, n: int, *, relative: bool = False) -> list[Candidate]:
        return [
            Candidate(entry.id, entry.kind, entry.text, entry.metadata, score)
            for entry, score in self.bm25.search(query, k=n, where=filters, relative=relative)
        ]

    def _vector_ids(self) -> set[str]:
        ids: set[str] = set()
        while True:
            page = self.collection.get(include=[], limit=_ID_PAGE, offset=len(ids))["ids"]
            ids.update(page)
            if len(page) < _ID_PAGE:
                return ids

    def _add_vectors(self, docs: Sequence[IndexDocument]) -> int:
        for batch in _batches(docs, self.batch_size):
            self.collection.upsert(
                ids=[doc.id for doc in batch],
                documents=[doc.text for doc in batch],
                metadatas=[doc.store_metadata() for doc in batch],
            )
        return len(docs)

    def _delete_vectors(self, ids: Sequence[str]) -> None:
        for batch in _batches(ids, self.batch_size * 16):
            self.collection.delete(ids=list(batch))


def bm25_path(data_dir: Path, full_name: str) -> Path:
    return data_dir / "bm25" / f"{full_name}.json"


def _by_id(docs: Iterable[IndexDocument]) -> dict[str, IndexDocument]:
    return {doc.id: doc for doc in docs}


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _hits(ranked: Sequence[tuple[str, float]], sides: Mapping[str, Sequence[Candidate]]) -> list[SearchHit]:
    found = {c.id: c for candidates in sides.values() for c in candidates}
    ranks = {side: {c.id: rank for rank, c in enumerate(cands, start=1)} for side, cands in sides.items()}
    return [
        SearchHit(
            id=doc_id,
            kind=found[doc_id].kind,
            score=score,
            rank=position,
            text=found[doc_id].text,
            metadata=found[doc_id].metadata,
            vector_rank=ranks.get("vector", {}).get(doc_id),
            bm25_rank=ranks.get("bm25", {}).get(doc_id),
        )
        for position, (doc_id, score) in enumerate(ranked, start=1)
    ]
