"""Leads become cases: status, owner, how to reach the user, consent, the card, an audit trail.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
COLUMNS = (
    sa.Column("status", sa.String(16), nullable=False, server_default="new"),
    sa.Column("owner_id", sa.BigInteger(), nullable=True),
    sa.Column("owner_name", sa.String(64), nullable=True),
    sa.Column("contact_way", sa.String(16), nullable=True),
    sa.Column("contact_value", sa.String(128), nullable=True),
    sa.Column("open_items", sa.JSON(), nullable=True),
    sa.Column("consent_at", TZ, nullable=True),
    sa.Column("card_message_id", sa.BigInteger(), nullable=True),
    sa.Column("updated_at", TZ, nullable=True),
)


def upgrade() -> None:
    """Add the workflow columns and the events table."""
    with op.batch_alter_table("leads") as batch:
        for column in COLUMNS:
            batch.add_column(column)
    op.create_table(
        "lead_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "lead_id", sa.Integer(), sa.ForeignKey("leads.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_lead_events_lead_id", "lead_events", ["lead_id"])


def downgrade() -> None:
    """Back to plain leads."""
    op.drop_table("lead_events")
    with op.batch_alter_table("leads") as batch:
        for column in COLUMNS:
            batch.drop_column(column.name)
