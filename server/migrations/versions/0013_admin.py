"""Administration (issue 16): app_user.must_change_password, set by a one-time password (an
admin's user add or password reset); the user changes it before any other call. A unit's
`active` flag rides in its row JSON: no column.

Revision ID: 0013
Revises: 0012
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(
            sa.Column(
                "must_change_password",
                sa.Boolean,
                nullable=False,
                server_default=sa.false(),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("must_change_password")
