"""统计通报 for a quarter or a year: the composite assessment (domain/composite.py) — rank, unit,
total, grade, flag, board and each counted component's points — and, for the selected unit, how
each component was made (its steps in words, the monthly scores behind 督查, the notices' rates
and counts behind 问题办理, the duty checks behind 马路办公, the import behind an imported one).
A banner names the components not yet imported and how to import them.

Shows a CompositeAssessment computed elsewhere (AssessmentView's job): nothing here reads the
store."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.labels import component_name, flag_label, grade_label, message_text
from domain.assessment import percent, points
from domain.clock import from_iso
from domain.composite import CompositeAssessment, ImportedScores, UnitComposite
from domain.composite_config import Component

RED, AMBER, GREY = "#b91c1c", "#b45309", "#6b7280"


def _when(text: str | None, zone: ZoneInfo) -> str:
    """An import's UTC time as the office's wall clock."""
    if not text:
        return "—"
    try:
        return f"{from_iso(text).astimezone(zone):%Y-%m-%d %H:%M}"
    except ValueError:
        return text


def _signed(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):+}".replace("-", "−")


def missing_text(a: CompositeAssessment) -> str:
    """The banner: which components are not imported yet and how to import them; "" if none."""
    if a.complete:
        return ""
    names = QCoreApplication.translate("composite", ", ").join(component_name(k) for k in a.missing)
    return QCoreApplication.translate(
        "composite",
        "Not yet imported: {names}. The totals below leave them out; grades, flags, lists and "
        "the documents wait until they are in: import each component's scores for the period "
        "(an .xlsx or CSV file with a score per unit) in {menu}.",
    ).format(names=names, menu=import_menu_path())


_ACCELERATOR = re.compile(r"\(&.\)|&")  # 考核(&A), &Assessment


def import_menu_path() -> str:
    """考核 → 导入考核分项… as the main window's menu shows it (its accelerator left out)."""
    menu = QCoreApplication.translate("MainWindow", "&Assessment")
    item = QCoreApplication.translate("MainWindow", "Import assessment scores…")
    return _ACCELERATOR.sub("", menu) + " → " + item


class CompositePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: CompositeAssessment | None = None
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fef3c7; color: #78350f; border: 1px solid #f59e0b;"
            " padding: 6px; }"
        )
        self.banner.hide()
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_steps)
        self.steps = QTextBrowser()
        self.steps.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.steps)
        splitter.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def counted(self) -> list[Component]:
        if self.result is None:
            return []
        return [c for c in self.result.config.components if c.weight > 0]

    def show_result(self, a: CompositeAssessment) -> None:
        self.result = a
        text = missing_text(a)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        counted = self.counted()
        headers = [
            self.tr("Rank"),
            self.tr("Unit"),
            self.tr("Total"),
            self.tr("Grade"),
            self.tr("Flag"),
            self.tr("List"),
            *(
                self.tr("{name} ({weight})").format(
                    name=component_name(c.key), weight=f"{c.weight.normalize():f}"
                )
                for c in counted
            ),
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(a.units))
        for r, u in enumerate(a.units):
            total = points(u.score) if u.checked else self.tr("Not inspected")
            if u.checked and not u.complete:
                total = self.tr("{total} (incomplete)").format(total=total)
            final = u.complete  # grades, flags and lists wait for the missing components
            values = [
                str(u.rank) if u.rank else "—",
                u.unit_name,
                total,
                grade_label(u.grade) if final else "",
                flag_label(u.flag) if final else "",
                flag_label(u.board) if final else "",
                *(points(u.parts[c.key].points) if u.checked else "—" for c in counted),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, u.unit_id)
                if c == 0 or c == 2 or c >= 6:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                colour = {"red": RED, "yellow": AMBER}.get(u.flag or "") if final else None
                if u.grade == "fail" and final:
                    colour = RED
                if not u.checked or not final:
                    colour = GREY
                if colour and c in (1, 2, 3, 4):
                    item.setForeground(QBrush(QColor(colour)))
                self.table.setItem(r, c, item)
        if a.units:
            self.table.selectRow(0)
        self._show_steps()

    def selected(self) -> UnitComposite | None:
        if self.result is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        unit_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((u for u in self.result.units if u.unit_id == unit_id), None)

    # -- how each component was made ------------------------------------------------------------
    def _show_steps(self) -> None:
        u = self.selected()
        if u is None or self.result is None:
            self.steps.clear()
            return
        html = [f"<h3>{escape(self.explain_title(u))}</h3>"]
        for c in self.counted():
            html.append(self._component_html(u, c))
        self.steps.setHtml("".join(html))

    def explain_title(self, u: UnitComposite) -> str:
        if not u.checked:
            return self.tr("{unit}: not inspected in this period, not ranked").format(
                unit=u.unit_name
            )
        return self.tr("{unit}: total {total}, how each component was made").format(
            unit=u.unit_name, total=points(u.score)
        )

    def _component_html(self, u: UnitComposite, c: Component) -> str:
        part = u.parts[c.key]
        weight = f"{c.weight.normalize():f}"
        full = f"{c.full_marks.normalize():f}"
        if part.score is None:
            head = self.tr("{name}: not imported yet (weight {weight})").format(
                name=component_name(c.key), weight=weight
            )
        else:
            head = self.tr("{name}: {score} of {full} → {points} of {weight} points").format(
                name=component_name(c.key),
                score=points(part.score),
                full=full,
                points=points(part.points),
                weight=weight,
            )
        lines = self.inputs(u, c)
        lines += [
            self.tr("{step} ({points})").format(
                step=message_text(step.message), points=_signed(step.points)
            )
            for step in part.steps
        ]
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        return f"<p><b>{escape(head)}</b></p><ul>{items}</ul>"

    def inputs(self, u: UnitComposite, c: Component) -> list[str]:
        """What the component was made from, in words."""
        a = self.result
        assert a is not None
        if c.key == "inspection":
            months = [
                self.tr("{month}: {score}").format(
                    month=self.tr("{year}-{month:02d}").format(
                        year=m.period.year, month=m.period.number
                    ),
                    score=points(s) if s is not None else self.tr("not inspected"),
                )
                for m, s in zip(a.months, u.month_scores, strict=True)
            ]
            return [self.tr("Monthly scores: {scores}").format(scores=self.tr(", ").join(months))]
        if c.key == "handling":
            h = u.handling
            if h is None:
                return [self.tr("No notices due in this period")]
            return [
                self.tr(
                    "Notices due {due}: rectified on time {on_time} ({on_time_rate}), closed "
                    "{closed} ({close_rate}), failed rechecks {failed}, overdue {overdue}, late "
                    "{late}; disputes refused {refused}"
                ).format(
                    due=h.due,
                    on_time=h.on_time,
                    on_time_rate=percent(h.on_time_rate),
                    closed=h.closed,
                    close_rate=percent(h.close_rate),
                    failed=h.failed_rechecks,
                    overdue=h.overdue,
                    late=h.late,
                    refused=u.refused_disputes,
                )
            ]
        if c.key == "video":
            exposures = u.handling.video_exposures if u.handling else 0
            return [self.tr("Problems exposed on video: {n}").format(n=exposures)]
        if c.key == "road_duty":
            d = u.duty_checks
            return [
                self.tr(
                    "Duty checks: on duty {on}, not on duty {off}, not verified {unknown}"
                ).format(
                    on=d.get("on_duty", 0), off=d.get("off_duty", 0), unknown=d.get("unverified", 0)
                )
            ]
        return self.import_lines(a.imports.get(c.key), a.period.zone)

    def import_lines(
        self, found: ImportedScores | list[ImportedScores] | None, zone: ZoneInfo
    ) -> list[str]:
        if found is None:
            return [self.tr("No import for this period")]
        batches = [found] if isinstance(found, ImportedScores) else found
        return [
            self.tr("Imported for {period} from {file} by {who} at {when}").format(
                period=i.period,
                file=i.file_name or "—",
                who=i.imported_by or "—",
                when=_when(i.imported_at, zone),
            )
            for i in batches
        ]
