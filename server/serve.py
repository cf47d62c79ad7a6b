"""Running the HTTP API: `ducha-server serve [--workers N]`.

One process (the default) or N uvicorn worker processes sharing one listening socket. Workers
are started by uvicorn with `spawn`, so each builds its own app through the factory
`server.serve:app_from_env` from environment variables the parent sets (the data directory and
the database URL: never on a command line another user can read); the guarded HTTP protocol is
named by import string too (`server.serve:HttpProtocol`), built from the same Limits in each.

Several processes need a database that several processes write safely at once: PostgreSQL.
SQLite is refused for N > 1 (one writer at a time, whole-file locks; a single process is
what it is built for here).

What lives in one process, and why several are still right:
- login throttling: the attempts are rows of `login_attempt` (server/auth.py), read by every
  process; only the number of argon2 hashes checked at once (`hash_concurrency`) is per
  process: with N workers up to N × that many run, so set DUCHA_HASH_CONCURRENCY to
  cores / (2 N) when logins must not starve pushes.
- notice number blocks: reserved in one transaction under the database's write lock
  (server/db.write_lock: pg_advisory_xact_lock), shared by all processes.
- pushes and the change log: the same write lock; seqs come from the database.
- purge timers (expired partial uploads, expired tokens at start): each process purges on its own
  clock; a purge removes only expired files (a file already gone is skipped), so two purging at
  once do no harm.
- thumbnail renders at once (`thumbnail_workers`) and the queue beyond it: per process, so N
  workers render up to N × as many; each cached thumbnail appears whole (temp file + rename), so
  two processes rendering the same one waste work but never show a half-written file.
- refusals folded into one audit entry per window (audit.Refusals): per process, so the same
  refusals may be audited once per process instead of once: more entries, none lost.
- the log file: every process appends to the same <data dir>/logs/server.log (lines, not
  interleaved within a line); rotation by one process may lose a few lines of another at
  that moment: under systemd the journal (standard error) has them all.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from server.limits import Limits, http_protocol

DATA_DIR_ENV = "DUCHA_SERVE_DATA_DIR"
DATABASE_URL_ENV = "DUCHA_SERVE_DATABASE_URL"
SQLITE_REFUSAL = "SQLite: one process; use PostgreSQL for --workers N"

# uvicorn's httptools protocol with our header deadline and size cap, importable by name so that
# spawned worker processes build their own (a class made inside a function is not picklable)
HttpProtocol = http_protocol(Limits())


def app_from_env() -> FastAPI:
    """The app of one worker process: the data directory and database URL from the
    environment the `serve` command set; logging to the data directory's file and stderr."""
    from server.app import create_app
    from server.at_rest import private_umask
    from server.logs import start_logging

    data_dir = os.environ[DATA_DIR_ENV]
    private_umask()
    start_logging(data_dir, stderr=True)
    return create_app(Path(data_dir), os.environ.get(DATABASE_URL_ENV) or None)


def refuse_workers(url: str, workers: int) -> str | None:
    """Why `workers` processes cannot serve this database, or None when they can."""
    if workers < 1:
        return "--workers is at least 1"
    if workers > 1 and url.startswith("sqlite"):
        return SQLITE_REFUSAL
    return None


def run(
    data_dir: str,
    url: str,
    *,
    host: str,
    port: int,
    workers: int,
    tls_cert: str | None,
    tls_key: str | None,
    log_level: str,
) -> None:
    """Serve until stopped: in this process when workers == 1, else as uvicorn's supervisor
    of `workers` processes (each restarted when it dies)."""
    import uvicorn

    limits = Limits()
    common = {
        "host": host,
        "port": port,
        "timeout_keep_alive": limits.keep_alive,
        "limit_concurrency": limits.max_connections,  # per process
        "ssl_certfile": tls_cert,
        "ssl_keyfile": tls_key,
        "log_level": log_level,
        "log_config": None,  # uvicorn's loggers go to ours: the log file and standard error
    }
    if workers == 1:
        from server.app import create_app

        uvicorn.run(create_app(data_dir, url), http=HttpProtocol, **common)  # type: ignore[arg-type]
        return
    os.environ[DATA_DIR_ENV] = str(Path(data_dir).resolve())
    os.environ[DATABASE_URL_ENV] = url
    uvicorn.run(
        "server.serve:app_from_env",
        factory=True,
        workers=workers,
        http="server.serve:HttpProtocol",
        **common,  # type: ignore[arg-type]
    )
