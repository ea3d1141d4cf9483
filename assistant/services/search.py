"""Search as the shells use it: one Retriever, opened on first use; the index built or brought up to
date on first use (with progress), so `assistant search` works straight after the corpus is built.

The corpus fingerprint the index was last synced to is kept beside the index: an unchanged corpus
opens the index without re-reading it, a changed one embeds only the new documents. The marker is written
(atomically) only after a sync has finished, so a sync killed half-way (kill -9) is finished by the next run:
the index keeps every document it held (it adds before it deletes), and the marker never names a corpus the
index does not hold (`tests/test_crash_safety_index.py`).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.index.documents import IndexDocument, SearchMode
from assistant.index.hybrid import HybridIndex, SyncReport
from assistant.index.store import IndexDamaged, move_aside
from assistant.index.tokenize import search_tokenizer
from assistant.retrieval.documents import corpus_documents
from assistant.retrieval.models import DocKind, SearchResult
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.routes import ExactPolicyRoute
from assistant.services.index import index_path, open_index
from assistant.services.scope import CorpusScope, CorpusSnapshot
from assistant.settings import Settings

Progress = Callable[[str], None]
EMBED_BATCH = 64


def _silent(_: str) -> None:
    return None


class SearchService:
    def __init__(self, settings: Settings, scope: CorpusScope, *, on_progress: Progress = _silent) -> None:
        self.settings = settings
        self.scope = scope
        self.on_progress = on_progress
        self._retriever: Retriever | None = None
        self._synced: CorpusSnapshot | None = None

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
        """The best k documents for ``query`` (see `Retriever.search`); builds or updates the index first if needed."""
        return self.retriever().search(query, kind=kind, year=year, dept=dept, k=k, mode=mode)

    def retriever(self) -> Retriever:
        snapshot = self.scope.current()
        if self._retriever is None or self._synced is not snapshot:
            index = open_index(self.settings)
            if self._stored_fingerprint() != _marker(snapshot):
                self._sync(index, snapshot)
            tokenizer = search_tokenizer(self.settings.data_dir / "cache" / "jieba")
            self._retriever = Retriever(index, ExactPolicyRoute(snapshot.policies, tokenizer), tokenizer)
            self._synced = snapshot
        return self._retriever

    def build(self) -> SyncReport:
        """Make the index hold exactly the current corpus now (`assistant index build`)."""
        snapshot = self.scope.current()
        try:
            index = open_index(self.settings)
        except IndexDamaged:
            moved = move_aside(self.settings)
            self.on_progress(f"检索索引已损坏，已把它移到 {moved}（可在重建完成后删除），正在重新建立…")
            index = open_index(self.settings)
        report = self._sync(index, snapshot)
        self._retriever = None
        return report

    def _sync(self, index: HybridIndex, snapshot: CorpusSnapshot) -> SyncReport:
        """Embed what the index lacks in batches (reporting progress), then drop what the corpus lost."""
        started = time.perf_counter()
        docs = corpus_documents(snapshot.corpus, snapshot.policies)
        present = index.ids()
        missing = [doc for doc in docs if doc.id not in present]
        if missing:
            verb = "更新" if present else "建立"
            self.on_progress(f"正在{verb}检索索引：需嵌入 {len(missing)} 条（共 {len(docs)} 条，首次约需一两分钟）…")
        embedded = _embed_in_batches(index, missing, self.on_progress)
        final = index.sync(docs)
        report = SyncReport(
            added=len(missing),
            removed=final.removed,
            unchanged=len(docs) - len(missing),
            embedded=embedded + final.embedded,
            seconds=time.perf_counter() - started,
        )
        if missing or report.removed:
            self.on_progress(f"检索索引已就绪：新增 {report.added} 条，删除 {report.removed} 条，共 {len(docs)} 条。")
        _write_atomically(self._marker_path(), json.dumps(_marker(snapshot)))
        return report

    def _marker_path(self) -> Path:
        path = index_path(self.settings)
        return path.with_name(path.stem + ".corpus-fingerprint.json")

    def _stored_fingerprint(self) -> list[list[object]] | None:
        path = self._marker_path()
        if not path.exists() or not index_path(self.settings).exists():
            return None
        try:
            stored: list[list[object]] = json.loads(path.read_text(encoding="utf-8"))
            return stored
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None

    def close(self) -> None:
        self._retriever = None
        self._synced = None


def _write_atomically(path: Path, text: str) -> None:
    """``text`` into ``path`` whole or not at all (a temp file renamed over it): a kill leaves the old marker, so the
    next run sees the corpus it does not match and finishes the sync."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _marker(snapshot: CorpusSnapshot) -> list[list[object]]:
    return [list(entry) for entry in snapshot.fingerprint]


def _embed_in_batches(index: HybridIndex, docs: list[IndexDocument], on_progress: Progress) -> int:
    embedded = 0
    for start in range(0, len(docs), EMBED_BATCH):
        embedded += index.upsert(docs[start : start + EMBED_BATCH])
        on_progress(f"  已嵌入 {min(start + EMBED_BATCH, len(docs))}/{len(docs)}")
    return embedded
