"""Nothing a test started may still run after it (napari's conftest does the same): no Python
thread, no job of the app's runner, no QThread, no thread-pool task, no active QTimer, no
pending single-shot timer. A leftover fails the test that left it, naming where it was started;
it is then stopped, so that it cannot disturb the next test.

Import `no_leftovers` into a conftest to use it (it is autouse). It must not request qtbot: set
up before qtbot, it is torn down after qtbot has closed the test's widgets.
"""

from __future__ import annotations

import threading
import traceback
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QThreadPool, QTimer

from app.jobs import job_runner, running_jobs

STOP_SECONDS = 10.0  # how long a leftover job is given to stop after cancel


def _where() -> str:
    """The test's line that started it (the last frame outside Qt glue and this file)."""
    frames = [f for f in traceback.extract_stack()[:-2] if "leftovers.py" not in f.filename]
    ours = [f for f in frames if "/tests/" in f.filename or "/app/" in f.filename]
    frame = (ours or frames)[-1]
    return f"{frame.filename}:{frame.lineno} ({frame.name})"


class _Tracker:
    """Timers, QThreads and thread pools started during one test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.timers: weakref.WeakKeyDictionary[QTimer, str] = weakref.WeakKeyDictionary()
        self.qthreads: weakref.WeakKeyDictionary[QThread, str] = weakref.WeakKeyDictionary()
        self.pools: weakref.WeakKeyDictionary[QThreadPool, str] = weakref.WeakKeyDictionary()
        self.shots: dict[int, tuple[QObject | None, str]] = {}  # pending single shots
        self._shot_ids = iter(range(1 << 62))
        tracker = self

        timer_start = QTimer.start

        def start_timer(timer: QTimer, *args: Any) -> None:
            tracker.timers[timer] = _where()
            timer_start(timer, *args)

        single_shot = QTimer.singleShot

        def start_single_shot(msec: int, *args: Any) -> None:
            *before, slot = args
            if not callable(slot) or isinstance(slot, QObject):  # (receiver, "member") forms
                single_shot(msec, *args)
                return
            context = before[0] if before and isinstance(before[0], QObject) else None
            if context is None:
                owner = getattr(slot, "__self__", None)
                context = owner if isinstance(owner, QObject) else None
            key = next(tracker._shot_ids)
            tracker.shots[key] = (context, _where())

            def fire() -> None:
                tracker.shots.pop(key, None)
                slot()

            if context is not None:  # never fires once the context is deleted, as Qt does
                single_shot(msec, context, fire)
            else:
                single_shot(msec, fire)

        qthread_start = QThread.start

        def start_qthread(thread: QThread, *args: Any) -> None:
            tracker.qthreads[thread] = _where()
            qthread_start(thread, *args)

        pool_init = QThreadPool.__init__

        def init_pool(pool: QThreadPool, *args: Any, **kwargs: Any) -> None:
            pool_init(pool, *args, **kwargs)
            tracker.pools[pool] = _where()

        monkeypatch.setattr(QTimer, "start", start_timer)
        monkeypatch.setattr(QTimer, "singleShot", staticmethod(start_single_shot))
        monkeypatch.setattr(QThread, "start", start_qthread)
        monkeypatch.setattr(QThreadPool, "__init__", init_pool)

    @staticmethod
    def _alive(obj: QObject, check: Callable[[], bool]) -> bool:
        return shiboken6.isValid(obj) and check()

    def leftovers(self) -> list[str]:
        found = []
        for timer, where in list(self.timers.items()):
            if self._alive(timer, timer.isActive):
                found.append(f"an active QTimer ({timer.objectName() or 'unnamed'}) from {where}")
                timer.stop()
        for context, where in self.shots.values():
            if context is None or shiboken6.isValid(context):
                found.append(f"a single-shot timer not yet fired, from {where}")
        self.shots.clear()
        for thread, where in list(self.qthreads.items()):
            if self._alive(thread, thread.isRunning):
                found.append(f"a running QThread from {where}")
        for pool, where in list(self.pools.items()):
            if shiboken6.isValid(pool) and pool.activeThreadCount() > 0:
                found.append(f"a QThreadPool with tasks running, from {where}")
                pool.clear()
                pool.waitForDone()
        return found


@pytest.fixture(autouse=True)
def no_leftovers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    threads_before = set(threading.enumerate())
    tracker = _Tracker(monkeypatch)
    yield
    app = QCoreApplication.instance()
    if app is not None:  # what finished just now is delivered; what was deleted is gone
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found = [f"job {job.name} still running (owner {job.owner!r})" for job in running_jobs()]
    if found:
        job_runner().stop_all(STOP_SECONDS)
    found += tracker.leftovers()
    if app is not None and QThreadPool.globalInstance().activeThreadCount() > 0:
        found.append("tasks still running on QThreadPool.globalInstance()")
        QThreadPool.globalInstance().waitForDone()
    for thread in threading.enumerate():
        if thread in threads_before or isinstance(thread, threading._DummyThread):
            continue  # a _DummyThread is a foreign (Qt) thread: checked above
        if thread.is_alive():
            found.append(f"Python thread {thread.name!r} (daemon={thread.daemon}) still alive")
    if found:
        pytest.fail("The test left work running:\n  " + "\n  ".join(found), pytrace=False)
