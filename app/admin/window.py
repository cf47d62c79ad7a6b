"""组织管理: the admins' window — 单位, 区域, 用户, 模板 and 单位设置 — working against the server
(each change an audited server write; the laptop receives it at the sync that follows), and
saying plainly when there is no server to change anything on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.admin.session import AdminSession, MakeClient, interactive
from app.admin.tab import AdminTab
from app.admin.templates_tab import TemplatesTab
from app.admin.units_tab import UnitsTab
from app.admin.users_tab import UsersTab
from app.admin.zones_tab import ZonesTab
from app.context import AppContext
from app.jobs import stop_jobs
from app.shell.org_dialog import OrgDialog
from app.widgets.screen_fit import fit_to_screen


class OrgSettingsTab(QWidget):
    """单位设置: the office's shared record, edited in its own dialog."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.dialog: OrgDialog | None = None
        text = QLabel(
            self.tr(
                "The office's settings (name, notice prefix, time zone, office hours, holidays, "
                "assessment rules) are one record shared by every laptop: saved here, it goes "
                "to the server with the next sync."
            )
        )
        text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open office settings…"))
        self.open_button.clicked.connect(lambda: self.open_settings())
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def open_settings(self) -> OrgDialog:
        dialog = OrgDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog


class AdminWindow(QDialog):
    """`make_client`: a client of this laptop's saved login (called on a worker thread), None
    when not logged in; `after_change`: what makes the laptop sync (the main window's sync)."""

    def __init__(
        self,
        context: AppContext,
        make_client: MakeClient | None,
        after_change: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Organisation management"))
        self.session = AdminSession(interactive(make_client), self)
        self.after_change = after_change
        self.units = UnitsTab(context, self.session)
        self.zones = ZonesTab(context, self.session)
        self.users = UsersTab(context, self.session)
        self.templates = TemplatesTab(context, self.session)
        self.org = OrgSettingsTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.units, self.tr("Units"))
        self.tabs.addTab(self.zones, self.tr("Zones"))
        self.tabs.addTab(self.users, self.tr("Users"))
        self.tabs.addTab(self.templates, self.tr("Templates"))
        self.tabs.addTab(self.org, self.tr("Office settings"))
        for tab in self.list_tabs():
            tab.wrote.connect(self._changed)
            # a change on one tab can show on another (a unit's zone count, a retired unit)
            tab.wrote.connect(lambda origin=tab: self._reload_others(origin))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 680)
        for tab in self.list_tabs():
            tab.set_online(bool(self.session.online) or self.session.online is None)
            tab.reload()

    def list_tabs(self) -> list[AdminTab]:
        return [self.units, self.zones, self.users, self.templates]

    def _changed(self) -> None:
        if self.after_change is not None:
            self.after_change()

    def _reload_others(self, origin: AdminTab) -> None:
        for tab in self.list_tabs():
            if tab is not origin:
                tab.reload()

    def done(self, result: int) -> None:
        stop_jobs(self)
        for tab in [*self.list_tabs(), self.org]:
            stop_jobs(tab)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        stop_jobs(self)
        super().closeEvent(event)
