"""整改通知: the notices with state, due time and time left; 签收, export and print."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.cases.texts import source_text
from app.context import AppContext
from app.documents.notice_photos import PhotoNotDrawable
from app.evidence.missing_text import export_failure_text
from app.evidence.originals import OriginalsMissing, ensure_originals
from app.evidence.package_action import export_package
from app.evidence.remote_photos import client_factory
from app.jobs import Job, Task
from app.labels import local_time
from app.notices.acknowledge_dialog import AcknowledgeDialog
from app.notices.before_after import BeforeAfterView
from app.notices.follow_up_dialog import FollowUpDialog
from app.notices.history import history_lines
from app.notices.labels import state_label
from app.notices.list_model import NoticeListModel
from app.notices.unit_event_dialog import UnitEventDialog
from app.widgets.file_dialog import save_file_name
from app.widgets.flow_layout import FlowLayout
from app.widgets.job_progress import JobProgress
from app.widgets.tables import list_table
from domain.clock import utc_now
from domain.lifecycle import STATES, TRANSITIONS
from local_db.cases import cases_on_notice
from local_db.kept_originals import notice_originals
from local_db.notices import NoticeFilter, events, list_notices
from local_db.reference import local_role, units

OFFICE_ROLES = ("reviewer", "admin")


class NoticesView(QWidget):
    # The rows of a read have arrived and are shown, with the count (tests wait on it).
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = NoticeListModel()
        self.job: Job | None = None  # the read under way (its rows are the ones to show)
        self._again = False  # asked again while reading: read once more before showing
        self._keep: str | None = None  # the notice to select once the rows arrive
        self.unit = QComboBox()
        self.unit.addItem(self.tr("All units"), None)
        for u in units(context.store):
            self.unit.addItem(u["name"], u["id"])
        self.state = QComboBox()
        self.state.addItem(self.tr("Any state"), None)
        for code in STATES:
            self.state.addItem(state_label(code), code)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        for signal in (self.unit.currentIndexChanged, self.state.currentIndexChanged):
            signal.connect(self._filter)
        self.overdue.toggled.connect(self._filter)
        self.count = QLabel()
        # While the list is read the rows shown so far stay, with this beside the count.
        self.reading = QLabel(self.tr("Reading…"))
        self.reading.setStyleSheet("color:#6b7280")
        self.reading.hide()

        # Number, state and time left first: never behind a scroll, however narrow the window.
        self.table = list_table(
            self.model, (106, 130, 0, 84, 84, 116, 108, 76), stretch=2, lead=(0, 6, 5)
        )
        self.table.selectionModel().selectionChanged.connect(self._selected)

        self.detail = QTextBrowser()
        self.ack_button = QPushButton(self.tr("Record receipt (签收)…"))
        self.ack_button.clicked.connect(self.acknowledge)
        self.step_buttons: dict[str, QPushButton] = {}
        steps = FlowLayout()  # wraps onto a second row when the pane is narrow
        steps.addWidget(self.ack_button)
        for kind, text in (
            ("rectified", self.tr("Rectification report…")),
            ("recheck_passed", self.tr("Recheck passed…")),
            ("recheck_failed", self.tr("Recheck failed…")),
            ("closed", self.tr("Close out (销号)…")),
            ("extension_granted", self.tr("Grant extension…")),
            ("extension_refused", self.tr("Refuse extension…")),
            ("reopened", self.tr("Reopen…")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, kind=kind: self.follow_up(kind))
            self.step_buttons[kind] = button
            steps.addWidget(button)
        # the unit's request for more time and its dispute, recorded by the office; 改派, 推诿
        self.unit_buttons: dict[str, QPushButton] = {}
        for kind, text in (
            ("extension_requested", self.tr("Record extension request…")),
            ("disputed", self.tr("Record dispute…")),
            ("transferred", self.tr("Transfer (改派)…")),
            ("dispute_refused", self.tr("Refuse dispute…")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, kind=kind: self.unit_event(kind))
            self.unit_buttons[kind] = button
            steps.addWidget(button)
        self.before_after = BeforeAfterView(context)
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.docx_button = QPushButton(self.tr("Export Word…"))
        self.docx_button.clicked.connect(lambda: self.export(".docx"))
        self.package_button = QPushButton(self.tr("Evidence package…"))
        self.package_button.clicked.connect(lambda: self.export_package())
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_notice)
        actions = FlowLayout()
        for button in (self.pdf_button, self.docx_button, self.print_button, self.package_button):
            actions.addWidget(button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 3)
        side_layout.addWidget(self.before_after, 2)
        side_layout.addLayout(steps)
        side_layout.addLayout(actions)
        side_layout.addWidget(self.status)

        filters = QHBoxLayout()
        filters.addWidget(self.unit, 1)
        filters.addWidget(self.state)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        filters.addWidget(self.reading)
        filters.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setSizes([880, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        # The list is read (in a job) when the tab is first shown, not at start-up; after that
        # it follows every change.
        self.read_once = False
        self._show(None)  # no step offered before a notice is there to take it
        context.changed.connect(lambda _id: self.reload() if self.read_once else None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.read_once:
            self.reload()

    # -- list ----------------------------------------------------------------------------------
    def _filter(self) -> None:
        self.reload()

    def current_filter(self) -> NoticeFilter:
        return NoticeFilter(
            unit_id=self.unit.currentData(),
            state=self.state.currentData(),
            overdue_only=self.overdue.isChecked(),
        )

    def loading(self) -> bool:
        """A read of the list is under way (its rows not shown yet)."""
        return self.job is not None

    def reload(self, select: str | None = None) -> Job:
        """Read the list again off the GUI thread; the rows shown stay until the new ones
        arrive. Asked again while reading, the newest request wins: the rows of a read that
        was overtaken are never shown. `select`: the notice to select once they are here."""
        self.read_once = True
        if select is not None:
            self._keep = select
        self.reading.show()
        if self.job is not None:
            self._again = True
            return self.job
        flt, now = self.current_filter(), utc_now()

        def work(task: Task) -> list[dict]:
            return list_notices(task.store, flt, now=now)

        job = Job(work, name="notices", owner=self, data_dir=self.context.store.path.parent)
        job.done.connect(lambda rows, job=job: self._read(job, rows, now))
        job.failed.connect(lambda error, job=job: self._read_failed(job, error))
        self.job = job.start()
        return job

    def _next(self, job: Job) -> bool:
        """The read `job` ended: True when its outcome is the one to show; when it was asked
        for again meanwhile, the next read starts instead."""
        if job is not self.job:
            return False
        self.job = None
        if self._again:
            self._again = False
            self.reload()
            return False
        self.reading.hide()
        return True

    def _read(self, job: Job, rows: list[dict], now: datetime) -> None:
        if not self._next(job):
            return
        selected = self.current()
        keep = self._keep or (selected["id"] if selected else None)
        self._keep = None
        self.model.set_rows(rows, now)
        self._after_reload(keep)
        self.loaded.emit()

    def _read_failed(self, job: Job, error: str) -> None:
        if self._next(job):
            self._keep = None
            self.count.setText(
                self.tr("The notices could not be read: {error}").format(error=error)
            )
            self.loaded.emit()

    def _after_reload(self, keep: str | None = None) -> None:
        overdue = sum(1 for r in range(self.model.rowCount()) if self.model.row_data(r)["overdue"])
        self.count.setText(
            self.tr("{n} notice(s), {late} overdue").format(n=self.model.rowCount(), late=overdue)
        )
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show(None)

    def current(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_data(rows[0].row()) if rows else None

    def select_notice(self, notice_id: str) -> bool:
        """Select the notice; True when it is among the rows shown now. Before the list was
        first read, or while it is read, it is selected when the rows arrive (if among them)."""
        if not self.read_once:
            self.reload(select=notice_id)
        elif self.loading():
            self._keep = notice_id
        row = self.model.row_of(notice_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _selected(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._show(self.current())

    def _show(self, notice: dict | None) -> None:
        for button in (self.pdf_button, self.docx_button, self.print_button, self.package_button):
            button.setEnabled(notice is not None)
        self.ack_button.setVisible(notice is not None and notice["state"] == "issued")
        for kind, button in self.step_buttons.items():
            allowed, _target = TRANSITIONS[kind]
            button.setVisible(notice is not None and notice["state"] in allowed)
        self._offer_unit_events(notice)
        self.before_after.show_notice(notice)
        if notice is None:
            self.detail.setHtml(escape(self.tr("No notice selected.")))
            return
        html = [
            f"<h3>{escape(notice['number'])}</h3>",
            f"<p><b>{escape(state_label(notice['state']))}</b>",
        ]
        if notice["overdue"]:
            late = self.tr("Overdue")
            html.append(f" &nbsp; <span style='color:#b91c1c'>{escape(late)}</span>")
        html.append("</p><table>")
        rows = [
            (self.tr("Responsible unit"), notice["unit_name"]),
            (self.tr("Zone"), notice["zone_name"] or ""),
            (self.tr("Issued"), local_time(notice["issued_at"])),
            (self.tr("Due"), local_time(notice["current_due_at"])),
            (self.tr("Signed by"), notice["signer"] or "—"),
            (self.tr("Source"), source_text(notice.get("source"))),
        ]
        html += [
            f"<tr><td style='color:#6b7280'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows
        ]
        joined = cases_on_notice(self.context.store, notice["id"])  # its case, merged ones
        if joined:
            title = self.tr("Cases")
            html.append(f"</table><h4>{escape(title)}</h4><ul>")
            html += [
                f"<li>{escape(source_text(c['source']))} {escape(c['ticket_no'])} · "
                f"{escape(local_time(c['received_at']))} · {escape(c['address'])}<br>"
                f"{escape(c['description'])}</li>"
                for c in joined
            ]
            html.append("</ul><table>")
        requirements, history = self.tr("Requirements"), self.tr("History")
        html.append(f"</table><h4>{escape(requirements)}</h4>")
        html.append(f"<p>{escape(notice['requirements']).replace(chr(10), '<br>')}</p>")
        html.append(f"<h4>{escape(history)}</h4><ul>")
        names = {u["id"]: u["name"] for u in units(self.context.store)}
        for at, words in history_lines(events(self.context.store, notice["id"]), names):
            html.append(f"<li>{escape(at)} {escape(words)}</li>")
        html.append("</ul>")
        self.detail.setHtml("".join(html))

    def _offer_unit_events(self, notice: dict | None) -> None:
        """延期申请, 异议, 改派, 驳回异议: shown for a selected notice, enabled when the office may
        record them now; when not, the tooltip says why."""
        office = local_role(self.context.store) in OFFICE_ROLES
        for kind, button in self.unit_buttons.items():
            button.setVisible(notice is not None)
            if notice is None:
                continue
            why = ""
            if not office:
                why = self.tr("Only office staff (reviewers, admins) record this.")
            elif notice["state"] not in TRANSITIONS[kind][0]:
                why = self.tr("Not while the notice is '{state}'.").format(
                    state=state_label(notice["state"])
                )
            elif kind == "extension_requested" and notice.get("pending_extension"):
                why = self.tr("The unit's earlier request is not decided yet.")
            elif kind == "disputed" and notice.get("pending_dispute"):
                why = self.tr("The unit's earlier dispute is not decided yet.")
            elif kind == "dispute_refused" and not notice.get("pending_dispute"):
                why = self.tr("There is no pending dispute to refuse.")
            button.setEnabled(not why)
            button.setToolTip(why)

    # -- actions -------------------------------------------------------------------------------
    def unit_event(self, kind: str) -> UnitEventDialog | None:
        notice = self.current()
        if notice is None:
            return None
        dialog = UnitEventDialog(self.context, notice, kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def acknowledge(self) -> AcknowledgeDialog | None:
        notice = self.current()
        if notice is None:
            return None
        dialog = AcknowledgeDialog(self.context, notice, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def follow_up(self, kind: str) -> FollowUpDialog | None:
        notice = self.current()
        if notice is None:
            return None
        dialog = FollowUpDialog(self.context, notice, kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_package(self, out: Path | None = None) -> Job | None:
        notice = self.current()
        if notice is None:
            return None
        return export_package(
            self.context,
            self,
            self.status,
            notice_id=notice["id"],
            name=self.tr("evidence-{number}").format(number=notice["number"]),
            out=out,
        )

    def export(self, suffix: str, out: Path | None = None) -> Job | None:
        """Export the selected notice (asks where, unless `out` is given), in a job: the
        originals it shows that this laptop lacks are fetched first; offline (or when a fetch
        fails) nothing is written and the missing photos are listed."""
        notice = self.current()
        if notice is None:
            return None
        if out is None:
            name = notice["number"].replace("/", "-") + suffix
            chosen, _ = save_file_name(self, self.tr("Export notice"), name)
            if not chosen:
                return None
            out = Path(chosen)
        notice_id, zone = notice["id"], self.context.office_zone
        data_dir = self.context.store.path.parent
        make_client = client_factory(data_dir)

        def work(task: Task) -> Path:
            from app.documents.notice_export import export_notice

            needed = notice_originals(task.store, notice_id)
            ensure_originals(task.store, needed, make_client, cancel=task.cancel_event)
            return export_notice(task.store, notice_id, out, zone)

        self.status.setText(self.tr("Writing {name}…").format(name=out.name))
        job = Job(
            work,
            name="notice-export",
            owner=self,
            data_dir=data_dir,
            describe=export_failure_text,
            cancellable=True,
        )
        job.done.connect(
            lambda path: self.status.setText(self.tr("Saved {path}").format(path=path))
        )
        job.failed.connect(
            lambda error: self.status.setText(self.tr("Export failed: {error}").format(error=error))
        )
        job.start()
        JobProgress(job, self.tr("Writing {name}…").format(name=out.name), self)
        return job

    def print_notice(self) -> None:
        notice = self.current()
        if notice is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from app.documents.notice_export import build_notice_document
        from app.documents.notice_pdf import render_notice

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            try:  # never a placeholder on paper either: the originals must be here
                document = build_notice_document(
                    self.context.store, notice["id"], self.context.office_zone
                )
                pages = render_notice(document, printer)
            except (OriginalsMissing, PhotoNotDrawable) as error:
                self.status.setText(
                    self.tr("Not printed: {error}").format(error=export_failure_text(error))
                )
                return
            self.status.setText(self.tr("Sent {n} page(s) to the printer.").format(n=pages))
