"""0002 upgrades a 0001 database keeping its users and push batches, on SQLite and PostgreSQL
(tests/server/test_schema.py: the head matches server/db.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

import server.db
from server.db import make_engine, metadata
from tests.server.conftest import fresh_pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    with fresh_pg_database() as url:
        yield url


def _upgrade(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(server.db.__file__).parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)


def test_0002_upgrades_a_0001_database(empty_url):
    _upgrade(empty_url, "0001")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO app_user (id, username, name, role, password_hash, "
                    "failed_logins, locked_until, all_units) "
                    "VALUES ('u1', 'wang', '王', 'inspector', 'h', 2, NULL, false)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO push_batch (device_id, batch_id, user_id, answer, received_at) "
                    "VALUES ('dev', 'dev:1-3', 'u1', '{}', '2026-11-21T00:00:00.000000Z')"
                )
            )
        _upgrade(empty_url, "head")
        with engine.connect() as conn:
            user = conn.execute(sa.select(server.db.app_user)).mappings().one()
            assert user["username"] == "wang" and user["enabled"] is True
            batch = conn.execute(sa.select(server.db.push_batch)).mappings().one()
            assert (batch["user_id"], batch["device_id"], batch["batch_id"]) == (
                "u1",
                "dev",
                "dev:1-3",
            )
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        with engine.begin() as conn:  # the same batch id from another user is a row of its own
            conn.execute(
                sa.insert(server.db.push_batch).values(
                    user_id="u2", device_id="dev", batch_id="dev:1-3", answer="{}", received_at="x"
                )
            )
    finally:
        engine.dispose()


def test_0005_keeps_the_conflicts_of_a_0002_database(empty_url):
    """The old conflict rows are copied: the pushing device lost when the losing row is its."""
    _upgrade(empty_url, "0002")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO conflict (id, entity, entity_id, losing_row, winning_row, "
                    "device_id, at) VALUES ('c1', 'finding', 'f1', :losing, :winning, 'dev-b', "
                    "'2026-11-21T00:00:00.000000Z')"
                ),
                {
                    "losing": '{"id":"f1","description":"乙","device_id":"dev-b","rev":2}',
                    "winning": '{"id":"f1","description":"甲","device_id":"dev-a","rev":3}',
                },
            )
        _upgrade(empty_url, "head")
        with engine.connect() as conn:
            kept = conn.execute(sa.select(server.db.conflict)).mappings().one()
        assert (kept["id"], kept["entity_id"], kept["kind"]) == ("c1", "f1", "concurrent_edit")
        assert kept["losing_device_id"] == "dev-b" and kept["winning_device_id"] is None
        assert "乙" in kept["losing_row"] and kept["resolved_at"] is None and kept["seq"] >= 1
    finally:
        engine.dispose()
