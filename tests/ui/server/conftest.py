"""Real windows against the real server: the server fixtures of tests/server (the windows'
fixtures come from tests/ui/conftest.py). Here, not in tests/server, because they need Qt, and
tests/server runs without it too (./dev core)."""

from tests.server.conftest import (  # noqa: F401 (fixtures)
    pg_url,
    postgresql_server,
    server,
    sqlite_server,
)
