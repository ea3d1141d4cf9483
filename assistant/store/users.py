"""The store's users: one row per name, added on first use (a save, a lock, a password), with the web login's
password hash. Names are stored as given; normalising them is the caller's (`assistant.services.users`)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.store.models import UserRow
from assistant.store.rows import utc_now


class Users:
    """User ids by name over the draft store's sessions; an id once seen is cached (users are never removed)."""

    def __init__(self, session: sessionmaker[Session]) -> None:
        self._session = session
        self._ids: dict[str, int] = {}

    def id(self, name: str) -> int:
        """The user's id, adding the user in a transaction of its own (two first saves may race)."""
        if name not in self._ids:
            self._ids[name] = self._find_or_add(name)
        return self._ids[name]

    def _find_or_add(self, name: str) -> int:
        with self._session.begin() as session:
            found = session.scalar(select(UserRow.id).where(UserRow.name == name))
        if found is not None:
            return found
        try:
            with self._session.begin() as session:
                row = UserRow(name=name, created_at=utc_now())
                session.add(row)
                session.flush()
                return row.id
        except IntegrityError:
            return self._find_or_add(name)

    @staticmethod
    def ids(session: Session, names: set[str]) -> dict[str, int]:
        """name → id of those of ``names`` already stored, read in ``session`` (the caller's transaction)."""
        rows = session.execute(select(UserRow.name, UserRow.id).where(UserRow.name.in_(names)))
        return {name: user_id for name, user_id in rows}

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Store ``name``'s password hash (adding the user if new); the hashing is the caller's."""
        user_id = self.id(name)
        with self._session.begin() as session:
            session.execute(update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash))

    def password_hash(self, name: str) -> str | None:
        """``name``'s stored password hash; None for an unknown user or one without a password."""
        with self._session() as session:
            return session.scalar(select(UserRow.password_hash).where(UserRow.name == name))

    def password_hashes(self) -> list[tuple[str, str | None]]:
        """(name, password hash) of every user, by name."""
        with self._session() as session:
            return [
                (n, h) for n, h in session.execute(select(UserRow.name, UserRow.password_hash).order_by(UserRow.name))
            ]
