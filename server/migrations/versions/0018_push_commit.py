"""The push transaction holds the write lock only to hand out change-log seqs (issue 16).

Revision ID: 0018
Revises: 0017
Frozen: never edit once shipped; add a new revision instead.
"""

revision = "0018"
down_revision = "0017"


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
