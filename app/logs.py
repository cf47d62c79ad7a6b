"""The client's log: <data folder>/logs/ducha.log, rotated (domain/log_policy.py), secrets
redacted. Started by the GUI and by each headless `ducha` command that has a data folder; it
also records every uncaught exception, of any thread. No Qt here: the GUI's dialog for an
uncaught exception (app/shell/uncaught.py) listens through `log_uncaught`.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from app import __version__
from domain.log_policy import BACKUP_COUNT, LINE_FORMAT, LOG_FOLDER, MAX_BYTES, RedactingFilter

LOG_FILE = "ducha.log"

log = logging.getLogger("ducha")
_handler: RotatingFileHandler | None = None
_on_uncaught: Callable[[], None] | None = None


def log_folder(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FOLDER


def log_file(data_dir: Path) -> Path:
    return log_folder(data_dir) / LOG_FILE


def start_logging(data_dir: Path, what: str) -> Path:
    """From now on this process logs (INFO and up) to the data folder's log file, which is
    made if need be; `what` (e.g. "gui", "demo") goes into the start line. Starting again for
    another folder moves the log there; for the same one changes nothing. Returns the file."""
    global _handler
    path = log_file(data_dir).resolve()
    root = logging.getLogger()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LINE_FORMAT))
    handler.addFilter(RedactingFilter())
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    _handler = handler
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    log_uncaught(_on_uncaught)
    log.info(
        "ducha %s started (%s); data folder %s; Python %s",
        __version__,
        what,
        Path(data_dir).resolve(),
        sys.version.split()[0],
    )
    return path


def log_uncaught(on_uncaught: Callable[[], None] | None = None) -> None:
    """Log every uncaught exception (the main thread's and any other's), tell `on_uncaught`
    (the GUI's dialog), then hand it on to the hook that was there before. Calling again only
    replaces `on_uncaught`."""
    global _on_uncaught
    _on_uncaught = on_uncaught
    if not getattr(sys.excepthook, "ducha", False):
        sys.excepthook = _main_hook(sys.excepthook)
    if not getattr(threading.excepthook, "ducha", False):
        threading.excepthook = _thread_hook(threading.excepthook)


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def _main_hook(previous: Hook) -> Hook:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal is no crash
            _record("uncaught exception", (kind, error, tb))
        previous(kind, error, tb)

    hook.ducha = True  # type: ignore[attr-defined]
    return hook


def _thread_hook(
    previous: Callable[[threading.ExceptHookArgs], object],
) -> Callable[[threading.ExceptHookArgs], None]:
    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            exc_info = (args.exc_type, args.exc_value, args.exc_traceback)
            _record(f"uncaught exception in thread {name}", exc_info)
        previous(args)

    hook.ducha = True  # type: ignore[attr-defined]
    return hook


def _record(
    what: str, exc_info: tuple[type[BaseException], BaseException, TracebackType | None]
) -> None:
    with contextlib.suppress(Exception):  # a hook never raises: the previous one still reports
        log.critical(what, exc_info=exc_info)
        if _on_uncaught is not None:
            _on_uncaught()
