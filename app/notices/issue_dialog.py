"""Issuing a rectification notice from a submitted inspection's problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.labels import display_zone, local_time, refusal_text
from app.widgets.screen_fit import fit_to_screen, scrolling
from domain.clock import from_iso, to_iso, utc_now
from domain.notice_due import notice_due
from domain.notice_text import requirements_text
from local_db import inspections as ops
from local_db import photos as photo_ops
from local_db.notices import NoticeError, issue_notice
from local_db.queries import inspection_header
from local_db.reference import load_template, units


def _qt_time(iso: str) -> QDateTime:
    moment = QDateTime.fromMSecsSinceEpoch(int(from_iso(iso).timestamp() * 1000), QTimeZone.utc())
    return moment.toTimeZone(display_zone())


class IssueNoticeDialog(QDialog):
    issued = Signal(str)  # the new notice's id

    def __init__(
        self, context: AppContext, inspection_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.inspection_id = inspection_id
        store = context.store
        self.header = inspection_header(store, inspection_id) or {}
        self.template = load_template(store, self.header["template_id"])
        self.setWindowTitle(self.tr("Issue a rectification notice"))
        self._requirements_edited = False
        self._computed_due = ""

        self.unit = QComboBox()
        self.cc = QListWidget()
        self.cc.setMaximumHeight(110)
        for u in units(store):
            self.unit.addItem(u["name"], u["id"])
            item = QListWidgetItem(u["name"])
            item.setData(Qt.ItemDataRole.UserRole, u["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.cc.addItem(item)
        self.unit.setCurrentIndex(max(0, self.unit.findData(self.header["unit_id"])))

        self.problems = QListWidget()
        for code, finding in sorted(ops.findings(store, inspection_id).items()):
            if finding["result"] != "problem":
                continue
            item = self.template.item(code)
            count = len(photo_ops.photos_of(store, inspection_id, finding["id"]))
            text = self.tr("{code} {text} · {cases} case(s) · {photos} photo(s)").format(
                code=code, text=item.text, cases=finding["cases"], photos=count
            )
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, finding["id"])
            row.setData(Qt.ItemDataRole.UserRole + 1, code)
            row.setToolTip(finding["description"])
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.problems.addItem(row)
        self.problems.itemChanged.connect(self._problems_changed)

        self.requirements = QPlainTextEdit()
        self.requirements.textChanged.connect(self._requirements_typed)
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
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.issue_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.issue_button.setText(self.tr("Issue"))
        buttons.accepted.connect(self.issue)
        buttons.rejected.connect(self.reject)

        # The form scrolls on a small screen; the message and the buttons stay in view.
        body = QWidget()
        form = QFormLayout(body)
        form.addRow(
            self.tr("Inspection"),
            QLabel(f"{self.header['zone_name']} · {local_time(self.header['started_at'])}"),
        )
        form.addRow(self.tr("To (主送)"), self.unit)
        form.addRow(self.tr("Copy to (抄送)"), self.cc)
        form.addRow(self.tr("Problems"), self.problems)
        form.addRow(self.tr("Requirements"), self.requirements)
        form.addRow(self.tr("Due"), self.due)
        form.addRow("", self.due_rule)
        form.addRow(self.tr("Reason for another due time"), self.due_reason)
        self.problems.setMinimumHeight(90)
        self.requirements.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 680)
        self._problems_changed()

    # -- state ---------------------------------------------------------------------------------
    def checked(self) -> list[tuple[str, str]]:
        """(finding id, item code) of the ticked problems."""
        rows = [self.problems.item(i) for i in range(self.problems.count())]
        return [
            (r.data(Qt.ItemDataRole.UserRole), r.data(Qt.ItemDataRole.UserRole + 1))
            for r in rows
            if r.checkState() == Qt.CheckState.Checked
        ]

    def _problems_changed(self, *_: Any) -> None:
        codes = [code for _id, code in self.checked()]
        if not self._requirements_edited:
            self.requirements.blockSignals(True)
            self.requirements.setPlainText(requirements_text(self.template, codes))
            self.requirements.blockSignals(False)
        if not codes:
            self.due_rule.setText(self.tr("Tick at least one problem."))
            return
        due = notice_due(utc_now(), [self.template.item(c) for c in codes], self.context.calendar)
        self._computed_due = to_iso(due.at)
        self.due.blockSignals(True)
        self.due.setDateTime(_qt_time(self._computed_due))
        self.due.blockSignals(False)
        self.due_reason.setEnabled(False)
        text = self.tr("By the items' time limits on the working-day calendar (the tightest wins).")
        if due.warning:
            years = "、".join(str(y) for y in due.uncovered_years)
            text += " " + self.tr(
                "⚠ The holiday calendar does not cover {years}: check the date."
            ).format(years=years)
        self.due_rule.setText(text)

    def _requirements_typed(self) -> None:
        self._requirements_edited = True

    def _due_changed(self) -> None:
        self.due_reason.setEnabled(self._chosen_due() != self._computed_due)

    def _chosen_due(self) -> str:
        moment = self.due.dateTime().toUTC()
        return moment.toString("yyyy-MM-ddTHH:mm:00.000000Z")

    def set_due(self, moment: QDateTime) -> None:
        self.due.setDateTime(moment)

    # -- issue ---------------------------------------------------------------------------------
    def issue(self) -> None:
        chosen = self.checked()
        due = self._chosen_due()
        if not chosen:
            self.message.setText(self.tr("Tick at least one problem."))
            return
        if not self.requirements.toPlainText().strip():
            self.message.setText(self.tr("Write what the unit must do."))
            return
        overridden = due != self._computed_due
        if overridden and not self.due_reason.text().strip():
            self.message.setText(self.tr("Give a reason for changing the due time."))
            self.due_reason.setFocus()
            return
        cc = [
            self.cc.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.cc.count())
            if self.cc.item(i).checkState() == Qt.CheckState.Checked
        ]
        try:
            notice = issue_notice(
                self.context.store,
                inspection_id=self.inspection_id,
                unit_id=self.unit.currentData(),
                cc_unit_ids=cc,
                finding_ids=[fid for fid, _code in chosen],
                requirements=self.requirements.toPlainText(),
                due_at=due,
                issued_by=self.context.person_id,
                due_note=self.due_reason.text().strip() if overridden else None,
                zone=self.context.office_zone,
            )
        except NoticeError as error:
            self.message.setText(refusal_text(error))
            return
        self.context.notify(self.inspection_id)
        self.accept()
        self.issued.emit(notice["id"])
