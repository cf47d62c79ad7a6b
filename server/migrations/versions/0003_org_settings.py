"""The office's settings record (issue 12): one synced row, `org_settings`, held like every
synced entity (row JSON beside the bookkeeping columns; NULL scope_unit: everyone reads it).

Revision ID: 0003
Revises: 0002
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "org_settings",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("scope_unit", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )
    op.create_index("ix_org_settings_scope_unit", "org_settings", ["scope_unit"])
