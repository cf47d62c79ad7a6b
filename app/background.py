"""Work that reads or writes much (an assessment, an export) on its own thread with its own store
connection, so the window never waits; the outcome comes back as a queued signal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from local_db.store import Store

log = logging.getLogger(__name__)


class ThreadJob(QObject):
    """A worker thread owned by a window: start, cancel (the work checks `cancel_event`), wait on
    close so no thread outlives its window. Subclasses write `_run`."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> ThreadJob:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Join the worker; True when it has ended."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        raise NotImplementedError


class BackgroundJob(ThreadJob):
    done = Signal(object)  # what `work` returned
    failed = Signal(str)  # why it stopped, in words

    def __init__(
        self, data_dir: Path, work: Callable[[Store], Any], parent: QObject | None = None
    ) -> None:
        super().__init__("background", parent)
        self.data_dir = data_dir
        self.work = work

    def _run(self) -> None:
        try:
            store = Store.open(self.data_dir)
        except Exception as error:
            self._emit(self.failed, str(error))
            return
        try:
            result = self.work(store)
        except Exception as error:  # the user learns why; the log keeps the trace
            log.exception("background work failed")
            self._emit(self.failed, str(error) or type(error).__name__)
            return
        finally:
            store.close()
        self._emit(self.done, result)

    def _emit(self, signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window that asked has gone; the outcome is only logged
            log.info("background work finished after its window closed: %r", value)
