from collections.abc import Sequence
from pathlib import Path

import pytest
from test_index_support import CORPUS, CountingE5, open_index, synced_index

from assistant.errors import InputError
from assistant.index.documents import IndexDocument, SearchHit, content_id
from assistant.index.fusion import ReciprocalRankFusion
from assistant.index.hybrid import HybridIndex
from assistant.index.vectors import chroma_where

BY_TEXT = {doc.text[:6]: doc for doc in CORPUS}


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> HybridIndex:
    return synced_index(tmp_path_factory.mktemp("shared"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("出了问题多久能赶到", CORPUS[4]),
        ("为什么要改造老旧的信息系统", CORPUS[11]),
        ("花钱不能超出预算", CORPUS[7]),
    ],
)
def test_paraphrase_is_found(shared: HybridIndex, query: str, expected: IndexDocument) -> None:
    hits = shared.search(query, k=3)
    assert hits[0].id == expected.id
    assert hits[0].vector_rank == 1


def test_doc_number_query_finds_the_other_bracket_spelling(shared: HybridIndex) -> None:
    for mode in ("hybrid", "bm25"):
        hits = shared.search("组厅字〔2017〕7号", k=3, mode=mode)
        assert hits[0].id == CORPUS[1].id
        assert "组厅字[2017]7号" in hits[0].text
        assert hits[0].bm25_rank == 1


def test_hits_are_complete_and_ranked(shared: HybridIndex) -> None:
    hits = shared.search("满意度指标", k=4)
    assert [hit.rank for hit in hits] == [1, 2, 3, 4]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    top = hits[0]
    doc = next(doc for doc in CORPUS if doc.id == top.id)
    assert (top.kind, top.text, top.metadata) == (doc.kind, doc.text, doc.metadata)
    assert "kind" not in top.metadata


@pytest.mark.parametrize("mode", ["hybrid", "vector", "bm25"])
def test_filters_apply_on_every_side(shared: HybridIndex, mode: str) -> None:
    hits = shared.search("系统 指标 项目", k=20, mode=mode, where={"year": 2023})
    assert hits and {hit.metadata["year"] for hit in hits} == {2023}
    hits = shared.search("系统 指标 项目", k=20, mode=mode, kind="section")
    assert hits and {hit.kind for hit in hits} == {"section"}
    hits = shared.search(
        "系统 指标 项目", k=20, mode=mode, kind="indicator", where={"year": 2026, "level2": "数量指标"}
    )
    assert [hit.id for hit in hits] == [CORPUS[8].id]


def test_hybrid_marks_which_side_found_what(shared: HybridIndex) -> None:
    hits = shared.search("出了问题多久能赶到", k=3, mode="hybrid")
    assert all(hit.bm25_rank is None for hit in hits)  # no shared word: the vector side alone
    vector_only = shared.search("组厅字〔2017〕7号", k=3, mode="vector")
    assert all(hit.bm25_rank is None and hit.vector_rank == hit.rank for hit in vector_only)


def test_one_query_embedding_per_search(tmp_path: Path) -> None:
    function = CountingE5()
    index = open_index(tmp_path, function)
    index.sync(CORPUS)
    for mode, embeddings in (("hybrid", 1), ("vector", 1), ("bm25", 0)):
        before = dict(function.texts)
        index.search("预算执行率", k=5, mode=mode)
        assert function.texts["query"] - before["query"] == embeddings
        assert function.texts["passage"] == before["passage"]


def test_unchanged_sync_embeds_nothing(tmp_path: Path) -> None:
    function = CountingE5()
    index = open_index(tmp_path, function)
    first = index.sync(CORPUS)
    assert (first.added, first.embedded, first.removed) == (len(CORPUS), len(CORPUS), 0)
    bm25_file = index.bm25.path.stat().st_mtime_ns
    calls = dict(function.calls)
    again = index.sync(list(reversed(CORPUS)))
    assert (again.added, again.removed, again.unchanged, again.embedded) == (0, 0, len(CORPUS), 0)
    assert function.calls == calls
    assert index.bm25.path.stat().st_mtime_ns == bm25_file


def test_changed_and_removed_docs_are_replaced_and_deleted(tmp_path: Path) -> None:
    function = CountingE5()
    index = open_index(tmp_path, function)
    index.sync(CORPUS)
    changed = IndexDocument.build(
        "indicator", "产出指标-时效指标：故障30分钟内响应，2小时内抵达现场", CORPUS[4].metadata
    )
    docs = [changed if doc is CORPUS[4] else doc for doc in CORPUS[:-1]]
    report = index.sync(docs)
    assert (report.added, report.removed, report.embedded) == (1, 2, 1)
    assert index.ids() == {doc.id for doc in docs}
    assert index.collection.count() == len(docs)
    assert index.search("故障多久响应", k=1)[0].text == changed.text
    assert all(hit.id != CORPUS[11].id for hit in index.search("老干部信息管理系统", k=20, mode="bm25"))


def test_upsert_and_delete(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    assert index.upsert(CORPUS[:3]) == 3
    assert index.upsert(CORPUS[:4]) == 1
    index.delete([CORPUS[0].id, "missing-id"])
    assert index.ids() == {doc.id for doc in CORPUS[1:4]}


def test_interrupted_sync_leaves_a_usable_index(tmp_path: Path) -> None:
    index = open_index(tmp_path, batch_size=3)
    index.sync(CORPUS[:6])
    failing = CountingE5(fail_on_passage_call=2)
    interrupted = open_index(tmp_path, failing, batch_size=3)
    with pytest.raises(RuntimeError, match="injected"):
        interrupted.sync(CORPUS[3:])
    assert interrupted.collection.count() == 6 + 3  # the first batch landed; nothing was deleted
    assert interrupted.search("组厅字〔2017〕7号", k=1)[0].id == CORPUS[1].id
    resumed_function = CountingE5()
    resumed = open_index(tmp_path, resumed_function, batch_size=3)
    report = resumed.sync(CORPUS[3:])
    assert report.embedded == 3  # 6 new documents, of which the first batch of 3 landed before the failure
    assert resumed.ids() == {doc.id for doc in CORPUS[3:]}


class ReverseReranker:
    def rerank(self, query: str, hits: Sequence[SearchHit]) -> list[SearchHit]:
        return list(reversed(hits))


def test_fuser_and_reranker_are_swappable(shared: HybridIndex) -> None:
    plain = shared.search("满意度", k=3)
    swapped = HybridIndex(shared.collection, shared.bm25, reranker=ReverseReranker(), pool=3)
    assert [hit.id for hit in swapped.search("满意度", k=3)] == [hit.id for hit in plain][::-1]
    vector_heavy = HybridIndex(shared.collection, shared.bm25, fuser=ReciprocalRankFusion(weights={"bm25": 0.0}))
    assert [h.id for h in vector_heavy.search("满意度", k=3)] == [
        h.id for h in shared.search("满意度", k=3, mode="vector")
    ]


def test_blank_query_and_bad_k_are_input_errors(shared: HybridIndex) -> None:
    with pytest.raises(InputError):
        shared.search("  ")
    with pytest.raises(InputError):
        shared.search("预算", k=0)


def test_empty_index_returns_nothing(tmp_path: Path) -> None:
    assert open_index(tmp_path).search("预算", k=5) == []


def test_content_id_is_stable_and_content_sensitive() -> None:
    doc = CORPUS[0]
    assert content_id(doc.kind, doc.text, dict(reversed(doc.metadata.items()))) == doc.id
    assert content_id(doc.kind, doc.text + "。", doc.metadata) != doc.id
    assert content_id("policy", doc.text, doc.metadata) != doc.id
    assert content_id(doc.kind, doc.text, {**doc.metadata, "year": 2021}) != doc.id
    assert doc.id.startswith("section-")


def test_kind_is_a_reserved_metadata_key() -> None:
    with pytest.raises(ValueError, match="reserved"):
        IndexDocument.build("section", "x", {"kind": "policy"})


def test_chroma_where_syntax() -> None:
    assert chroma_where({}) is None
    assert chroma_where({"year": 2023}) == {"year": 2023}
    assert chroma_where({"year": 2023, "kind": "section"}) == {"$and": [{"year": 2023}, {"kind": "section"}]}
