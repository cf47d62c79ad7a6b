"""USB-stick sync bundles (issue 17): the devices' signing keys and the bundles imported.

`device_key`: the Ed25519 public key a laptop registered for (user, device) at an online sync; a
bundle is accepted only when signed by it. Revoked with the device (an admin's revoke, unbind,
a disabled account, a logout, a stolen refresh credential: server/bundle_keys.py).
`bundle_import`: each bundle imported, by its device and random id (an id is the laptop's own:
another device reusing it takes nothing from it): the same bundle again is refused (its
answer can be issued again from the batches it names, which push_batch remembers).

Revision ID: 0016
Revises: 0015
Frozen: never edit once shipped; add a new revision instead.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"


def upgrade() -> None:
    op.create_table(
        "device_key",
        sa.Column("device_id", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Text, nullable=False, index=True),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("registered_at", sa.Text, nullable=False),
        sa.Column("revoked_at", sa.Text),
        sa.Column("revoked_reason", sa.Text),
    )
    op.create_table(
        "bundle_import",
        sa.Column("bundle_id", sa.Text, primary_key=True),  # the laptop's: per device
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, primary_key=True),
        sa.Column("imported_at", sa.Text, nullable=False),
        sa.Column("batch_ids", sa.Text, nullable=False),  # JSON list, in push order
        sa.Column("blobs", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("bundle_import")
    op.drop_table("device_key")
