"""One chat path for every provider: langchain-openai ``ChatOpenAI`` against an OpenAI-compatible endpoint.

The provider is chosen in ``build_chat_model``'s single ``match``. Token counts come from the
response's usage block, never from tiktoken (which downloads its encodings).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, assert_never, cast

import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, SecretStr, ValidationError

from assistant.errors import ModelError, describe_validation_error
from assistant.llm.faults import (
    Budget,
    BudgetExceeded,
    ReplyRejected,
    short,
    transport_error,
    unreadable_reply,
    with_retries,
)
from assistant.llm.local_server import LocalServer, loopback_http_clients, start_local_server
from assistant.llm.redact import register_secret
from assistant.settings import LLMProvider, LLMSettings, Settings

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

_LOCAL_API_KEY = SecretStr("sk-local-llama-cpp")  # the local server checks no key, the client needs one
_REJECTED_FORMAT = re.compile(r"response_format|json_schema", re.IGNORECASE)
_OPENING_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*[ \t]*\n?")
_CLOSING_FENCE = re.compile(r"\n?[ \t]*```[\s\S]*$")
# What the client raises on a body it cannot read: not JSON, an empty ``choices`` list, a chunk without fields
_UNREADABLE = (ValueError, IndexError, KeyError, TypeError, AttributeError)


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


def chat_call(chat: BaseChatModel, messages: Sequence[BaseMessage], *, budget: Budget | None = None) -> ChatReply:
    """Send ``messages``; transport failures (retried within ``budget``) and unreadable replies become a Chinese
    ``ModelError``; a reply longer than the budget's ``max_chars`` is refused."""
    started = time.perf_counter()

    def once(timeout_s: float) -> AIMessage:
        try:
            message = chat.invoke(list(messages), **_timeout(budget, timeout_s))  # type: ignore[arg-type]  # passed on to create()
        except openai.OpenAIError:
            raise
        except _UNREADABLE as exc:
            raise unreadable_reply(exc) from exc
        if not isinstance(message, AIMessage):
            raise unreadable_reply(TypeError(type(message).__name__))
        return message

    message = _call(once, budget)
    if budget is not None and len(message.text) > budget.max_chars:
        raise ReplyRejected(
            f"模型输出过长（{len(message.text):,} 字，上限 {budget.max_chars:,} 字）", hint="请稍后重试"
        )
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
    budget: Budget | None = None,
) -> ChatReply:
    """Send ``messages`` and pass each piece of text to ``on_delta`` as it arrives; the whole reply at the end.

    Endpoints that report usage in the stream (OpenAI's last chunk) are counted from it. llama.cpp's
    server reports none when streaming: then each chunk is one output token (it sends one per token)
    and ``count_prompt`` (the server's tokenizer) counts the prompt. With a ``budget``, a failure before
    any text arrived is retried (`with_retries`), and the stream is cut, with a `ModelError`, once it runs
    past the budget's time (a slow drip) or length (an endless reply); a stream cut by the endpoint is a
    `ModelError` too.
    """
    started = time.perf_counter()
    parts: list[str] = []
    state: dict[str, Any] = {"finish": None, "usage": None}

    def once(timeout_s: float) -> None:
        stream = cast(
            Generator[AIMessageChunk, None, None],
            chat.stream(list(messages), stream_usage=True, **_timeout(budget, timeout_s)),  # type: ignore[arg-type]
        )
        try:
            while True:
                try:
                    chunk = next(stream)
                except StopIteration:
                    return
                except openai.OpenAIError as exc:
                    if parts:  # text already shown: a retry would repeat it
                        raise transport_error(exc) from exc
                    raise
                except _UNREADABLE as exc:
                    raise unreadable_reply(exc) from exc
                if chunk.text:
                    parts.append(chunk.text)
                    on_delta(chunk.text)
                state["finish"] = chunk.response_metadata.get("finish_reason") or state["finish"]
                if chunk.usage_metadata and chunk.usage_metadata.get("output_tokens"):
                    meta = chunk.usage_metadata
                    state["usage"] = TokenUsage(meta["input_tokens"], meta["output_tokens"])
                _within(budget, parts)
        finally:
            stream.close()

    _call(once, budget)
    usage = state["usage"]
    if usage is None:
        usage = TokenUsage(prompt_tokens=count_prompt(messages) if count_prompt else 0, completion_tokens=len(parts))
    return ChatReply(
        text="".join(parts), usage=usage, finish_reason=state["finish"], elapsed_s=time.perf_counter() - started
    )


def _call(once: Callable[[float], R], budget: Budget | None) -> R:
    if budget is not None:
        return with_retries(once, budget, translate=_transport_error)
    try:
        return once(0.0)
    except openai.OpenAIError as exc:
        raise _transport_error(exc) from exc


def _timeout(budget: Budget | None, timeout_s: float) -> dict[str, float]:
    """The per-request timeout (what the budget has left), passed through to the client's ``create``."""
    return {"timeout": max(timeout_s, 0.1)} if budget is not None else {}


def _within(budget: Budget | None, parts: list[str]) -> None:
    if budget is None:
        return
    written = sum(len(p) for p in parts)
    if written > budget.max_chars:
        raise ReplyRejected(
            f"模型输出过长（已超过 {budget.max_chars:,} 字仍未结束），已停止读取", hint="可稍后重试，或换用其他模型"
        )
    if budget.left() <= 0:
        raise BudgetExceeded(
            f"模型在 {budget.seconds:.0f} 秒的时间预算内没有写完（已收到 {written:,} 字），已停止读取",
            hint="可稍后重试，或调大 ASSISTANT_LLM__SECTION_BUDGET_S",
        )


def structured_call(
    chat: BaseChatModel, messages: Sequence[BaseMessage], schema: type[T], *, budget: Budget | None = None
) -> StructuredResult[T]:
    """Call a model built with ``schema=schema`` and validate its answer (repaired JSON included, see
    ``parse_reply``); an answer that cannot be read raises ``StructuredOutputError``; ``budget`` as `chat_call`."""
    return parse_reply(chat_call(chat, messages, budget=budget), schema)


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
    if llm.api_key is not None:
        register_secret(llm.api_key.get_secret_value())
    return ChatOpenAI(
        model=llm.model,
        base_url=llm.base_url,
        api_key=llm.api_key or SecretStr("not-set"),
        temperature=llm.temperature,
        timeout=min(llm.timeout_s, llm.section_budget_s),
        max_retries=0,  # retries are ours (faults.with_retries): bounded by the call's budget, Retry-After honoured
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
    timeout_s = min(llm.timeout_s, llm.section_budget_s)
    http_client, http_async_client = loopback_http_clients(timeout_s)
    return ChatOpenAI(
        model=server.model_id,
        base_url=server.base_url,
        api_key=_LOCAL_API_KEY,
        temperature=llm.temperature,
        timeout=timeout_s,
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
    if (
        isinstance(exc, openai.APIStatusError)
        and exc.status_code in (400, 422, 500)
        and _REJECTED_FORMAT.search(str(exc.message))
    ):
        return ResponseFormatRejected(
            f"模型服务不支持所请求的输出格式：{short(exc.message)}", hint="将改为要求输出普通 JSON 对象"
        )
    return transport_error(exc)


def budget_of(llm: LLMSettings) -> Budget:
    """A fresh budget for one call under ``llm``'s settings."""
    return Budget(seconds=llm.section_budget_s, max_chars=llm.max_reply_chars, retries=llm.transport_retries)
