"""A BM25 index (bm25s) over our own jieba tokens, persisted as one JSON file written atomically.

Tokenising is the costly part of a BM25 build, so each document's tokens are stored with it and a
sync tokenises only new documents. The bm25s matrix is rebuilt in memory from the stored tokens when
the set of documents changes (about 0.1 s for 10k short documents), so it is never stale on disk.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np
from pydantic import BaseModel

from assistant.errors import CorpusError
from assistant.index.documents import IndexDocument, Metadata, Scalar, Where, stored_metadata
from assistant.index.tokenize import SearchTokenizer

FORMAT_VERSION = 1
_MASKS_KEPT = 32  # filters remembered per matrix (kind, year, …): each costs one byte per entry


class BM25Entry(BaseModel):
    id: str
    kind: str
    text: str
    metadata: Metadata
    tokens: list[str]


class BM25State(BaseModel):
    version: int = FORMAT_VERSION
    entries: list[BM25Entry] = []


class _Matrix:
    """bm25s over a fixed list of entries; position i in the scores is entries[i]."""

    def __init__(self, entries: Sequence[BM25Entry]) -> None:
        self.entries = list(entries)
        self.store_metadata = [stored_metadata(entry.kind, entry.metadata) for entry in self.entries]
        self.retriever = bm25s.BM25()
        self.positions = {entry.id: position for position, entry in enumerate(self.entries)}
        self._masks: dict[tuple[object, ...], np.ndarray] = {}
        self._posting_index: dict[tuple[str, bool, Scalar], np.ndarray] | None = None
        if self.entries:
            self.retriever.index([entry.tokens for entry in self.entries], show_progress=False)

    def scores(self, tokens: list[str]) -> np.ndarray:
        if not self.entries or not tokens:
            return np.zeros(len(self.entries), dtype=np.float32)
        return self.retriever.get_scores(tokens)

    def upper_bound(self, tokens: list[str], mask: np.ndarray | None = None) -> float:
        """The most a document could score for ``tokens``: each distinct token's best score, summed.

        Only documents ``mask`` lets through count: the best a filtered search (one kind, one year) can
        return is the share's 1.0, not a score only an excluded document reaches. A token no such document
        contains still counts, as a word found once would (idf of one document at average length): it is
        part of what the query asks for that the keyword side cannot match.
        """
        if not self.entries:
            return 0.0
        matrix, vocab = self.retriever.scores, self.retriever.vocab_dict
        unseen = math.log(1 + (len(self.entries) - 0.5) / 1.5)  # bm25s's default (Lucene) idf at df = 1
        bound = 0.0
        for token in set(tokens):
            column = vocab.get(token)
            start, end = (matrix["indptr"][column], matrix["indptr"][column + 1]) if column is not None else (0, 0)
            found = matrix["data"][start:end]
            if mask is not None:
                found = found[mask[matrix["indices"][start:end]]]
            bound += float(found.max()) if found.size else unseen
        return bound

    def mask(self, where: Where) -> np.ndarray | None:
        """Which entries match ``where`` (as ``matches`` decides); remembered per filter."""
        if not where:
            return None
        key = tuple(sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in where.items()))
        if key not in self._masks:
            if len(self._masks) >= _MASKS_KEPT:
                del self._masks[next(iter(self._masks))]
            self._masks[key] = self._mask(where)
        return self._masks[key]

    def _mask(self, where: Where) -> np.ndarray:
        # From postings, not a scan: a scan costs ~0.5 µs per entry, 120 ms at 235k entries, and a
        # filter naming one document (a pinned policy) is new on every query.
        postings = self._postings()
        mask = np.ones(len(self.entries), dtype=bool)
        for name, wanted in where.items():
            field = np.zeros(len(self.entries), dtype=bool)
            for option in wanted if isinstance(wanted, list) else [wanted]:
                found = postings.get(_posting_key(name, option))
                if found is not None:
                    field[found] = True
            mask &= field
        return mask

    def _postings(self) -> dict[tuple[str, bool, Scalar], np.ndarray]:
        """Entry positions per (field, value), built on the first filtered query."""
        if self._posting_index is None:
            lists: dict[tuple[str, bool, Scalar], list[int]] = defaultdict(list)
            for position, metadata in enumerate(self.store_metadata):
                for name, value in metadata.items():
                    lists[_posting_key(name, value)].append(position)
            self._posting_index = {key: np.array(found, dtype=np.int64) for key, found in lists.items()}
        return self._posting_index


def _posting_key(name: str, value: Scalar) -> tuple[str, bool, Scalar]:
    return name, isinstance(value, bool), value  # bool is never equal to int, as in ``matches``


class BM25Store:
    """Documents with their tokens on disk at ``path``; a bm25s matrix over them in memory."""

    def __init__(self, path: Path, tokenizer: SearchTokenizer) -> None:
        self.path = path
        self.tokenizer = tokenizer
        self._entries = {entry.id: entry for entry in _read(path).entries}
        self._matrix: _Matrix | None = None

    def ids(self) -> set[str]:
        return set(self._entries)

    def get(self, doc_id: str) -> BM25Entry | None:
        return self._entries.get(doc_id)

    def apply(self, *, add: Iterable[IndexDocument] = (), remove: Iterable[str] = ()) -> int:
        """Add (tokenising only ids not stored yet) and remove in one atomic write; returns how many changed."""
        new = [self._entry(doc) for doc in add if doc.id not in self._entries]
        gone = {doc_id for doc_id in remove if doc_id in self._entries}
        if not new and not gone:
            return 0
        entries = {doc_id: entry for doc_id, entry in self._entries.items() if doc_id not in gone}
        entries.update((entry.id, entry) for entry in new)
        _write(self.path, BM25State(entries=list(entries.values())))
        self._entries, self._matrix = entries, None
        return len(new) + len(gone)

    def filter_share(self, where: Where) -> float:
        """The share of stored entries whose metadata match ``where`` (1.0 without a filter)."""
        matrix = self._current_matrix()
        mask = matrix.mask(where)
        if mask is None:
            return 1.0
        return float(mask.mean()) if mask.size else 0.0

    def matching_ids(self, where: Where) -> list[str]:
        """The stored ids whose metadata match ``where``."""
        matrix = self._current_matrix()
        mask = matrix.mask(where)
        if mask is None:
            return [entry.id for entry in matrix.entries]
        return [matrix.entries[position].id for position in np.flatnonzero(mask)]

    def matches(self, doc_id: str, where: Where) -> bool:
        """Whether ``doc_id`` is stored and its metadata match ``where``."""
        matrix = self._current_matrix()
        position = matrix.positions.get(doc_id)
        mask = matrix.mask(where)
        return position is not None and (mask is None or bool(mask[position]))

    def _entry(self, doc: IndexDocument) -> BM25Entry:
        tokens = self.tokenizer.tokens(doc.text)
        return BM25Entry(id=doc.id, kind=doc.kind, text=doc.text, metadata=doc.metadata, tokens=tokens)

    def search(
        self, query: str, *, k: int, where: Where | None = None, relative: bool = False
    ) -> list[tuple[BM25Entry, float]]:
        """Up to k entries with a positive score, best first, among those whose metadata match ``where``.

        ``relative``: scores as a share (0..1] of the best score any document matching ``where`` could reach.
        """
        matrix = self._current_matrix()
        tokens = self.tokenizer.tokens(query)
        scores = matrix.scores(tokens)
        mask = matrix.mask(where or {})
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        scale = 1.0 / (matrix.upper_bound(tokens, mask) or 1.0) if relative else 1.0
        return [(matrix.entries[i], float(scores[i]) * scale) for i in _top_positive(scores, k)]

    def _current_matrix(self) -> _Matrix:
        if self._matrix is None:
            self._matrix = _Matrix(list(self._entries.values()))
        return self._matrix


def _top_positive(scores: np.ndarray, k: int) -> list[int]:
    positive = np.flatnonzero(scores > 0)
    if positive.size > k:
        positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
    return sorted(positive.tolist(), key=lambda i: (-scores[i], i))


def _read(path: Path) -> BM25State:
    if not path.exists():
        return BM25State()
    try:
        state = BM25State.model_validate_json(path.read_bytes())
    except ValueError as error:
        raise CorpusError(f"关键词索引文件已损坏：{path}", hint="删除该文件后重新同步索引，它会自动重建") from error
    if state.version != FORMAT_VERSION:
        raise CorpusError(f"关键词索引文件版本不符：{path}", hint="删除该文件后重新同步索引，它会自动重建")
    return state


def _write(path: Path, state: BM25State) -> None:
    """Write to a temporary file in the same folder, then rename: a reader sees the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(state.model_dump(mode="json"), file, ensure_ascii=False, separators=(",", ":"))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
