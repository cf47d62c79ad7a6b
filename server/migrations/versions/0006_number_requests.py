"""Number reservations remembered by request id (issue 12): a device that lost the answer to
`numbers/reserve` asks again with the same request id and gets the same block, instead of a new
one that wastes the first for good.

- notice_number_request (device_id, request_id) -> the block (prefix, year, first, last).

Revision ID: 0006
Revises: 0005
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "notice_number_request",
        sa.Column("device_id", sa.Text, primary_key=True),
        sa.Column("request_id", sa.Text, primary_key=True),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("first", sa.Integer, nullable=False),
        sa.Column("last", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notice_number_request")
