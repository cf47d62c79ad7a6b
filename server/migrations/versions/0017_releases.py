"""Installers the server holds for laptops to update from (issue 17): one row per platform and
version (`ducha-server release add`, server/releases.py); the file itself is a blob named by its
SHA-256; `signature` keeps the FILE.release.json it was added with (domain/release.py), so a
laptop checks the Ed25519 signature itself. A withdrawn release is no longer offered.

Revision ID: 0017
Revises: 0016
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"


def upgrade() -> None:
    op.create_table(
        "release",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("platform", sa.Text, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("added_by", sa.Text, nullable=False),
        sa.Column("added_at", sa.Text, nullable=False),
        sa.Column("withdrawn_at", sa.Text),
        sa.Column("withdrawn_by", sa.Text),
        sa.UniqueConstraint("platform", "version", name="uq_release_platform_version"),
    )
    op.create_index("ix_release_sha256", "release", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_release_sha256", table_name="release")
    op.drop_table("release")
