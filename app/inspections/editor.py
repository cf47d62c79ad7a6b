"""The inspection editor: the checklist by category, one item's details, the running score.

Every change is saved at once (an inspector on a street corner must never lose a tap). A
submitted inspection opens read-only; "Correct" makes an amending draft.
"""

from __future__ import annotations

import logging
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.evidence.import_bar import PhotoImportBar
from app.evidence.opener import show_photos, warnings_of
from app.evidence.photo_strip import PhotoStrip, dropped_files
from app.evidence.photo_viewer import PhotoViewer
from app.evidence.thumbnail_loader import ThumbnailLoader
from app.inspections.action_bar import (
    ALL_OK_KEY,
    CLOSE_KEY,
    DUTY_KEY,
    DUTY_PHOTO_KEY,
    NEXT_PROBLEM_KEY,
    NOTICE_KEY,
    ActionBar,
    shortcut,
)
from app.inspections.banner import Banner
from app.inspections.checklist_tree import ChecklistTree
from app.inspections.duty_control import DutyControl
from app.inspections.editor_texts import (
    AMBER,
    GREEN,
    GREY,
    RED,
    heading_text,
    refusal_text,
    status_text,
    warning_text,
)
from app.inspections.item_panel import ItemPanel
from app.inspections.photo_tray import ATTACH_KEY, FOCUS_KEY, PhotoTray
from app.jobs import Job, stop_jobs
from app.labels import (
    number,
)
from app.notices.issue_dialog import IssueNoticeDialog
from app.photos.blobstore import BlobStore
from app.photos.media import media_filter
from app.widgets.file_dialog import existing_directory, open_file_names
from app.widgets.screen_fit import fit_to_screen
from domain.scoring import category_used
from domain.template import Template, TemplateItem
from local_db import inspections as ops
from local_db import photos as photo_ops
from local_db.amendments import amend_inspection
from local_db.queries import inspection_header
from local_db.reference import load_template
from local_db.store import is_busy

log = logging.getLogger(__name__)

IMAGE_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC"


class InspectionEditor(QMainWindow):
    open_inspection = Signal(str)  # asks the main window to open another (an amendment)
    notice_issued = Signal(str)  # a notice was issued from this inspection

    def __init__(
        self, context: AppContext, inspection_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.inspection_id = inspection_id
        store = context.store
        header = inspection_header(store, inspection_id)
        if header is None:
            raise KeyError(inspection_id)
        self.template: Template = load_template(store, header["template_id"])
        self._confirm_warnings = False

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = Banner()
        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.progress_label = QLabel()
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("Summary of the inspection (optional)"))
        self.summary.editingFinished.connect(self._save_summary)

        self.tree = ChecklistTree()
        self._categories, self._items = self.tree.fill(self.template)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.result_key.connect(self._set_result_from_key)

        self.data_dir = context.store.path.parent
        self.blobs = BlobStore(self.data_dir / "blobs")
        self.loader = ThumbnailLoader(self.data_dir, self)
        self._viewer: PhotoViewer | None = None
        self.tree.files_dropped.connect(self.import_files)
        self.panel = ItemPanel(context.calendar, self.loader)
        self.panel.edited.connect(self._save_item)
        self.panel.add_files.connect(lambda: self._choose_files(self._current_code()))
        self.panel.add_folder.connect(lambda: self._choose_folder(self._current_code()))
        self.panel.photos.files_dropped.connect(
            lambda files: self.import_files(self._current_code(), files)
        )
        self.panel.photos.open_requested.connect(
            lambda index: self.view_photos(self.panel.photos.photos, index)
        )
        self.panel.photos.remove_requested.connect(self.remove_photo)
        # The item's details scroll: a problem's form never makes the window taller.
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setWidget(self.panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)

        # Photos of the inspection as a whole (the scene, the street sign), not of one item:
        # the strip shows only once there is one.
        self.site_photos = PhotoStrip(self.loader, compact=True)
        self.site_photos.setObjectName("site_photos")
        self.site_photos.setVisible(False)
        self.site_photos.files_dropped.connect(lambda files: self.import_files(None, files))
        self.site_photos.open_requested.connect(
            lambda index: self.view_photos(self.site_photos.photos, index)
        )
        self.site_photos.remove_requested.connect(self.remove_photo)
        self.site_label = QLabel()
        self.site_add_button = QPushButton(self.tr("Add site photos…"))
        self.site_add_button.clicked.connect(lambda: self._choose_files(None))

        # The photos taken during this visit, one key from evidence of the current item.
        self.tray = PhotoTray(self.data_dir, self.loader, context.office_zone)
        self.tray.attach_requested.connect(self.attach_photos)
        self.tray.passed_over.connect(self._not_in_tray)
        self.setAcceptDrops(True)  # photos dropped anywhere else join the tray

        self.import_bar = PhotoImportBar()
        # Photos arriving fast are shown in batches: one refresh per 150 ms at most.
        self._photos_refresh = QTimer(self)
        self._photos_refresh.setSingleShot(True)
        self._photos_refresh.setInterval(150)
        self._photos_refresh.timeout.connect(self._show_photos)
        self.import_bar.arrived.connect(
            lambda: None if self._photos_refresh.isActive() else self._photos_refresh.start()
        )
        self.import_bar.done.connect(self._import_done)

        self.actions_bar = bar = ActionBar(self.import_bar)
        self.all_ok_button = bar.all_ok_button
        self.submit_button = bar.submit_button
        self.correct_button = bar.correct_button
        self.notice_button = bar.notice_button
        self.next_problem_button = bar.next_problem_button
        self.close_button = bar.close_button
        bar.all_ok_button.clicked.connect(self._all_ok)
        bar.next_problem_button.clicked.connect(self.next_problem)
        bar.submit_button.clicked.connect(self.submit)
        bar.correct_button.clicked.connect(self.correct)
        bar.notice_button.clicked.connect(self.issue_notice)
        bar.close_button.clicked.connect(self.close)
        shortcut(self, ["Ctrl+Return", "Ctrl+Enter"], self.submit)
        shortcut(self, ALL_OK_KEY, self._all_ok)
        shortcut(self, NEXT_PROBLEM_KEY, self.next_problem)
        shortcut(self, "Shift+" + NEXT_PROBLEM_KEY, lambda: self.next_problem(backwards=True))
        shortcut(self, NOTICE_KEY, self._notice_key)
        shortcut(self, ATTACH_KEY, self.tray.attach)
        shortcut(self, FOCUS_KEY, self.tray.focus_photos)
        shortcut(self, CLOSE_KEY, self.close)
        shortcut(self, "Ctrl+O", lambda: self._choose_files(self._current_code()))
        # 马路办公: the road chief's duty state, one key (road segments only)
        self.duty = DutyControl(
            store,
            inspection_id,
            bar.duty_button,
            bar.duty_photo_button,
            actor=context.person_id,
            banner=self._banner,
            changed=self._duty_changed,
        )
        self.duty.use_photos(self._duty_photo_source, lambda files: self.import_files(None, files))
        shortcut(self, DUTY_KEY, self.duty.cycle)
        shortcut(self, DUTY_PHOTO_KEY, self.duty.attach_photo)

        self.setCentralWidget(self._layout())
        fit_to_screen(self, 1280, 720)

        self.refresh()
        h = self.header
        # A correction's photos may be the first visit's: its tray reaches back to that start.
        first_visit = inspection_header(store, h["amends_id"]) if h["amends_id"] else None
        self.tray.set_visit((first_visit or h)["started_at"], h["finished_at"])
        first = self.tree.topLevelItem(0)
        if first and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        self.tree.setFocus()

    def _layout(self) -> QWidget:
        """Everything above the action bar shrinks, scrolls or splits; the bar stays in view."""
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        score_box = QVBoxLayout()
        score_box.addWidget(self.score_label, 0, Qt.AlignmentFlag.AlignRight)
        score_box.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(score_box)

        site = QHBoxLayout()
        site.addWidget(self.site_label)
        site.addWidget(self.site_add_button)
        site.addWidget(self.summary, 1)

        items = QSplitter(Qt.Orientation.Horizontal)
        items.addWidget(self.tree)
        items.addWidget(self.panel_scroll)
        items.setStretchFactor(0, 3)
        items.setStretchFactor(1, 2)
        items.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(items)
        self.splitter.addWidget(self.tray)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(site)
        layout.addWidget(self.site_photos)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.actions_bar)
        return body

    # -- state ---------------------------------------------------------------------------------
    @property
    def header(self) -> dict[str, Any]:
        header = inspection_header(self.context.store, self.inspection_id)
        assert header is not None
        return header

    @property
    def locked(self) -> bool:
        return self.header["status"] == "submitted"

    def current_item(self) -> TemplateItem | None:
        tree_item = self.tree.currentItem()
        code = tree_item.data(0, Qt.ItemDataRole.UserRole) if tree_item else None
        return self.template.item(code) if code else None

    def select_item(self, code: str) -> None:
        self.tree.setCurrentItem(self._items[code])

    def refresh(self) -> None:
        """Redraw everything from the store."""
        h = self.header
        locked = h["status"] == "submitted"
        persons = ops.inspection_persons(self.context.store, self.inspection_id)
        self.setWindowTitle(self.tr("Inspection — {zone}").format(zone=h["zone_name"]))
        self.heading.setText(heading_text(h, persons))
        found = ops.findings(self.context.store, self.inspection_id)
        self._paint_findings(h, found)
        self.summary.setText(h["summary"] or "")
        self.summary.setReadOnly(locked)
        self.panel.set_read_only(locked)
        self.tree.read_only = locked
        self.site_photos.set_read_only(locked)
        self.site_add_button.setVisible(not locked)
        self.tray.setVisible(not locked)
        self.all_ok_button.setVisible(not locked)
        self.submit_button.setVisible(not locked)
        self.correct_button.setVisible(locked and not h["amended_by"])
        self.notice_button.setVisible(locked and h["problem_count"] > 0 and not h["amended_by"])
        self._show_status(h)
        self.duty.show(h)
        item = self.current_item()
        self.panel.show_item(item, found.get(item.code) if item else None)

    def _paint_findings(self, h: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
        """The running score, the progress per category and each item's result."""
        self.next_problem_button.setVisible(h["problem_count"] > 0)
        self.score_label.setText(self.tr("Score {score}").format(score=number(h["score"] or 0)))
        self.progress_label.setText(
            self.tr("Deducted {deducted} · {problems} problem(s) · {done}/{total} checked").format(
                deducted=number(h["deducted"], 2),
                problems=h["problem_count"],
                done=len(found),
                total=self.template.item_count,
            )
        )
        used = category_used(
            self.template,
            (
                (code, Decimal(str(f["deduction"] or 0)))
                for code, f in found.items()
                if f["result"] == "problem"
            ),
        )
        self.tree.paint(self.template, found, used)
        self.panel.set_category_used(self.template, used)

    def _show_status(self, h: dict[str, Any]) -> None:
        self._banner(*status_text(self.context.store, self.inspection_id, h))

    def _banner(self, text: str, color: str, summary: str | None = None) -> None:
        self.banner.show_message(text, color, summary)

    # -- editing -------------------------------------------------------------------------------
    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        code = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        item = self.template.item(code) if code else None
        finding = ops.findings(self.context.store, self.inspection_id).get(code) if code else None
        self.panel.show_item(item, finding)
        self._show_photos()

    def _refuse_locked(self) -> bool:
        if self.locked:
            self._banner(
                self.tr(
                    "This inspection is submitted and cannot be changed. Use Correct to amend it."
                ),
                RED,
            )
            return True
        return False

    def _set_result_from_key(self, result: str) -> None:
        item = self.current_item()
        if item is None or self._refuse_locked():
            return
        self.panel.choose_result(result)
        if result == "problem":
            self.panel.focus_details()
            self.panel_scroll.ensureWidgetVisible(self.panel.description)
        else:
            below = self.tree.itemBelow(self.tree.currentItem())
            if below is not None and below.parent() is None:  # next category: its first item
                below = below.child(0) if below.childCount() else None
            if below is not None:
                self.tree.setCurrentItem(below)

    def set_result(self, code: str, result: str, **details: Any) -> None:
        """Record an item's result (what the panel does; also handy for scripted use)."""
        if self._refuse_locked():
            return
        ops.record_finding(self.context.store, self.inspection_id, code, result, **details)
        self._after_write()

    def _save_item(self, code: str, values: dict[str, Any]) -> None:
        if self._refuse_locked():
            return
        try:
            ops.record_finding(
                self.context.store,
                self.inspection_id,
                code,
                values["result"],
                cases=values["cases"],
                description=values["description"],
                severity=values["severity"],
                location=values["location"],
            )
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
            # Another writer held the store past the busy timeout: the text stays in the panel
            # and is saved again shortly; nothing typed is dropped.
            log.warning("saving item %s waited too long for the store", code, exc_info=True)
            self._banner(
                self.tr("Not saved yet: the store is busy. Your text is kept and saved again."),
                AMBER,
            )
            self.panel.save_later()
            return
        self._after_write(redraw_panel=False)

    def _save_summary(self) -> None:
        h = self.header
        if h["status"] == "submitted" or (h["summary"] or "") == self.summary.text():
            return
        ops.update_inspection(self.context.store, self.inspection_id, summary=self.summary.text())
        self.context.notify(self.inspection_id)

    def _all_ok(self) -> None:
        if self._refuse_locked():
            return
        self.panel.flush()
        ops.mark_unanswered_ok(self.context.store, self.inspection_id)
        self._after_write()

    def _after_write(self, *, redraw_panel: bool = True) -> None:
        self._confirm_warnings = False
        self.actions_bar.set_submit_anyway(False)
        found = ops.findings(self.context.store, self.inspection_id)
        self._paint_findings(self.header, found)
        if redraw_panel:
            item = self.current_item()
            self.panel.show_item(item, found.get(item.code) if item else None)
        self.context.notify(self.inspection_id)

    # -- photos --------------------------------------------------------------------------------
    def _current_code(self) -> str | None:
        item = self.current_item()
        return item.code if item else None

    def _choose_files(self, code: str | None) -> None:
        if self._refuse_locked():
            return
        names, _ = open_file_names(
            self,
            self.tr("Add photos"),
            "",
            self.tr("Photos, video and audio ({patterns})").format(
                patterns=f"{IMAGE_FILTER} {media_filter()}"
            ),
        )
        if names:
            self.import_files(code, [Path(n) for n in names])

    def _choose_folder(self, code: str | None) -> None:
        if self._refuse_locked():
            return
        folder = existing_directory(self, self.tr("Import a folder of photos"))
        if folder:
            self.import_files(code, [Path(folder)])

    def import_files(self, code: str | None, files: list[Path]) -> Job | None:
        """Import photos (files or folders) as evidence of item `code`, or of the whole
        inspection when `code` is None. Runs in the background; returns the job."""
        if self._refuse_locked() or not files:
            return None
        if self.import_bar.running():
            self._banner(self.tr("Photos are still being imported; wait or cancel first."), AMBER)
            return None
        finding_id = None
        if code is not None:
            finding = ops.findings(self.context.store, self.inspection_id).get(code)
            if finding is None:  # photos are evidence of a problem: record it as one
                finding = ops.record_finding(
                    self.context.store, self.inspection_id, code, "problem"
                )
                self._after_write()
            finding_id = finding["id"]
        self.submit_button.setEnabled(False)  # no submit while evidence is still arriving
        return self.import_bar.start(
            self.data_dir,
            files,
            inspection_id=self.inspection_id,
            finding_id=finding_id,
            zone=self.context.office_zone,
        )

    def _import_done(self, text: str, clean: bool) -> None:
        self.submit_button.setEnabled(True)
        self._banner(text, GREEN if clean else RED)
        if self.duty.waiting_for:  # the tray's photo picked for the road chief's duty check
            self.duty.imported(photo_ops.photos_of(self.context.store, self.inspection_id))
        self._show_photos()
        if self.panel.photos.count():  # what arrived, in view
            self.panel_scroll.ensureWidgetVisible(self.panel.photo_box, 0, 0)
        self.context.notify(self.inspection_id)

    def remove_photo(self, photo_id: str) -> None:
        if self._refuse_locked():
            return
        photo_ops.remove_photo(self.context.store, photo_id)
        self._show_photos()
        self.context.notify(self.inspection_id)

    def _warnings(self, photos: list[dict[str, Any]]) -> dict[str, list[str]]:
        return warnings_of(self.header, photos)

    def _show_photos(self) -> None:
        """Refresh both photo strips and the per-item photo counts."""
        store = self.context.store
        all_photos = photo_ops.photos_of(store, self.inspection_id)
        warnings = self._warnings(all_photos)
        site = [p for p in all_photos if p["finding_id"] is None]
        self.site_photos.set_photos(site, warnings)
        self.site_photos.setVisible(bool(site))  # no room taken while there is none
        self.site_label.setText(self.tr("Site photos ({n})").format(n=len(site)))
        self.tray.set_attached({p["sha256"] for p in all_photos})
        found = ops.findings(store, self.inspection_id)
        current = found.get(self._current_code() or "")
        shown = [p for p in all_photos if current and p["finding_id"] == current["id"]]
        self.panel.photos.set_photos(shown, warnings)
        counts: dict[str, int] = {}
        by_finding = {f["id"]: code for code, f in found.items()}
        for p in all_photos:
            code = by_finding.get(p["finding_id"])
            if code:
                counts[code] = counts.get(code, 0) + 1
        for code, tree_item in self._items.items():
            tree_item.setText(3, str(counts[code]) if code in counts else "")

    def _duty_changed(self) -> None:
        self.duty.show(self.header)
        self.context.notify(self.inspection_id)

    def _duty_photo_source(self) -> tuple[list[Any], str | None]:
        """For the duty check's photo: the tray's picked photos, the strip photo selected."""
        selected = None
        for strip in (self.site_photos, self.panel.photos):
            chosen = strip.selectedItems()
            if strip.isVisible() and chosen:
                selected = chosen[0].data(Qt.ItemDataRole.UserRole)
                break
        return (self.tray.picked() if self.tray.isVisible() else []), selected

    def attach_photos(self, files: list[Path]) -> Job | None:
        """The tray's picked photos become evidence of the current item (the import's path:
        hashed, stored bit-exact, never twice)."""
        code = self._current_code()
        if code is None:
            self._banner(self.tr("Choose an item in the checklist first."), AMBER)
            return None
        self.panel.flush()
        return self.import_files(code, files)

    def next_problem(self, *, backwards: bool = False) -> None:
        """The next item marked a problem (after the current one, round to the first)."""
        found = ops.findings(self.context.store, self.inspection_id)
        codes = [i.code for i in self.template.items()]
        problems = [c for c in codes if (found.get(c) or {}).get("result") == "problem"]
        if not problems:
            self._banner(self.tr("No item is marked a problem."), GREY)
            return
        current = self._current_code()
        at = codes.index(current) if current in codes else -1
        order = problems[::-1] if backwards else problems
        ahead = [c for c in order if (codes.index(c) < at if backwards else codes.index(c) > at)]
        self.select_item((ahead or order)[0])
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _notice_key(self) -> None:
        if self.notice_button.isVisible() and self.notice_button.isEnabled():
            self.issue_notice()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event) and not self.locked:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Photos dropped anywhere but on an item or a strip wait in the tray."""
        files = dropped_files(event)
        if files and not self.locked:
            event.acceptProposedAction()
            self.tray.add_files(files)

    def _not_in_tray(self, n: int) -> None:
        """Dropped files the tray does not offer: said, not silently left out."""
        self._banner(
            self.tr(
                "{n} dropped file(s) are not photos and were not put in the tray. A video or "
                "audio recording is attached by dropping it on an item, or with Add photos…"
            ).format(n=n),
            AMBER,
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.tray.rescan()  # the card may hold new photos since the window was left

    def view_photos(self, photos: list[dict[str, Any]], index: int) -> PhotoViewer | None:
        self._viewer = show_photos(self.context, self.header, photos, index, self)
        return self._viewer

    # -- submit and correct --------------------------------------------------------------------
    def submit(self) -> None:
        if self._refuse_locked():
            return
        self.panel.flush()
        self._save_summary()
        gaps = ops.submission_check(self.context.store, self.inspection_id)
        blocking = [g for g in gaps if g.blocking]
        if blocking:
            text, line = refusal_text(blocking)
            self._banner(text, RED, line)
            if blocking[0].item_code:
                self.select_item(blocking[0].item_code)
            self.tree.setFocus()
            return
        if gaps and not self._confirm_warnings:
            text, line = warning_text(gaps)
            self._banner(text, AMBER, line)
            self._confirm_warnings = True
            self.actions_bar.set_submit_anyway(True)
            return
        ops.submit_inspection(
            self.context.store,
            self.inspection_id,
            actor=self.context.person_id,
            accept_warnings=True,
        )
        self._confirm_warnings = False
        self.refresh()
        self.context.notify(self.inspection_id)
        # The next thing to do: a notice for the problems found, else nothing but reading.
        if self.notice_button.isVisible():
            self.notice_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def issue_notice(self) -> IssueNoticeDialog:
        dialog = IssueNoticeDialog(self.context, self.inspection_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.issued.connect(self.notice_issued)
        dialog.open()
        return dialog

    def correct(self) -> None:
        draft = amend_inspection(
            self.context.store, self.inspection_id, actor=self.context.person_id
        )
        self.context.notify(draft["id"])
        self.refresh()
        self.open_inspection.emit(draft["id"])

    def closeEvent(self, event: QCloseEvent) -> None:
        importing = self.import_bar.running()
        self.import_bar.stop()  # what is imported stays; the rest is not started
        self.tray.stop()
        stop_jobs(self)  # thumbnails still queued are dropped; no thread outlives the window
        if importing:
            self.context.notify(self.inspection_id)  # the photos imported so far show elsewhere
        if not self.locked:
            self.panel.flush()
            self._save_summary()
        super().closeEvent(event)
