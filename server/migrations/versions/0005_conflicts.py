"""Conflicts both ways (issue 12): the server's `conflict` table names who lost and who won
(user and device), the losing and winning operation, the unit the row falls under, a sequence
number (each laptop collects its own losses above a cursor) and the office's resolution.

The old table (id, entity, entity_id, losing_row, winning_row, device_id, at) is copied into the
new one: the pushing device is kept as the losing device when its version lost, else as the
winning one (the old answer said which only in the rows: the higher rev won).

Revision ID: 0005
Revises: 0004
Frozen: never edit once shipped; add a new revision instead.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "conflict_0004",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("entity", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("scope_unit", sa.Text),
        sa.Column("losing_op", sa.Text, nullable=False),
        sa.Column("losing_row", sa.Text, nullable=False),
        sa.Column("losing_user_id", sa.Text),
        sa.Column("losing_device_id", sa.Text),
        sa.Column("winning_op", sa.Text, nullable=False),
        sa.Column("winning_row", sa.Text, nullable=False),
        sa.Column("winning_user_id", sa.Text),
        sa.Column("winning_device_id", sa.Text),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.Text),
        sa.Column("resolved_by", sa.Text),
        sa.Column("resolution", sa.Text),
    )
    bind = op.get_bind()
    old = bind.execute(
        sa.text(
            "SELECT id, entity, entity_id, losing_row, winning_row, device_id, at "
            "FROM conflict ORDER BY at, id"
        )
    ).all()
    new = sa.table(
        "conflict_0004",
        *(
            sa.column(c)
            for c in (
                "id", "entity", "entity_id", "kind", "losing_op", "losing_row",
                "losing_device_id", "winning_op", "winning_row", "winning_device_id", "at",
            )
        ),
    )  # fmt: skip
    for r in old:
        try:
            pusher_lost = json.loads(r.losing_row).get("device_id") == r.device_id
        except (ValueError, AttributeError):
            pusher_lost = True
        op.execute(
            new.insert().values(
                id=r.id,
                entity=r.entity,
                entity_id=r.entity_id,
                kind="concurrent_edit",
                losing_op="upsert",
                losing_row=r.losing_row,
                losing_device_id=r.device_id if pusher_lost else None,
                winning_op="upsert",
                winning_row=r.winning_row,
                winning_device_id=None if pusher_lost else r.device_id,
                at=r.at,
            )
        )
    op.drop_index("ix_conflict_entity_id", "conflict")
    op.drop_table("conflict")
    op.rename_table("conflict_0004", "conflict")
    op.create_index("ix_conflict_entity_id", "conflict", ["entity_id"])
    op.create_index("ix_conflict_scope_unit", "conflict", ["scope_unit"])
    op.create_index("ix_conflict_losing", "conflict", ["losing_user_id", "losing_device_id", "seq"])


def downgrade() -> None:
    raise NotImplementedError("conflicts are evidence: no downgrade")
