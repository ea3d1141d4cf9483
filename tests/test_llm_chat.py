"""Provider selection, request shaping, answer parsing and server faults; no model is loaded here."""

from __future__ import annotations

import http.server
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from assistant.errors import ModelError
from assistant.llm import LLMRuntime, LocalServer, build_chat_model, chat_call, parse_structured
from assistant.llm.chat import ChatReply, StructuredOutputError, TokenUsage
from assistant.settings import LLMProvider, LLMSettings, Settings


class Verdict(BaseModel):
    ok: bool
    reason: str = ""


def _settings(tmp_path: Path, **llm: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", llm=LLMSettings(**llm))  # type: ignore[call-arg]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server(tmp_path: Path, port: int, model: Path | None = None) -> LocalServer:
    return LocalServer(
        model_path=model or tmp_path / "m.gguf",
        host="127.0.0.1",
        port=port,
        n_ctx=512,
        n_threads=1,
        log_path=tmp_path / "logs" / "llama_server.log",
        startup_timeout_s=60,
    )


def _reply(text: str, finish_reason: str = "stop") -> ChatReply:
    return ChatReply(text=text, usage=TokenUsage(5, 3), finish_reason=finish_reason, elapsed_s=0.1)


def test_provider_defaults_to_local_and_follows_base_url() -> None:
    assert LLMSettings().effective_provider() is LLMProvider.LOCAL
    assert LLMSettings(base_url="http://127.0.0.1:9/v1").effective_provider() is LLMProvider.OPENAI
    assert LLMSettings(base_url="http://x/v1", provider="none").effective_provider() is LLMProvider.NONE


def test_openai_without_base_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        build_chat_model(_settings(tmp_path, provider="openai", model="qwen"))
    assert caught.value.message == "openai 接口缺少配置：BASE_URL"
    assert "ASSISTANT_LLM__BASE_URL" in (caught.value.hint or "")


def test_openai_without_model_names_both_fixes(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="MODEL"):
        build_chat_model(_settings(tmp_path, base_url="http://127.0.0.1:9/v1"))


def test_none_provider_refuses(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="未启用语言模型"):
        build_chat_model(_settings(tmp_path, provider="none"))


def test_openai_schema_uses_json_schema_response_format(tmp_path: Path) -> None:
    settings = _settings(tmp_path, base_url="http://127.0.0.1:9/v1", model="m", api_key="sk-secret")
    chat = build_chat_model(settings, max_tokens=64, schema=Verdict)
    assert isinstance(chat, ChatOpenAI)
    assert chat.max_tokens == 64
    response_format = (chat.extra_body or {})["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["schema"] == Verdict.model_json_schema()


def test_local_request_carries_max_tokens_in_body_and_no_grammar_by_default(tmp_path: Path) -> None:
    server = _server(tmp_path, 8765)
    chat = build_chat_model(_settings(tmp_path), max_tokens=16, schema=Verdict, local_server=lambda: server)
    assert isinstance(chat, ChatOpenAI)
    assert chat.openai_api_base == server.base_url
    assert chat.model_name == server.model_id
    assert chat.extra_body == {"max_tokens": 16}


def test_local_json_grammar_setting(tmp_path: Path) -> None:
    server = _server(tmp_path, 8765)
    settings = _settings(tmp_path)
    settings.llm.local_json_grammar = True
    chat = build_chat_model(settings, max_tokens=16, schema=Verdict, local_server=lambda: server)
    assert isinstance(chat, ChatOpenAI)
    assert chat.extra_body == {"max_tokens": 16, "response_format": {"type": "json_object"}}


def test_local_schema_grammar_on_request(tmp_path: Path) -> None:
    server = _server(tmp_path, 8765)
    chat = build_chat_model(_settings(tmp_path), schema=Verdict, schema_grammar=True, local_server=lambda: server)
    assert isinstance(chat, ChatOpenAI)
    assert chat.extra_body == {"response_format": {"type": "json_object", "schema": Verdict.model_json_schema()}}


def test_local_json_mode_without_schema(tmp_path: Path) -> None:
    server = _server(tmp_path, 8765)
    settings = _settings(tmp_path)
    assert build_chat_model(settings, json_mode=True, local_server=lambda: server).extra_body is None
    settings.llm.local_json_grammar = True
    chat = build_chat_model(settings, json_mode=True, local_server=lambda: server)
    assert isinstance(chat, ChatOpenAI)
    assert chat.extra_body == {"response_format": {"type": "json_object"}}


def test_parse_accepts_fenced_json() -> None:
    parsed = parse_structured(_reply('```json\n{"ok": true, "reason": "好"}\n```'), Verdict)
    assert parsed == Verdict(ok=True, reason="好")


def test_parse_failure_carries_raw_output_and_problem() -> None:
    with pytest.raises(StructuredOutputError) as caught:
        parse_structured(_reply('{"ok": "maybe"', finish_reason="length"), Verdict)
    error = caught.value
    assert error.raw_output == '{"ok": "maybe"'
    assert "Verdict" in error.message and "截断" in error.message
    assert error.problem and error.usage.total_tokens == 8


def test_unreachable_endpoint_is_a_chinese_model_error(tmp_path: Path) -> None:
    settings = _settings(tmp_path, base_url=f"http://127.0.0.1:{_free_port()}/v1", model="m", timeout_s=5)
    with pytest.raises(ModelError, match="无法连接模型服务"):
        chat_call(build_chat_model(settings), [HumanMessage("你好")])


def test_local_server_refuses_non_loopback_host(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="回环地址"):
        LocalServer(
            model_path=tmp_path / "m.gguf",
            host="0.0.0.0",
            port=8765,
            n_ctx=512,
            n_threads=1,
            log_path=tmp_path / "log",
        )


@pytest.fixture
def foreign_http_server() -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def test_port_taken_by_another_program_is_refused(tmp_path: Path, foreign_http_server: int) -> None:
    server = _server(tmp_path, foreign_http_server)
    with pytest.raises(ModelError, match="已被其他程序") as caught:
        server.start()
    assert "ASSISTANT_LLM__LOCAL_PORT" in (caught.value.hint or "")
    assert not server.owns_process


def test_server_that_dies_reports_its_log_tail(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"this is not a gguf file" * 100)
    server = _server(tmp_path, _free_port(), model=garbage)
    with pytest.raises(ModelError, match="本地模型服务已退出（退出码 1）") as caught:
        server.start()
    assert "llama_server.log" in caught.value.message
    assert len(caught.value.message.splitlines()) > 2  # the log tail is included
    assert not server.owns_process


def test_runtime_without_a_model_says_so(tmp_path: Path) -> None:
    with LLMRuntime(_settings(tmp_path, provider="none")) as runtime:
        assert not runtime.enabled
        with pytest.raises(ModelError, match="未启用语言模型"):
            runtime.complete([HumanMessage("你好")])


class _NeverReady(LocalServer):
    """A server process that starts and never answers (a slow first model load, made endless)."""

    def command(self) -> list[str]:
        return [sys.executable, "-c", "import time; time.sleep(600)"]


def test_stopping_a_server_that_is_still_starting_ends_the_start_at_once(tmp_path: Path) -> None:
    """`serve` on SIGTERM closes the runtime while its warm-up thread is still waiting for the model server: the
    stop must end that wait (and the process) at once, not after the start limit (fresh clone: > 60 s)."""

    server = _NeverReady(
        model_path=tmp_path / "m.gguf",
        host="127.0.0.1",
        port=0,
        n_ctx=512,
        n_threads=1,
        log_path=tmp_path / "logs" / "llama_server.log",
        startup_timeout_s=120,
    )
    errors: list[BaseException] = []
    starter = threading.Thread(target=lambda: _catch(server.start, errors))
    starter.start()
    deadline = time.monotonic() + 30
    while server.pid is None and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = server.pid
    assert pid is not None
    server.stop()
    starter.join(timeout=10)
    assert not starter.is_alive()
    assert errors and isinstance(errors[0], ModelError) and "被停止" in str(errors[0])
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # reaped by stop(): no such process


def _catch(call, errors: list[BaseException]) -> None:
    try:
        call()
    except BaseException as exc:
        errors.append(exc)
