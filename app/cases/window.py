"""问题来源: the office's window for cases from other sources — import a hotline or 随手拍 export,
see the cases with their source, time, address and state, and triage each once: 交办 to a unit
as a notice (due time from the rules, domain/cases.py case_due), 合并 into an open notice, or
不予受理 with a reason. Reading, importing and every triage run in jobs (app/jobs.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.cases.importer import CaseImport, import_cases
from app.cases.texts import outcome_lines, source_text, triage_text
from app.context import AppContext
from app.evidence.browser import open_evidence_viewer
from app.evidence.photo_strip import PhotoStrip
from app.evidence.remote_photos import RemoteBlobs
from app.evidence.thumbnail_loader import ThumbnailLoader
from app.jobs import Job, Task, stop_jobs
from app.labels import display_zone, local_time, refusal_text
from app.widgets.file_dialog import open_file_name
from app.widgets.job_progress import JobProgress
from app.widgets.screen_fit import fit_to_screen
from domain.cases import CASE_SOURCES, case_due
from domain.clock import from_iso, to_iso, utc_now
from local_db.cases import assign_case, close_case, list_cases, merge_case, photos_of_cases
from local_db.notices import list_notices
from local_db.reference import local_person_id


@dataclass(frozen=True)
class Snapshot:
    """What the window shows, read by a job."""

    cases: list[dict[str, Any]]
    units: list[dict[str, Any]]
    zones: list[dict[str, Any]]
    open_notices: list[dict[str, Any]]
    photos: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # case id → rows


def read_snapshot(task: Task) -> Snapshot:
    store = task.store
    cases = list_cases(store)
    photos: dict[str, list[dict[str, Any]]] = {}
    for row in photos_of_cases(store, [c["id"] for c in cases if c["photo_count"]]):
        photos.setdefault(row["case_id"], []).append(row)
    return Snapshot(
        cases=cases,
        units=store.rows("SELECT id, name FROM unit ORDER BY name"),
        zones=store.rows("SELECT id, name, unit_id FROM zone WHERE active = 1 ORDER BY name"),
        open_notices=[n for n in list_notices(store) if n["state"] != "closed"],
        photos=photos,
    )


class CasesDialog(QDialog):
    """Cases from other sources (问题来源): import and triage."""

    loaded = Signal()  # after each read, the table filled (tests wait on it)
    finished_work = Signal(str)  # after an import or a triage: what the status line says

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Cases from other sources"))
        self.snapshot = Snapshot([], [], [], [])
        self.job: Job | None = None
        self.work: Job | None = None
        self._rule_due = ""  # the chosen case's due time by the rules (UTC ISO, to the minute)

        self.source = QComboBox()
        for code in CASE_SOURCES:
            self.source.addItem(source_text(code), code)
        self.import_button = QPushButton(self.tr("Import a file…"))
        self.import_button.setToolTip(
            self.tr("A hotline or citizen-photo export (.xlsx or CSV) with its photos")
        )
        self.import_button.clicked.connect(self.choose_file)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Source")))
        top.addWidget(self.source)
        top.addWidget(self.import_button)
        top.addStretch(1)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Ticket"),
                self.tr("State"),
                self.tr("Source"),
                self.tr("Received"),
                self.tr("Address"),
                self.tr("Unit / notice"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        for column, width in ((0, 120), (1, 90), (2, 100), (3, 115), (5, 150)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._selected)

        self.panel = self._triage_panel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1180, 640)
        self._selected()
        self.reload()

    # -- the triage panel ------------------------------------------------------------------------
    def _triage_panel(self) -> QGroupBox:
        box = QGroupBox(self.tr("Triage"))
        self.case_text = QLabel()
        self.case_text.setWordWrap(True)
        self.case_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = QTabWidget()

        assign = QWidget()
        self.unit = QComboBox()
        self.unit.currentIndexChanged.connect(self._unit_chosen)
        self.zone = QComboBox()
        self.due = QDateTimeEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due.setTimeZone(display_zone())
        self.due.dateTimeChanged.connect(self._due_changed)
        self.due_rule = QLabel()
        self.due_rule.setWordWrap(True)
        self.due_reason = QLineEdit()
        self.due_reason.setPlaceholderText(self.tr("Why the due time differs from the rules"))
        self.due_reason.setEnabled(False)
        self.requirements = QLineEdit()
        self.requirements.setPlaceholderText(self.tr("Requirements (default: the description)"))
        self.assign_button = QPushButton(self.tr("Assign as a notice"))
        self.assign_button.clicked.connect(self.assign)
        form = QFormLayout(assign)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow(self.tr("Due"), self.due)
        form.addRow("", self.due_rule)
        form.addRow(self.tr("Reason for another due time"), self.due_reason)
        form.addRow(self.tr("Requirements"), self.requirements)
        form.addRow("", self.assign_button)
        self.pages.addTab(assign, self.tr("Assign"))

        merge = QWidget()
        self.notice = QComboBox()
        self.merge_button = QPushButton(self.tr("Merge into this notice"))
        self.merge_button.clicked.connect(self.merge)
        form = QFormLayout(merge)
        form.addRow(self.tr("Open notice"), self.notice)
        form.addRow("", self.merge_button)
        self.pages.addTab(merge, self.tr("Merge"))

        close = QWidget()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. not a city-management problem"))
        self.close_button = QPushButton(self.tr("Do not accept"))
        self.close_button.clicked.connect(self.close_case)
        form = QFormLayout(close)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.close_button)
        self.pages.addTab(close, self.tr("Not accepted"))

        data_dir = self.context.store.path.parent
        self.loader = ThumbnailLoader(
            data_dir, self, remote=RemoteBlobs.from_settings(data_dir, self)
        )
        self.photos = PhotoStrip(self.loader)
        self.photos.set_read_only(True)
        self.photos.setMaximumHeight(110)
        self.photos.open_requested.connect(self._view_photo)
        layout = QVBoxLayout(box)
        layout.addWidget(self.case_text)
        layout.addWidget(self.photos)
        layout.addWidget(self.pages, 1)
        return box

    def _view_photo(self, index: int) -> None:
        case = self.selected_case()
        photos = self.snapshot.photos.get(case["id"], []) if case else []
        if photos:
            open_evidence_viewer(self.context.store, photos, index, parent=self)

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> Job:
        job = Job(read_snapshot, name="cases", owner=self, data_dir=self.context.store.path.parent)
        job.done.connect(lambda result, job=job: self._read(job, result))
        job.failed.connect(lambda error: self.status.setText(error))
        self.job = job.start()
        return job

    def _read(self, job: Job, snapshot: Snapshot) -> None:
        if job is not self.job:
            return
        chosen = self.selected_case()
        self.snapshot = snapshot
        self.table.setRowCount(len(snapshot.cases))
        for r, case in enumerate(snapshot.cases):
            where = case["notice_number"] or case["unit_name"] or ""
            if case["triage"] == "closed":
                where = case["triage_note"] or ""
            cells = (
                case["ticket_no"],
                triage_text(case["triage"]),
                source_text(case["source"]),
                local_time(case["received_at"]),
                case["address"],
                where,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if c != 4 else f"{case['address']}\n{case['description']}")
                item.setData(Qt.ItemDataRole.UserRole, case["id"])
                self.table.setItem(r, c, item)
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in snapshot.units:
            self.unit.addItem(unit["name"], unit["id"])
        self.unit.blockSignals(False)
        self._unit_chosen()
        self.notice.clear()
        for notice in snapshot.open_notices:
            self.notice.addItem(
                f"{notice['number']}　{notice['unit_name']}　{source_text(notice['source'])}",
                notice["id"],
            )
        if chosen is not None:
            self.select_case(chosen["id"])
        self._selected()
        self.loaded.emit()

    def _unit_chosen(self) -> None:
        unit_id = self.unit.currentData()
        self.zone.clear()
        self.zone.addItem(self.tr("(none)"), None)
        for zone in self.snapshot.zones:
            if zone["unit_id"] == unit_id:
                self.zone.addItem(zone["name"], zone["id"])

    # -- selection -------------------------------------------------------------------------------
    def selected_case(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        case_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((c for c in self.snapshot.cases if c["id"] == case_id), None)

    def select_case(self, case_id: str) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == case_id:
                self.table.selectRow(r)
                return

    def _selected(self) -> None:
        case = self.selected_case()
        pending = case is not None and case["triage"] == "pending" and self.work is None
        for button in (self.assign_button, self.merge_button, self.close_button):
            button.setEnabled(pending)
        self.merge_button.setEnabled(pending and self.notice.count() > 0)
        shown = self.snapshot.photos.get(case["id"], []) if case is not None else []
        self.photos.set_photos(shown, {})
        self.photos.setVisible(bool(shown))
        if case is None:
            self.case_text.setText(self.tr("Choose a case in the list."))
            return
        text = self.tr("{ticket} · {source} · {time}\n{address}\n{description}\nPhotos: {photos}")
        self.case_text.setText(
            text.format(
                ticket=case["ticket_no"],
                source=source_text(case["source"]),
                time=local_time(case["received_at"]),
                address=case["address"] or "—",
                description=case["description"],
                photos=case["photo_count"],
            )
        )
        if case["triage"] != "pending":
            return
        due = case_due(utc_now(), case["source"], self.context.calendar)
        self._rule_due = to_iso(due.at.replace(second=0, microsecond=0))
        self.due.setDateTime(QDateTime.fromSecsSinceEpoch(int(due.at.timestamp())))
        self.due_rule.setText(self.tr("By the rules for this source"))
        self._due_changed()

    def _chosen_due(self) -> str:
        """The due time chosen, UTC ISO to the minute (as the editor shows it)."""
        moment = from_iso(self.due.dateTime().toUTC().toString(Qt.DateFormat.ISODate))
        return to_iso(moment.replace(second=0, microsecond=0))

    def _due_changed(self) -> None:
        """Another due time than the rules' asks for its reason (as when a notice is issued)."""
        self.due_reason.setEnabled(bool(self._rule_due) and self._chosen_due() != self._rule_due)

    # -- work ------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = open_file_name(
            self,
            self.tr("Import cases"),
            "",
            self.tr("Exports (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Job:
        """Import `path` as cases of the chosen source, in a job."""
        source = str(self.source.currentData())
        data_dir = self.context.store.path.parent

        def work(task: Task) -> CaseImport:
            return import_cases(data_dir, path, source=source, cancel=task.cancel_event)

        self.status.setText(self.tr("Importing {name}…").format(name=path.name))
        job = Job(work, name="import cases", owner=self, cancellable=True)
        job.done.connect(self._imported)
        self._run(job)
        JobProgress(job, self.tr("Importing {name}…").format(name=path.name), self)
        return job

    def _imported(self, outcome: CaseImport) -> None:
        self._finish("\n".join(outcome_lines(outcome)))

    def _triage(self, name: str, step: Any, said: Any) -> Job:
        """Run one triage step (store → row) in a job, then say what it did (`said`: row →
        text); its refusal is told in words."""
        job = Job(
            lambda task: step(task.store),
            name=name,
            owner=self,
            data_dir=self.context.store.path.parent,
            describe=refusal_text,
        )
        job.done.connect(lambda row: self._finish(said(row)))
        return self._run(job)

    def assign(self) -> Job | None:
        case = self.selected_case()
        unit_id = self.unit.currentData()
        if case is None or unit_id is None:
            self.status.setText(self.tr("Choose a case and the unit to assign it to."))
            return None
        due_at = to_iso(from_iso(self.due.dateTime().toUTC().toString(Qt.DateFormat.ISODate)))
        overridden = self._chosen_due() != self._rule_due
        due_note = self.due_reason.text().strip() if overridden else None
        if overridden and not due_note:
            self.status.setText(self.tr("Give a reason for changing the due time."))
            self.due_reason.setFocus()
            return None
        by, zone_id = local_person_id(self.context.store), self.zone.currentData()
        zone = self.context.office_zone
        text = self.requirements.text()
        return self._triage(
            "assign case",
            lambda store: assign_case(
                store, case["id"], unit_id=unit_id, zone_id=zone_id, requirements=text,
                due_at=due_at, by=by, due_note=due_note, zone=zone,
            ),
            lambda notice: self._assigned(case["ticket_no"], notice["number"]),
        )  # fmt: skip

    def _assigned(self, ticket: str, number: str) -> str:
        self.due_reason.clear()  # the next case's due time is the rules' until changed
        return self.tr("{ticket}: assigned as notice {number}").format(ticket=ticket, number=number)

    def merge(self) -> Job | None:
        case, notice_id = self.selected_case(), self.notice.currentData()
        if case is None or notice_id is None:
            self.status.setText(self.tr("Choose a case and the notice to merge it into."))
            return None
        by = local_person_id(self.context.store)
        number = self.notice.currentText().split("　")[0]
        return self._triage(
            "merge case",
            lambda store: merge_case(store, case["id"], notice_id, by=by),
            lambda _row: self.tr("{ticket}: merged into notice {number}").format(
                ticket=case["ticket_no"], number=number
            ),
        )

    def close_case(self) -> Job | None:
        case = self.selected_case()
        if case is None:
            return None
        if not self.reason.text().strip():
            self.status.setText(self.tr("Give the reason the case is not accepted."))
            self.reason.setFocus()
            return None
        reason, by = self.reason.text(), local_person_id(self.context.store)
        return self._triage(
            "close case",
            lambda store: close_case(store, case["id"], reason, by=by),
            lambda _row: self.tr("{ticket}: not accepted").format(ticket=case["ticket_no"]),
        )

    def _run(self, job: Job) -> Job:
        self.work = job
        self.import_button.setEnabled(False)
        self._selected()
        job.failed.connect(self._finish)
        job.start()
        return job

    def _finish(self, text: str) -> None:
        self.work = None
        self.import_button.setEnabled(True)
        self.status.setText(text)
        self.context.notify()
        self.reload()
        self.finished_work.emit(text)

    def done(self, result: int) -> None:
        stop_jobs(self)
        super().done(result)
