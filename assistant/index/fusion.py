"""How ranked lists become one: a fuser, then an optional reranker; both swappable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.index.documents import SearchHit


class Fuser(Protocol):
    def fuse(self, rankings: Mapping[str, Sequence[str]]) -> list[tuple[str, float]]:
        """One list of (id, score), best first, from named lists of ids, each best first."""
        ...


class Reranker(Protocol):
    def rerank(self, query: str, hits: Sequence[SearchHit]) -> list[SearchHit]:
        """The same hits, reordered (and possibly rescored) for ``query``."""
        ...


@dataclass(frozen=True)
class ReciprocalRankFusion:
    """score(d) = sum over lists of weight / (k + rank of d), ranks from 1 (Cormack et al., 2009)."""

    k: int = 60
    weights: Mapping[str, float] = field(default_factory=dict)

    def fuse(self, rankings: Mapping[str, Sequence[str]]) -> list[tuple[str, float]]:
        scores: dict[str, float] = {}
        for name, ids in rankings.items():
            weight = self.weights.get(name, 1.0)
            for rank, doc_id in enumerate(ids, start=1):
                scores[doc_id] = scores.get(doc_id, 0.0) + weight / (self.k + rank)
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


class NoRerank:
    def rerank(self, query: str, hits: Sequence[SearchHit]) -> list[SearchHit]:
        return list(hits)
