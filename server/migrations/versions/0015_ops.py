"""The server's epoch (issue 16, operations): one row naming this database's lineage. `init`
creates it with a random id; `ducha-server restore` gives the restored database a new one and
records the last change_log seq the backup held (`restored_seq`) and when the backup's snapshot
was taken. Every pull answers the epoch: a laptop that sees it change knows the server was
brought back from a backup and pulls again from `restored_seq` when its cursor is beyond it
(server/epoch.py).

Revision ID: 0015
Revises: 0012
Frozen: never edit once shipped; add a new revision instead.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"


def upgrade() -> None:
    table = op.create_table(
        "server_epoch",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("epoch", sa.Text, nullable=False),
        sa.Column("restored_seq", sa.BigInteger),
        sa.Column("backup_taken_at", sa.Text),
        sa.Column("restored_at", sa.Text),
    )
    op.bulk_insert(table, [{"id": 1, "epoch": secrets.token_hex(16)}])


def downgrade() -> None:
    op.drop_table("server_epoch")
