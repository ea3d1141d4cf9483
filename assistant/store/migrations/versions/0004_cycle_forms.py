"""Monitoring tables and self-evaluations (issue 27): forms that follow a declaration through its year, kept as
immutable versions with per-field provenance, like drafts.

cycle_forms (kind monitoring | selfeval, owner, the draft it was started from if any, the declaration it was
started from as JSON) ─< cycle_versions (number, parent, action, payload = the form's JSON, provenance JSON).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "cycle_forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id", ondelete="SET NULL"), nullable=True, index=True),
        sa.Column("source", sa.String(500), nullable=True),
        sa.Column("declaration", sa.JSON, nullable=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("head", sa.Integer, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_table(
        "cycle_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("cycle_forms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("parent", sa.Integer, nullable=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("provenance", sa.JSON, nullable=False),
        sa.UniqueConstraint("form_id", "number", name="uq_cycle_versions_form_number"),
    )
