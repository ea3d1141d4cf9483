"""The real embedded model: assembled from the installed part packages, served by llama.cpp, asked once.

One module-scoped data folder holds the 1.1 GB assembled file so it is written once per run.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel

from assistant.errors import ModelError
from assistant.llm import (
    LLMRuntime,
    LocalServer,
    build_chat_model,
    chat_call,
    ensure_model_file,
    model_file,
    structured_call,
)
from assistant.llm.model_file import EMBEDDED_MODEL
from assistant.settings import LLMSettings, Settings

ASK_OK = [
    SystemMessage("You answer with JSON only."),
    HumanMessage('Reply with exactly this JSON object: {"ok": true}'),
]


class Ok(BaseModel):
    ok: bool


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _settings(data_dir: Path) -> Settings:
    llm = LLMSettings(provider="local", local_port=_free_port(), n_ctx=1024, n_threads=2, temperature=0.0)
    return Settings(_env_file=None, data_dir=data_dir, llm=llm)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("llm-data")


@pytest.fixture(scope="module")
def model_path(data_dir: Path) -> Path:
    started = time.perf_counter()
    path = ensure_model_file(_settings(data_dir))
    print(f"\nassembled embedded model in {time.perf_counter() - started:.1f} s")
    return path


@pytest.fixture
def server(data_dir: Path, model_path: Path) -> Iterator[LocalServer]:
    local = LocalServer.from_settings(_settings(data_dir), model_path)
    started = time.perf_counter()
    local.start()
    print(f"\nlocal server healthy in {time.perf_counter() - started:.1f} s")
    yield local
    local.stop()


def test_assembled_model_matches_size_and_hash(model_path: Path, data_dir: Path) -> None:
    assert model_path == data_dir / "models" / EMBEDDED_MODEL.file_name
    assert model_path.stat().st_size == EMBEDDED_MODEL.size
    digest = hashlib.sha256()
    with model_path.open("rb") as stream:
        while chunk := stream.read(1 << 23):
            digest.update(chunk)
    assert digest.hexdigest() == EMBEDDED_MODEL.sha256
    assert not list(model_path.parent.glob("*.partial"))


def test_second_call_reuses_without_rehashing(
    model_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_file, "file_sha256", lambda path: pytest.fail("re-hashed the stamped model"))
    started = time.perf_counter()
    again = ensure_model_file(_settings(data_dir), locate_parts=lambda: pytest.fail("re-assembled the model"))
    assert again == model_path
    assert time.perf_counter() - started < 0.5


def test_local_server_answers_json_and_is_reused_then_stopped(server: LocalServer, data_dir: Path) -> None:
    assert server.owns_process
    settings = _settings(data_dir)
    settings.llm.local_json_grammar = True  # the grammar path: JSON guaranteed
    chat = build_chat_model(settings, max_tokens=16, json_mode=True, local_server=lambda: server)
    reply = chat_call(chat, ASK_OK)
    assert json.loads(reply.text) == {"ok": True}
    assert reply.usage.prompt_tokens > 0 and 0 < reply.usage.completion_tokens <= 16
    print(f"\nreply {reply.text!r}: {reply.usage} in {reply.elapsed_s:.2f} s")

    twin = LocalServer(
        model_path=server.model_path,
        host=server.host,
        port=server.port,
        n_ctx=server.n_ctx,
        n_threads=server.n_threads,
        log_path=server.log_path,
    ).start()
    assert not twin.owns_process and twin.base_url == server.base_url
    twin.stop()  # not its process: must leave the server running
    assert httpx.get(f"{server.base_url}/models", timeout=5, trust_env=False).status_code == 200

    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.base_url}/models", timeout=5, trust_env=False)


def test_runtime_structured_call_then_close(data_dir: Path, model_path: Path) -> None:
    with LLMRuntime(_settings(data_dir)) as runtime:
        result = runtime.structured(ASK_OK, Ok, max_tokens=16)
        assert result.value == Ok(ok=True)
        assert result.usage.completion_tokens > 0
        base_url = runtime.local_server().base_url
        assert runtime.local_server().owns_process
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/models", timeout=5, trust_env=False)


def test_runtime_reports_a_crashed_server_then_restarts(data_dir: Path, model_path: Path) -> None:
    with LLMRuntime(_settings(data_dir)) as runtime:
        first = runtime.local_server()
        assert first.pid is not None
        os.kill(first.pid, signal.SIGSEGV)  # fault injection: what a CPU-incompatible build does
        with pytest.raises(ModelError, match="SIGSEGV") as caught:
            runtime.complete(ASK_OK, max_tokens=4)
        assert "GGML_NATIVE=OFF" in (caught.value.hint or "")
        assert runtime.complete(ASK_OK, max_tokens=4).usage.completion_tokens > 0
        assert runtime.local_server() is not first


def test_structured_call_with_schema_grammar(server: LocalServer, data_dir: Path) -> None:
    chat = build_chat_model(
        _settings(data_dir), max_tokens=16, schema=Ok, schema_grammar=True, local_server=lambda: server
    )
    result = structured_call(chat, ASK_OK, Ok)
    assert result.value.ok is True
    assert result.raw_text.strip().startswith("{")
