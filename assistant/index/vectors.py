"""The vector side's nearest neighbours, asked of chromadb in the way that stays fast as the index grows.

Measured on the 2-core machine (evals/retrieval/bench.py, 29k and 235k documents): a top-50 query
costs about 2 ms for ids and distances, but 10 ms when chroma also returns the texts and metadata, and
0.2-3 s with a ``where`` filter (chroma scans the matching ids). So the query asks for distances
only (texts and metadata come from the keyword store, which holds the same documents in memory),
a filter that many documents pass is applied by over-fetching unfiltered neighbours and keeping the
matching ones, and a filter that few pass (a kind, a year or one pinned policy among 235k indicators)
compares the query with those documents' vectors directly. Only what lies between is left to chroma.
"""

from __future__ import annotations

import math
from typing import Any, Protocol, cast

import numpy as np
from chromadb.api.models.Collection import Collection

from assistant.index.documents import Where

OVERFETCH_LIMIT = 2000  # neighbours fetched unfiltered at most (about 20 ms at 235k documents)
OVERFETCH_MARGIN = 2.0  # first fetch: this many times the neighbours a uniform spread of matches needs
OVERFETCH_GROWTH = 4  # next fetch when too few matched: neighbours cluster by kind, so matches may be rarer
EXACT_LIMIT = 500  # a filter at most this many documents pass: their vectors are compared one by one


class FilterCatalogue(Protocol):
    """What the vector side needs to filter by metadata in memory (the BM25 store provides it)."""

    def filter_share(self, where: Where) -> float: ...

    def matches(self, doc_id: str, where: Where) -> bool: ...

    def matching_ids(self, where: Where) -> list[str]: ...


def nearest(
    collection: Collection, query: str, *, n: int, where: Where, catalogue: FilterCatalogue
) -> list[tuple[str, float]]:
    """Up to n (id, cosine similarity) pairs, best first, among documents whose metadata match ``where``."""
    vector = _query_vector(collection, query)
    if not where:
        return _query(collection, vector, n, None)
    share = catalogue.filter_share(where)
    wanted = math.ceil(OVERFETCH_MARGIN * n / share) if share > 0 else OVERFETCH_LIMIT + 1
    while wanted <= OVERFETCH_LIMIT:
        fetched = _query(collection, vector, wanted, None)
        kept = [(doc_id, similarity) for doc_id, similarity in fetched if catalogue.matches(doc_id, where)]
        if len(kept) >= n or len(fetched) < wanted:  # enough, or every document was fetched
            return kept[:n]
        wanted *= OVERFETCH_GROWTH
    few = catalogue.matching_ids(where)
    if len(few) <= EXACT_LIMIT:
        return _exact(collection, vector, few, n)
    return _query(collection, vector, n, where)


def _exact(collection: Collection, vector: list[float], ids: list[str], n: int) -> list[tuple[str, float]]:
    """Cosine similarity of the query to each of ``ids`` (those chroma holds), best n first."""
    if not ids or n < 1:
        return []
    stored = collection.get(ids=ids, include=["embeddings"])
    if not stored["ids"]:
        return []
    matrix = np.asarray(stored["embeddings"], dtype=np.float64)
    query = np.asarray(vector, dtype=np.float64)
    similarity = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query))
    best = np.argsort(-similarity, kind="stable")[:n]
    return [(stored["ids"][i], float(similarity[i])) for i in best]


def _query_vector(collection: Collection, query: str) -> list[float]:
    """The query embedded once, with the collection's own function (query role), for every fetch below."""
    function = collection._embedding_function
    if function is None:
        raise ValueError(f"collection {collection.name} has no embedding function")
    return [float(x) for x in function.embed_query([query])[0]]


def _query(collection: Collection, vector: list[float], n: int, where: Where | None) -> list[tuple[str, float]]:
    if n < 1:
        return []
    result = collection.query(
        query_embeddings=[vector],  # type: ignore[arg-type]  # chromadb's stubs want numpy; a list of floats works
        n_results=n,
        where=cast(Any, chroma_where(where or {})),
        include=["distances"],
    )
    distances = result["distances"] or [[]]
    return [(doc_id, 1.0 - distance) for doc_id, distance in zip(result["ids"][0], distances[0], strict=True)]


def chroma_where(filters: Where) -> dict[str, object] | None:
    """Equality (or ``$in`` for a list) on every key, in chroma's syntax (one key alone, several under ``$and``)."""
    clauses: list[dict[str, object]] = [
        {key: {"$in": value} if isinstance(value, list) else value} for key, value in filters.items()
    ]
    match len(clauses):
        case 0:
            return None
        case 1:
            return clauses[0]
        case _:
            return {"$and": clauses}
