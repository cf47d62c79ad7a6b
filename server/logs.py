"""The server's log: <data dir>/logs/server.log, rotated (domain/log_policy.py), secrets redacted;
under `serve` also standard error, uvicorn's own loggers included (they propagate to the root
logger: uvicorn is started with log_config=None)."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from domain.log_policy import BACKUP_COUNT, LINE_FORMAT, LOG_FOLDER, MAX_BYTES, RedactingFilter

LOG_FILE = "server.log"

log = logging.getLogger("ducha.server")


def log_file(data_dir: str | Path) -> Path:
    return Path(data_dir) / LOG_FOLDER / LOG_FILE


def start_logging(data_dir: str | Path, *, stderr: bool = False) -> Path:
    """Log (INFO and up) to the data directory's log file, and to standard error when asked.
    Returns the file."""
    path = log_file(data_dir).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    ]
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LINE_FORMAT))
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
