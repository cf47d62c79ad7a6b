"""Initial schema: synced entities (row JSON + indexed filter columns) and server tables.

Revision ID: 0001
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

_ENTITIES = {
    "person": (),
    "unit": ("parent_id",),
    "zone": ("unit_id",),
    "template": ("name", "version"),
    "inspection": ("unit_id", "zone_id", "status", "amends_id", "digest"),
    "inspection_person": ("inspection_id", "person_id"),
    "finding": ("inspection_id",),
    "photo": ("inspection_id", "finding_id", "rectification_id", "recheck_id", "sha256"),
    "annotation": ("photo_id",),
    "notice": ("inspection_id", "unit_id", "zone_id", "number", "number_kind"),
    "notice_event": ("notice_id", "kind", "at"),
    "rectification": ("notice_id",),
    "recheck": ("notice_id",),
    "review": ("inspection_id",),
}


def upgrade() -> None:
    for name, columns in _ENTITIES.items():
        op.create_table(
            name,
            sa.Column("id", sa.Text, primary_key=True),
            *[sa.Column(c, sa.Integer if c == "version" else sa.Text) for c in columns],
            sa.Column("scope_unit", sa.Text),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("updated_at", sa.Text, nullable=False),
            sa.Column("device_id", sa.Text, nullable=False),
            sa.Column("rev", sa.Integer, nullable=False),
            sa.Column("row", sa.Text, nullable=False),
        )
        for column in (*columns, "scope_unit"):
            op.create_index(f"ix_{name}_{column}", name, [column])

    op.create_table(
        "app_user",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("username", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.Text),
        sa.Column("all_units", sa.Boolean, nullable=False),
    )
    op.create_table(
        "user_unit",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column("unit_id", sa.Text, primary_key=True),
    )
    op.create_table(
        "token",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text),
    )
    op.create_index("ix_token_user_id", "token", ["user_id"])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("entity", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("op", sa.Text, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
        sa.Column("scope_unit", sa.Text),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
    )
    op.create_index("ix_change_log_scope_unit", "change_log", ["scope_unit"])
    op.create_table(
        "push_batch",
        sa.Column("device_id", sa.Text, primary_key=True),
        sa.Column("batch_id", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
    )
    op.create_table(
        "notice_number_block",
        sa.Column("device_id", sa.Text, primary_key=True),
        sa.Column("prefix", sa.Text, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("first", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "notice_number_counter",
        sa.Column("prefix", sa.Text, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("next", sa.Integer, nullable=False),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("entity", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("losing_row", sa.Text, nullable=False),
        sa.Column("winning_row", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text),
        sa.Column("at", sa.Text, nullable=False),
    )
    op.create_index("ix_conflict_entity_id", "conflict", ["entity_id"])
