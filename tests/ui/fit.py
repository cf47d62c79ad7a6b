"""The fit harness: every main window and dialog opened on one screen, with realistic content,
and every enabled button and progress bar checked to lie on the screen, unclipped.

The offscreen platform has one screen per process, so this runs as its own process per screen:

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=1.5] \
        python -m tests.ui.fit DATA_DIR OUT.json [--shots DIR] [--only CASE,CASE]

DATA_DIR is a store filled with the demo (app/demo, a copy: cases write to it). OUT.json gets
{case: {"geometry": [x, y, w, h], "problems": [text, ...], "error": text?}}. tests/ui/test_fit.py
runs it at every screen the office buys and fails on any problem.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QPoint, QRect, QSettings
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialogButtonBox,
    QProgressBar,
    QWidget,
)

SCREENS: dict[str, dict[str, Any]] = {
    # name: the screen in pixels, and QT_SCALE_FACTOR (logical = pixels / scale)
    "1366x728": {"width": 1366, "height": 728, "scale": None},
    "1280x680": {"width": 1280, "height": 680, "scale": None},
    "1093x574": {"width": 1093, "height": 574, "scale": None},
    "1920x1020@150%": {"width": 1920, "height": 1020, "scale": 1.5},
}


# The harness's font: a CJK face at 10 pt, as wide as and a little taller than Windows' own
# 9 pt Microsoft YaHei UI, so a window that passes here has some room on an office laptop.
FONT = ("WenQuanYi Micro Hei", 10)

# What a window manager adds above a window (the offscreen platform adds nothing), logical px.
TITLE_BAR = 30

# Every window checked, as the results name them (a case that opens nothing fails the test).
CHECKED = [
    "main-0", "main-1", "main-2", "main-3", "main-syncing", "main-maximised", "job-progress",
    "overdue", "new-inspection", "issue-notice",
    "photo-viewer", "evidence-browser", "acknowledge", "follow-up-rectified",
    "follow-up-extension_granted", "org-settings", "settings", "login", "office-conflicts",
    "sync-conflicts", "sync-rejections", "sync-set-aside", "return", "editor",
    "main-4", "visit-plans", "road-chiefs",
    "main-quarter", "cases",
    "unit-event-extension_requested", "unit-event-disputed", "unit-event-dispute_refused",
    "unit-event-transferred", "org-settings-composite", "import-scores",
    "admin-0", "admin-1", "admin-2", "admin-3", "admin-4",
    "updates", "bundle-answer",
]  # fmt: skip


def screen_config(name: str) -> dict[str, Any]:
    """The offscreen platform's configfile for screen `name`."""
    size = SCREENS[name]
    screen = {"name": "s", "x": 0, "y": 0, "logicalDpi": 96, "dpr": 1}
    screen.update(width=size["width"], height=size["height"])
    return {"screens": [screen]}


# -- waiting and checking ----------------------------------------------------------------------
def wait_until(condition: Callable[[], object], timeout_ms: int = 15_000) -> None:
    """Process events until `condition()` holds (no sleeping: each round waits for an event)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_ms} ms for {condition}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def settle() -> None:
    """Let layouts, deferred resizes and posted events run."""
    for _ in range(5):
        QApplication.processEvents()


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text() or widget.toolTip() or widget.objectName()
    elif isinstance(widget, QProgressBar):
        text = "progress bar"
    else:
        text = widget.objectName() or widget.windowTitle()
    return f"{type(widget).__name__} «{text.replace('&', '')}»"


def _scroll_viewport(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose viewport `widget` is, if any."""
    area = widget.parentWidget()
    if isinstance(area, QAbstractScrollArea) and area.viewport() is widget:
        return area
    return None


def _in_button_box(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QDialogButtonBox):
            return True
        parent = parent.parentWidget()
    return False


def fit_problems(window: QWidget) -> list[str]:
    """What does not fit in `window`: the window off the screen's available geometry; an
    enabled visible button or a visible progress bar off the screen, clipped by an ancestor or
    squeezed below its own minimum. Inside a scroll area a widget only has to be reachable by
    scrolling, except a dialog's buttons (a QDialogButtonBox), which must be in view."""
    screen = window.screen().availableGeometry()
    found: list[str] = []
    frame = window.frameGeometry()
    inner = window.geometry()
    if inner.top() - frame.top() < TITLE_BAR and not window.isMaximized():
        # offscreen draws no title bar: allow for one (a maximised window has its inside)
        frame.setTop(inner.top() - TITLE_BAR)
    if not screen.contains(frame):
        found.append(
            f"the window with its title bar {_rect(frame)} is larger than or off the screen "
            f"{_rect(screen)}"
        )
    widgets = [w for w in window.findChildren(QWidget) if w.window() is window]
    for widget in widgets:
        if not isinstance(widget, (QAbstractButton, QProgressBar)) or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) and not widget.isEnabled():
            continue
        name = describe(widget)
        if widget.width() <= 0 or widget.height() <= 0:
            found.append(f"{name} has no size")
            continue
        strict = _in_button_box(widget)
        # Scrolled out of its scroll area's view is fine (reachable): then the area must show.
        seen = _outermost_scroll_viewport(widget) if not strict else None
        where = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        if seen is not None:
            where = QRect(seen.mapToGlobal(QPoint(0, 0)), seen.size())
        if not screen.contains(where):
            found.append(f"{name} at {_rect(where)} is off the screen {_rect(screen)}")
            continue
        hint = widget.minimumSizeHint()
        if isinstance(widget, QAbstractButton) and widget.width() + 2 < hint.width():
            found.append(f"{name} is squeezed to {widget.width()} px (needs {hint.width()})")
        shown: QWidget = widget  # what must be in view: the widget, or the scroll area it is in
        ancestor = widget.parentWidget()
        while ancestor is not None and not shown.isWindow():
            area = _scroll_viewport(ancestor)
            if area is not None and not strict:  # reachable by scrolling: the area must show
                shown, ancestor = area, area.parentWidget()
                continue
            inside = QRect(shown.mapTo(ancestor, QPoint(0, 0)), shown.size())
            if not ancestor.rect().contains(inside):
                found.append(f"{name} is clipped by {describe(ancestor)}")
                break
            if ancestor.isWindow():
                break
            ancestor = ancestor.parentWidget()
    return found


def _outermost_scroll_viewport(widget: QWidget) -> QWidget | None:
    """The outermost scroll area's viewport `widget` lies in (within its window), if any."""
    found = None
    ancestor = widget.parentWidget()
    while ancestor is not None and not ancestor.isWindow():
        area = _scroll_viewport(ancestor)
        if area is not None:
            found = area
        ancestor = ancestor.parentWidget()
    return found


def _rect(rect: QRect) -> str:
    return f"{rect.width()}×{rect.height()}+{rect.x()}+{rect.y()}"


# -- the cases ---------------------------------------------------------------------------------
class Run:
    """The app on the demo store, and what the cases share."""

    def __init__(
        self, app: QApplication, data_dir: Path, shots: Path | None, language: str = "zh_CN"
    ) -> None:
        from app.shell.startup import open_main_window

        self.app = app
        self.data_dir = data_dir
        self.shots = shots
        self.window = open_main_window(app, data_dir, language)
        self.window.show()
        wait_until(self.window.isVisible)
        self.store = self.window.context.store
        self.context = self.window.context
        self.results: dict[str, dict[str, Any]] = {}

    def check(self, case: str, widget: QWidget) -> None:
        wait_until(widget.isVisible)
        settle()
        geometry = widget.frameGeometry()
        title = widget.windowTitle()
        if widget is self.window:
            title += " — " + self.window.tabs.tabText(self.window.tabs.currentIndex())
        self.results[case] = {
            "title": title,
            "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            "problems": fit_problems(widget),
        }
        if self.shots is not None:
            widget.grab().save(str(self.shots / f"{case}.png"))
            self.screen_shot(widget).save(str(self.shots / f"{case}-screen.png"))

    def screen_shot(self, widget: QWidget) -> QImage:
        """What the screen shows: the main window and `widget` where they lie, a grey band for
        the title bar the offscreen platform does not draw; what lies off the screen is cut."""
        screen = widget.screen()
        ratio = screen.devicePixelRatio()  # QT_SCALE_FACTOR included
        area = screen.geometry()
        image = QImage(
            round(area.width() * ratio), round(area.height() * ratio), QImage.Format.Format_RGB32
        )
        image.fill(QColor("#1e3a5f"))
        painter = QPainter(image)
        painter.scale(ratio, ratio)
        for window in dict.fromkeys([self.window, widget]):
            inner = window.geometry()
            painter.fillRect(inner.x(), inner.y() - TITLE_BAR, inner.width(), TITLE_BAR, "#9ca3af")
            painter.drawPixmap(inner.topLeft(), window.grab())
        painter.end()
        return image

    # the demo's content ---------------------------------------------------------------------
    def most_problems(self) -> str:
        """The submitted inspection with the most problems (the longest notice)."""
        row = self.store.db.execute(
            "SELECT f.inspection_id FROM finding f JOIN inspection i ON i.id = f.inspection_id"
            " WHERE f.result = 'problem' AND i.status = 'submitted'"
            " GROUP BY f.inspection_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        return str(row[0])

    def with_photos(self) -> str:
        row = self.store.db.execute(
            "SELECT inspection_id FROM photo WHERE inspection_id IS NOT NULL"
            " GROUP BY inspection_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        return str(row[0])


def _close(widget: QWidget) -> None:
    widget.close()
    settle()


def case_main(run: Run) -> Iterator[tuple[str, QWidget]]:
    window = run.window
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        if window.tabs.currentWidget() is window.assessment:  # its figures, not "computing…"
            wait_until(lambda: _scores_shown(window.assessment))
        if window.tabs.currentWidget() is window.pages.made("coverage"):  # 覆盖情况: its rows
            wait_until(lambda: _scores_shown(window.coverage))
        settle()
        yield f"main-{index}", window


def _scores_shown(view: Any) -> bool:
    result = getattr(view, "result", None) or getattr(view, "report", None)
    return result is not None and not (view.job and view.job.running())


def case_syncing(run: Run) -> Iterator[tuple[str, QWidget]]:
    """The main window while a sync uploads after one that stopped, with refused, concurrent and
    set-aside changes: every part of the status bar at once. Then maximised."""
    from app.labels import message_text
    from app.sync.errors import UNREACHABLE, SyncUnreachable
    from local_db.sync_status import SyncStatus

    window = run.window
    window.tabs.setCurrentIndex(0)
    stopped = message_text(SyncUnreachable(UNREACHABLE).message)  # as the status bar says it
    window.sync_bar.show_status(
        SyncStatus(
            pending_changes=4759,
            pending_photos=440,
            rejected=3,
            conflicts=2,
            last_sync="2026-11-20T06:30:00.000000Z",
            last_error=stopped,
            quarantined=1,
        )
    )
    window.sync_bar.show_progress("upload_kib", 120, 2400)
    yield "main-syncing", window
    window.sync_bar.clear_progress()
    window.sync.refresh()
    window.showMaximized()
    wait_until(lambda: window.isMaximized())
    yield "main-maximised", window
    window.showNormal()


def case_job_progress(run: Run) -> Iterator[tuple[str, QWidget]]:
    """The progress window of a long export (a job that waits until it is checked)."""
    from app.jobs import Job
    from app.widgets.job_progress import JobProgress

    gate = threading.Event()
    job = Job(lambda _task: gate.wait(60), name="fit", owner=run.window, cancellable=True)
    job.start()
    progress = JobProgress(
        job, "正在写入 青山县2026年11月城市精细化管理督查通报.pdf…", run.window, delay_ms=0
    )
    wait_until(progress.isVisible)
    yield "job-progress", progress
    gate.set()
    wait_until(lambda: not job.running())


def case_overdue(run: Run) -> Iterator[tuple[str, QWidget]]:
    window = run.window
    if window.overdue_dialog is None:  # the one opened at start-up, else opened by hand
        window.show_overdue()
    dialog = window.overdue_dialog
    assert dialog is not None
    yield "overdue", dialog
    _close(dialog)


def case_new_inspection(run: Run) -> Iterator[tuple[str, QWidget]]:
    dialog = run.window.new_inspection()
    assert dialog is not None
    yield "new-inspection", dialog
    _close(dialog)


def case_issue_notice(run: Run) -> Iterator[tuple[str, QWidget]]:
    from app.notices.issue_dialog import IssueNoticeDialog

    dialog = IssueNoticeDialog(run.context, run.most_problems(), run.window)
    dialog.open()
    yield "issue-notice", dialog
    _close(dialog)


def case_photo_viewer(run: Run) -> Iterator[tuple[str, QWidget]]:
    from app.evidence.opener import show_photos
    from local_db.photos import photos_of
    from local_db.queries import inspection_header

    inspection_id = run.with_photos()
    header = inspection_header(run.store, inspection_id)
    photos = photos_of(run.store, inspection_id)
    viewer = show_photos(run.context, header or {}, photos, 0, run.window)
    assert viewer is not None
    wait_until(lambda: viewer.view.has_image())
    yield "photo-viewer", viewer
    _close(viewer)


def case_evidence_browser(run: Run) -> Iterator[tuple[str, QWidget]]:
    from app.evidence.opener import open_evidence

    viewer = open_evidence(run.context, run.with_photos(), run.window)
    assert viewer is not None
    wait_until(lambda: viewer.view.has_image())
    yield "evidence-browser", viewer
    _close(viewer)


def _notice_view(run: Run) -> Any:
    run.window.tabs.setCurrentWidget(run.window.notices)
    view = run.window.notices
    wait_until(lambda: view.model.rowCount() > 0)
    view.table.selectRow(0)
    settle()
    return view


def case_acknowledge(run: Run) -> Iterator[tuple[str, QWidget]]:
    dialog = _notice_view(run).acknowledge()
    assert dialog is not None
    yield "acknowledge", dialog
    _close(dialog)


def case_follow_up(run: Run) -> Iterator[tuple[str, QWidget]]:
    view = _notice_view(run)
    for kind in ("rectified", "extension_granted"):
        dialog = view.follow_up(kind)
        assert dialog is not None
        yield f"follow-up-{kind}", dialog
        _close(dialog)


def case_unit_event(run: Run) -> Iterator[tuple[str, QWidget]]:
    """延期申请, 异议, 驳回异议, 改派 (app/notices/unit_event_dialog.py)."""
    view = _notice_view(run)
    for kind in ("extension_requested", "disputed", "dispute_refused", "transferred"):
        dialog = view.unit_event(kind)
        assert dialog is not None
        yield f"unit-event-{kind}", dialog
        _close(dialog)


def case_org(run: Run) -> Iterator[tuple[str, QWidget]]:
    dialog = run.window.open_org_settings()
    yield "org-settings", dialog
    dialog.tabs.setCurrentIndex(1)  # 综合考核
    yield "org-settings-composite", dialog
    _close(dialog)


def case_import_scores(run: Run) -> Iterator[tuple[str, QWidget]]:
    dialog = run.window.open_import_scores()
    yield "import-scores", dialog
    _close(dialog)


def case_settings(run: Run) -> Iterator[tuple[str, QWidget]]:
    dialog = run.window.open_settings()
    yield "settings", dialog
    _close(dialog)


def case_login(run: Run) -> Iterator[tuple[str, QWidget]]:
    from app.sync.login_reasons import login_needed_text

    dialog = run.window.open_login(login_needed_text("device_released"))
    yield "login", dialog
    _close(dialog)


def case_conflicts(run: Run) -> Iterator[tuple[str, QWidget]]:
    from app.sync.client import SyncClient
    from app.sync.office_conflicts import OfficeConflictsDialog
    from app.sync.transport import Retries

    # A server that does not answer: the dialog says so, its buttons stay where they are.
    dialog = OfficeConflictsDialog(
        lambda: SyncClient("http://127.0.0.1:9", "token", retries=Retries(attempts=1)), run.window
    )
    dialog.open()
    wait_until(lambda: dialog.job is None or not dialog.job.running())
    yield "office-conflicts", dialog
    _close(dialog)
    bar = run.window.sync_bar
    for name, show in (
        ("sync-conflicts", bar.show_conflicts),
        ("sync-rejections", bar.show_rejections),
        ("sync-set-aside", bar.show_quarantined),
    ):
        report = show()
        yield name, report
        _close(report)


def case_return(run: Run) -> Iterator[tuple[str, QWidget]]:
    from app.review.view import ReturnDialog

    dialog = ReturnDialog(run.window)
    dialog.open()
    yield "return", dialog
    _close(dialog)


def case_editor(run: Run) -> Iterator[tuple[str, QWidget]]:
    """A new draft, an item marked as a problem with two photos, submit refused."""
    from app.demo.photos import make_demo_photo
    from tests.ui.conftest import problem_item, start_draft

    store = run.store
    row = start_draft(store)
    run.context.notify(row["id"])
    editor = run.window.open_inspection(row["id"])
    assert editor is not None
    code = problem_item(editor)  # the UI tests' own way, kept in step with the editor
    folder = Path(tempfile.mkdtemp(prefix="fit-photos-"))
    photos = [
        make_demo_photo(
            folder / f"IMG_{n}.jpg",
            taken_local=datetime.now(),
            lat=30.5,
            lon=114.3,
            label=f"{n}",
            seed=f"fit{n}",
        )
        for n in range(2)
    ]
    ended: list[bool] = []
    editor.import_bar.done.connect(lambda *_: ended.append(True))
    editor.import_files(code, photos)
    wait_until(lambda: ended)
    wait_until(lambda: editor.panel.photos.count() == 2)
    editor.submit()  # refused: the other items are not answered yet
    yield "editor", editor
    _close(editor)


def case_plans(run: Run) -> Iterator[tuple[str, QWidget]]:
    """督查计划 (the office's visit plans), once read."""
    dialog = run.window.open_plans()
    wait_until(lambda: not (dialog.job and dialog.job.running()))
    settle()
    yield "visit-plans", dialog
    _close(dialog)


def case_quarter(run: Run) -> Iterator[tuple[str, QWidget]]:
    """统计通报 on this quarter: the composite assessment, with the banner naming the components
    the demo has not imported, and the selected unit's steps."""
    from domain.assessment import Period

    window = run.window
    view = window.assessment
    window.tabs.setCurrentWidget(view)
    today = datetime.now()
    view.set_period(Period.quarter(today.year, (today.month - 1) // 3 + 1, run.context.office_zone))
    wait_until(lambda: view.composite is not None and not view.job.running())
    settle()
    yield "main-quarter", window


def case_road_chiefs(run: Run) -> Iterator[tuple[str, QWidget]]:
    """导出 → 路长公示…, after writing the board (its status said under the button)."""
    dialog = run.window.open_road_chiefs()
    job = dialog.export(Path(tempfile.mkdtemp(prefix="fit-board-")) / "board.pdf")
    wait_until(lambda: job is not None and not job.running())
    settle()
    yield "road-chiefs", dialog
    _close(dialog)


def case_cases(run: Run) -> Iterator[tuple[str, QWidget]]:
    """问题来源 (the office's cases from other sources), read, the first case chosen."""
    dialog = run.window.open_cases()
    wait_until(lambda: not (dialog.job and dialog.job.running()))
    if dialog.table.rowCount():
        dialog.table.selectRow(0)
    settle()
    yield "cases", dialog
    _close(dialog)


def case_admin(run: Run) -> Iterator[tuple[str, QWidget]]:
    """组织管理, each tab (offline on the demo store: the lists from the store, the banner)."""
    window = run.window.open_admin()
    wait_until(lambda: all(t.job is not None and not t.job.running() for t in window.list_tabs()))
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.currentWidget()
        if getattr(tab, "table", None) is not None and tab.table.rowCount():
            tab.table.selectRow(0)
        settle()
        yield f"admin-{index}", window
    _close(window)


def case_updates(run: Run) -> Iterator[tuple[str, QWidget]]:
    """关于/更新 with a downloaded, verified installer: its long path in the data folder."""
    from local_db import updates
    from tests.server.releases import verified_offer

    verified_offer(run.store, run.data_dir / "updates")
    dialog = run.window.open_updates()
    yield "updates", dialog
    _close(dialog)
    updates.record_offer(run.store, None)


def case_bundle_answer(run: Run) -> Iterator[tuple[str, QWidget]]:
    """What an imported USB-stick answer says: many refused changes (a retired template)."""
    from PySide6.QtWidgets import QMessageBox

    from app.bundle.answer import AnswerReport
    from app.bundle.texts import answer_text

    report = AnswerReport(
        refusals=[
            {
                "entity": "finding",
                "entity_id": f"0190a3b4-1234-7567-8901-{n:012d}",
                "reason": "",
                "code": "template_retired",
            }
            for n in range(40)
        ]
    )
    report.sync.rejected = 40
    actions = run.window.bundle_actions
    actions._show(QMessageBox.Icon.Information, actions.tr("Import answer"), answer_text(report))
    assert actions.shown is not None
    yield "bundle-answer", actions.shown
    _close(actions.shown)


CASES: dict[str, Callable[[Run], Iterator[tuple[str, QWidget]]]] = {
    "main": case_main,
    "syncing": case_syncing,
    "job-progress": case_job_progress,
    "overdue": case_overdue,
    "new-inspection": case_new_inspection,
    "issue-notice": case_issue_notice,
    "photo-viewer": case_photo_viewer,
    "evidence-browser": case_evidence_browser,
    "acknowledge": case_acknowledge,
    "follow-up": case_follow_up,
    "unit-event": case_unit_event,
    "org-settings": case_org,
    "settings": case_settings,
    "login": case_login,
    "conflicts": case_conflicts,
    "return": case_return,
    "editor": case_editor,
    "visit": case_plans,  # "visit-plans"
    "quarter": case_quarter,  # "main-quarter"
    "road-chiefs": case_road_chiefs,
    "cases": case_cases,
    "import-scores": case_import_scores,
    "admin": case_admin,
    "updates": case_updates,
    "bundle-answer": case_bundle_answer,
}


def run_cases(run: Run, only: list[str] | None) -> None:
    for key, case in CASES.items():
        if only and key not in only:
            continue
        try:
            for name, widget in case(run):
                run.check(name, widget)
        except Exception:  # one case failing to open must not hide the others' results
            run.results[key] = {"geometry": None, "problems": [], "error": traceback.format_exc()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--only", default="")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    settings_dir = tempfile.mkdtemp(prefix="fit-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    QApplication.setOrganizationName("DuchaFit")
    QApplication.setApplicationName("DuchaFit")
    app = QApplication([])
    if FONT[0] in QFontDatabase.families():
        app.setFont(QFont(*FONT))
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    run = Run(app, args.data_dir, args.shots, args.lang)
    run_cases(run, [c for c in args.only.split(",") if c])
    args.out.write_text(json.dumps(run.results, ensure_ascii=False, indent=1), encoding="utf-8")
    run.window.close()
    run.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
