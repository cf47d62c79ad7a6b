"""One step of a notice's follow-up, recorded with who and when: 整改回执 (text and after-photos),
复查 passed or failed, 销号, 延期 granted or refused (showing the unit's pending request, its date
pre-filled), reopen. The lifecycle (domain/lifecycle.py)
decides what may follow what; its refusal is shown in words and nothing is recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.context import AppContext
from app.evidence.import_job import import_job
from app.jobs import Job, stop_jobs
from app.labels import display_zone, local_time, message_text, refusal_text
from app.notices.labels import event_label
from app.widgets.file_dialog import open_file_names
from app.widgets.screen_fit import fit_to_screen
from domain.clock import to_iso
from local_db.follow_up import attach_follow_up_photo, record_recheck, record_rectification
from local_db.notices import NoticeError, record_event, status

# kinds that take after-photos; kinds whose note is required
WITH_PHOTOS = ("rectified", "recheck_passed", "recheck_failed")
NOTE_REQUIRED = ("rectified", "recheck_failed", "extension_refused", "reopened")


def _qt_time(text: str) -> QDateTime:
    moment = QDateTime.fromString(text[:23], "yyyy-MM-ddTHH:mm:ss.zzz")
    moment.setTimeZone(QTimeZone.utc())
    return moment.toTimeZone(display_zone())


def _iso(moment: QDateTime) -> str:
    return moment.toUTC().toString("yyyy-MM-ddTHH:mm:ss.zzz000Z")


class FollowUpDialog(QDialog):
    recorded = Signal(str)  # notice id, once the step (and any photos) are in the store

    def __init__(
        self, context: AppContext, notice: dict[str, Any], kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.notice = notice
        self.kind = kind
        self.files: list[Path] = []
        self.job: Job | None = None
        self.setWindowTitle(
            self.tr("{step} — notice {number}").format(
                step=event_label(kind), number=notice["number"]
            )
        )
        now = QDateTime.currentDateTime().toTimeZone(display_zone())
        self.at = QDateTimeEdit(now)
        self.at.setTimeZone(display_zone())
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.at.setMinimumDateTime(_qt_time(notice["issued_at"]))
        self.at.setMaximumDateTime(now.addSecs(600))  # a step is recorded when it happened
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self._note_hint())
        self.note.setFixedHeight(90)
        self.new_due = QDateTimeEdit(_qt_time(notice["current_due_at"]).addDays(7))
        self.new_due.setTimeZone(display_zone())
        self.new_due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.new_due.setCalendarPopup(True)
        self.problem = QComboBox()
        self.problem.addItem(self.tr("The notice as a whole"), None)
        for finding in self._findings():
            self.problem.addItem(
                f"{finding['item_code']} {finding['description'][:30]}", finding["id"]
            )
        self.photo_list = QListWidget()
        self.photo_list.setFixedHeight(80)
        self.add_photos = QPushButton(self.tr("Add after-photos…"))
        self.add_photos.clicked.connect(self._choose_photos)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Record"))
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.tr("Unit"), QLabel(notice["unit_name"]))
        form.addRow(self.tr("Time"), self.at)
        self.request = QLabel()  # the unit's request for more time the office decides, if any
        self.request.setWordWrap(True)
        if kind in ("extension_granted", "extension_refused"):
            asked = status(context.store, notice["id"]).pending_extension
            if asked is not None and asked.new_due_at is not None:
                self.request.setText(
                    self.tr("The unit asked ({signer}, {at}) for {due}: {reason}").format(
                        signer=asked.signer or "",
                        at=local_time(to_iso(asked.at)),
                        due=local_time(to_iso(asked.new_due_at)),
                        reason=asked.note or "",
                    )
                )
                self.new_due.setDateTime(_qt_time(to_iso(asked.new_due_at)))
                form.addRow(self.tr("Request"), self.request)
        if kind == "extension_granted":
            form.addRow(self.tr("New due time"), self.new_due)
        form.addRow(self._note_label(), self.note)
        if kind in WITH_PHOTOS:
            photos = QHBoxLayout()
            photos.addWidget(self.photo_list, 1)
            photos.addWidget(self.add_photos)
            form.addRow(self.tr("Photos"), photos)
            form.addRow(self.tr("They show"), self.problem)
        form.addRow(self.message)
        form.addRow(self.buttons)
        fit_to_screen(self, 560, 0)

    def _findings(self) -> list[dict[str, Any]]:
        ids = json.loads(self.notice["findings"])
        rows = [self.context.store.row("finding", i) for i in ids]
        return [r for r in rows if r is not None]

    def _note_label(self) -> str:
        return {
            "rectified": self.tr("What was fixed"),
            "recheck_failed": self.tr("Why it failed"),
            "extension_refused": self.tr("Reason"),
            "reopened": self.tr("Reason"),
        }.get(self.kind, self.tr("Note"))

    def _note_hint(self) -> str:
        if self.kind in NOTE_REQUIRED:
            return self.tr("Required")
        return self.tr("Optional")

    def add_files(self, files: list[Path]) -> None:
        for path in files:
            if path not in self.files:
                self.files.append(path)
                self.photo_list.addItem(path.name)

    def _choose_photos(self) -> None:
        names, _ = open_file_names(
            self, self.tr("After-photos"), "", self.tr("Photos (*.jpg *.jpeg *.png *.heic *.heif)")
        )
        self.add_files([Path(n) for n in names])

    # -- recording -----------------------------------------------------------------------------
    def record(self) -> None:
        note = self.note.toPlainText().strip()
        if self.kind in NOTE_REQUIRED and not note:
            self.message.setText(self.tr("Please fill in: {what}").format(what=self._note_label()))
            return
        store, actor, at = self.context.store, self.context.person_id, _iso(self.at.dateTime())
        notice_id = self.notice["id"]
        try:
            if self.kind == "rectified":
                owner = {
                    "rectification_id": record_rectification(
                        store, notice_id, note, actor=actor, at=at
                    )["id"]
                }
            elif self.kind in ("recheck_passed", "recheck_failed"):
                owner = {
                    "recheck_id": record_recheck(
                        store, notice_id, self.kind == "recheck_passed", note, actor=actor, at=at
                    )["id"]
                }
            else:
                owner = {}
                record_event(
                    store,
                    notice_id,
                    self.kind,
                    actor=actor,
                    at=at,
                    note=note,
                    new_due_at=_iso(self.new_due.dateTime())
                    if self.kind == "extension_granted"
                    else None,
                )
        except NoticeError as error:
            self.message.setText(refusal_text(error))
            return
        self.context.notify()
        if owner and self.files:
            self._import_photos(owner)
            return
        self._done()

    def _import_photos(self, owner: dict[str, str]) -> None:
        """The step is recorded; its photos come in the background, the dialog says how far."""
        about = self.problem.currentData()

        def attach(store, meta):  # on the import thread, with its own store connection
            return attach_follow_up_photo(store, meta, about_finding_id=about, **owner)

        self.ok.setEnabled(False)
        self.note.setReadOnly(True)
        self.message.setStyleSheet("color: #374151;")
        self.message.setText(self.tr("Step recorded. Importing photos…"))
        self.job = import_job(
            self.context.store.path.parent,
            self.files,
            inspection_id="",
            finding_id=None,
            zone=self.context.office_zone,
            owner=self,
            attach=attach,
        )
        self.job.done.connect(self._photos_done)
        self.job.failed.connect(self._photos_failed)
        self.job.start()

    def _photos_done(self, report) -> None:
        problems = report.unsaved + report.skipped + report.refused
        refused = [message_text(reason) for _path, reason in problems]  # each names its file
        self.context.notify()
        if refused:
            self.message.setStyleSheet("color: #b91c1c;")
            self.message.setText(
                self.tr("Step recorded; some photos were not added:") + "\n" + "\n".join(refused)
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
            self.recorded.emit(self.notice["id"])
            return
        self._done()

    def _photos_failed(self, error: str) -> None:
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setText(
            self.tr("Step recorded; the photos were not added: {error}").format(error=error)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.recorded.emit(self.notice["id"])

    def _done(self) -> None:
        self.accept()
        self.recorded.emit(self.notice["id"])

    def done(self, result: int) -> None:
        stop_jobs(self)  # an import stops after the photo in hand; the step itself is recorded
        super().done(result)
