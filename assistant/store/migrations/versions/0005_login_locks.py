"""Failed logins and login locks as stored facts (issue 26): a lock holds for its whole period whatever the timing
of the attempts, survives a restart and is shared by every server process on one store.

login_failures (key = ``user:<name>`` or ``address:<ip>``, at = epoch seconds) and login_locks (key, until).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"])
    op.create_index("ix_login_failures_at", "login_failures", ["at"])
    op.create_table(
        "login_locks",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("until", sa.Float, nullable=False),
    )
