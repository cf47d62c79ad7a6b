"""USB-stick sync bundles (issue 17): the devices' signing keys and the bundles imported.

Revision ID: 0016
Revises: 0015
Frozen: never edit once shipped; add a new revision instead.
"""

revision = "0016"
down_revision = "0015"


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
