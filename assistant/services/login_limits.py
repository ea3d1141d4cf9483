"""Limits on failed logins, per user name and per client address, kept as stored facts with an expiry.

After ``per_user`` failures of one name (or ``per_address`` from one address) within ``window_s`` seconds, the name
(or the address) is locked for ``lock_s`` seconds (15 minutes by default). The lock is a row in the store with its
expiry (`assistant.store.login_locks`), not a back-off in memory: it holds for its whole period however fast or slow
the attempts come, survives a restart of the server, and is shared by every process on one store. A locked key is
refused without checking the password (no scrypt work), so a brute force neither guesses further nor slows other
users down; parallel checks are capped in memory (one per name, a few per address) for the same reason. A success
clears the user's failures (not the address's: one address trying many names stays limited); an administrator's
`users reset` clears the user's lock.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from assistant.errors import InputError
from assistant.store.login_locks import LoginLocks


def wait_text(wait_s: float) -> str:
    """``wait_s`` seconds in Chinese for a person: ``40 秒`` below a minute, else whole minutes rounded up."""
    return f"{math.ceil(wait_s)} 秒" if wait_s < 60 else f"{math.ceil(wait_s / 60)} 分钟"


class LoginLimited(InputError):
    """Too many failed logins: refused before the password is checked; ``wait_s`` says for how long."""

    def __init__(self, wait_s: float) -> None:
        self.wait_s = wait_s
        super().__init__(
            f"登录失败次数过多，已暂停登录，请 {wait_text(wait_s)}后再试",
            hint="如忘记密码，请联系管理员用 assistant users reset 重设",
        )


class LoginLimiter:
    """Failed-login limits over ``locks`` (the store's); ``clock`` gives epoch seconds (tests pass their own)."""

    def __init__(
        self,
        locks: LoginLocks,
        *,
        per_user: int = 5,
        per_address: int = 20,
        window_s: float = 900.0,
        lock_s: float = 900.0,
        address_in_flight: int = 3,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.locks = locks
        self.limits = {"user": per_user, "address": per_address}
        self.window_s, self.lock_s, self.clock = window_s, lock_s, clock
        self._busy: dict[str, int] = {}  # password checks in flight per key
        self._in_flight = {"user": 1, "address": address_in_flight}
        self._lock = threading.Lock()

    def check(self, user: str, address: str | None) -> None:
        """Raise `LoginLimited` while ``user`` or ``address`` is locked."""
        now = self.clock()
        until = self.locks.locked_until(self._keys(user, address), now)
        if until > now:
            raise LoginLimited(until - now)

    @contextmanager
    def attempt(self, user: str, address: str | None) -> Iterator[None]:
        """One password check for ``user`` from ``address``: refused (`LoginLimited`) while either is locked or
        has too many checks in flight (one per name, ``address_in_flight`` per address: an office behind one address
        logs in at once), so parallel guesses cost a bounded amount of scrypt work at any moment. Record the outcome
        (`failed`, `succeeded`) inside the block: once a key is locked, at most the checks then in flight finish."""
        keys = self._keys(user, address)
        with self._lock:
            if any(self._busy.get(key, 0) >= self._in_flight[key.split(":", 1)[0]] for key in keys):
                raise LoginLimited(1.0)
            for key in keys:
                self._busy[key] = self._busy.get(key, 0) + 1
        try:  # the lock is read once the slot is held, so no check starts after a failure that locked the key
            self.check(user, address)
            yield
        finally:
            with self._lock:
                for key in keys:
                    self._busy[key] -= 1
                    if not self._busy[key]:
                        del self._busy[key]

    def failed(self, user: str, address: str | None) -> float:
        """Record a failed check; returns the expiry of the lock it caused (epoch seconds), 0.0 if none."""
        now = self.clock()
        until = 0.0
        for key in self._keys(user, address):
            limit = self.limits[key.split(":", 1)[0]]
            until = max(until, self.locks.fail(key, now, window_s=self.window_s, limit=limit, lock_s=self.lock_s))
        return until

    def succeeded(self, user: str) -> None:
        self.locks.clear(f"user:{user}")

    def unlock(self, user: str) -> None:
        """Lift ``user``'s lock and forget their failures (an administrator's reset)."""
        self.locks.clear(f"user:{user}", lock=True)

    def locked_users(self) -> dict[str, float]:
        """Locked user names → seconds left."""
        now = self.clock()
        return {k.removeprefix("user:"): t - now for k, t in self.locks.locks(now).items() if k.startswith("user:")}

    @staticmethod
    def _keys(user: str, address: str | None) -> list[str]:
        return [f"user:{user}"] + ([f"address:{address}"] if address else [])
