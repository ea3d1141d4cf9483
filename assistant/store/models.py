"""The draft store's tables (SQLAlchemy 2). The schema itself is created by the Alembic migrations.

users ─< drafts (owner) ─< versions (number, parent, action, payload = Draft JSON) ─< field_provenance
                  drafts ─< proposals (a model's rewrite awaiting a person's decision, made from version ``base``)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    password_hash: Mapped[str | None] = mapped_column(String(400), nullable=True)  # web login; None: cannot log in


class DraftRow(Base):
    """One draft; ``head`` is the number of its latest version (the compare-and-swap guard of every save)."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(500))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    head: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class VersionRow(Base):
    """An immutable version: the whole draft as saved, and how it came to be."""

    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("draft_id", "number", name="uq_versions_draft_number"),
        ForeignKeyConstraint(
            ["draft_id", "parent"], ["versions.draft_id", "versions.number"], name="fk_versions_parent"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    parent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(20))
    section: Mapped[str | None] = mapped_column(String(40), nullable=True)
    instruction: Mapped[str | None] = mapped_column(Text, nullable=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class ProvenanceRow(Base):
    """Where one field of one version came from."""

    __tablename__ = "field_provenance"
    __table_args__ = (UniqueConstraint("version_id", "path", name="uq_provenance_version_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(String(20))
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProposalRow(Base):
    """A regenerated section or indicator table offered to a person: accepted (saved as ``version``) or rejected."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    base: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(String(60))  # a field path (section.necessity) or "indicators"
    instruction: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20))  # provenance of the changed fields once accepted
    origins: Mapped[dict[str, Any]] = mapped_column(JSON)  # per-path provenance where it differs from ``origin``
    kept: Mapped[list[str]] = mapped_column(JSON)  # protected field paths the proposal left as they were
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)  # the whole proposed draft
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class LoginFailureRow(Base):
    """One failed login of a key (``pair:<ip> <name>`` or ``address:<ip>``) at epoch seconds ``at``."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    at: Mapped[float] = mapped_column(Float)


class LoginLockRow(Base):
    """A key that may not log in until epoch seconds ``until``."""

    __tablename__ = "login_locks"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    until: Mapped[float] = mapped_column(Float)
