"""One chat path for every provider: langchain-openai ``ChatOpenAI`` against an OpenAI-compatible endpoint.

The provider is chosen in ``build_chat_model``'s single ``match``. Token counts come from the
response's usage block, never from tiktoken (which downloads its encodings).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, assert_never

import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, SecretStr, ValidationError

from assistant.errors import ModelError
from assistant.llm.local_server import LocalServer, loopback_http_clients, start_local_server
from assistant.settings import LLMProvider, LLMSettings, Settings

T = TypeVar("T", bound=BaseModel)

_LOCAL_API_KEY = SecretStr("sk-local-llama-cpp")  # the local server checks no key, the client needs one
_REJECTED_FORMAT = re.compile(r"response_format|json_schema", re.IGNORECASE)
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


@dataclass(frozen=True)
class TokenUsage:
    prompt_tokens: int
    completion_tokens: int

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class ChatReply:
    text: str
    usage: TokenUsage
    finish_reason: str | None
    elapsed_s: float


@dataclass(frozen=True)
class StructuredResult(Generic[T]):
    value: T
    raw_text: str
    usage: TokenUsage
    elapsed_s: float


class StructuredOutputError(ModelError):
    """The model answered, but not with a valid instance of the schema; ``problem`` is for a repair prompt."""

    def __init__(self, message: str, *, raw_output: str, problem: str, usage: TokenUsage, elapsed_s: float = 0.0) -> None:
        super().__init__(message, hint="可重试，或换用更强的模型", raw_output=raw_output)
        self.problem = problem
        self.usage = usage
        self.elapsed_s = elapsed_s


class ResponseFormatRejected(ModelError):
    """The endpoint refused the ``json_schema`` response format (DeepSeek and llama.cpp's server do)."""


def build_chat_model(
    settings: Settings,
    *,
    max_tokens: int | None = None,
    json_mode: bool = False,
    schema: type[BaseModel] | None = None,
    schema_grammar: bool = False,
    json_schema: bool = True,
    local_server: Callable[[], LocalServer] | None = None,
) -> BaseChatModel:
    """A chat model for the configured provider; ``schema`` asks for JSON shaped like that model.

    The openai provider sends the schema as ``json_schema``, or asks for a plain JSON object when
    ``json_schema=False`` (for endpoints that raised ``ResponseFormatRejected``). The local server is
    asked for JSON in the prompt only, unless ``llm.local_json_grammar`` adds a generic JSON grammar or
    ``schema_grammar=True`` compiles the schema into one (see ``_local_response_format``). ``local_server`` returns a started
    server (``LLMRuntime`` passes its shared one); by default the local provider assembles the model
    if needed and starts or reuses the server itself.
    """
    provider = settings.llm.effective_provider()
    match provider:
        case LLMProvider.OPENAI:
            response_format = _openai_response_format(json_mode or schema is not None, schema if json_schema else None)
            return _openai_chat(settings.llm, max_tokens, response_format)
        case LLMProvider.LOCAL:
            server = local_server() if local_server else start_local_server(settings)
            response_format = _local_response_format(json_mode, schema, schema_grammar, settings.llm.local_json_grammar)
            return _local_chat(settings.llm, server, max_tokens, response_format)
        case LLMProvider.NONE:
            raise ModelError(
                "未启用语言模型（ASSISTANT_LLM__PROVIDER=none）",
                hint="如需起草，请设为 local（内置模型）或 openai 并配置 ASSISTANT_LLM__BASE_URL",
            )
        case _:
            assert_never(provider)


def chat_call(chat: BaseChatModel, messages: Sequence[BaseMessage]) -> ChatReply:
    """Send ``messages``; transport failures become a Chinese ``ModelError``."""
    started = time.perf_counter()
    try:
        message = chat.invoke(list(messages))
    except openai.OpenAIError as exc:
        raise _transport_error(exc) from exc
    assert isinstance(message, AIMessage)
    return ChatReply(
        text=message.text,
        usage=usage_of(message),
        finish_reason=message.response_metadata.get("finish_reason"),
        elapsed_s=time.perf_counter() - started,
    )


def structured_call(chat: BaseChatModel, messages: Sequence[BaseMessage], schema: type[T]) -> StructuredResult[T]:
    """Call a model built with ``schema=schema`` and validate its answer; no repair here, only a typed error."""
    reply = chat_call(chat, messages)
    return StructuredResult(
        value=parse_structured(reply, schema), raw_text=reply.text, usage=reply.usage, elapsed_s=reply.elapsed_s
    )


def parse_structured(reply: ChatReply, schema: type[T]) -> T:
    try:
        return schema.model_validate_json(_json_candidate(reply.text))
    except ValidationError as exc:
        truncated = "（输出因长度上限被截断）" if reply.finish_reason == "length" else ""
        raise StructuredOutputError(
            f"模型输出不符合 {schema.__name__} 的格式{truncated}",
            raw_output=reply.text,
            problem=str(exc),
            usage=reply.usage,
            elapsed_s=reply.elapsed_s,
        ) from exc


def usage_of(message: AIMessage) -> TokenUsage:
    if message.usage_metadata:
        meta = message.usage_metadata
        return TokenUsage(prompt_tokens=meta["input_tokens"], completion_tokens=meta["output_tokens"])
    raw = message.response_metadata.get("token_usage") or {}
    return TokenUsage(prompt_tokens=raw.get("prompt_tokens", 0), completion_tokens=raw.get("completion_tokens", 0))


def _openai_chat(llm: LLMSettings, max_tokens: int | None, response_format: dict[str, Any] | None) -> ChatOpenAI:
    if not llm.base_url or not llm.model:
        raise ModelError(
            "openai 接口缺少配置：" + "、".join(_missing_openai_fields(llm)),
            hint="请设置 ASSISTANT_LLM__BASE_URL（如 http://host:8000/v1）和 ASSISTANT_LLM__MODEL，"
            "或把 ASSISTANT_LLM__PROVIDER 设为 local 使用内置模型",
        )
    return ChatOpenAI(
        model=llm.model,
        base_url=llm.base_url,
        api_key=llm.api_key or SecretStr("not-set"),
        temperature=llm.temperature,
        timeout=llm.timeout_s,
        max_retries=2,
        max_tokens=max_tokens,
        extra_body={"response_format": response_format} if response_format else None,
    )


def _local_chat(
    llm: LLMSettings, server: LocalServer, max_tokens: int | None, response_format: dict[str, Any] | None
) -> ChatOpenAI:
    extra: dict[str, Any] = {}
    if max_tokens is not None:
        extra["max_tokens"] = max_tokens  # the server ignores max_completion_tokens, which ChatOpenAI sends
    if response_format:
        extra["response_format"] = response_format
    http_client, http_async_client = loopback_http_clients(llm.timeout_s)
    return ChatOpenAI(
        model=server.model_id,
        base_url=server.base_url,
        api_key=_LOCAL_API_KEY,
        temperature=llm.temperature,
        timeout=llm.timeout_s,
        max_retries=0,  # a retry would redo a long CPU generation
        extra_body=extra or None,
        http_client=http_client,
        http_async_client=http_async_client,
    )


def _missing_openai_fields(llm: LLMSettings) -> list[str]:
    return [name for name, value in (("BASE_URL", llm.base_url), ("MODEL", llm.model)) if not value]


def _local_response_format(
    json_mode: bool, schema: type[BaseModel] | None, schema_grammar: bool, grammar: bool
) -> dict[str, Any] | None:
    # The server rejects type json_schema; json_object with a "schema" becomes a grammar. That grammar
    # forces compact one-line JSON, which pushed the embedded 1.5B model off its usual layout (it
    # filled Chinese values with Jinja fragments). Even the generic JSON grammar slows generation: 120
    # tokens took 8.3 s with it and 5.2 s without on 2 cores (same prompt, 2026-11-29), so by default the
    # prompt asks for JSON and pydantic checks it.
    if schema is not None and schema_grammar:
        return {"type": "json_object", "schema": schema.model_json_schema()}
    return {"type": "json_object"} if grammar and (json_mode or schema is not None) else None


def _openai_response_format(json_mode: bool, schema: type[BaseModel] | None) -> dict[str, Any] | None:
    if schema is not None:
        return {
            "type": "json_schema",
            # strict mode forbids defaults and optional fields that our domain models use
            "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
        }
    return {"type": "json_object"} if json_mode else None


def _json_candidate(text: str) -> str:
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1)
    start, end = stripped.find("{"), stripped.rfind("}")
    return stripped[start : end + 1] if 0 <= start < end else stripped


def _transport_error(exc: openai.OpenAIError) -> ModelError:
    match exc:
        case openai.APITimeoutError():
            return ModelError("模型请求超时", hint="可调大 ASSISTANT_LLM__TIMEOUT_S，或缩短输入")
        case openai.APIConnectionError():
            return ModelError("无法连接模型服务", hint="请确认 ASSISTANT_LLM__BASE_URL 可访问，或本地服务仍在运行")
        case openai.AuthenticationError():
            return ModelError("模型服务拒绝了 API key", hint="请检查 ASSISTANT_LLM__API_KEY")
        case openai.APIStatusError() if exc.status_code in (400, 422, 500) and _REJECTED_FORMAT.search(str(exc.message)):
            return ResponseFormatRejected(
                f"模型服务不支持所请求的输出格式：{_short(exc.message)}", hint="将改为要求输出普通 JSON 对象"
            )
        case openai.APIStatusError():
            return ModelError(
                f"模型服务返回错误 {exc.status_code}：{_short(exc.message)}",
                hint="请检查模型名和请求参数；本地模型的详情见数据目录下的 logs/llama_server.log",
            )
        case _:
            return ModelError(f"模型调用失败：{_short(str(exc))}", hint="请稍后重试")


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "…"

