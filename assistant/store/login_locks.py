"""Failed logins and login locks kept in the store (tables ``login_failures`` and ``login_locks``, migration 0005).

A key is ``pair:<client address> <name>``, ``wait:<client address> <name>`` or ``address:<client address>``
(`assistant.services.login_limits`); times are epoch seconds (the caller's clock, so that a
test can move it). A lock is a row with its expiry: it holds until then however fast or slow the attempts come,
across restarts and across server processes sharing the store.
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.store.models import LoginFailureRow, LoginLockRow


class LoginLocks:
    """The store's login failures and locks; every method is one short transaction."""

    def __init__(self, session: sessionmaker[Session]) -> None:
        self._session = session

    def locked_until(self, keys: list[str], now: float) -> float:
        """The latest expiry among the live locks of ``keys`` (epoch seconds); 0.0 when none is locked."""
        with self._session() as session:
            until = session.scalar(
                select(func.max(LoginLockRow.until)).where(LoginLockRow.key.in_(keys), LoginLockRow.until > now)
            )
        return float(until or 0.0)

    def record_failure(self, key: str, now: float, *, window_s: float) -> int:
        """Record a failed login of ``key`` at ``now``; how many failures ``key`` has within the last ``window_s``
        seconds, this one included. Failures older than the window (of any key) and expired locks are deleted on the
        way, so the tables stay small."""
        with self._session.begin() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < now - window_s))
            session.execute(delete(LoginLockRow).where(LoginLockRow.until <= now))
            session.execute(insert(LoginFailureRow).values(key=key, at=now))
            return session.scalar(select(func.count()).where(LoginFailureRow.key == key)) or 0

    def lock(self, key: str, until: float) -> float:
        """Lock ``key`` until ``until`` (epoch seconds), unless it is locked longer already; ``until`` returned."""
        try:
            with self._session.begin() as session:
                changed = session.execute(
                    update(LoginLockRow).where(LoginLockRow.key == key, LoginLockRow.until < until).values(until=until)
                )
                exists = session.scalar(select(LoginLockRow.key).where(LoginLockRow.key == key))
                if not changed.rowcount and exists is None:  # type: ignore[attr-defined]
                    session.execute(insert(LoginLockRow).values(key=key, until=until))
        except IntegrityError:  # another process locked it at the same moment: keep the later expiry
            return self.lock(key, until)
        return until

    def clear(self, key: str, *, lock: bool = False) -> None:
        """Forget ``key``'s failures (a successful login), and with ``lock`` its lock too (an administrator's reset)."""
        with self._session.begin() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))
            if lock:
                session.execute(delete(LoginLockRow).where(LoginLockRow.key == key))

    def keys(self) -> list[str]:
        """Every key with a failure or a lock on record (live or not yet swept)."""
        with self._session() as session:
            failed = session.scalars(select(LoginFailureRow.key).distinct())
            locked = session.scalars(select(LoginLockRow.key))
            return sorted(set(failed) | set(locked))

    def locks(self, now: float) -> dict[str, float]:
        """Every live lock: key → expiry (epoch seconds)."""
        with self._session() as session:
            rows = session.execute(select(LoginLockRow.key, LoginLockRow.until).where(LoginLockRow.until > now))
            return {key: float(until) for key, until in rows}
