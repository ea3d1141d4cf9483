"""LLM providers: the embedded llama.cpp model or any OpenAI-compatible endpoint, behind ChatOpenAI."""

from assistant.llm.chat import (
    ChatReply,
    StructuredOutputError,
    StructuredResult,
    TokenUsage,
    build_chat_model,
    chat_call,
    parse_structured,
    structured_call,
)
from assistant.llm.local_server import LocalServer, start_local_server
from assistant.llm.model_file import EMBEDDED_MODEL, ModelSpec, ensure_model_file, find_installed_parts
from assistant.llm.runtime import LLMRuntime

__all__ = [
    "EMBEDDED_MODEL",
    "ChatReply",
    "LLMRuntime",
    "LocalServer",
    "ModelSpec",
    "StructuredOutputError",
    "StructuredResult",
    "TokenUsage",
    "build_chat_model",
    "chat_call",
    "ensure_model_file",
    "find_installed_parts",
    "parse_structured",
    "start_local_server",
    "structured_call",
]
