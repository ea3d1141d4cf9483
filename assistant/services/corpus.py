"""The corpus as the shells use it: build it from the raw exports, read it, count it."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.stats import CorpusStats, compute_stats
from assistant.corpus.store import BuildReport, Corpus, build_corpus, import_raw
from assistant.services.scope import CorpusScope


class CorpusService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def build(self, sources: list[Path]) -> BuildReport:
        """Copy ``sources`` (text exports) into ``corpus/raw``, then parse every raw file into the corpus."""
        raw_dir = self.scope.corpus_dir / "raw"
        if sources:
            import_raw(sources, raw_dir)
        return build_corpus(raw_dir, self.scope.corpus_dir)

    def corpus(self) -> Corpus:
        return self.scope.current().corpus

    def stats(self) -> CorpusStats:
        return compute_stats(self.corpus().declarations)
