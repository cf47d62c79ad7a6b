"""The server's tables as the code declares them (server/db.py) are the tables its Alembic
revisions make: a fresh database upgraded to head differs in nothing from the metadata, on SQLite
and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server.db import make_engine, metadata, upgrade
from tests.server.conftest import fresh_pg_database


def differences(url: str, declared: sa.MetaData = metadata) -> list:
    """Upgrade the database at `url` to the Alembic head; what autogenerate would change."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), declared)
    finally:
        engine.dispose()


def test_sqlite_at_head_matches_the_metadata(tmp_path: Path) -> None:
    assert differences(f"sqlite:///{tmp_path / 'fresh.sqlite3'}") == []


def test_postgresql_at_head_matches_the_metadata() -> None:
    with fresh_pg_database() as url:
        assert differences(url) == []


def test_a_table_no_revision_makes_is_a_difference(tmp_path: Path) -> None:
    declared = sa.MetaData()
    for table in metadata.tables.values():
        table.to_metadata(declared)
    sa.Table("not_migrated", declared, sa.Column("id", sa.Text, primary_key=True))

    found = differences(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", declared)

    assert [(d[0], d[1].name) for d in found] == [("add_table", "not_migrated")]
