"""Installers the server holds for laptops to update from (issue 17).

Revision ID: 0017
Revises: 0016
Frozen: never edit once shipped; add a new revision instead.
"""

revision = "0017"
down_revision = "0016"


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
