"""One chat path for every provider: langchain-openai ``ChatOpenAI`` against an OpenAI-compatible endpoint.

The provider is chosen in ``build_chat_model``'s single ``match``. Token counts come from the
response's usage block, never from tiktoken (which downloads its encodings).
"""

from __future__ import annotations

import json
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

from assistant.errors import ModelError, describe_validation_error
from assistant.llm.local_server import LocalServer, loopback_http_clients, start_local_server
from assistant.settings import LLMProvider, LLMSettings, Settings

T = TypeVar("T", bound=BaseModel)

_LOCAL_API_KEY = SecretStr("sk-local-llama-cpp")  # the local server checks no key, the client needs one
_REJECTED_FORMAT = re.compile(r"response_format|json_schema", re.IGNORECASE)
_OPENING_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*[ \t]*\n?")
_CLOSING_FENCE = re.compile(r"\n?[ \t]*```[\s\S]*$")


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
    """A validated answer. ``repaired``: the JSON needed ``json-repair`` (fence, cut-off, bad escapes…);
    ``truncated``: the model hit its token limit, so the last string field may end mid-sentence."""

    value: T
    raw_text: str
    usage: TokenUsage
    elapsed_s: float
    repaired: bool = False
    truncated: bool = False


class StructuredOutputError(ModelError):
    """The model answered, but not with a valid instance of the schema; ``problem`` is for a repair prompt."""

    def __init__(
        self, message: str, *, raw_output: str, problem: str, usage: TokenUsage, elapsed_s: float = 0.0
    ) -> None:
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


def stream_call(
    chat: BaseChatModel,
    messages: Sequence[BaseMessage],
    *,
    on_delta: Callable[[str], None],
    count_prompt: Callable[[Sequence[BaseMessage]], int] | None = None,
) -> ChatReply:
    """Send ``messages`` and pass each piece of text to ``on_delta`` as it arrives; the whole reply at the end.

    Endpoints that report usage in the stream (OpenAI's last chunk) are counted from it. llama.cpp's
    server reports none when streaming: then each chunk is one output token (it sends one per token)
    and ``count_prompt`` (the server's tokenizer) counts the prompt.
    """
    started = time.perf_counter()
    parts: list[str] = []
    finish_reason: str | None = None
    usage: TokenUsage | None = None
    try:
        for chunk in chat.stream(list(messages), stream_usage=True):
            if chunk.text:
                parts.append(chunk.text)
                on_delta(chunk.text)
            finish_reason = chunk.response_metadata.get("finish_reason") or finish_reason
            if chunk.usage_metadata and chunk.usage_metadata.get("output_tokens"):
                usage = TokenUsage(chunk.usage_metadata["input_tokens"], chunk.usage_metadata["output_tokens"])
    except openai.OpenAIError as exc:
        raise _transport_error(exc) from exc
    if usage is None:
        usage = TokenUsage(prompt_tokens=count_prompt(messages) if count_prompt else 0, completion_tokens=len(parts))
    return ChatReply(
        text="".join(parts), usage=usage, finish_reason=finish_reason, elapsed_s=time.perf_counter() - started
    )


def structured_call(chat: BaseChatModel, messages: Sequence[BaseMessage], schema: type[T]) -> StructuredResult[T]:
    """Call a model built with ``schema=schema`` and validate its answer (repaired JSON included, see
    ``parse_reply``); an answer that cannot be read raises ``StructuredOutputError``."""
    return parse_reply(chat_call(chat, messages), schema)


def parse_structured(reply: ChatReply, schema: type[T]) -> T:
    return parse_reply(reply, schema).value


def parse_reply(reply: ChatReply, schema: type[T]) -> StructuredResult[T]:
    """The reply as a ``schema`` instance: fences and prose around the object are ignored, a cut-off or
    slightly invalid object is repaired with ``json-repair``; what still fails raises
    ``StructuredOutputError`` whose ``problem`` says exactly what was wrong (for a repair prompt)."""
    truncated = reply.finish_reason == "length"
    try:
        payload = json_payload(reply.text)
        value = schema.model_validate(payload.value)
    except (ValueError, ValidationError) as exc:
        problem = describe_validation_error(exc, limit=5) if isinstance(exc, ValidationError) else str(exc)
        raise StructuredOutputError(
            f"模型输出不符合 {schema.__name__} 的格式{'（输出因长度上限被截断）' if truncated else ''}",
            raw_output=reply.text,
            problem=problem,
            usage=reply.usage,
            elapsed_s=reply.elapsed_s,
        ) from exc
    return StructuredResult(
        value=value,
        raw_text=reply.text,
        usage=reply.usage,
        elapsed_s=reply.elapsed_s,
        repaired=payload.repaired,
        truncated=truncated or not payload.closed,
    )


def strip_fences(text: str) -> str:
    """``text`` without a Markdown code fence around it: ```json … ```, or an opening fence whose closing
    one never came (the reply was cut off), or a closing fence followed by prose."""
    inner = _OPENING_FENCE.sub("", text, count=1) if text.lstrip().startswith("```") else text
    return _CLOSING_FENCE.sub("", inner).strip()


@dataclass(frozen=True)
class JsonPayload:
    value: dict[str, Any]  # any JSON object: the caller's schema validates it
    repaired: bool  # ``json`` could not read it as written
    closed: bool  # its closing brace is there (False: the reply was cut off)


def json_payload(text: str) -> JsonPayload:
    """The first JSON object in a model's reply.

    Prose before the object and anything after it are ignored. An object that ``json`` cannot read
    (cut off by the token limit, an unescaped quote or line break in a string, a missing comma) goes
    through ``json_repair``. Raises ``ValueError`` with a Chinese explanation when there is no object.
    """
    fence, start = text.find("```"), text.find("{")
    body = strip_fences(text[fence:] if 0 <= fence < start else text)  # prose, then a fenced object
    start = body.find("{")
    if start < 0:
        raise ValueError("输出中没有 JSON 对象（应以 { 开始）")
    try:
        value = json.JSONDecoder().raw_decode(body[start:])[0]
        if isinstance(value, dict):
            return JsonPayload(value=value, repaired=False, closed=True)
    except json.JSONDecodeError:
        pass
    import json_repair  # imported on first repair only

    repaired = json_repair.loads(body[start:])
    if isinstance(repaired, list):  # several objects, or one followed by stray text
        repaired = next((item for item in repaired if isinstance(item, dict)), None)
    if not isinstance(repaired, dict) or not repaired:
        raise ValueError("输出中的 JSON 对象无法读取或修复")
    closed = body.rstrip().endswith("}")
    if not closed and repaired[last := next(reversed(repaired))] in ("", None):
        del repaired[last]  # a key cut off before its value: json-repair fills in "", which no schema means
    return JsonPayload(value=repaired, repaired=True, closed=closed)


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


def _transport_error(exc: openai.OpenAIError) -> ModelError:
    match exc:
        case openai.APITimeoutError():
            return ModelError("模型请求超时", hint="可调大 ASSISTANT_LLM__TIMEOUT_S，或缩短输入")
        case openai.APIConnectionError():
            return ModelError("无法连接模型服务", hint="请确认 ASSISTANT_LLM__BASE_URL 可访问，或本地服务仍在运行")
        case openai.AuthenticationError():
            return ModelError("模型服务拒绝了 API key", hint="请检查 ASSISTANT_LLM__API_KEY")
        case openai.APIStatusError() if exc.status_code in (400, 422, 500) and _REJECTED_FORMAT.search(
            str(exc.message)
        ):
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
