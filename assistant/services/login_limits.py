"""Limits on failed logins, per user name and per client address, with exponential back-off.

After ``limit`` failures within ``window_s`` a key (a user name, or an address) is locked for ``base_s`` seconds,
doubling with every further failure up to ``cap_s``. A locked key is refused without checking the password (no
scrypt work), so a brute force neither guesses faster nor slows other users down. A success clears the user's
failures (not the address's: one address trying many names stays limited).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from assistant.errors import InputError


class LoginLimited(InputError):
    """Too many failed logins: refused before the password is checked; ``wait_s`` says for how long."""

    def __init__(self, wait_s: float) -> None:
        self.wait_s = wait_s
        super().__init__(
            f"登录失败次数过多，已暂停登录，请 {math.ceil(wait_s)} 秒后再试",
            hint="如忘记密码，请联系管理员用 assistant users reset 重设",
        )


@dataclass
class _Record:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0


class LoginLimiter:
    def __init__(
        self,
        *,
        per_user: int = 5,
        per_address: int = 20,
        window_s: float = 900.0,
        base_s: float = 1.0,
        cap_s: float = 900.0,
        address_in_flight: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"user": per_user, "address": per_address}
        self.window_s, self.base_s, self.cap_s, self.clock = window_s, base_s, cap_s, clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._busy: dict[tuple[str, str], int] = {}  # password checks in flight per key
        self._in_flight = {"user": 1, "address": address_in_flight}
        self._lock = threading.Lock()

    def check(self, user: str, address: str | None) -> None:
        """Raise `LoginLimited` while ``user`` or ``address`` is locked."""
        now = self.clock()
        with self._lock:
            wait = max((self._record(key).locked_until - now for key in self._keys(user, address)), default=0.0)
        if wait > 0:
            raise LoginLimited(wait)

    @contextmanager
    def attempt(self, user: str, address: str | None) -> Iterator[None]:
        """One password check for ``user`` from ``address``: refused (`LoginLimited`) while either is locked or
        has too many checks in flight (one per name, ``address_in_flight`` per address: an office behind one address
        logs in at once), so parallel guesses cost a bounded amount of scrypt work at any moment."""
        self.check(user, address)
        keys = self._keys(user, address)
        with self._lock:
            if any(self._busy.get(key, 0) >= self._in_flight[key[0]] for key in keys):
                raise LoginLimited(1.0)
            for key in keys:
                self._busy[key] = self._busy.get(key, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                for key in keys:
                    self._busy[key] -= 1
                    if not self._busy[key]:
                        del self._busy[key]

    def failed(self, user: str, address: str | None) -> None:
        now = self.clock()
        with self._lock:
            for key in self._keys(user, address):
                record = self._record(key)
                record.failures.append(now)
                while record.failures and record.failures[0] < now - self.window_s:
                    record.failures.popleft()
                excess = len(record.failures) - self.limits[key[0]]
                if excess >= 0:
                    record.locked_until = now + min(self.base_s * 2**excess, self.cap_s)

    def succeeded(self, user: str) -> None:
        with self._lock:
            self._records.pop(("user", user), None)

    def _keys(self, user: str, address: str | None) -> list[tuple[str, str]]:
        return [("user", user)] + ([("address", address)] if address else [])

    def _record(self, key: tuple[str, str]) -> _Record:
        if key not in self._records:
            if len(self._records) > 100_000:  # bounded memory under a flood of names: forget the unlocked ones
                now = self.clock()
                self._records = {k: r for k, r in self._records.items() if r.locked_until > now}
            self._records[key] = _Record()
        return self._records[key]
