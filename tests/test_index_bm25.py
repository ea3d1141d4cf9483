import json
from pathlib import Path

import pytest
from test_index_support import CORPUS

from assistant.errors import CorpusError
from assistant.index import bm25 as bm25_module
from assistant.index.bm25 import BM25Store
from assistant.index.documents import IndexDocument
from assistant.index.tokenize import SearchTokenizer


class CountingTokenizer(SearchTokenizer):
    def __init__(self, cache_dir: Path) -> None:
        super().__init__(cache_dir)
        self.texts = 0

    def tokens(self, text: str) -> list[str]:
        self.texts += 1
        return super().tokens(text)


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> CountingTokenizer:
    return CountingTokenizer(tmp_path_factory.mktemp("jieba"))


@pytest.fixture
def store(tmp_path: Path, tokenizer: CountingTokenizer) -> BM25Store:
    store = BM25Store(tmp_path / "bm25" / "test.json", tokenizer)
    store.apply(add=CORPUS)
    return store


def texts(results: list) -> list[str]:
    return [entry.text for entry, _ in results]


def test_finds_doc_number_written_with_other_brackets(store: BM25Store) -> None:
    results = store.search("组厅字〔2017〕7号", k=3)
    assert "组厅字[2017]7号" in texts(results)[0]
    assert len(results) == 1


def test_scores_are_positive_and_descending(store: BM25Store) -> None:
    scores = [score for _, score in store.search("产出指标 验收合格率", k=10)]
    assert scores and all(score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_no_known_token_gives_nothing(store: BM25Store) -> None:
    assert store.search("，。！", k=5) == []
    assert store.search("量子纠缠", k=5) == []


def test_filters_by_metadata_equality(store: BM25Store) -> None:
    results = store.search("指标", k=20, where={"year": 2023})
    assert results and all(entry.metadata["year"] == 2023 for entry, _ in results)
    indicators = store.search("项目", k=20, where={"kind": "indicator", "year": 2026})
    assert indicators and all(entry.kind == "indicator" for entry, _ in indicators)
    assert store.search("指标", k=20, where={"year": "2023"}) == []


def test_persisted_tokens_are_not_recomputed(store: BM25Store, tokenizer: CountingTokenizer) -> None:
    reopened = BM25Store(store.path, tokenizer)
    before = tokenizer.texts
    assert reopened.ids() == {doc.id for doc in CORPUS}
    assert reopened.apply(add=CORPUS) == 0
    assert tokenizer.texts == before
    reopened.search("预算", k=3)
    assert tokenizer.texts == before + 1  # the query only


def test_remove_and_replace(store: BM25Store) -> None:
    old = CORPUS[1]
    new = IndexDocument.build(old.kind, old.text.replace("组厅字[2017]7号", "财预〔2021〕101号"), old.metadata)
    assert store.apply(add=[new], remove=[old.id]) == 2
    assert store.search("组厅字〔2017〕7号", k=3) == []
    assert BM25Store(store.path, store.tokenizer).get(new.id) is not None


def test_failed_write_keeps_the_previous_file(store: BM25Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.path.read_bytes()

    def broken_dump(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(bm25_module.json, "dump", broken_dump)
    with pytest.raises(OSError):
        store.apply(remove=[CORPUS[0].id])
    assert store.path.read_bytes() == before
    assert store.get(CORPUS[0].id) is not None
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]


def test_corrupt_file_is_a_corpus_error(tmp_path: Path, tokenizer: CountingTokenizer) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError, match="损坏"):
        BM25Store(path, tokenizer)


def test_file_is_plain_json_with_tokens(store: BM25Store) -> None:
    state = json.loads(store.path.read_text(encoding="utf-8"))
    assert state["version"] == 1
    assert all(entry["tokens"] for entry in state["entries"])


def test_empty_store_searches_to_nothing(tmp_path: Path, tokenizer: CountingTokenizer) -> None:
    assert BM25Store(tmp_path / "none.json", tokenizer).search("预算", k=5) == []
