"""马路办公 duty checks (issue 15): one synced row per inspection of a road segment, held like
every synced entity (row JSON beside the bookkeeping columns), with its inspection, zone and
status as columns for the quarter's assessment to filter on.

Revision ID: 0011
Revises: 0010
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    op.create_table(
        "duty_check",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("inspection_id", sa.Text),
        sa.Column("zone_id", sa.Text),
        sa.Column("status", sa.Text),
        sa.Column("scope_unit", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )
    for column in ("inspection_id", "zone_id", "status", "scope_unit"):
        op.create_index(f"ix_duty_check_{column}", "duty_check", [column])


def downgrade() -> None:
    op.drop_table("duty_check")
