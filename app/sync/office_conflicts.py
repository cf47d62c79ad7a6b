"""冲突: the office's list of concurrent edits on rows of its units (GET /conflicts), each with
the version that lost beside the one that won, resolved by taking either (server/conflicts.py).
Reviewers and admins reach it from the main window. The list and each resolution are read and
sent by jobs (app/jobs.py): the window never waits on the network."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.jobs import Job, describe_error, stop_jobs
from app.labels import local_time, message_text
from app.sync.client import SyncClient
from app.sync.errors import SyncError
from app.sync.row_labels import differences_html, entity_label
from app.sync.status_bar import conflict_kind_label
from app.widgets.screen_fit import fit_to_screen
from domain.wire import BOOKKEEPING

ClientFactory = Callable[[], SyncClient]
_SKIP = {*BOOKKEEPING, "id"}


def _failure_words(error: BaseException) -> str:
    """Why the server could not be asked, in the user's language (never the library's text)."""
    if isinstance(error, SyncError):
        return message_text(error.message)
    return describe_error(error)


class OfficeConflictsDialog(QDialog):
    """The open (or all) conflicts of the office's units; take the losing or keep the winning
    version of the one selected. `client`: makes a logged-in SyncClient (on the job's thread).
    `resolved` is sent after a resolution (a sync brings the version taken here)."""

    resolved = Signal()

    def __init__(self, client: ClientFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.entries: list[dict[str, Any]] = []
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Conflicts"))
        self.state = QComboBox()
        self.state.addItem(self.tr("Open"), "open")
        self.state.addItem(self.tr("Resolved"), "resolved")
        self.state.addItem(self.tr("All"), "all")
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentRowChanged.connect(self._show_current)
        self.detail = QTextBrowser()
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 520])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.take_losing = QPushButton(self.tr("Take the version that lost"))
        self.keep_winning = QPushButton(self.tr("Keep the version that won"))
        buttons.addButton(self.take_losing, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_winning, QDialogButtonBox.ButtonRole.ActionRole)
        self.take_losing.clicked.connect(lambda: self.resolve("losing"))
        self.keep_winning.clicked.connect(lambda: self.resolve("winning"))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.state)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 880, 540)
        self._buttons()
        self.reload()

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> Job:
        state = self.state.currentData()
        make = self.client

        def work(_task: Any) -> list[dict[str, Any]]:
            client = make()
            try:
                return list(client.office_conflicts(state)["conflicts"])
            finally:
                client.close()

        self.note.setText(self.tr("Reading the conflicts from the server…"))
        return self._run(work, self._listed)

    def _listed(self, entries: object) -> None:
        self.entries = list(entries)  # type: ignore[call-overload]
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(
                f"{local_time(entry['at'], 'MM-dd HH:mm')} · {conflict_kind_label(entry['kind'])}"
                f" · {entity_label(entry['entity'])}"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry["id"])
            self.list.addItem(item)
        self.note.setText(
            self.tr("{n} conflict(s). Select one to see both versions.").format(n=len(self.entries))
            if self.entries
            else self.tr("No conflicts.")
        )
        if self.entries:
            self.list.setCurrentRow(0)
        self._show_current(self.list.currentRow())

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show_current(self, _row: int) -> None:
        entry = self.current()
        self._buttons()
        if entry is None:
            self.detail.clear()
            return
        self.detail.setHtml(describe(entry))

    def _buttons(self) -> None:
        entry = self.current()
        open_ = entry is not None and entry.get("resolved_at") is None
        idle = self.job is None or not self.job.running()
        self.take_losing.setEnabled(open_ and idle)
        self.keep_winning.setEnabled(open_ and idle)

    # -- resolving -----------------------------------------------------------------------------
    def resolve(self, take: str) -> Job | None:
        entry = self.current()
        if entry is None:
            return None
        make, conflict_id = self.client, entry["id"]

        def work(_task: Any) -> dict[str, Any]:
            client = make()
            try:
                return client.resolve_conflict(conflict_id, take)
            finally:
                client.close()

        self.note.setText(self.tr("Sending the decision…"))
        return self._run(work, self._resolved)

    def _resolved(self, _entry: object) -> None:
        self.resolved.emit()
        self.reload()

    def _run(self, work: Callable[[Any], Any], then: Callable[[object], None]) -> Job:
        job = Job(work, name="conflicts", owner=self, describe=_failure_words)
        job.done.connect(then)
        job.failed.connect(self._failed)
        job.ended.connect(self._buttons)
        self.job = job
        job.start()
        self._buttons()
        return job

    def _failed(self, error: str) -> None:
        self.note.setText(self.tr("The server could not be asked: {error}").format(error=error))

    def done(self, result: int) -> None:
        stop_jobs(self)
        super().done(result)


def describe(entry: dict[str, Any]) -> str:
    """Both versions of a conflict as HTML: the fields where they differ."""
    losing, winning = entry["losing"], entry["winning"]
    lost_row, won_row = losing.get("row") or {}, winning.get("row") or {}

    def side(version: dict[str, Any]) -> str:
        if version.get("op") == "delete":
            return QCoreApplication.translate("OfficeConflictsDialog", "(deleted)")
        return ""

    fields = sorted(
        k
        for k in {*lost_row, *won_row}
        if k not in _SKIP and not k.startswith("_") and lost_row.get(k) != won_row.get(k)
    )
    lost_title = QCoreApplication.translate("OfficeConflictsDialog", "Lost")
    won_title = QCoreApplication.translate("OfficeConflictsDialog", "Won")
    html = [
        f"<p><b>{escape(conflict_kind_label(entry['kind']))}</b> · "
        f"{escape(entity_label(entry['entity']))} "
        f"{escape(entry['entity_id'][:13])}… · {escape(local_time(entry['at']))}</p>",
        differences_html(
            ((f, lost_row.get(f), won_row.get(f)) for f in fields),
            f"{lost_title} {side(losing)}".strip(),
            f"{won_title} {side(winning)}".strip(),
        ),
    ]
    if entry.get("resolved_at"):
        if entry["resolution"] == "losing":
            text = QCoreApplication.translate(
                "OfficeConflictsDialog", "Resolved {time}: the version that lost was taken."
            )
        else:
            text = QCoreApplication.translate(
                "OfficeConflictsDialog", "Resolved {time}: the version that won was kept."
            )
        html.append(f"<p>{escape(text.format(time=local_time(entry['resolved_at'])))}</p>")
    return "".join(html)
