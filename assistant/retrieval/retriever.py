"""Search an open corpus index: `Retriever` holds the index, the router that decides what a query pins to
the top, and the tokenizer; it is handed all three (`assistant.services.index.open_retriever` opens them
from the settings) and never opens or builds anything itself."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.domain.units import fold, units_meant
from assistant.errors import InputError
from assistant.index.documents import SearchHit, SearchMode, Wanted, Where, matches
from assistant.index.hybrid import HybridIndex
from assistant.index.tokenize import SearchTokenizer
from assistant.retrieval.models import DocKind, SearchResult
from assistant.retrieval.presentation import result_from_hit
from assistant.retrieval.routes import Pin, QueryRouter

FETCH_FACTOR = 3  # hits fetched per result wanted, so that folding repeated texts still fills the list
_UNIT_KEYS = ("department", "implementer")


class Retriever:
    """An open index plus the router that decides what a query pins to the top."""

    def __init__(self, index: HybridIndex, router: QueryRouter, tokenizer: SearchTokenizer) -> None:
        self.index = index
        self.router = router
        self.tokenizer = tokenizer
        self._units: dict[str, set[str]] | None = None

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
