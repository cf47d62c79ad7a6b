"""The composite assessment's imported components (issue 15): `assessment_import`, one synced
row per (component, period), held like every synced entity (row JSON beside the bookkeeping
columns; NULL scope_unit: office-wide, every user pulls it). The office's configuration rides
in the org_settings row's JSON (its `composite` field): no column of its own.

Revision ID: 0012
Revises: 0011
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.create_table(
        "assessment_import",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("component", sa.Text),
        sa.Column("period", sa.Text),
        sa.Column("scope_unit", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )
    for column in ("component", "period", "scope_unit"):
        op.create_index(f"ix_assessment_import_{column}", "assessment_import", [column])


def downgrade() -> None:
    op.drop_table("assessment_import")
