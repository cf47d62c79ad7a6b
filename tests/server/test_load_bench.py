"""bench/load.py --quick: the month-end benchmark runs end to end against the real server on
PostgreSQL (2 laptops, 1 worker, 1 reviewer), with no error, and prints its table."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.server.conftest import PG_ADMIN, ROOT


def _postgres_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
    except Exception:
        return False
    return True


@pytest.mark.skipif(not _postgres_reachable(), reason="PostgreSQL unreachable")
def test_quick_load_run_has_no_errors_and_prints_its_table():
    done = subprocess.run(
        [sys.executable, "bench/load.py", "--quick", "--time-limit", "240"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert "errors: 0" in out
    assert "laptops: 2 of 2 done" in out
    for kind in ("blobs/missing", "PUT blob", "push 250", "pull", "reviewer pull"):
        row = re.search(rf"^{re.escape(kind)}\s+(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+", out, re.M)
        assert row is not None and int(row.group(1)) > 0, f"no {kind} row in:\n{out}"
    # the baseline beside the storm, and the server's memory
    assert re.search(r"one laptop alone: its month in [\d.]+ s", out)
    assert re.search(r"server: peak RSS [1-9]\d* MiB", out)
    # its database is dropped at the end
    name = re.search(r"database (ducha_load_\d+)", out)
    assert name is not None, out
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        left = admin.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", [name.group(1)]
        ).fetchone()
    assert left == (0,)
