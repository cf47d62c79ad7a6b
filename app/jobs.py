"""One way to run work off the GUI thread (the pattern of anki's taskman/progress, vorta's jobs).

- A `Job` wraps `work(task)`, a function run on a worker thread of its own. It polls
  `task.cancel_event` (or calls `task.check()`), reports with `task.progress(value)`, and finds its
  own Store connection in `task.store` when the job was given a data folder (SQLite connections
  belong to one thread).
- Everything comes back on the GUI thread by queued signals: `progress(value)`, then `done(result)`
  or `failed(text)`, then `ended()`, always, exactly once. The work may raise: the job logs the
  traceback and says why in the user's language (`describe(error)`); no error is swallowed.
- The app's `JobRunner` (`job_runner()`) starts jobs and keeps them until they have ended: at most
  a few at once in a lane (thumbnails, the viewer's decodes, downloads), the rest queued by
  priority. A window stops its jobs when it closes (`stop_jobs(self)`): queued ones are dropped,
  running ones are cancelled and waited for, and nothing but `ended` reaches the window again.
  No worker thread outlives its window; tests ask `running_jobs()` whether anything still runs.
- `JobProgress` (app/widgets/job_progress.py): a small window that appears only once a job has
  lasted 600 ms, so quick work never flashes a window; with Cancel when the job can be cancelled.
"""

from __future__ import annotations

import errno
import heapq
import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from local_db.store import Store, is_busy

log = logging.getLogger(__name__)

# Lanes: how many jobs of a kind run at once (the rest wait their turn, by priority, lowest
# first). A lane not named here has no limit: each such job starts at once on its own thread.
WORK = "work"
THUMBNAILS = "thumbnails"  # the strips' thumbnails, decoded or made again
PHOTOS = "photos"  # the viewer's decodes: the photo shown and the next
DOWNLOADS = "downloads"  # originals and thumbnails from the server
LANES = {THUMBNAILS: 2, PHOTOS: 2, DOWNLOADS: 2}

Work = Callable[["Task"], Any]
Describe = Callable[[BaseException], str]


class JobCancelled(Exception):
    """Raised by work that stops because it was asked to (see Task.check)."""


class Task:
    """What the work sees on its thread: plain values, never the window that asked."""

    def __init__(
        self, cancel_event: threading.Event, report: Callable[[object], None], store: Store | None
    ) -> None:
        self.cancel_event = cancel_event
        self._report = report
        self._store = store

    @property
    def store(self) -> Store:
        """This job's own connection (only for a job given a data folder)."""
        if self._store is None:
            raise RuntimeError("this job was not given a data folder")
        return self._store

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        """Stop here (raise JobCancelled) when the job was cancelled."""
        if self.cancel_event.is_set():
            raise JobCancelled()

    def progress(self, value: object) -> None:
        """Report how far the work is; `Job.progress(value)` follows on the GUI thread."""
        self._report(value)


def describe_error(error: BaseException) -> str:
    """Why work stopped, in the user's language (the technical detail is in the log)."""
    if isinstance(error, JobCancelled):
        return QCoreApplication.translate("jobs", "Cancelled.")
    if is_busy(error):  # SQLite's "database is locked": another writer held the store
        return QCoreApplication.translate(
            "jobs", "The data is busy with other work: try again in a moment."
        )
    if isinstance(error, OSError):
        name = Path(str(error.filename)).name if error.filename else ""
        if error.errno == errno.ENOSPC:
            return QCoreApplication.translate("jobs", "The disk is full.")
        if isinstance(error, PermissionError):
            return QCoreApplication.translate(
                "jobs", "Not allowed to read or write the file {name}."
            ).format(name=name)
        if isinstance(error, FileNotFoundError):
            return QCoreApplication.translate("jobs", "The file {name} was not found.").format(
                name=name
            )
        return QCoreApplication.translate(
            "jobs", "The file {name} could not be read or written."
        ).format(name=name)
    return QCoreApplication.translate(
        "jobs", "Something went wrong; the details are in the log file."
    )


# -- the job ---------------------------------------------------------------------------------------
_NEW, _QUEUED, _RUNNING, _OVER = "new", "queued", "running", "over"


class Job(QObject):
    """Work on a worker thread; see the module docstring.

    `owner` is the window or widget the job works for (stop_jobs(owner) stops it). The job is not
    its Qt child: a window that goes first cannot delete the job under its running thread.
    Connect to its signals before start(): progress may be sent as soon as the thread runs.
    """

    progress = Signal(object)  # what the work reported (sent by its thread: queued to the GUI)
    done = Signal(object)  # what the work returned
    failed = Signal(str)  # why it stopped, in the user's words
    ended = Signal()  # after done or failed, or when its owner stopped it: always, once

    _finished = Signal(object, object)  # worker → GUI thread: result, error (None: returned)

    def __init__(
        self,
        work: Work,
        *,
        name: str = "job",
        owner: QObject | None = None,
        data_dir: Path | None = None,
        describe: Describe | None = None,
        cancellable: bool = False,
        lane: str = WORK,
        priority: int = 0,
    ) -> None:
        super().__init__()
        self.work = work
        self.name = name
        self.owner = owner
        self.data_dir = data_dir
        self.describe = describe or describe_error
        self.cancellable = cancellable
        self.lane = lane
        self.priority = priority
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._state = _NEW
        self._runner: JobRunner | None = None
        self._detached = False  # nothing but `ended` is delivered any more
        self._ended = False
        self._thread: threading.Thread | None = None
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    # -- for the GUI thread --------------------------------------------------------------------
    def start(self) -> Job:
        """Hand the job to the app's runner (it starts now, or when its lane has room)."""
        return job_runner().start(self)

    def cancel(self) -> None:
        """Ask the work to stop; it does so at its next check. The outcome still comes."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def running(self) -> bool:
        """Queued or under way: its outcome has not been delivered yet."""
        return self._state in (_QUEUED, _RUNNING)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the worker thread (a window closing); True when it has ended. The outcome
        is still delivered afterwards, by the event loop."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return self._state == _OVER

    # -- the runner's side ---------------------------------------------------------------------
    def _launch(self) -> None:
        self._state = _RUNNING
        self._thread = threading.Thread(target=self._run, name=f"job {self.name}")
        self._thread.start()

    def _detach(self) -> None:
        """Its owner is gone or closing: deliver nothing more than `ended`, now."""
        self._detached = True
        self._end()

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self.ended.emit()

    # -- the worker thread ---------------------------------------------------------------------
    def _run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        store: Store | None = None
        try:
            if self.data_dir is not None:
                store = Store.open(self.data_dir)  # this thread's own connection
            result = self.work(Task(self.cancel_event, self._report, store))
        except BaseException as caught:  # said to the user in words, the trace kept in the log
            error = caught
            if self.cancel_event.is_set():
                log.info("job %s stopped after it was cancelled", self.name, exc_info=True)
            else:
                log.exception("job %s failed", self.name)
        finally:
            if store is not None:
                try:
                    store.close()
                except Exception as caught:
                    log.exception("job %s: closing its store failed", self.name)
                    error = error or caught
        self._finished.emit(result, error)

    def _report(self, value: object) -> None:
        if not self._detached:  # receivers in the GUI thread get it queued, in order
            self.progress.emit(value)

    # -- back on the GUI thread ----------------------------------------------------------------
    @Slot(object, object)
    def _on_finished(self, result: Any, error: BaseException | None) -> None:
        if self._thread is not None:
            self._thread.join()  # its last act was to send this: it ends at once
        self.result, self.error = result, error
        if self._state != _OVER:
            self._state = _OVER
            if self._runner is not None:
                self._runner._finished(self)
        if self._detached:
            return
        if error is None:
            self.done.emit(result)
        else:
            self.failed.emit(self._words(error))
        self._end()

    def _words(self, error: BaseException) -> str:
        try:
            return self.describe(error)
        except Exception:
            log.exception("job %s: describing its error failed", self.name)
            return describe_error(error)


# -- the runner ------------------------------------------------------------------------------------
def _inside(obj: QObject | None, owner: QObject) -> bool:
    """Is `obj` the owner, or a child (grandchild…) of it?"""
    while obj is not None and shiboken6.isValid(obj):
        if obj is owner:
            return True
        obj = obj.parent()
    return False


class JobRunner(QObject):
    """Starts jobs and keeps every one until it has ended; see the module docstring."""

    # A job that ended is let go by the event loop, not inside its own slot (where dropping the
    # last reference would delete the QObject Qt is still delivering to).
    _let_go = Signal(object)

    def __init__(self, lanes: dict[str, int] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limits = dict(LANES if lanes is None else lanes)
        self._jobs: list[Job] = []  # queued or running, in the order given
        self._running: dict[str, set[Job]] = {}
        self._queued: dict[str, list[tuple[int, int, Job]]] = {}
        self._order = itertools.count()
        self._watched: dict[int, weakref.ref[QObject]] = {}  # owners: `destroyed` connected
        self._let_go.connect(self._forget, Qt.ConnectionType.QueuedConnection)

    def start(self, job: Job) -> Job:
        if job._state != _NEW:
            raise RuntimeError(f"job {job.name} was started already")
        job._runner = self
        self._jobs.append(job)
        self._watch(job.owner)
        limit = self.limits.get(job.lane)
        if limit is None or len(self._running.get(job.lane, ())) < limit:
            self._launch(job)
        else:
            job._state = _QUEUED
            entry = (job.priority, next(self._order), job)
            heapq.heappush(self._queued.setdefault(job.lane, []), entry)
        return job

    def jobs(self, owner: QObject | None = None) -> list[Job]:
        """Jobs queued or running (of `owner` and what is inside it, when given)."""
        return [j for j in self._jobs if owner is None or _inside(j.owner, owner)]

    def busy(self) -> bool:
        return bool(self._jobs)

    def cancel(self, owner: QObject) -> None:
        """Ask the owner's jobs to stop, without waiting; queued ones never start."""
        for job in self.jobs(owner):
            job.cancel()
            if job._state == _QUEUED:
                self._drop(job)

    def stop(self, owner: QObject) -> None:
        """A window closes: its jobs (and those of what is inside it) are cancelled, queued ones
        dropped, running ones waited for (cancelled work stops at its next check); nothing but
        `ended` reaches the window from them any more."""
        self._stop(self.jobs(owner), None)

    def stop_all(self, timeout: float | None = None) -> list[Job]:
        """Stop every job (the app quits; a test ended); returns those still running after
        `timeout` seconds each."""
        return self._stop(list(self._jobs), timeout)

    def _stop(self, jobs: list[Job], timeout: float | None) -> list[Job]:
        for job in jobs:
            job.cancel()
        for job in jobs:  # first, so that no queued one starts when a running one ends
            if job._state == _QUEUED:
                self._drop(job)
        stuck = []
        for job in jobs:
            if job._state != _RUNNING:
                job._detach()
            elif job.wait(timeout):
                job._state = _OVER
                self._finished(job)
                job._detach()
            else:
                stuck.append(job)
                job._detach()
        return stuck

    def _launch(self, job: Job) -> None:
        self._running.setdefault(job.lane, set()).add(job)
        job._launch()

    def _drop(self, job: Job) -> None:
        queue = self._queued.get(job.lane, [])
        queue[:] = [entry for entry in queue if entry[2] is not job]
        heapq.heapify(queue)
        job._state = _OVER
        self._jobs.remove(job)
        job._detach()

    def _finished(self, job: Job) -> None:
        """The job's thread has ended: its lane has room for the next."""
        if job in self._jobs:
            self._jobs.remove(job)
            self._let_go.emit(job)
        self._running.get(job.lane, set()).discard(job)
        limit = self.limits.get(job.lane)
        queue = self._queued.get(job.lane, [])
        while queue and (limit is None or len(self._running.get(job.lane, ())) < limit):
            _, _, following = heapq.heappop(queue)
            self._launch(following)

    @Slot(object)
    def _forget(self, _job: Job) -> None:
        """The last reference the runner held goes with this call's event."""

    def _watch(self, owner: QObject | None) -> None:
        if owner is None:
            return
        key = id(owner)
        known = self._watched.get(key)
        if known is not None and known() is owner:
            return
        self._watched[key] = weakref.ref(owner)
        owner.destroyed.connect(lambda *_: self._owner_gone(key))

    def _owner_gone(self, key: int) -> None:
        """An owner was deleted without stopping its jobs: they are cancelled and deliver
        nothing more (their threads end at their next check; the runner still counts them)."""
        self._watched.pop(key, None)
        for job in list(self._jobs):
            if id(job.owner) == key:
                job.cancel()
                if job._state == _QUEUED:
                    self._drop(job)
                else:
                    job._detach()


_runner: JobRunner | None = None


def job_runner() -> JobRunner:
    """The app's runner (made with the application; stops every job when it quits)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        app = QCoreApplication.instance()
        _runner = JobRunner(parent=app)
        if app is not None:
            app.aboutToQuit.connect(_runner.stop_all)
    return _runner


def stop_jobs(owner: QObject) -> None:
    """For a closing window: see JobRunner.stop."""
    if _runner is not None and shiboken6.isValid(_runner):
        _runner.stop(owner)


def running_jobs() -> list[Job]:
    """Every job queued or running (tests ask this after each test)."""
    if _runner is None or not shiboken6.isValid(_runner):
        return []
    return _runner.jobs()
