"""Limits on failed logins, per (user name, client address) and per client address, kept as stored facts with an
expiry.

From the second failure of one name from one address on, that pair waits before its next try, the wait doubling with
each failure (``delay_s``: 1, 2, 4 seconds); after ``per_user`` failures of the pair within ``window_s`` seconds (or
``per_address`` failures from one address, whatever the names) the pair (or the address) is locked for ``lock_s``
seconds (15 minutes by default). A lock is per pair, not per name: someone who can reach the page and knows a name
can lock only their own address out of it, never the user at their own desk (red team 2026-12-06 20h). The client
address is the connection's, or, from a configured trusted reverse proxy, the one the proxy names in
``X-Forwarded-For`` (`assistant.web.guard.client_address`), so users behind one proxy do not share a lock.

A lock or a wait is a row in the store with its expiry (`assistant.store.login_locks`), not a back-off in memory: it
holds for its whole period however fast or slow the attempts come, survives a restart of the server, and is shared
by every process on one store. A locked key is refused without checking the password (no scrypt work), so a brute
force neither guesses further nor slows other users down; parallel checks are capped in memory (one per pair, a few
per address) for the same reason. A success clears the pair's failures (not the address's: one address trying many
names stays limited); an administrator's `users unlock` (or `users reset`) lifts every lock of the name.
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
        if wait_s <= MAX_DELAY_S:
            message = f"用户名或密码错误次数较多，请 {wait_text(wait_s)}后再试"
        else:
            message = f"登录失败次数过多，已暂停从本机登录该用户，请 {wait_text(wait_s)}后再试"
        super().__init__(
            message, hint="如忘记密码，请联系管理员用 assistant users reset 重设，或用 users unlock 解除暂停"
        )


MAX_DELAY_S = 60.0  # a wait up to this long is a delay between tries, longer ones are a lock
DELAY_S = 1.0  # the first wait (after a pair's 2nd failure), doubling with each further failure


class LoginLimiter:
    """Failed-login limits over ``locks`` (the store's); ``clock`` gives epoch seconds (tests pass their own).

    Keys in the store: ``pair:<address> <name>`` (failures of a name from an address, and its lock),
    ``wait:<address> <name>`` (the delay before the pair's next try) and ``address:<address>``; an address never holds
    a space, so the name is everything after the first one (``-`` stands for no address: the command line)."""

    def __init__(
        self,
        locks: LoginLocks,
        *,
        per_user: int = 5,
        per_address: int = 20,
        window_s: float = 900.0,
        lock_s: float = 900.0,
        delay_s: float | None = None,
        address_in_flight: int = 3,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.locks = locks
        self.limits = {"pair": per_user, "address": per_address}
        self.window_s, self.lock_s, self.clock = window_s, lock_s, clock
        self.delay_s = DELAY_S if delay_s is None else delay_s
        self._busy: dict[str, int] = {}  # password checks in flight per key
        self._in_flight = {"pair": 1, "address": address_in_flight}
        self._lock = threading.Lock()

    def check(self, user: str, address: str | None) -> None:
        """Raise `LoginLimited` while the pair (``user`` from ``address``) or ``address`` is locked or must wait."""
        now = self.clock()
        until = self.locks.locked_until([*self._keys(user, address), _key("wait", user, address)], now)
        if until > now:
            raise LoginLimited(until - now)

    @contextmanager
    def attempt(self, user: str, address: str | None) -> Iterator[None]:
        """One password check for ``user`` from ``address``: refused (`LoginLimited`) while the pair or the address is
        locked or has too many checks in flight (one per pair, ``address_in_flight`` per address: an office behind
        one address logs in at once), so parallel guesses cost a bounded amount of scrypt work at any moment. Record
        the outcome (`failed`, `succeeded`) inside the block: once a key is locked, at most the checks then in flight
        finish."""
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
        """Record a failed check; returns the expiry (epoch seconds) of the lock or wait it caused, 0.0 if none: the
        pair waits ``delay_s`` × 2^(n-2) after its n-th failure (n ≥ 2), and is locked for ``lock_s`` at ``per_user``; the
        address is locked at ``per_address``."""
        now = self.clock()
        until = 0.0
        for key in self._keys(user, address):
            count = self.locks.record_failure(key, now, window_s=self.window_s)
            if count >= self.limits[key.split(":", 1)[0]]:
                until = max(until, self.locks.lock(key, now + self.lock_s))
            elif key.startswith("pair:") and count > 1:  # one slip of the fingers costs nothing
                wait = min(self.delay_s * 2 ** (count - 2), MAX_DELAY_S)
                until = max(until, self.locks.lock(_key("wait", user, address), now + wait))
        return until

    def succeeded(self, user: str, address: str | None = None) -> None:
        """A right password: the pair's failures and wait are forgotten (the address's failures stay)."""
        self.locks.clear(_key("pair", user, address))
        self.locks.clear(_key("wait", user, address), lock=True)

    def unlock(self, user: str) -> int:
        """Lift every lock and wait of ``user`` (from any address) and forget their failures (an administrator's
        ``users unlock`` or ``reset``); how many addresses were locked out of the name."""
        now = self.clock()
        live = self.locks.locks(now)
        locked = 0
        for key in self.locks.keys():
            if _user_of(key) == user:
                locked += key.startswith("pair:") and live.get(key, 0.0) > now
                self.locks.clear(key, lock=True)
        return locked

    def locked_users(self) -> dict[str, tuple[float, int]]:
        """Locked user names → (seconds left of the longest lock, how many addresses are locked out of the name)."""
        now = self.clock()
        found: dict[str, tuple[float, int]] = {}
        for key, until in self.locks.locks(now).items():
            name = _user_of(key) if key.startswith(("pair:", "user:")) else None
            if name is not None:
                left, count = found.get(name, (0.0, 0))
                found[name] = (max(left, until - now), count + 1)
        return found

    @staticmethod
    def _keys(user: str, address: str | None) -> list[str]:
        return [_key("pair", user, address)] + ([f"address:{address}"] if address else [])


def _key(kind: str, user: str, address: str | None) -> str:
    return f"{kind}:{address or '-'} {user}"


def _user_of(key: str) -> str | None:
    """The name of a ``pair:``/``wait:`` key (``user:`` too: a lock stored before locks were per address)."""
    kind, _, rest = key.partition(":")
    if kind == "user":
        return rest
    return rest.partition(" ")[2] if kind in ("pair", "wait") else None
