"""The corpus as every service sees it: loaded once, reloaded when its files change.

A `CorpusSnapshot` is one state of ``corpus_dir`` (declarations and policies), identified by a
fingerprint of file names, sizes and modification times; what is derived from it (policies, the
indicator bank, the review context, the Q&A scope) is computed on first use and kept with it.
"""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.corpus.store import Corpus
from assistant.domain.policy import PolicyReference, load_policies
from assistant.errors import AssistantError
from assistant.qa.lexicon import Lexicon
from assistant.qa.scope import Scope as QAScope

if TYPE_CHECKING:  # the review rules and the indicator bank load with the first review or suggestion
    from assistant.review.checks_relevance import ReviewContext
    from assistant.suggest.bank import IndicatorBank

Fingerprint = tuple[tuple[str, int, int], ...]
_WATCHED = ("declarations/*.json", "policies/*", "manifest.json")


def corpus_fingerprint(corpus_dir: Path) -> Fingerprint:
    """Name, size and modification time of every corpus file: a rebuilt corpus has a new fingerprint."""
    paths = sorted({p for pattern in _WATCHED for p in corpus_dir.glob(pattern) if p.is_file()})
    return tuple((str(p.relative_to(corpus_dir)), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


class CorpusSnapshot:
    """One state of the corpus and what is derived from it, each computed once."""

    def __init__(self, corpus_dir: Path, fingerprint: Fingerprint) -> None:
        self.corpus_dir = corpus_dir
        self.fingerprint = fingerprint

    @cached_property
    def corpus(self) -> Corpus:
        return Corpus.load(self.corpus_dir)

    @cached_property
    def policies(self) -> list[PolicyReference]:
        return load_policies(self.corpus_dir / "policies")

    @cached_property
    def bank(self) -> IndicatorBank:
        from assistant.suggest.bank import build_bank

        return build_bank(self.corpus.declarations)

    @cached_property
    def review_context(self) -> ReviewContext:
        """The corpus as the set of known projects; empty while no corpus is built."""
        from assistant.review.checks_relevance import ReviewContext

        try:
            return ReviewContext.from_declarations(self.corpus.declarations, self.policies)
        except AssistantError:
            return ReviewContext()

    @cached_property
    def qa(self) -> QAScope:
        return QAScope(corpus=self.corpus, lexicon=Lexicon.of(self.corpus, self.policies))


class CorpusScope:
    """The current `CorpusSnapshot` of ``corpus_dir``; a new one whenever the corpus files change."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self._snapshot: CorpusSnapshot | None = None
        self._lock = threading.Lock()
        self.loads = 0  # snapshots made: one per corpus state

    def current(self) -> CorpusSnapshot:
        fingerprint = corpus_fingerprint(self.corpus_dir)
        with self._lock:
            if self._snapshot is None or self._snapshot.fingerprint != fingerprint:
                self._snapshot = CorpusSnapshot(self.corpus_dir, fingerprint)
                self.loads += 1
            return self._snapshot
