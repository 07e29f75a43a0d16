"""In a forum supergroup each lead gets its own topic; this keeps the topic's thread id.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add leads.topic_id."""
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("topic_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    """Drop leads.topic_id."""
    with op.batch_alter_table("leads") as batch:
        batch.drop_column("topic_id")
