"""Opening and building the corpus index from the settings: the only place that does.

`build_index` is incremental (ids are content hashes): an unchanged corpus embeds nothing, a changed
declaration's documents are replaced and a removed one's deleted. `open_retriever` never builds: a
build embeds a few hundred documents (a minute or more on two cores), which a search must not start
behind the user's back, so a missing index is an error that names the command to run (the search
service, `services.search.SearchService`, is what builds or updates it on first use).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from assistant.corpus.store import Corpus
from assistant.domain.policy import PolicyReference, load_policies
from assistant.errors import CorpusError
from assistant.index.documents import IndexDocument
from assistant.index.embeddings import ProjectEmbeddingFunction
from assistant.index.fusion import EvidenceWeightedRRF
from assistant.index.hybrid import HybridIndex, SyncReport, bm25_path
from assistant.index.store import collection_name
from assistant.index.tokenize import search_tokenizer
from assistant.retrieval.documents import corpus_documents
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.routes import ExactPolicyRoute, QueryRouter
from assistant.settings import Settings

INDEX_NAME = "corpus"


class CorpusState(Protocol):
    """One state of the corpus as the caller loaded it: `assistant.services.scope.CorpusSnapshot`."""

    @property
    def corpus(self) -> Corpus: ...

    @property
    def policies(self) -> list[PolicyReference]: ...


def corpus_index_documents(state: CorpusState) -> list[IndexDocument]:
    """The documents of the corpus state (declarations and policies) the caller holds."""
    return corpus_documents(state.corpus, state.policies)


def open_index(settings: Settings, *, embedding_function: ProjectEmbeddingFunction | None = None) -> HybridIndex:
    """The corpus index, fusing with `EvidenceWeightedRRF` (evals/retrieval/results.md has the comparison)."""
    index = HybridIndex.open(settings, name=INDEX_NAME, embedding_function=embedding_function)
    index.fuser = EvidenceWeightedRRF()
    return index


def build_index(settings: Settings, state: CorpusState, *, index: HybridIndex | None = None) -> SyncReport:
    """Make the index of ``settings`` hold exactly the corpus ``state``; embeds only documents it lacks."""
    docs = corpus_index_documents(state)
    return (index or open_index(settings)).sync(docs)


def index_path(settings: Settings) -> Path:
    """The keyword side's file: written by the first build, so its presence says an index was built."""
    return bm25_path(settings.data_dir, collection_name(settings.index.collection_prefix, INDEX_NAME))


def require_index(settings: Settings) -> None:
    if not index_path(settings).exists():
        raise CorpusError(
            f"检索索引尚未建立（{settings.data_dir} 下没有索引）",
            hint="请先运行 `assistant index build` 建立索引（首次约需一两分钟），再检索",
        )


def open_retriever(
    settings: Settings,
    *,
    router: QueryRouter | None = None,
    embedding_function: ProjectEmbeddingFunction | None = None,
) -> Retriever:
    """The built index of ``settings`` with the exact-policy route (unless another router is given);
    `CorpusError` naming `assistant index build` when no index was built."""
    require_index(settings)
    tokenizer = search_tokenizer(settings.data_dir / "cache" / "jieba")
    if router is None:
        router = ExactPolicyRoute(load_policies(settings.corpus.corpus_dir / "policies"), tokenizer)
    return Retriever(open_index(settings, embedding_function=embedding_function), router, tokenizer)
