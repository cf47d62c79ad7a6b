"""Alembic environment: the URL comes from the config set by server.db.upgrade."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from server.db import make_engine

config = context.config


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(url) if url else sa.create_engine("sqlite://")
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
