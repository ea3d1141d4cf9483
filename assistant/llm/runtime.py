"""``LLMRuntime``: the one object the CLI and the web app share to reach the language model.

It starts the local server lazily on first use (assembling the embedded model if needed), hands out
chat models bound to it, and stops the server on ``close()`` (or at interpreter exit).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from assistant.errors import ModelError
from assistant.llm.faults import BudgetExceeded
from assistant.llm.local_server import LocalServer, pending_server
from assistant.llm.queue import ModelQueue, OnWait
from assistant.settings import LLMProvider, Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from assistant.llm.chat import ChatReply, StructuredResult

R = TypeVar("R")
T = TypeVar("T", bound=BaseModel)
_ChatKey = tuple[int | None, bool, type[BaseModel] | None, bool, bool]


class LLMRuntime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._server: LocalServer | None = None
        self._chats: dict[_ChatKey, BaseChatModel] = {}
        self._lock = threading.Lock()  # the web app calls from several worker threads
        self._pending: LocalServer | None = None  # a server being started: close() stops it without the lock
        self._json_schema = True  # off once the endpoint rejects the json_schema response format
        self.start_error: ModelError | None = None  # why the embedded model could not start (last try), for the page
        self.starting = False
        llm = settings.llm
        slots = llm.concurrent_requests or (1 if self.provider is LLMProvider.LOCAL else 8)
        self.queue = ModelQueue(slots=slots, limit=llm.queue_limit, wait_s=llm.queue_wait_s)  # shared by all users

    @property
    def provider(self) -> LLMProvider:
        return self.settings.llm.effective_provider()

    @property
    def enabled(self) -> bool:
        return self.provider is not LLMProvider.NONE

    def local_server(self) -> LocalServer:
        """The started local server, started (or reused) on first call; a failure is kept in ``start_error``."""
        with self._lock:
            if self._server is None:
                self.starting = True
                try:
                    self._pending = pending_server(self.settings)
                    self._server = self._pending.start()
                except ModelError as exc:
                    self.start_error = exc
                    raise
                finally:
                    self.starting = False
                    self._pending = None
                self.start_error = None
            return self._server

    def warm(self) -> None:
        """Start the embedded model server now (``serve`` calls this in a thread, so the first draft does not wait
        and a failure shows on the page at once); a failure is kept in ``start_error``, not raised."""
        if self.provider is not LLMProvider.LOCAL:
            return
        try:
            self.local_server()
        except ModelError:
            return

    def running_server(self) -> LocalServer | None:
        """The local server if one was started (or reused) and is held, else None; starts nothing."""
        return self._server

    def chat_model(
        self,
        *,
        max_tokens: int | None = None,
        json_mode: bool = False,
        schema: type[BaseModel] | None = None,
        schema_grammar: bool = False,
    ) -> BaseChatModel:
        key: _ChatKey = (max_tokens, json_mode, schema, schema_grammar, self._json_schema)
        if key not in self._chats:
            self._chats[key] = _chat().build_chat_model(
                self.settings,
                max_tokens=max_tokens,
                json_mode=json_mode,
                schema=schema,
                schema_grammar=schema_grammar,
                json_schema=self._json_schema,
                local_server=self.local_server,
            )
        return self._chats[key]

    def complete(
        self, messages: Sequence[BaseMessage], *, max_tokens: int | None = None, seconds: float | None = None
    ) -> ChatReply:
        """One reply, within the call budget of the settings (time, length, retries); ``seconds`` shortens the
        time budget for a call a person waits on (never lengthens it)."""
        chat = self.chat_model(max_tokens=max_tokens)
        with self.queue.turn():
            budget = _chat().budget_of(self.settings.llm)
            if seconds is not None and seconds < budget.seconds:
                budget = dataclasses.replace(budget, seconds=seconds)
            return self._guarded(lambda: _chat().chat_call(chat, messages, budget=budget))

    def stream(
        self,
        messages: Sequence[BaseMessage],
        *,
        max_tokens: int | None = None,
        on_delta: Callable[[str], None],
        on_wait: OnWait | None = None,
    ) -> ChatReply:
        """Plain text, passed to ``on_delta`` piece by piece as the model writes it; the whole reply at the end.

        Takes its turn in the model's queue first (``on_wait`` hears how many requests are ahead; `QueueFull` when
        too many wait). Bounded by the settings' call budget from its turn on (time, length, retries:
        `assistant.llm.faults`); a reply that is not Chinese prose (control tokens, mojibake, symbols, another
        language) raises `ReplyRejected`."""
        chat = self.chat_model(max_tokens=max_tokens)
        with self.queue.turn(on_wait):
            counter = self._server.count_prompt_tokens if self._server is not None else None
            budget = _chat().budget_of(self.settings.llm)
            reply = self._guarded(
                lambda: _chat().stream_call(chat, messages, on_delta=on_delta, count_prompt=counter, budget=budget)
            )
        problem = _faults().prose_problem(reply.text)
        if problem is not None:
            raise _faults().ReplyRejected(f"模型的回复不是可用的正文：{problem}", hint="可稍后重试，或换用其他模型")
        return reply

    def structured(
        self,
        messages: Sequence[BaseMessage],
        schema: type[T],
        *,
        max_tokens: int | None = None,
        schema_grammar: bool = False,
        seconds: float | None = None,
    ) -> StructuredResult[T]:
        """The reply read as ``schema``; ``seconds`` bounds the call (a person waits on it), else no time limit."""

        def call() -> StructuredResult[T]:
            chat = self.chat_model(max_tokens=max_tokens, schema=schema, schema_grammar=schema_grammar)
            with self.queue.turn():
                budget = None
                if seconds is not None:
                    budget = dataclasses.replace(_chat().budget_of(self.settings.llm), seconds=seconds)
                return self._guarded(lambda: _chat().structured_call(chat, messages, schema, budget=budget))

        try:
            return call()
        except _chat().ResponseFormatRejected:
            if not self._json_schema:
                raise
            self._json_schema = False  # remembered for this endpoint: ask for a JSON object instead
            return call()

    def _guarded(self, call: Callable[[], R]) -> R:
        # A dead local server surfaces as a bare connection error; report its log instead and
        # forget it so the next call starts a fresh one.
        try:
            return call()
        except ModelError as error:
            # A timeout means the server answered nothing in time, not that it died: waiting 2 s for a dying
            # process would add 2 s to every call cut by its budget (a question's 5 s turned into 7 s).
            grace_s = 0.0 if isinstance(error, BudgetExceeded) else 2.0
            crash = self._server.exit_error(grace_s=grace_s) if self._server is not None else None
            if crash is None:
                raise
            self.close()
            raise crash from error

    def close(self) -> None:
        """Stop the embedded server, also one still starting (so SIGTERM during a slow first load ends serve at
        once instead of waiting out the start, up to its 180 s limit)."""
        pending = self._pending
        if pending is not None:
            pending.stop()
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


def _faults() -> ModuleType:
    from assistant.llm import faults

    return faults


def _chat() -> ModuleType:
    from assistant.llm import chat  # langchain-openai takes seconds to import: only once a model is used

    return chat
