"""Cases from other sources (issue 15, 问题来源): the synced `problem_case` entity, held like every
synced entity (row JSON beside its filter columns and the bookkeeping columns); a notice's and a
photo's `case_id` as a filter column of theirs (a notice's `source` rides in its row's JSON).

Revision ID: 0010
Revises: 0008
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"

_FILTERS = ("source", "ticket_no", "unit_id", "triage", "notice_id")


def upgrade() -> None:
    op.create_table(
        "problem_case",
        sa.Column("id", sa.Text, primary_key=True),
        *(sa.Column(name, sa.Text) for name in _FILTERS),
        sa.Column("scope_unit", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )
    for name in (*_FILTERS, "scope_unit"):
        op.create_index(f"ix_problem_case_{name}", "problem_case", [name])
    for table in ("notice", "photo"):
        op.add_column(table, sa.Column("case_id", sa.Text))
        op.create_index(f"ix_{table}_case_id", table, ["case_id"])


def downgrade() -> None:
    for table in ("notice", "photo"):
        op.drop_index(f"ix_{table}_case_id", table)
        op.drop_column(table, "case_id")
    op.drop_table("problem_case")
