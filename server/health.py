"""GET /api/v1/health (no login): {status, version, database, blobs}, 200 when both answer, 503
when either does not (a load balancer takes the process out of rotation).

- database: `SELECT 1` on a fresh connection of the pool (pre-pinged on PostgreSQL).
- blobs: the store's `probe()` (the disk store writes, reads back and removes a small file);
  a store without one is asked `open_blob` of a hash nothing has: "not held"
  (FileNotFoundError) means it answered.

Each check runs in a worker thread and counts as an error after CHECK_SECONDS, so the answer
comes within about that time whatever hangs. The body names no path, host, URL or message: the
reason goes to the log only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from server.db import reading

CHECK_SECONDS = 3.0
ABSENT = "0" * 64  # no SHA-256 anyone finds content for
log = logging.getLogger("ducha.server")


def database_check(engine: sa.Engine) -> None:
    with reading(engine) as conn:
        conn.execute(sa.text("SELECT 1")).scalar_one()


def blob_check(store: Any) -> None:
    probe = getattr(store, "probe", None)
    if probe is not None:
        probe()
        return
    with contextlib.suppress(FileNotFoundError):
        store.open_blob(ABSENT).close()


async def _passes(name: str, check: Callable[[], None]) -> bool:
    try:
        await asyncio.wait_for(run_in_threadpool(check), CHECK_SECONDS)
        return True
    except TimeoutError:
        log.warning("health: the %s did not answer within %g s", name, CHECK_SECONDS)
    except Exception as exc:  # any failure is "error"; its kind goes to the log, not the answer
        log.warning("health: the %s failed: %s", name, type(exc).__name__)
    return False


async def report(engine: sa.Engine, store: Any, version: str) -> tuple[int, dict[str, str]]:
    """(HTTP status, body) of the health answer; both checks run at once."""
    database, blobs = await asyncio.gather(
        _passes("database", lambda: database_check(engine)),
        _passes("blob store", lambda: blob_check(store)),
    )
    ok = database and blobs
    body = {
        "status": "ok" if ok else "error",
        "version": version,
        "database": "ok" if database else "error",
        "blobs": "ok" if blobs else "error",
    }
    return (200 if ok else 503), body
