"""One file's work (the import's check and copy) on a daemon thread of its own, which the import
can abandon instead of joining.

A thread stuck in a read (a FIFO, a stalled network share, a card reader that stops answering)
cannot be stopped, and joining it hangs whoever joins. So the import never joins a worker it gave
up on (cancel, or a file that gave nothing in time): it abandons it, and the worker cleans up
after itself when it comes back — whatever it made is discarded, and it reports nothing. Workers
never touch the database; only the import's own thread does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class FileWorker(Generic[T]):
    """`work(abandoned)` for `path`; `abandoned()` is both the worker's heartbeat (asked between
    steps and chunks) and its stop sign. `discard(result)` undoes a result nobody will use.
    Errors of the `expected` kinds are the file's own (refusals): not logged when abandoned."""

    def __init__(
        self,
        path: Path,
        work: Callable[[Callable[[], bool]], T],
        *,
        discard: Callable[[T], None],
        expected: tuple[type[BaseException], ...] = (),
        wake: threading.Event | None = None,
    ) -> None:
        self.path = path
        self._work = work
        self._discard = discard
        self._expected = expected
        self._wake = wake  # set when it finishes: the import starts the next file at once
        self._lock = threading.Lock()
        self._abandoned = False
        self.finished = threading.Event()
        self.started = False
        self.alive_at = 0.0  # when the worker last showed progress (time.monotonic)
        self.result: T | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(
            target=self._run, name=f"photo-import-{path.name}", daemon=True
        )

    def start(self) -> None:
        self.started = True
        self.alive_at = time.monotonic()
        self.thread.start()

    def abandoned(self) -> bool:
        """Asked by the worker between steps and chunks: a heartbeat and the stop sign."""
        self.alive_at = time.monotonic()
        return self._abandoned

    def abandon(self) -> None:
        """Stop waiting for it: a result already there is discarded now, a later one by the
        worker itself."""
        with self._lock:
            self._abandoned = True
            if self.result is not None:
                self._discard(self.result)
                self.result = None

    def _run(self) -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            result = self._work(self.abandoned)
        except BaseException as raised:
            error = raised
        with self._lock:
            if self._abandoned:  # nobody waits for it any more: leave nothing behind
                if result is not None:
                    self._discard(result)
                if error is not None and not isinstance(error, self._expected):
                    log.warning("check of %s failed (not imported)", self.path, exc_info=error)
            else:
                self.result, self.error = result, error
            self.finished.set()
        if self._wake is not None:
            self._wake.set()
