import pytest

from assistant.index.documents import SearchHit
from assistant.index.fusion import NoRerank, ReciprocalRankFusion


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = dict(ReciprocalRankFusion(k=60).fuse({"vector": ["a", "b", "c"], "bm25": ["b", "d"]}))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["d"] == pytest.approx(1 / 62)


def test_rrf_orders_best_first_and_breaks_ties_by_id() -> None:
    fused = ReciprocalRankFusion().fuse({"vector": ["x", "a"], "bm25": ["a", "x"]})
    assert [doc_id for doc_id, _ in fused] == ["a", "x"]


def test_rrf_weights_and_empty_lists() -> None:
    fuser = ReciprocalRankFusion(k=1, weights={"bm25": 2.0})
    assert fuser.fuse({"vector": ["a"], "bm25": ["b"]})[0] == ("b", 1.0)
    assert fuser.fuse({"vector": [], "bm25": []}) == []


def test_no_rerank_keeps_order() -> None:
    hits = [SearchHit(id=i, kind="section", score=0.0, rank=1, text=i, metadata={}) for i in "abc"]
    assert NoRerank().rerank("q", hits) == hits
