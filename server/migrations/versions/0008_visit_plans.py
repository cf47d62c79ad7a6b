"""Confidential random visit plans (issue 14): a plan per period with its seed's commitment, and
its assignments, one row per inspector of each visit (server/plans.py).

Revision ID: 0008
Revises: 0006
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "visit_plan",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("period", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("inputs", sa.Text, nullable=False),
        sa.Column("inputs_digest", sa.Text, nullable=False),
        sa.Column("seed_commitment", sa.Text, nullable=False),
        sa.Column("seed", sa.Text, nullable=False),
        sa.Column("plan_digest", sa.Text, nullable=False),
        sa.Column("drawn_at", sa.Text, nullable=False),
        sa.Column("drawn_by", sa.Text, nullable=False),
        sa.Column("revealed_at", sa.Text),
        sa.Column("revealed_by", sa.Text),
    )
    op.create_table(
        "plan_assignment",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("plan_id", sa.Text, nullable=False),
        sa.Column("day", sa.Text, nullable=False),
        sa.Column("team", sa.Integer, nullable=False),
        sa.Column("seat", sa.Integer, nullable=False),
        sa.Column("inspector_id", sa.Text, nullable=False),
        sa.Column("zone_id", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("template_id", sa.Text),
        sa.Column("mode", sa.Text, nullable=False),
    )
    op.create_index("ix_plan_assignment_plan_id", "plan_assignment", ["plan_id"])
    op.create_index("ix_plan_assignment_day", "plan_assignment", ["day"])
    op.create_index("ix_plan_assignment_inspector_id", "plan_assignment", ["inspector_id"])


def downgrade() -> None:
    op.drop_table("plan_assignment")
    op.drop_table("visit_plan")
