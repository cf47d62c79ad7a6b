"""The Alembic head builds exactly the schema server/db.py declares (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server.db import metadata


def test_migrations_match_the_metadata(server):
    engine = server.engine()
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            assert context.get_current_revision() == "0002"
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()
