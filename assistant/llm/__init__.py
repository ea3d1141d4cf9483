"""LLM providers: the embedded llama.cpp model or any OpenAI-compatible endpoint, behind ChatOpenAI.

Names are resolved on first use: importing langchain-openai takes seconds, and commands that never
talk to a model (or only prepare the model file) should not pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ChatReply": "chat",
    "StructuredOutputError": "chat",
    "StructuredResult": "chat",
    "TokenUsage": "chat",
    "build_chat_model": "chat",
    "chat_call": "chat",
    "parse_reply": "chat",
    "parse_structured": "chat",
    "stream_call": "chat",
    "strip_fences": "chat",
    "structured_call": "chat",
    "LocalServer": "local_server",
    "start_local_server": "local_server",
    "EMBEDDED_MODEL": "model_file",
    "ModelSpec": "model_file",
    "ensure_model_file": "model_file",
    "find_installed_parts": "model_file",
    "LLMRuntime": "runtime",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # re-exported lazily through __getattr__ below
    from assistant.llm.chat import (  # noqa: F401 - re-exported lazily
        ChatReply,
        StructuredOutputError,
        StructuredResult,
        TokenUsage,
        build_chat_model,
        chat_call,
        parse_reply,
        parse_structured,
        stream_call,
        strip_fences,
        structured_call,
    )
    from assistant.llm.local_server import LocalServer, start_local_server  # noqa: F401 - re-exported lazily
    from assistant.llm.model_file import EMBEDDED_MODEL, ModelSpec, ensure_model_file, find_installed_parts  # noqa: F401 - re-exported lazily
    from assistant.llm.runtime import LLMRuntime  # noqa: F401 - re-exported lazily


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
