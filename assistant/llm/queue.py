"""One queue in front of the language model, shared by every user of one process (the web workspace's sessions).

The embedded llama.cpp server writes one reply at a time: requests take turns in arrival order (FIFO), ``slots``
at once, and each waiting request is told how many are ahead of it (``排队中：前面还有 2 个请求``) whenever that
changes. At most ``limit`` may wait: one more is refused at once with `QueueFull` (a Chinese message), so a crowd
cannot pile up unbounded work or wait forever; a wait longer than ``wait_s`` ends with `QueueTimeout`.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.errors import ModelError

OnWait = Callable[[int], None]  # the number of requests ahead (running or queued before this one); 0: its turn came
_OBSERVER: ContextVar[OnWait | None] = ContextVar("model_queue_observer", default=None)


@contextmanager
def observing(observer: OnWait) -> Iterator[None]:
    """Tell ``observer`` too about every wait in the model's queue within this context (a caller that times a call
    stops its clock while the call waits for its turn: `assistant.drafting.budget.call_within`)."""
    token = _OBSERVER.set(observer)
    try:
        yield
    finally:
        _OBSERVER.reset(token)


def waiting_text(ahead: int) -> str:
    """The position for a person: ``排队中：前面还有 2 个请求``."""
    return f"排队中：前面还有 {ahead} 个请求"


class QueueFull(ModelError):
    """The queue already holds ``limit`` waiting requests: refused without waiting."""

    def __init__(self, waiting: int, limit: int) -> None:
        super().__init__(
            f"语言模型正忙：已有 {waiting} 个请求在排队（最多排 {limit} 个），本次请求未能排上",
            hint="请稍等一两分钟再试；已写好的内容都已保存，可稍后用“重试失败的部分”补写",
        )


class QueueTimeout(ModelError):
    def __init__(self, wait_s: float) -> None:
        super().__init__(
            f"排队等候语言模型超过 {math.ceil(wait_s)} 秒，本次请求已取消",
            hint="请稍后再试；已写好的内容都已保存，可稍后用“重试失败的部分”补写",
        )


class ModelQueue:
    """FIFO turns at the model: ``slots`` requests run at once, at most ``limit`` wait (see the module)."""

    def __init__(self, *, slots: int = 1, limit: int = 8, wait_s: float = 600.0) -> None:
        self.slots, self.limit, self.wait_s = max(1, slots), max(0, limit), wait_s
        self._waiting: deque[int] = deque()
        self._running = 0
        self._tickets = itertools.count()
        self._changed = threading.Condition()

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @contextmanager
    def turn(self, on_wait: OnWait | None = None) -> Iterator[None]:
        """Wait for this request's turn (telling ``on_wait``, and an `observing` observer, the number ahead each time
        it changes, and 0 when a request that waited gets its turn), hold a slot
        for the block, then hand it to the next. Raises `QueueFull` at once when ``limit`` already wait, and
        `QueueTimeout` after ``wait_s``; whatever ``on_wait`` raises (a person pressed 停止) leaves the queue."""
        listeners = [f for f in (on_wait, _OBSERVER.get()) if f is not None]

        def tell(ahead: int) -> None:
            for listener in listeners:
                listener(ahead)

        self._enter(tell)
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()

    def _enter(self, on_wait: OnWait) -> None:
        with self._changed:
            if self._running < self.slots and not self._waiting:
                self._running += 1
                return
            if len(self._waiting) >= self.limit:
                raise QueueFull(len(self._waiting), self.limit)
            ticket = next(self._tickets)
            self._waiting.append(ticket)
        ends, told = time.monotonic() + self.wait_s, -1
        try:
            while True:
                with self._changed:
                    position = self._waiting.index(ticket)
                    if position == 0 and self._running < self.slots:
                        self._waiting.popleft()
                        self._running += 1
                        self._changed.notify_all()
                        break
                    ahead = self._running + position
                    if ahead == told:
                        left = ends - time.monotonic()
                        if left <= 0:
                            raise QueueTimeout(self.wait_s)
                        self._changed.wait(min(left, 1.0))
                        continue
                told = ahead
                on_wait(ahead)  # outside the lock: it may emit to a page or raise
        except BaseException:
            with self._changed:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                    self._changed.notify_all()
            raise
        try:
            on_wait(0)  # the turn came
        except BaseException:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()
            raise
