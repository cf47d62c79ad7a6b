"""The main window: the inspections list with filters, a detail pane, the sync status bar."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import cast

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.admin.window import AdminWindow
from app.assessment.coverage_view import CoverageView, month_end_check
from app.assessment.import_dialog import ImportScoresDialog
from app.assessment.view import AssessmentView
from app.bundle.menu import BundleActions
from app.cases.window import CasesDialog
from app.context import AppContext
from app.evidence.originals_status import OriginalsSegment
from app.inspections.detail import InspectionDetail
from app.inspections.editor import InspectionEditor
from app.inspections.filter_bar import FilterBar
from app.inspections.list_model import INSPECTION_WIDTHS, InspectionListModel
from app.inspections.new_dialog import NewInspectionDialog
from app.jobs import Job, stop_jobs
from app.logs import log_folder
from app.notices.overdue_view import OverdueDialog, attention_in
from app.notices.view import NoticesView
from app.plans.plans_dialog import PlansDialog
from app.review.view import REVIEWER_ROLES, ReviewView
from app.settings import OVERDUE_AT_START
from app.settings_qt import read
from app.shell.lazy_tabs import LazyTabs
from app.shell.org_dialog import OrgDialog
from app.shell.settings_dialog import SettingsDialog
from app.sync.controller import SyncController
from app.sync.login_dialog import LoginDialog
from app.sync.office_conflicts import OfficeConflictsDialog
from app.sync.status_bar import SyncStatusBar
from app.updates.dialog import UpdateDialog
from app.widgets.elided_label import ElidedLabel
from app.widgets.screen_fit import fit_to_screen
from app.widgets.tables import list_table
from local_db import reference
from local_db.reference import local_role


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.editors: dict[str, InspectionEditor] = {}
        self.setWindowTitle(self.tr("Ducha — field supervision"))

        self.filters = FilterBar(context)
        self.model = InspectionListModel(context.store)
        self.table = list_table(self.model, INSPECTION_WIDTHS, stretch=1, lead=(0, 7))
        self.table.doubleClicked.connect(lambda index: self.open_inspection(self._id_at(index)))
        self.table.activated.connect(lambda index: self.open_inspection(self._id_at(index)))

        self.detail = InspectionDetail(context)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: self.open_inspection(self.detail.inspection_id))
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.open_button)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 480])

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(body, self.tr("Inspections"))
        # The other tabs are made, and read the store, when first shown (or asked for).
        self.pages = LazyTabs(self.tabs)
        self.pages.add("notices", self.tr("Notices"), lambda: NoticesView(context))
        self.pages.add("review", self.tr("Review"), self._make_review)
        self.pages.add(
            "assessment", self.tr("Scores and bulletin"), lambda: AssessmentView(context)
        )
        self.pages.add("coverage", self.tr("Coverage"), self._make_coverage)  # 覆盖情况
        self.overdue_action = QAction(self.tr("Overdue…"), self)
        self.overdue_action.setToolTip(self.tr("Notices overdue or due within a working day"))
        self.overdue_action.triggered.connect(lambda: self.show_overdue())
        self.setCentralWidget(self.tabs)

        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        self.new_action = QAction(self.tr("New inspection"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_inspection)
        toolbar.addAction(self.new_action)
        self.sync_action = QAction(self.tr("Sync"), self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.setToolTip(self.tr("Send and receive now (F5)"))
        self.sync_action.triggered.connect(lambda: self.sync.sync_now())
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.overdue_action)
        self.conflicts_action = QAction(self.tr("Conflicts…"), self)
        self.conflicts_action.setToolTip(
            self.tr("Concurrent edits in your units: see both versions and choose one")
        )
        self.conflicts_action.triggered.connect(lambda: self.open_conflicts())
        toolbar.addAction(self.conflicts_action)
        self.plans_action = QAction(self.tr("Visit plans…"), self)  # the office's: 督查计划
        self.plans_action.setToolTip(
            self.tr("The visit plans' commitments, and revealed plans checked")
        )
        self.plans_action.triggered.connect(lambda: self.open_plans())
        toolbar.addAction(self.plans_action)
        self.cases_action = QAction(self.tr("Cases…"), self)  # the office's: 问题来源
        self.cases_action.setToolTip(
            self.tr("Cases from the 12345 hotline, citizen photos, the media …: import, triage")
        )
        self.cases_action.triggered.connect(lambda: self.open_cases())
        toolbar.addAction(self.cases_action)
        self.login_action = QAction(self.tr("Log in…"), self)
        self.login_action.triggered.connect(lambda: self.open_login())
        toolbar.addAction(self.login_action)
        self.logout_action = QAction(self.tr("Log out"), self)
        self.logout_action.setToolTip(
            self.tr("End this laptop's login: the server stops accepting it until you log in")
        )
        self.logout_action.triggered.connect(lambda: self.sync.log_out())
        toolbar.addAction(self.logout_action)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        toolbar.addAction(self.settings_action)
        self.org_action = QAction(self.tr("Office settings…"), self)  # 单位设置: the shared record
        self.org_action.triggered.connect(self.open_org_settings)
        # 组织管理: units, zones, users, templates on the server (admins only)
        self.admin_action = QAction(self.tr("Organisation management…"), self)
        self.admin_window: AdminWindow | None = None  # the one open (open_admin)
        self.admin_action.triggered.connect(lambda: self.open_admin())
        find = QAction(self.tr("Search"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.filters.search.setFocus())
        self.addAction(find)
        self.addToolBar(toolbar)
        # 同步: sync now, and by USB stick (app/bundle/menu.py)
        sync_menu = self.menuBar().addMenu(self.tr("S&ync"))
        sync_menu.addAction(self.sync_action)
        self.bundle_actions = BundleActions(
            self, context, sync_menu, lambda: self.sync.saved_client_factory()
        )
        # 导出 → 路长公示… (app/shell/road_chiefs_dialog.py)
        export_menu = self.menuBar().addMenu(self.tr("&Export"))
        self.road_chiefs_action = QAction(self.tr("Road chiefs board…"), self)
        self.road_chiefs_action.setToolTip(
            self.tr("The public board of the road segments' chiefs (路长公示): PDF or Excel")
        )
        self.road_chiefs_action.triggered.connect(lambda: self.open_road_chiefs())
        export_menu.addAction(self.road_chiefs_action)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.settings_action)
        settings_menu.addAction(self.org_action)
        settings_menu.addAction(self.admin_action)
        # 考核: the composite assessment's imported components (issue 15)
        assessment_menu = self.menuBar().addMenu(self.tr("&Assessment"))
        self.import_scores_action = QAction(self.tr("Import assessment scores…"), self)
        self.import_scores_action.triggered.connect(self.open_import_scores)
        assessment_menu.addAction(self.import_scores_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.log_folder_action = QAction(self.tr("Open log folder"), self)
        self.log_folder_action.setStatusTip(
            self.tr("The log files, for whoever looks after Ducha when something went wrong")
        )
        self.log_folder_action.triggered.connect(self.open_log_folder)
        help_menu.addAction(self.log_folder_action)
        # Where this laptop keeps its store and photos: for whoever looks after Ducha (never
        # on the status bar, which is for the work).
        self.data_folder_action = QAction(self.tr("Open data folder"), self)
        self.data_folder_action.setToolTip(str(context.store.path.parent))
        self.data_folder_action.triggered.connect(self.open_data_folder)
        help_menu.addAction(self.data_folder_action)
        self.updates_action = QAction(self.tr("About and updates…"), self)
        self.updates_action.triggered.connect(self.open_updates)
        help_menu.addAction(self.updates_action)
        help_menu.setToolTipsVisible(True)

        self.login_dialog: LoginDialog | None = None
        self.sync = SyncController(context, self)
        self.sync_bar = SyncStatusBar(context.store)
        self.pending_label = self.sync_bar.pending
        # The month-end coverage warning stays in the status bar: the sync's passing messages
        # hide it only while they show.
        self.coverage_note = ElidedLabel()
        self.coverage_note.hide()
        self.statusBar().addWidget(self.coverage_note, 1)
        self.statusBar().addPermanentWidget(self.sync_bar)
        self.originals_bar = OriginalsSegment(self.sync.originals)
        self.statusBar().addPermanentWidget(self.originals_bar)
        self.sync.status_changed.connect(
            lambda status: self.sync_bar.show_status(status, logged_in=self.sync.logged_in())
        )
        self.sync.progress.connect(self.sync_bar.show_progress)
        self.sync_bar.update_offer.clicked.connect(self.open_updates)
        self.sync_bar.cancel.clicked.connect(self.sync.cancel)
        self.sync.running_changed.connect(self._sync_running)
        self.sync.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.sync.login_needed.connect(self.open_login)
        if local_role(context.store) in REVIEWER_ROLES:  # the month's last week: zones unvisited
            QTimer.singleShot(0, self._coverage_at_start)

        self.filters.changed.connect(self.model.set_filter)
        self.model.modelReset.connect(self._after_reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        context.changed.connect(self._data_changed)
        self.model.reload()
        self.conflicts_action.setVisible(local_role(context.store) in REVIEWER_ROLES)
        self.plans_action.setVisible(local_role(context.store) in REVIEWER_ROLES)
        self.cases_action.setVisible(local_role(context.store) in REVIEWER_ROLES)
        self.admin_action.setVisible(local_role(context.store) == "admin")
        self.sync.start()  # syncs by itself when logged in; shows the status either way
        self.overdue_dialog: OverdueDialog | None = None
        self.overdue_check: Job | None = None  # the start-up read of the overdue notices
        if read(OVERDUE_AT_START):
            QTimer.singleShot(0, self._overdue_at_start)
        fit_to_screen(self, 1320, 740)

    # -- tabs ----------------------------------------------------------------------------------
    @property
    def notices(self) -> NoticesView:
        return cast(NoticesView, self.pages.page("notices"))

    @property
    def review(self) -> ReviewView:
        return cast(ReviewView, self.pages.page("review"))

    @property
    def assessment(self) -> AssessmentView:
        return cast(AssessmentView, self.pages.page("assessment"))

    @property
    def coverage(self) -> CoverageView:
        return cast(CoverageView, self.pages.page("coverage"))

    def _make_coverage(self) -> CoverageView:
        coverage = CoverageView(self.context)
        coverage.warning.connect(self._coverage_warning)
        return coverage

    def _coverage_warning(self, text: str) -> None:
        self.coverage_note.setText(text)
        self.coverage_note.setVisible(bool(text))

    def _coverage_at_start(self) -> Job | None:
        """The office is warned in the month's last week of the zones still unvisited, without
        making the 覆盖情况 tab (a job reads the store)."""
        if not self.isVisible():  # closed before the event loop came round
            return None
        return month_end_check(self.context, self, self._coverage_warning)

    def _make_review(self) -> ReviewView:
        review = ReviewView(self.context)
        review.open_requested.connect(self.open_inspection)
        return review

    # -- list ----------------------------------------------------------------------------------
    def _id_at(self, index: QModelIndex) -> str | None:
        return self.model.row_data(index.row())["id"] if index.isValid() else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_inspection(self._id_at(rows[0]) if rows else None)
        self.open_button.setEnabled(bool(rows))

    def _after_reload(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.show_inspection(None)
            self.open_button.setEnabled(False)

    def select_inspection(self, inspection_id: str) -> bool:
        row = self.model.row_of(inspection_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _data_changed(self, inspection_id: str) -> None:
        selected = self.detail.inspection_id
        self.model.reload()
        review = self.pages.made("review")
        if review is not None:
            cast(ReviewView, review).reload()
        if not (inspection_id and self.select_inspection(inspection_id)) and selected:
            self.select_inspection(selected)
        self._update_status()

    def _update_status(self) -> None:
        self.sync.refresh()
        self.conflicts_action.setVisible(local_role(self.context.store) in REVIEWER_ROLES)
        self.plans_action.setVisible(local_role(self.context.store) in REVIEWER_ROLES)
        self.cases_action.setVisible(local_role(self.context.store) in REVIEWER_ROLES)
        self.admin_action.setVisible(local_role(self.context.store) == "admin")

    def open_cases(self) -> CasesDialog:
        """Cases from other sources (问题来源): import and triage (the office's)."""
        dialog = CasesDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_plans(self) -> PlansDialog:
        """The visit plans this laptop knows (the office's), revealed ones checked."""
        dialog = PlansDialog(self.context, self, self.sync.client_factory)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_conflicts(self) -> OfficeConflictsDialog | None:
        """The office's conflicts (reviewers, admins), read from the server."""
        client = self.sync.client_factory()
        if client is None:
            self.statusBar().showMessage(self.tr("Log in to a server first."), 10_000)
            return None
        dialog = OfficeConflictsDialog(client, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self.sync.sync_now)
        dialog.open()
        return dialog

    def _sync_running(self, running: bool) -> None:
        self.sync_action.setEnabled(not running)
        if not running:
            self.sync_bar.clear_progress()

    def _overdue_at_start(self) -> Job | None:
        """Every notice's history is read for this: off the GUI thread, so a year's notices
        never hold up the first screen."""
        if not self.isVisible():  # closed before the event loop came round
            return None
        calendar = self.context.calendar
        job = Job(
            lambda task: attention_in(task.store, calendar),
            name="overdue-at-start",
            owner=self,
            data_dir=self.context.store.path.parent,
        )
        job.done.connect(self._overdue_found)
        self.overdue_check = job
        return job.start()

    def _overdue_found(self, found: tuple) -> None:
        """The start-up read ended: the view shows itself if something is overdue, unless the
        user opened it meanwhile (Overdue…)."""
        if self.overdue_dialog is None and any(u["overdue"] for u in found[1]):
            self.show_overdue(found)

    def open_road_chiefs(self) -> QDialog:
        from app.shell.road_chiefs_dialog import RoadChiefsDialog

        dialog = RoadChiefsDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_overdue(self, found: tuple | None = None) -> OverdueDialog:
        dialog = OverdueDialog(self.context, self, found)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.notice_chosen.connect(self.show_notice)
        dialog.show()
        self.overdue_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "overdue_dialog", None))
        return dialog

    def open_login(self, reason: str | None = None) -> LoginDialog:
        """The login dialog; `reason`: why the server wants the password again, in words. One
        at a time: asked again while one is open, that one shows the reason."""
        if self.login_dialog is not None:
            if reason:
                self.login_dialog.reason.setText(reason)
                self.login_dialog.reason.setVisible(True)
            self.login_dialog.raise_()
            return self.login_dialog
        dialog = LoginDialog(self.context.store, self, reason=reason)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.logged_in.connect(lambda _where: self.sync.start())
        dialog.destroyed.connect(lambda *_: setattr(self, "login_dialog", None))
        self.login_dialog = dialog
        dialog.open()
        return dialog

    # -- actions -------------------------------------------------------------------------------
    def new_inspection(self) -> NewInspectionDialog | None:
        if not reference.zones(self.context.store):
            folder = str(self.context.store.path.parent)
            folder = f'"{folder}"' if " " in folder else folder  # as typed in a shell
            command = f"ducha org import FILE.xlsx --user USERNAME --data-dir {folder}"
            intro = self.tr(
                "This store has no zones yet. Without a server, set it up from the "
                "organisation workbook (sheets 单位, 区域, 用户):"
            )
            outro = self.tr(
                "With a server, log in (Log in… on the toolbar) and sync. To try Ducha: ducha demo."
            )
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("No zones"),
                f"<p>{escape(intro)}</p><pre>{escape(command)}</pre><p>{escape(outro)}</p>",
                parent=self,
            )
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the window goes on (and a test can read it)
            return None
        dialog = NewInspectionDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.started.connect(self.open_inspection)
        dialog.open()
        return dialog

    def open_inspection(self, inspection_id: str | None) -> InspectionEditor | None:
        if not inspection_id:
            return None
        editor = self.editors.get(inspection_id)
        if editor is None:
            editor = InspectionEditor(self.context, inspection_id)
            editor.open_inspection.connect(self.open_inspection)
            editor.notice_issued.connect(self.show_notice)
            editor.destroyed.connect(lambda *_: self.editors.pop(inspection_id, None))
            self.editors[inspection_id] = editor
            fit_to_screen(editor)  # its own size, or the screen's where that is smaller
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def log_folder(self) -> Path:
        return log_folder(self.context.store.path.parent)

    def open_log_folder(self) -> bool:
        """Show the log folder in the system's file manager."""
        folder = self.log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def open_data_folder(self) -> bool:
        """Show the folder of the store and the photos in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.store.path.parent)))

    def open_updates(self) -> UpdateDialog:
        """关于/更新: the version, the update the server offers, its download (app/updates)."""
        dialog = UpdateDialog(self.context.store, self.sync.saved_client_factory(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_org_settings(self) -> OrgDialog:
        """单位设置: admins edit the office's record, everyone else reads it."""
        dialog = OrgDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_admin(self) -> AdminWindow:
        """组织管理 (admins): the organisation on the server; after each change, a sync. One
        window: a second click brings the open one to the front."""
        if self.admin_window is not None:
            self.admin_window.showNormal()
            self.admin_window.raise_()
            self.admin_window.activateWindow()
            return self.admin_window
        window = AdminWindow(
            self.context,
            self.sync.saved_client_factory(),
            lambda: self.sync.sync_now(quiet=True),
            self,
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.admin_window = window
        window.destroyed.connect(lambda *_: setattr(self, "admin_window", None))
        window.show()
        return window

    def open_import_scores(self) -> ImportScoresDialog:
        """导入考核分项…: an imported component of the composite assessment, from a file."""
        dialog = ImportScoresDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_notice(self, notice_id: str) -> None:
        self.notices.reload(select=notice_id)  # selected once the list is read (in a job)
        self.tabs.setCurrentWidget(self.notices)
        self.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        for editor in list(self.editors.values()):
            editor.close()
        self.sync.stop()
        stop_jobs(self)  # the tabs' jobs (scores, exports, packages) and its dialogs'
        super().closeEvent(event)
