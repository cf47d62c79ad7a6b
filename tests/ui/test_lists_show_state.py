"""The lists show each row's state (status, review, time left, overdue) at office screen sizes;
the tabs not looked at cost nothing at start-up; no file path on the status bar."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QTabBar

from app.demo.fill import fill_demo
from app.notices.view import NoticesView
from app.review.view import ReviewView
from local_db.reviews import record_review

ROOT = Path(__file__).resolve().parents[2]

# What a row's state is, per list: always inside the viewport, never cut short.
STATE_COLUMNS = {
    "inspections": ("开始时间", "状态"),
    "notices": ("编号", "状态", "剩余时间"),
    "review": ("开始时间", "审核"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store (its month up to today: drafts, returned and accepted inspections,
    overdue notices), made once for this module."""
    folder = tmp_path_factory.mktemp("demo")
    fill_demo(folder)
    return folder


@pytest.fixture
def demo_copy(demo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(demo, copy)
    return copy


def probe(data_dir: Path, width: int, height: int, tmp_path: Path) -> dict:
    """The main window maximised on a screen of this size, in a child process (the offscreen
    platform takes its screen from a configfile when it starts)."""
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # settings of its own: defaults
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_probe", str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height"), [(1366, 728), (1093, 574)])
def test_state_columns_are_whole_inside_the_list(demo_copy, tmp_path, width, height):
    found = probe(demo_copy, width, height, tmp_path)

    assert found["screen"] == [width, height] and found["window"][0] <= width
    for name, wanted in STATE_COLUMNS.items():
        table = found[name]
        assert table["rows"] > 0, name  # the demo's rows were there to measure
        for header in wanted:
            left, size, needs = table["columns"][header]
            assert left >= 0 and left + size <= table["viewport"], (name, header, table)
            assert needs <= size, (name, header, needs, size)  # its text is not cut short
    if width >= 1366:  # there, nothing at all is behind a horizontal scroll
        for name, table in found.items():
            if name in STATE_COLUMNS:
                right = max(left + size for left, size, _ in table["columns"].values())
                assert right <= table["viewport"], (name, table)


def test_overdue_is_said_in_words_as_well_as_in_red(qtbot, launch, demo_copy):
    window = launch(demo_copy)
    notices = window.notices
    with qtbot.waitSignal(notices.loaded):  # read in a job when first shown
        window.tabs.setCurrentWidget(notices)
    model = notices.model
    state = model.COLUMNS.index("state")
    rows = [model.row_data(r) for r in range(model.rowCount())]
    late = [r for r, row in enumerate(rows) if row["overdue"]]
    on_time = [r for r, row in enumerate(rows) if not row["overdue"]]
    assert late and on_time  # the demo has both
    for r in late:
        text = model.index(r, state).data()
        assert text.endswith(" · 已逾期") and model.index(r, state).data(
            Qt.ItemDataRole.ForegroundRole
        )
    for r in on_time:
        assert "逾期" not in model.index(r, state).data()
    # Cells cut short show their whole text on hover; list times of this year drop the year.
    unit = model.COLUMNS.index("unit_name")
    due = model.COLUMNS.index("current_due_at")
    assert model.index(0, unit).data(Qt.ItemDataRole.ToolTipRole) == rows[0]["unit_name"]
    shown, whole = (model.index(0, due).data(role) for role in (0, Qt.ItemDataRole.ToolTipRole))
    assert len(whole) == len("2026-12-04 11:58") and whole.endswith(shown)


def test_tabs_not_shown_are_not_made_at_start_up(qtbot, launch, demo_copy):
    window = launch(demo_copy)
    lazy = ("notices", "review", "assessment", "coverage")
    assert [window.pages.made(k) for k in lazy] == [None] * 4
    assert window.tabs.count() == 5

    bar: QTabBar = window.tabs.tabBar()
    assert [bar.tabText(i) for i in range(5)] == [
        "督查记录",
        "整改通知",
        "审核",
        "统计通报",
        "覆盖情况",
    ]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    review = window.pages.made("review")
    assert isinstance(review, ReviewView) and window.tabs.currentWidget() is review
    assert window.tabs.currentIndex() == 2 and bar.tabText(2) == "审核"
    assert review.isVisible() and review.model.rowCount() > 0  # the queue, read on showing
    assert window.pages.made("notices") is None  # still nobody has looked at it
    # Once made, the queue follows changes made elsewhere (a review recorded, then notified).
    store = window.context.store
    decided = review.model.row_data(0)["id"]
    record_review(store, decided, "accepted", reviewer=window.context.person_id)
    window.context.notify(decided)
    assert review.model.row_of(decided) < 0 and review.model.rowCount() > 0

    # Asking for a notice makes the notices tab, in its place, and reads it then.
    notices = window.notices
    assert isinstance(notices, NoticesView) and window.pages.made("notices") is notices
    assert window.tabs.indexOf(notices) == 1 and window.tabs.currentIndex() == 2
    assert notices.model.rowCount() == 0  # made, not shown yet: nothing read
    any_notice = store.rows("SELECT id FROM notice ORDER BY id LIMIT 1")[0]["id"]
    with qtbot.waitSignal(notices.loaded):  # read in a job, then the notice selected
        window.show_notice(any_notice)
    assert window.tabs.currentWidget() is notices and notices.current()["id"] == any_notice
    assert window.pages.made("assessment") is None


class _FileManager(QObject):
    """Stands where the desktop's file manager would: Qt hands it the URL to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url)


def test_the_store_path_is_in_the_help_menu_not_on_the_status_bar(qtbot, launch, data_dir):
    window = launch(data_dir)
    path = str(window.context.store.path)
    on_bar = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert on_bar and not [t for t in on_bar if str(data_dir) in t or "sqlite" in t], on_bar

    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    entries = {a.text(): a for a in menus["帮助(&H)"].actions()}
    folder = entries["打开数据文件夹"]
    assert folder.toolTip() == str(data_dir) and path.startswith(folder.toolTip())
    manager = _FileManager()
    QDesktopServices.setUrlHandler("file", manager, "show")
    try:
        folder.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in manager.opened] == [data_dir]
