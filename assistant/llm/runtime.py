"""``LLMRuntime``: the one object the CLI and the web app share to reach the language model.

It starts the local server lazily on first use (assembling the embedded model if needed), hands out
chat models bound to it, and stops the server on ``close()`` (or at interpreter exit).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from types import TracebackType

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from assistant.llm.chat import ChatReply, StructuredResult, T, build_chat_model, chat_call, structured_call
from assistant.llm.local_server import LocalServer, start_local_server
from assistant.settings import LLMProvider, Settings

_ChatKey = tuple[int | None, bool, type[BaseModel] | None]


class LLMRuntime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._server: LocalServer | None = None
        self._chats: dict[_ChatKey, BaseChatModel] = {}
        self._lock = threading.Lock()  # the web app calls from several worker threads

    @property
    def provider(self) -> LLMProvider:
        return self.settings.llm.effective_provider()

    @property
    def enabled(self) -> bool:
        return self.provider is not LLMProvider.NONE

    def local_server(self) -> LocalServer:
        """The started local server, started (or reused) on first call."""
        with self._lock:
            if self._server is None:
                self._server = start_local_server(self.settings)
            return self._server

    def chat_model(
        self, *, max_tokens: int | None = None, json_mode: bool = False, schema: type[BaseModel] | None = None
    ) -> BaseChatModel:
        key: _ChatKey = (max_tokens, json_mode, schema)
        if key not in self._chats:
            self._chats[key] = build_chat_model(
                self.settings, max_tokens=max_tokens, json_mode=json_mode, schema=schema, local_server=self.local_server
            )
        return self._chats[key]

    def complete(self, messages: Sequence[BaseMessage], *, max_tokens: int | None = None) -> ChatReply:
        return chat_call(self.chat_model(max_tokens=max_tokens), messages)

    def structured(
        self, messages: Sequence[BaseMessage], schema: type[T], *, max_tokens: int | None = None
    ) -> StructuredResult[T]:
        return structured_call(self.chat_model(max_tokens=max_tokens, schema=schema), messages, schema)

    def close(self) -> None:
        with self._lock:
            server, self._server = self._server, None
            self._chats.clear()
        if server is not None:
            server.stop()

    def __enter__(self) -> LLMRuntime:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
