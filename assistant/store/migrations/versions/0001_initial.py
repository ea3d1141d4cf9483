"""The first schema: users, drafts, versions, field_provenance.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("head", sa.Integer, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("parent", sa.Integer, nullable=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("section", sa.String(40), nullable=True),
        sa.Column("instruction", sa.Text, nullable=True),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.UniqueConstraint("draft_id", "number", name="uq_versions_draft_number"),
        sa.ForeignKeyConstraint(
            ["draft_id", "parent"], ["versions.draft_id", "versions.number"], name="fk_versions_parent"
        ),
    )
    op.create_table(
        "field_provenance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("path", sa.String(100), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("at", _TS, nullable=False),
        sa.UniqueConstraint("version_id", "path", name="uq_provenance_version_path"),
    )
