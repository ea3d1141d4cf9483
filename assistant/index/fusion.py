"""How ranked lists become one: a fuser, then an optional reranker; both swappable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.index.documents import SearchHit


class Fuser(Protocol):
    def fuse(
        self, rankings: Mapping[str, Sequence[str]], scores: Mapping[str, Sequence[float]] | None = None
    ) -> list[tuple[str, float]]:
        """One list of (id, score), best first, from named lists of ids, each best first.

        ``scores`` (optional) gives each list's own scores, position by position.
        """
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

    def fuse(
        self, rankings: Mapping[str, Sequence[str]], scores: Mapping[str, Sequence[float]] | None = None
    ) -> list[tuple[str, float]]:
        fused: dict[str, float] = {}
        for name, ids in rankings.items():
            weight = self.weights.get(name, 1.0)
            for rank, doc_id in enumerate(ids, start=1):
                fused[doc_id] = fused.get(doc_id, 0.0) + weight / (self.k + rank)
        return _best_first(fused)


@dataclass(frozen=True)
class EvidenceWeightedRRF:
    """RRF in which each contribution of a ``scaled`` list is multiplied by its own score ** ``power``.

    Meant for a keyword list whose scores are the share of the query's best possible BM25 score that a
    document reaches (0..1, see `BM25Store.search(relative=True)`): plain RRF gives a document that
    shares one common word with the query (系统, 平台) the same credit as one that shares every word,
    and on short Chinese texts a long tail of such one-word matches outvotes the vector side's best
    answer. Lists not named in ``scaled`` count as in plain RRF.
    """

    k: int = 60
    scaled: frozenset[str] = frozenset({"bm25"})
    power: float = 2.0

    def fuse(
        self, rankings: Mapping[str, Sequence[str]], scores: Mapping[str, Sequence[float]] | None = None
    ) -> list[tuple[str, float]]:
        fused: dict[str, float] = {}
        for name, ids in rankings.items():
            evidence = self._evidence(name, len(ids), scores)
            for rank, (doc_id, strength) in enumerate(zip(ids, evidence, strict=True), start=1):
                fused[doc_id] = fused.get(doc_id, 0.0) + strength / (self.k + rank)
        return _best_first(fused)

    def _evidence(self, name: str, n: int, scores: Mapping[str, Sequence[float]] | None) -> list[float]:
        if name not in self.scaled:
            return [1.0] * n
        if scores is None or name not in scores:
            raise ValueError(f"EvidenceWeightedRRF needs the scores of list {name!r}")
        return [min(max(score, 0.0), 1.0) ** self.power for score in scores[name]]


def _best_first(fused: Mapping[str, float]) -> list[tuple[str, float]]:
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


class NoRerank:
    def rerank(self, query: str, hits: Sequence[SearchHit]) -> list[SearchHit]:
        return list(hits)
