"""Refresh credentials (issue 12, finding 6): a long-lived, rotating credential per device, so a
laptop back from weeks offline syncs without a password while access tokens stay short.

- refresh_token (token_hash, family, user_id, device_id, issued_at, expires_at, rotated_at,
  replaced_by, revoked_at, revoked_reason): only the SHA-256 of a credential is stored.

Revision ID: 0004
Revises: 0003
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "refresh_token",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("family", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("issued_at", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Text, nullable=False),
        sa.Column("rotated_at", sa.Text),
        sa.Column("replaced_by", sa.Text),
        sa.Column("revoked_at", sa.Text),
        sa.Column("revoked_reason", sa.Text),
    )
    for column in ("family", "user_id", "device_id", "expires_at"):
        op.create_index(f"ix_refresh_token_{column}", "refresh_token", [column])
