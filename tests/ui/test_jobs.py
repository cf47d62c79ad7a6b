"""The one way to run work off the GUI thread (app/jobs.py): the outcome on the GUI thread, an
error in words with its trace in the log, cancel, a closing window's jobs stopped, lanes, and
the progress window that shows only for work that lasts."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.i18n import install_translator
from app.jobs import (
    THUMBNAILS,
    Job,
    JobCancelled,
    Task,
    job_runner,
    running_jobs,
    stop_jobs,
)
from app.widgets.job_progress import JobProgress
from local_db.store import Store

MAIN = threading.get_ident()


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    install_translator(qapp, "en")
    yield


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """What a test's work waits on; opened at the end whatever happened."""
    event = threading.Event()
    yield event
    event.set()


def test_the_result_and_progress_arrive_on_the_gui_thread(qtbot) -> None:
    seen: list[tuple[str, object, int]] = []

    def work(task: Task) -> int:
        task.progress("half")
        return threading.get_ident()

    job = Job(work, name="ident")
    job.progress.connect(lambda value: seen.append(("progress", value, threading.get_ident())))
    job.done.connect(lambda value: seen.append(("done", value, threading.get_ident())))
    job.ended.connect(lambda: seen.append(("ended", None, threading.get_ident())))
    with qtbot.waitSignal(job.ended):
        job.start()

    worker = seen[1][1]
    assert worker != MAIN
    assert seen == [("progress", "half", MAIN), ("done", worker, MAIN), ("ended", None, MAIN)]
    assert job.result == worker and job.error is None
    assert not job.running() and running_jobs() == []


def test_a_job_with_a_data_folder_has_its_own_store_connection(qtbot, tmp_path) -> None:
    Store.open(tmp_path).close()

    def work(task: Task) -> str:
        return task.store.device_id

    job = Job(work, name="store", data_dir=tmp_path)
    with qtbot.waitSignal(job.done) as done:
        job.start()
    store = Store.open(tmp_path)
    try:
        assert done.args == [store.device_id]
    finally:
        store.close()


def test_an_error_reaches_the_user_in_words_and_its_trace_the_log(qtbot, caplog) -> None:
    def work(_task: Task) -> None:
        raise ValueError("row 17: constraint ck_photo_sha256 violated")

    job = Job(work, name="broken")
    done: list[object] = []
    job.done.connect(done.append)
    with caplog.at_level(logging.INFO, logger="app.jobs"), qtbot.waitSignal(job.failed) as failed:
        job.start()

    assert failed.args == ["Something went wrong; the details are in the log file."]
    assert done == []
    assert isinstance(job.error, ValueError)
    [record] = [r for r in caplog.records if r.name == "app.jobs"]
    assert record.levelno == logging.ERROR and "broken" in record.getMessage()
    assert record.exc_info is not None and "ck_photo_sha256" in str(record.exc_info[1])


def test_the_words_are_in_the_users_language(qtbot, qapp) -> None:
    install_translator(qapp, "zh_CN")

    def work(_task: Task) -> None:
        raise PermissionError(13, "Permission denied", "/media/u盘/通报.pdf")

    job = Job(work, name="denied")
    with qtbot.waitSignal(job.failed) as failed:
        job.start()
    assert failed.args[0] == "没有权限读写文件 通报.pdf。"


def test_a_job_describes_its_own_errors(qtbot) -> None:
    job = Job(lambda _task: 1 / 0, name="divide", describe=lambda error: f"no: {type(error)}")
    with qtbot.waitSignal(job.failed) as failed:
        job.start()
    assert failed.args == ["no: <class 'ZeroDivisionError'>"]


def test_cancel_is_polled_by_the_work_and_is_not_an_error_in_the_log(
    qtbot, caplog, gate: threading.Event
) -> None:
    started = threading.Event()

    def work(task: Task) -> None:
        started.set()
        while not task.cancel_event.wait(0.01):
            pass
        task.check()

    job = Job(work, name="long", cancellable=True)
    with caplog.at_level(logging.INFO, logger="app.jobs"):
        job.start()
        assert started.wait(10)
        assert job.running()
        with qtbot.waitSignal(job.failed) as failed:
            job.cancel()
    assert failed.args == ["Cancelled."]
    assert isinstance(job.error, JobCancelled) and job.cancelled
    assert [r.levelno for r in caplog.records if r.name == "app.jobs"] == [logging.INFO]


def test_a_closing_window_stops_its_jobs_and_hears_nothing_more(
    qtbot, gate: threading.Event
) -> None:
    window = QDialog()
    qtbot.addWidget(window)
    inner = QWidget(window)
    started = threading.Event()
    threads: list[threading.Thread] = []

    def work(task: Task) -> str:
        threads.append(threading.current_thread())
        started.set()
        task.cancel_event.wait(10)  # stops when cancelled
        return "late"

    heard: list[str] = []
    job = Job(work, name="owned", owner=inner)
    job.done.connect(heard.append)
    job.failed.connect(heard.append)
    job.ended.connect(lambda: heard.append("ended"))
    job.start()
    assert started.wait(10)

    stop_jobs(window)  # what the window's closeEvent/done calls

    assert not threads[0].is_alive()  # waited for: no thread outlives its window
    assert job.cancelled and not job.running()
    assert heard == ["ended"]
    assert running_jobs() == []
    qtbot.wait(0)  # the outcome the thread sent arrives, and is not delivered
    assert heard == ["ended"]


def test_a_deleted_owner_is_told_nothing(qtbot, gate: threading.Event) -> None:
    owner = QObject()
    started = threading.Event()

    def work(_task: Task) -> str:
        started.set()
        gate.wait(10)
        return "late"

    heard: list[object] = []
    job = Job(work, name="orphan", owner=owner)
    job.done.connect(heard.append)
    job.start()
    assert started.wait(10)
    with qtbot.waitSignal(job.ended):
        shiboken6.delete(owner)
    assert job.cancelled
    gate.set()
    qtbot.waitUntil(lambda: running_jobs() == [])
    assert heard == []


def test_a_lane_runs_two_at_a_time_the_rest_by_priority(qtbot, gate: threading.Event) -> None:
    assert job_runner().limits[THUMBNAILS] == 2
    order: list[str] = []
    lock = threading.Lock()

    def waits(name: str):
        def work(_task: Task) -> str:
            with lock:
                order.append(name)
            gate.wait(10)
            return name

        return work

    jobs = [
        Job(waits(name), name=name, lane=THUMBNAILS, priority=priority)
        for name, priority in [("a", 1), ("b", 1), ("late", 1), ("urgent", 0)]
    ]
    for job in jobs:
        job.start()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert sorted(order) == ["a", "b"]  # the other two wait for room
    assert all(job.running() for job in jobs)
    with qtbot.waitSignals([job.done for job in jobs]):
        gate.set()
    assert order[2:] == ["urgent", "late"]


def test_the_progress_window_appears_only_after_its_delay(qtbot, gate: threading.Event) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    job = Job(lambda task: gate.wait(10), name="slow", cancellable=True)
    clock = QElapsedTimer()
    clock.start()
    job.start()
    progress = JobProgress(job, "Writing the bulletin…", parent, delay_ms=200)
    assert not progress.isVisible()
    qtbot.waitUntil(progress.isVisible)
    assert clock.elapsed() >= 199  # not before its delay (timers count whole milliseconds)
    assert progress.label.text() == "Writing the bulletin…"
    assert progress.cancel_button.isVisible()

    with qtbot.waitSignal(job.ended):
        gate.set()
    assert not progress.isVisible()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(progress)


def test_quick_work_never_shows_the_progress_window(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    job = Job(lambda _task: "quick", name="quick")
    job.start()
    progress = JobProgress(job, "Computing…", parent, delay_ms=10_000)
    timer = progress._timer
    assert timer.isActive()
    with qtbot.waitSignal(job.ended):
        pass
    assert not progress.isVisible()
    assert not timer.isActive()  # stopped when the job ended: it can never show the window
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(progress)


def test_cancel_in_the_progress_window_cancels_the_job(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(task: Task) -> None:
        task.cancel_event.wait(10)
        task.check()

    job = Job(work, name="cancellable", cancellable=True)
    job.start()
    progress = JobProgress(job, "Fetching originals…", parent, delay_ms=0)
    qtbot.waitUntil(progress.isVisible)
    with qtbot.waitSignal(job.failed) as failed:
        progress.cancel_button.click()
    assert failed.args == ["Cancelled."]
    assert not progress.isVisible()


def test_work_that_cannot_be_cancelled_offers_no_cancel(qtbot, gate: threading.Event) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    job = Job(lambda _task: gate.wait(10), name="fixed")
    job.start()
    progress = JobProgress(job, "Computing…", parent, delay_ms=0)
    qtbot.waitUntil(progress.isVisible)
    assert not progress.cancel_button.isVisible()
    progress.reject()  # Esc: the work goes on, the window stays
    assert progress.isVisible() and not job.cancelled
    with qtbot.waitSignal(job.ended):
        gate.set()
