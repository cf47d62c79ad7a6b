"""The review queue (审核): submitted inspections in the user's jurisdiction, newest first, with
filters; the evidence beside each; accept, or return (退回) with a comment."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.evidence.opener import open_evidence
from app.evidence.package_action import export_package
from app.inspections.detail import InspectionDetail
from app.inspections.filter_bar import FilterBar
from app.inspections.list_model import INSPECTION_WIDTHS, ReviewQueueModel
from app.jobs import Job
from app.labels import refusal_text
from app.widgets.screen_fit import fit_to_screen
from app.widgets.tables import list_table
from local_db.reference import local_role
from local_db.reviews import ReviewError, record_review, review_state, superseded_by

REVIEWER_ROLES = ("reviewer", "admin")


class ReturnDialog(QDialog):
    """退回: the comment is required — it tells the inspector what to correct."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return for correction"))
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("What must be corrected (shown to the inspector)…"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Return"))
        self.ok.setEnabled(False)
        self.comment.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.comment.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Comment for the inspector:")))
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 480, 260)

    def text(self) -> str:
        return self.comment.toPlainText().strip()


class ReviewView(QWidget):
    open_requested = Signal(str)  # inspection id, to open read-only in the editor

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.filters = FilterBar(context, review=True)
        self.model = ReviewQueueModel(context.store)
        self.table = list_table(self.model, INSPECTION_WIDTHS, stretch=1, lead=(0, 7))
        self.table.activated.connect(lambda _index: self._open())

        self.detail = InspectionDetail(context)
        self.photos_button = QPushButton(self.tr("Evidence photos"))
        self.photos_button.clicked.connect(self.show_photos)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(
            lambda: (
                self.detail.inspection_id and self.open_requested.emit(self.detail.inspection_id)
            )
        )
        self.package_button = QPushButton(self.tr("Evidence package…"))
        self.package_button.clicked.connect(lambda: self.export_package())
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setShortcut("Ctrl+Shift+A")
        self.accept_button.setToolTip(self.tr("Accept the inspection (Ctrl+Shift+A)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.return_button = QPushButton(self.tr("Return…"))
        self.return_button.setShortcut("Ctrl+Shift+R")
        self.return_button.setToolTip(self.tr("Return it with a comment (Ctrl+Shift+R)"))
        self.return_button.clicked.connect(self.return_current)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b7280;")
        buttons = QHBoxLayout()
        for button in (self.photos_button, self.open_button, self.package_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.accept_button)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.note)
        detail_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)

        self.filters.changed.connect(lambda _flt: self.load())
        self.model.modelReset.connect(self._after_reload)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.loaded = False  # the queue is read when the tab is first shown, not at start-up

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.load()

    # -- list ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the queue with the filters as set (the first time, or again)."""
        self.loaded = True
        self.model.set_filter(self.filters.current())

    def reload(self, keep: str | None = None) -> None:
        if not self.loaded:  # not shown yet: it reads everything new when it is
            return
        keep = keep or self.detail.inspection_id
        self.model.reload()
        if keep:
            self.select(keep)

    def select(self, inspection_id: str) -> bool:
        if not self.loaded:  # asked before the tab was first shown
            self.load()
        row = self.model.row_of(inspection_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _after_reload(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show(None)

    def _selected(self, _a: QItemSelection, _b: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show(self.model.row_data(rows[0].row())["id"] if rows else None)

    def _show(self, inspection_id: str | None) -> None:
        self.detail.show_inspection(inspection_id)
        may_decide, why = self._may_decide(inspection_id)
        self.accept_button.setEnabled(may_decide)
        self.return_button.setEnabled(may_decide)
        self.photos_button.setEnabled(inspection_id is not None)
        self.open_button.setEnabled(inspection_id is not None)
        self.package_button.setEnabled(inspection_id is not None)
        self.note.setText(why)

    def _may_decide(self, inspection_id: str | None) -> tuple[bool, str]:
        if inspection_id is None:
            return False, ""
        if local_role(self.context.store) not in REVIEWER_ROLES:
            return False, self.tr("Only reviewers decide; you can read the evidence.")
        if superseded_by(self.context.store, inspection_id) is not None:
            return False, self.tr("A newer version of this inspection exists: review that one.")
        state = review_state(self.context.store, inspection_id)
        if state == "returned":
            return True, self.tr("Returned: waiting for the inspector's correction.")
        return True, ""

    def _open(self) -> None:
        if self.detail.inspection_id:
            self.open_requested.emit(self.detail.inspection_id)

    # -- decisions -----------------------------------------------------------------------------
    def accept_current(self) -> bool:
        return self._decide("accepted", "")

    def return_current(self) -> ReturnDialog | None:
        if self.detail.inspection_id is None:
            return None
        dialog = ReturnDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The id now: a sync may reload the queue while the comment is being written.
        inspection_id = self.detail.inspection_id
        dialog.accepted.connect(lambda: self._decide("returned", dialog.text(), inspection_id))
        dialog.open()
        return dialog

    def _decide(self, decision: str, comment: str, inspection_id: str | None = None) -> bool:
        inspection_id = inspection_id or self.detail.inspection_id
        if inspection_id is None:
            return False
        try:
            record_review(
                self.context.store,
                inspection_id,
                decision,
                reviewer=self.context.person_id,
                comment=comment,
            )
        except ReviewError as error:
            QMessageBox.warning(self, self.tr("Not recorded"), refusal_text(error))
            return False
        self.context.notify(inspection_id)
        self.reload(keep=inspection_id)
        return True

    def export_package(self, out: Path | None = None) -> Job | None:
        inspection_id = self.detail.inspection_id
        if inspection_id is None:
            return None
        return export_package(
            self.context,
            self,
            self.note,
            inspection_id=inspection_id,
            name=self.tr("evidence-{id}").format(id=inspection_id[:8]),
            out=out,
        )

    def show_photos(self) -> QWidget | None:
        if self.detail.inspection_id is None:
            return None
        return open_evidence(self.context, self.detail.inspection_id, self)
