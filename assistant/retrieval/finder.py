"""The one search interface the engines take (drafting's precedents and policies, Q&A's open questions), and
the one lazy wrapper the services hand them so that nothing is opened before the first search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.retrieval.models import DocKind, SearchResult


class Finder(Protocol):
    """A hybrid search over the corpus index (`assistant.services.search.SearchService`, or a `Retriever`)."""

    def search(
        self, query: str, *, kind: DocKind | None = None, year: int | None = None, k: int = 10
    ) -> list[SearchResult]: ...


class LazyFinder:
    """A finder opened on its first search: whatever fails in opening it (chromadb, the embedding model, a
    first build of the index) then fails inside a search, where drafting falls back to the bank and Q&A to a
    keyword overlap over the corpus."""

    def __init__(self, open_finder: Callable[[], Finder]) -> None:
        self._open = open_finder
        self._finder: Finder | None = None

    def search(
        self, query: str, *, kind: DocKind | None = None, year: int | None = None, k: int = 10
    ) -> list[SearchResult]:
        """The opened finder's results; only the filters the caller set are passed on."""
        if self._finder is None:
            self._finder = self._open()
        if year is None:
            return self._finder.search(query, kind=kind, k=k)
        return self._finder.search(query, kind=kind, year=year, k=k)
