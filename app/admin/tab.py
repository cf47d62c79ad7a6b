"""What every tab of the 组织管理 window shares: the offline banner, a line saying what happened,
a busy bar while the server is asked, a table, the write buttons that need the server, and the
read of the list (from the server; from this laptop's store while offline)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.admin.api import AdminApi
from app.admin.session import AdminSession, offline_error, read_local
from app.admin.texts import offline_text
from app.context import AppContext
from app.jobs import Job, Task

BANNER_STYLE = "QLabel { background: #fff4d6; color: #6b4e00; padding: 6px; border-radius: 3px; }"
ERROR_STYLE = "QLabel { color: #b00020; }"


def table(headers: list[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().setVisible(False)
    widget.setWordWrap(False)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return widget


def cell(text: Any, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setToolTip(item.text())
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def fill_units(combo: QComboBox, units: list[dict[str, Any]], none_text: str | None = None) -> None:
    """The active units by name, keeping the one chosen (`none_text`: a first entry for none)."""
    current = combo.currentData()
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for unit in sorted(units, key=lambda u: u["name"]):
        if unit.get("active", True):
            combo.addItem(unit["name"], unit["id"])
    combo.setCurrentIndex(max(0, combo.findData(current)))


class AdminTab(QWidget):
    """A tab: `headers` for its table; subclasses give `server_rows(api)`, `local_rows(task)`,
    `show_rows(rows, online)` and put their form and buttons into `self.body`."""

    loaded = Signal()  # the list was read and shown (tests wait on it)
    wrote = Signal()  # a change was accepted by the server: the window syncs

    def __init__(self, context: AppContext, session: AdminSession, headers: list[str]) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.job: Job | None = None  # the list being read
        self.work: Job | None = None  # the change being made
        self.write_buttons: list[QAbstractButton] = []
        self.rows: list[dict[str, Any]] = []
        self.read_online: bool | None = None  # where the list shown came from

        self.banner = QLabel(offline_text())
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(QCoreApplication.translate("AdminTab", "Read again"))
        self.reload_button.setToolTip(
            QCoreApplication.translate("AdminTab", "Read the list from the server again")
        )
        self.reload_button.clicked.connect(lambda: self.reload())
        self.table = table(headers)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.body)
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.reload_button)
        layout.addLayout(status)
        layout.addWidget(self.busy)
        session.online_changed.connect(self.set_online)

    # -- for subclasses ------------------------------------------------------------------------
    def server_rows(self, api: AdminApi) -> Any:
        raise NotImplementedError

    def local_rows(self, task: Task) -> Any:
        """What this laptop's store holds, shown while offline (None: nothing to show)."""
        return None

    def show_rows(self, rows: Any, online: bool) -> None:
        raise NotImplementedError

    def selection_changed(self) -> None:
        """Fill the form from the selected row."""

    def update_buttons(self) -> None:
        """Enable the buttons for the selection (online); called after each change of either."""

    # -- state ---------------------------------------------------------------------------------
    def online(self) -> bool:
        return bool(self.session.online)

    def set_online(self, online: bool) -> None:
        self.banner.setVisible(not online)
        self.update_buttons()
        if not online:
            for button in self.write_buttons:
                button.setEnabled(False)

    def writable(self, button: QAbstractButton, enabled: bool = True) -> None:
        """Enable a write button when the server is there and `enabled` holds."""
        button.setEnabled(enabled and self.online() and not self._working())

    def _working(self) -> bool:
        return self.work is not None and self.work.running()

    def _selection_changed(self) -> None:
        self.selection_changed()
        self.update_buttons()
        if not self.online():
            for button in self.write_buttons:
                button.setEnabled(False)

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, dict) else None

    def select_id(self, row_id: str | None) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if isinstance(data, dict) and data.get("id") == row_id:
                self.table.selectRow(r)
                return

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _show_busy(self) -> None:
        self.busy.setVisible(
            bool((self.job and self.job.running()) or (self.work and self.work.running()))
        )

    # -- reading -------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> Job | None:
        """Read the list from the server; offline, from this laptop's store."""
        if self.job is not None and self.job.running():
            return self.job
        keep = select or ((self.selected_row() or {}).get("id"))

        def done(rows: Any) -> None:
            self.read_online = True
            self.show_rows(rows, True)
            self.select_id(keep)
            self._after_read()

        def failed(error: BaseException | None, words: str) -> None:
            if error is None or offline_error(error):
                # the banner says it; a reason of its own (not logged in) is said below it
                self.say("" if words == offline_text() else words, error=True)
                self._read_local(keep)
                return
            self.say(words, error=True)
            self._after_read()

        asked = self.session.call(self.objectName() or "list", self.server_rows, done, failed)
        if asked is not None:  # None: not logged in, the store was read instead
            self.job = asked
            asked.ended.connect(self._show_busy)
        self._show_busy()
        return self.job

    def _read_local(self, keep: str | None) -> None:
        job = read_local(self.context.store.path.parent, "list", self.local_rows, self)

        def done(rows: Any) -> None:
            self.read_online = False
            if rows is not None:
                self.show_rows(rows, False)
                self.select_id(keep)
            self._after_read()

        job.done.connect(done)

        def failed(words: str) -> None:
            self.say(words, error=True)
            self._after_read()

        job.failed.connect(failed)
        self.job = job.start()

    def _after_read(self) -> None:
        self._show_busy()
        self.set_online(self.online())
        self.loaded.emit()

    # -- writing -------------------------------------------------------------------------------
    def write(
        self,
        name: str,
        work: Callable[[AdminApi], Any],
        said: Callable[[Any], str],
        then: Callable[[Any], object] | None = None,
    ) -> Job | None:
        """Make a change on the server: the write buttons wait meanwhile; on success say
        `said(answer)`, read the list again and let the window sync."""
        if self._working():
            return self.work

        def done(answer: Any) -> None:
            self.say(said(answer))
            if then is not None:
                then(answer)
            selected = answer.get("id") if isinstance(answer, dict) else None
            self.reload(select=selected)
            self.wrote.emit()

        def failed(error: BaseException | None, words: str) -> None:
            self.refused(error, words)

        self.say(QCoreApplication.translate("AdminTab", "Asking the server…"))
        self.work = self.session.call(name, work, done, failed)
        if self.work is not None:
            self.work.ended.connect(self._work_ended)
        self._work_ended()
        return self.work

    # -- editing the selected row (units, zones) ----------------------------------------------
    def changes(self, row: dict[str, Any]) -> dict[str, Any]:
        """What the form changes of the selected `row` (empty: nothing)."""
        raise NotImplementedError

    def edit(self, api: AdminApi, row_id: str, changes: dict[str, Any]) -> Any:
        """Send `changes` of row `row_id` (on a worker thread: touch no widget)."""
        raise NotImplementedError

    def saved_text(self, name: str, changes: dict[str, Any]) -> str:
        """What is said once the server took `changes` (`active` alone: retired or back)."""
        raise NotImplementedError

    def save(self) -> None:
        """Send what the form changes of the selected row."""
        row = self.selected_row()
        if row is None:
            return
        changes = self.changes(row)
        if not changes:
            self.say(QCoreApplication.translate("AdminTab", "Nothing changed."))
            return
        self._edit(row, changes)

    def toggle_active(self) -> None:
        """Retire the selected row, or bring a retired one back."""
        row = self.selected_row()
        if row is not None:
            self._edit(row, {"active": not row.get("active", True)})

    def _edit(self, row: dict[str, Any], changes: dict[str, Any]) -> None:
        name = f"{'retire' if list(changes) == ['active'] else 'change'} {self.objectName()}"
        self.write(
            name,
            lambda api: self.edit(api, row["id"], changes),
            lambda saved: self.saved_text(saved["name"], changes),
        )

    def refused(self, _error: BaseException | None, words: str) -> None:
        self.say(words, error=True)

    def _work_ended(self) -> None:
        self._show_busy()
        self.set_online(self.online())
