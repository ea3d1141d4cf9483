"""Additions to the generic layer for the corpus index: relative BM25 scores, evidence-weighted RRF,
``$in`` filters, and the vector side's in-memory filtering and content lookup."""

from pathlib import Path

import pytest
from test_index_support import CORPUS, synced_index

from assistant.index import vectors
from assistant.index.bm25 import BM25Store
from assistant.index.documents import matches
from assistant.index.fusion import EvidenceWeightedRRF
from assistant.index.hybrid import HybridIndex
from assistant.index.tokenize import search_tokenizer
from assistant.index.vectors import chroma_where, nearest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> BM25Store:
    folder = tmp_path_factory.mktemp("bm25")
    store = BM25Store(folder / "test.json", search_tokenizer(folder / "jieba"))
    store.apply(add=CORPUS)
    return store


def test_relative_scores_are_shares_of_the_best_possible(store: BM25Store) -> None:
    raw = store.search("组厅字〔2017〕7号", k=3)
    relative = store.search("组厅字〔2017〕7号", k=3, relative=True)
    assert [entry.id for entry, _ in raw] == [entry.id for entry, _ in relative]
    assert relative[0][1] == pytest.approx(1.0)  # the one document holding every query token, at its best


def test_words_no_document_has_lower_every_share(store: BM25Store) -> None:
    (_, alone), *_ = store.search("党费", k=1, relative=True)
    (_, diluted), *_ = store.search("党费 量子纠缠 区块链", k=1, relative=True)
    assert 0 < diluted < alone <= 1.0


def test_evidence_weighted_rrf_discounts_weak_keyword_matches() -> None:
    fuser = EvidenceWeightedRRF(k=60, power=2.0)
    rankings = {"vector": ["gold", "x"], "bm25": ["x", "y"]}
    fused = dict(fuser.fuse(rankings, {"vector": [0.9, 0.8], "bm25": [0.1, 0.05]}))
    assert fused["gold"] == pytest.approx(1 / 61)
    assert fused["x"] == pytest.approx(1 / 62 + 0.1**2 / 61)
    assert fused["gold"] > fused["x"]  # plain RRF would put x (found by both sides) first
    strong = dict(fuser.fuse(rankings, {"vector": [0.9, 0.8], "bm25": [1.0, 0.05]}))
    assert strong["x"] > strong["gold"]


def test_evidence_weighted_rrf_needs_the_scaled_scores() -> None:
    with pytest.raises(ValueError, match="bm25"):
        EvidenceWeightedRRF().fuse({"vector": ["a"], "bm25": ["b"]})


def test_a_list_filter_means_any_of() -> None:
    assert matches({"declaration_id": "a", "year": 2023}, {"declaration_id": ["a", "b"], "year": 2023})
    assert not matches({"declaration_id": "c"}, {"declaration_id": ["a", "b"]})
    assert not matches({"flag": True}, {"flag": [1]})
    assert chroma_where({"declaration_id": ["a", "b"], "year": 2023}) == {
        "$and": [{"declaration_id": {"$in": ["a", "b"]}}, {"year": 2023}]
    }


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> HybridIndex:
    return synced_index(tmp_path_factory.mktemp("vectors"))


@pytest.mark.parametrize(
    "where", [{"kind": "indicator"}, {"year": 2023}, {"year": [2019, 2020]}, {"kind": "policy", "year": 2021}]
)
def test_in_memory_filtering_equals_chromas(index: HybridIndex, where: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    query = "系统运行和满意度"
    vector = vectors._query_vector(index.collection, query)
    by_chroma = vectors._query(index.collection, vector, 5, where)
    assert nearest(index.collection, query, n=5, where=where, catalogue=index.bm25) == by_chroma
    monkeypatch.setattr(vectors, "OVERFETCH_MARGIN", 0.2)  # a first fetch too small: it grows
    assert nearest(index.collection, query, n=5, where=where, catalogue=index.bm25) == by_chroma
    monkeypatch.setattr(vectors, "OVERFETCH_LIMIT", 1)  # too selective to over-fetch: few enough to compare directly
    exact = nearest(index.collection, query, n=5, where=where, catalogue=index.bm25)
    assert [doc_id for doc_id, _ in exact] == [doc_id for doc_id, _ in by_chroma]
    assert [score for _, score in exact] == pytest.approx([score for _, score in by_chroma], abs=1e-6)
    monkeypatch.setattr(vectors, "EXACT_LIMIT", 0)  # too many to compare directly: chroma filters
    assert nearest(index.collection, query, n=5, where=where, catalogue=index.bm25) == by_chroma


def test_a_filter_nothing_passes_finds_nothing(index: HybridIndex) -> None:
    assert nearest(index.collection, "满意度", n=5, where={"year": 1999}, catalogue=index.bm25) == []
    assert index.bm25.matching_ids({"year": 1999}) == []
    assert len(index.bm25.matching_ids({"kind": "policy"})) == sum(doc.kind == "policy" for doc in CORPUS)


def test_vector_hits_take_their_content_from_the_keyword_store_or_chroma(tmp_path: Path) -> None:
    index = synced_index(tmp_path)
    target = CORPUS[4]
    index.bm25.apply(remove=[target.id])  # as after a sync interrupted between the two sides
    hit = next(hit for hit in index.search("出了问题多久能赶到", k=3, mode="vector") if hit.id == target.id)
    assert (hit.kind, hit.text, hit.metadata) == (target.kind, target.text, target.metadata)
