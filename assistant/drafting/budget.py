"""No runaway section: a model call inside a time budget, stopped on repetition or past its output cap.

The embedded model on a loaded 2-core machine once took 132 s for one section of 87 tokens, and a small
model can loop ("……，……，……"). ``call_within`` runs one call in a daemon thread and waits at most
``seconds``: past that it raises ``OutOfTime`` at once (the call is abandoned: its next piece of text
stops it). Each piece of text is watched as it comes: a run repeated three times in a row, a sentence
written twice or more pieces than the output cap end the reply there, and the text before the repeat is
returned as a reply cut by its length (the reader keeps its whole sentences).
"""

from __future__ import annotations

import contextvars
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from langchain_core.messages import BaseMessage

from assistant.errors import ModelError
from assistant.llm.chat import ChatReply, TokenUsage
from assistant.llm.queue import observing

DRAFT_SECONDS = 85.0  # a whole draft: 90 s on this machine, less what retrieval and review take
SECTION_SECONDS = 60.0  # one section, its retries included (a rejected first try on the embedded model needs a second)
MIN_SECONDS = 6.0  # less time left than this: the rules write the section without asking the model
CAP_SLACK = 1.25  # pieces beyond max_tokens × this: the endpoint ignores the cap, stop reading
_LOOP = re.compile(r"(.{2,40}?)\1{2,}$", re.S)  # a run written three times in a row at the end
_SENTENCE_END = "。；！？\n"
MIN_SENTENCE = 6  # characters: a repeated sentence shorter than this is ordinary (是。)


Complete = Callable[[list[BaseMessage], int, Callable[[str], None]], ChatReply]


class OutOfTime(ModelError):
    """The call did not finish within its budget."""


class _Stop(Exception):  # raised inside the stream to end it; never leaves this module
    pass


@dataclass
class Watch:
    """The reply as it streams: where it starts repeating itself, or runs past ``cap`` pieces."""

    cap: int
    text: str = ""
    pieces: int = 0
    stopped: str = ""  # "" / "repetition" / "cap"
    cancelled: threading.Event = field(default_factory=threading.Event)
    waited_s: float = 0.0  # time spent waiting for a turn in the model's queue (not counted against the budget)
    wait_began: float | None = None

    def queued(self, ahead: int) -> None:
        """The model's queue: ``ahead`` requests before this call (0: its turn came); a cancelled call leaves it."""
        now = time.perf_counter()
        if ahead and self.wait_began is None:
            self.wait_began = now
        elif not ahead and self.wait_began is not None:
            self.waited_s, self.wait_began = self.waited_s + now - self.wait_began, None
        if self.cancelled.is_set():
            raise _Stop

    def waited(self) -> float:
        return self.waited_s + (time.perf_counter() - self.wait_began if self.wait_began is not None else 0.0)

    def feed(self, piece: str) -> None:
        if self.cancelled.is_set():
            raise _Stop
        self.text += piece
        self.pieces += 1
        if self.pieces > self.cap:
            self.stopped = "cap"
            raise _Stop
        cut = repetition_start(self.text)
        if cut is not None:
            self.text, self.stopped = self.text[:cut], "repetition"
            raise _Stop


def repetition_start(text: str) -> int | None:
    """Where the repeat starts when ``text`` ends in a run written three times in a row, or its last
    finished sentence was written before; else None."""
    loop = _LOOP.search(text[-160:])
    if loop is not None and len(loop.group(1).strip()) >= 2:
        return len(text) - len(loop.group(0)) + len(loop.group(1))
    if text and text[-1] in _SENTENCE_END:
        body = text[:-1]
        start = max(body.rfind(mark) for mark in _SENTENCE_END) + 1
        sentence = text[start:].strip()
        if len(sentence) >= MIN_SENTENCE and sentence in text[:start]:
            return start
    return None


def call_within(
    complete: Complete,
    messages: Sequence[BaseMessage],
    max_tokens: int,
    on_delta: Callable[[str], None],
    *,
    seconds: float,
) -> tuple[ChatReply, str]:
    """The reply of ``complete`` and why it was stopped early ('' / 'repetition' / 'cap'); ``OutOfTime``
    when it takes more than ``seconds`` besides any wait for its turn in the model's queue (`ModelQueue`); the
    call's own errors propagate."""
    watch = Watch(cap=int(max_tokens * CAP_SLACK) + 1)
    outcome: dict[str, object] = {}
    started = time.perf_counter()

    def delta(piece: str) -> None:
        watch.feed(piece)
        on_delta(piece)

    def run() -> None:
        try:
            outcome["reply"] = complete(list(messages), max_tokens, delta)
        except _Stop:
            outcome["stopped"] = True
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    def observed() -> None:
        with observing(watch.queued):
            run()

    worker = threading.Thread(
        target=contextvars.copy_context().run, args=(observed,), name="draft-section", daemon=True
    )
    worker.start()
    while worker.is_alive():  # the budget runs from the call's turn in the model's queue: a wait does not count
        left = started + seconds + watch.waited() - time.perf_counter()
        if left <= 0:
            break
        worker.join(min(left, 0.5))
    if worker.is_alive():
        watch.cancelled.set()
        raise OutOfTime(
            f"模型在 {seconds:.0f} 秒内未写完", hint="机器负载高或模型太慢：可稍后重新生成本节，或换用更快的模型"
        )
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    if "stopped" in outcome:
        usage = TokenUsage(prompt_tokens=0, completion_tokens=watch.pieces)
        return ChatReply(
            text=watch.text, usage=usage, finish_reason="length", elapsed_s=time.perf_counter() - started
        ), watch.stopped
    reply = outcome["reply"]
    assert isinstance(reply, ChatReply)
    return reply, ""
