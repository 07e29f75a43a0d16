"""What a buyer wants quoted (car, quantity, budget, port, FOB or CIF, timeline).

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
    """Add leads.inquiry."""
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("inquiry", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop leads.inquiry."""
    with op.batch_alter_table("leads") as batch:
        batch.drop_column("inquiry")
