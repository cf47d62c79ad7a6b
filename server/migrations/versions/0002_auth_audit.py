"""Auth and audit (issue 11): throttling instead of lockout, revocable tokens, disabled users,
devices bound to their first user, push batches per (user, device), the append-only audit.

- app_user: `enabled` added; `failed_logins` and `locked_until` (the account lockout) dropped.
- token: `revoked_at`, `revoked_reason`; an index on `expires_at` (the purge).
- device (id, user_id, first_seen, last_seen); login_attempt (the throttle's memory).
- push_batch: primary key (user_id, device_id, batch_id) instead of (device_id, batch_id).
- audit: append-only; triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).

Revision ID: 0002
Revises: 0001
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

APPEND_ONLY = "the audit log is append-only"


def upgrade() -> None:
    with op.batch_alter_table("app_user") as table:
        table.add_column(sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()))
        table.drop_column("failed_logins")
        table.drop_column("locked_until")

    op.add_column("token", sa.Column("revoked_at", sa.Text))
    op.add_column("token", sa.Column("revoked_reason", sa.Text))
    op.create_index("ix_token_expires_at", "token", ["expires_at"])

    op.create_table(
        "device",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("first_seen", sa.Text, nullable=False),
        sa.Column("last_seen", sa.Text, nullable=False),
    )
    op.create_index("ix_device_user_id", "device", ["user_id"])

    op.create_table(
        "login_attempt",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("failed", sa.Boolean, nullable=False),
    )
    op.create_index("ix_login_attempt_at", "login_attempt", ["at"])
    op.create_index("ix_login_attempt_address_at", "login_attempt", ["address", "at"])
    op.create_index("ix_login_attempt_username_address", "login_attempt", ["username", "address"])

    # push_batch gets a wider primary key: a new table, the rows copied, the old one dropped
    op.create_table(
        "push_batch_0002",
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("batch_id", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "device_id", "batch_id", name="pk_push_batch"),
    )
    op.execute(
        "INSERT INTO push_batch_0002 (user_id, device_id, batch_id, answer, received_at) "
        "SELECT user_id, device_id, batch_id, answer, received_at FROM push_batch"
    )
    op.drop_table("push_batch")
    op.rename_table("push_batch_0002", "push_batch")

    op.create_table(
        "audit",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text),
        sa.Column("user_name", sa.Text),
        sa.Column("device_id", sa.Text),
        sa.Column("address", sa.Text),
        sa.Column("entity", sa.Text),
        sa.Column("entity_id", sa.Text),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("detail", sa.Text),
    )
    for column in ("at", "user_id", "user_name", "action"):
        op.create_index(f"ix_audit_{column}", "audit", [column])
    op.create_index("ix_audit_entity_entity_id", "audit", ["entity", "entity_id"])

    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_no_{event.lower()} BEFORE {event} ON audit "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
