"""Unclaimed leads are raised again in the managers' chat once; this records when.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add leads.raised_at."""
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("raised_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Drop leads.raised_at."""
    with op.batch_alter_table("leads") as batch:
        batch.drop_column("raised_at")
