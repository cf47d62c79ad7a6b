"""A server of its own for the office's settings record (tests/server/test_org_settings.py,
tests/ui/server/test_org_settings_sync.py): changing the office's prefix, zone or rules must not
disturb the shared server's other tests. Unit A, an inspector of it (insp), a reviewer (clerk)
and an admin (boss, 王磊); no office record until a test saves one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.server.conftest import PASSWORD, Server, cli, fresh_pg_database

ADMIN_NAME = "王磊"


@contextmanager
def office_server(data_dir: Path, backend: str = "sqlite") -> Iterator[Server]:
    if backend == "postgresql":
        with fresh_pg_database() as url:
            yield from _started(data_dir, backend, url)
    else:
        yield from _started(data_dir, backend, None)


def _started(data_dir: Path, backend: str, url: str | None) -> Iterator[Server]:
    srv = Server(data_dir=data_dir, url=url, backend=backend)
    cli("init", url=url, data_dir=data_dir)
    out = json.loads(cli("unit", "add", "单位A", "--zone", "片区A", url=url, data_dir=data_dir))
    srv.units["A"], srv.zones["A"] = out["id"], out["zones"]["片区A"]
    srv.add_user("insp", "inspector", "A")
    srv.add_user("clerk", "reviewer")
    admin = ["user", "add", "boss", "--role", "admin", "--all-units", "--display-name", ADMIN_NAME]
    done = cli(*admin, stdin=PASSWORD + "\n", url=url, data_dir=data_dir)
    srv.users["boss"] = json.loads(done)["id"]
    srv.start()
    pulled = srv.session("clerk").get(f"{srv.base}/sync/pull?limit=1000", timeout=10).json()
    template = next(c for c in pulled["changes"] if c["entity"] == "template")
    srv.template_id, srv.template_version = template["id"], template["row"]["version"]
    try:
        yield srv
    finally:
        srv.stop()
