"""Logging in to a server: address, user, password, and a CA certificate for an intranet server.
The password goes to the server once and is never kept; the token is kept in the OS keyring, or
in a private file where no keyring exists (said plainly)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.jobs import Job, describe_error
from app.sync.account import account, remember_login
from app.sync.client import SyncClient
from app.sync.credentials import fallback_path
from app.sync.errors import SyncError, SyncRejected, SyncUnauthorized, SyncUnreachable
from app.sync.login_reasons import login_needed_text
from app.widgets.file_dialog import open_file_name
from app.widgets.screen_fit import fit_to_screen
from local_db.store import Store

DEFAULT_SERVER = "http://127.0.0.1:8765"
MIN_PASSWORD = 8  # as the server (POST /auth/change-password: password_too_short)
log = logging.getLogger(__name__)


def login_failure_text(error: BaseException) -> str:
    """Why the server did not log the user in, in words (the detail is in the log)."""
    if isinstance(error, SyncUnauthorized):
        return QCoreApplication.translate("login", "wrong user name or password.")
    if isinstance(error, SyncUnreachable):
        return QCoreApplication.translate(
            "login", "the server cannot be reached; check its address and the network."
        )
    if isinstance(error, SyncRejected) and error.code in ("device_bound", "account_disabled"):
        return login_needed_text(error.code)
    if isinstance(error, SyncError):
        return QCoreApplication.translate("login", "the server did not accept the login.")
    return describe_error(error)


class LoginDialog(QDialog):
    logged_in = Signal(str)  # where the token went: "keyring" | "file"

    def __init__(
        self, store: Store, parent: QWidget | None = None, reason: str | None = None
    ) -> None:
        """`reason`: why the user is asked to log in again, in words (shown at the top)."""
        super().__init__(parent)
        self.store = store
        self.data_dir = store.path.parent
        self.job: Job | None = None  # the login under way
        self._closing: int | None = None  # closed while logging in: the result to close with
        self.setWindowTitle(self.tr("Log in to the server"))
        known = account()
        self.server = QLineEdit(known.server or DEFAULT_SERVER)
        self.username = QLineEdit(known.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_cert = QLineEdit(known.ca_cert or "")
        self.ca_cert.setPlaceholderText(self.tr("Only for a server with its own certificate"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_cert)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.ca_cert, 1)
        cert_row.addWidget(browse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reason = QLabel(reason or "")
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.reason)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("User"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("CA certificate"), cert_row)
        # a one-time password (a new account, a reset): the server wants a new one first
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(self.tr("At least 8 characters"))
        self.new_password_again = QLineEdit()
        self.new_password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password_label = QLabel(self.tr("New password"))
        self.new_password_again_label = QLabel(self.tr("New password again"))
        form.addRow(self.new_password_label, self.new_password)
        form.addRow(self.new_password_again_label, self.new_password_again)
        self._show_new_password(False)
        self._one_time: tuple[str, str, str | None, str] | None = None  # server, user, cert, pw
        form.addRow(self.message)
        form.addRow(self.buttons)
        fit_to_screen(self, 520, 240)

    def _choose_cert(self) -> None:
        name, _ = open_file_name(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.pem *.crt *.cer)")
        )
        if name:
            self.ca_cert.setText(name)

    def _show_new_password(self, shown: bool) -> None:
        for widget in (
            self.new_password,
            self.new_password_again,
            self.new_password_label,
            self.new_password_again_label,
        ):
            widget.setVisible(shown)

    def log_in(self) -> None:
        if self._one_time is not None:
            self.change_password()
            return
        server = self.server.text().strip().rstrip("/")
        user = self.username.text().strip()
        password = self.password.text()
        cert = self.ca_cert.text().strip() or None
        if not server or not user or not password:
            self.message.setText(self.tr("Enter the server, your user name and password."))
            return
        if cert and not Path(cert).is_file():
            self.message.setText(self.tr("No certificate file at {path}").format(path=cert))
            return
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Connecting to {server}…").format(server=server))
        device = self.store.device_id

        def work(_task: object) -> dict:  # the network never blocks the window
            client = SyncClient(server, ca_cert=cert)
            try:
                return client.login(user, password, device)
            finally:
                client.close()

        job = Job(work, name="login", owner=self, describe=login_failure_text)
        job.done.connect(lambda answer: self._answer(answer, password))
        job.failed.connect(self._failed)
        job.ended.connect(self._login_ended)
        self.job = job.start()

    def done(self, result: int) -> None:
        """Closed while the server is being asked: the window goes at once, its answer is not
        used (nothing is saved), and the dialog ends once the request has (its timeout)."""
        if self.job is not None and self.job.running():
            self.job.cancel()
            self._closing = result
            self.hide()
            return
        super().done(result)

    def _login_ended(self) -> None:
        self.job = None
        if self._closing is not None:
            super().done(self._closing)

    def _failed(self, why: str) -> None:
        self.ok_button.setEnabled(True)
        self.password.clear()  # never kept
        log.warning("login as %s failed: %s", self.username.text().strip(), why)
        self.message.setText(self.tr("Login failed: {error}").format(error=why))

    def _answer(self, answer: dict, password: str = "") -> None:
        self.ok_button.setEnabled(True)
        self.password.clear()  # never kept
        if self.job is not None and self.job.cancelled:
            return  # closed meanwhile: this login is not kept
        if answer.get("must_change_password"):
            self._ask_new_password(password)
            return
        server = self.server.text().strip().rstrip("/")
        user = self.username.text().strip()
        where = remember_login(self.store, server, user, self.ca_cert.text(), answer)
        if where == "file":
            self.message.setText(
                self.tr(
                    "No system keyring here: the login token is kept in {path}, readable only "
                    "by you. The password is not kept."
                ).format(path=fallback_path(self.data_dir))
            )
        self.logged_in.emit(where)
        self.accept()

    # -- a one-time password -------------------------------------------------------------------
    def _ask_new_password(self, password: str) -> None:
        """The server logged the user in with a one-time password: a new one is chosen (twice)
        before going on; the one-time password stays in memory only until then."""
        self._one_time = (
            self.server.text().strip().rstrip("/"),
            self.username.text().strip(),
            self.ca_cert.text().strip() or None,
            password,
        )
        for field in (self.server, self.username, self.password, self.ca_cert):
            field.setEnabled(False)
        self._show_new_password(True)
        self.ok_button.setText(self.tr("Change password"))
        self.message.setText(
            self.tr("This is a one-time password: choose your own password (twice) to go on.")
        )
        self.new_password.setFocus()

    def change_password(self) -> None:
        assert self._one_time is not None
        new, again = self.new_password.text(), self.new_password_again.text()
        if len(new) < MIN_PASSWORD:
            self.message.setText(self.tr("The new password needs at least 8 characters."))
            return
        if new != again:
            self.message.setText(self.tr("The two new passwords differ: type them again."))
            self.new_password_again.clear()
            return
        server, user, cert, old = self._one_time
        if new == old:
            self.message.setText(self.tr("Choose a password other than the one-time password."))
            return
        device = self.store.device_id
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Changing the password…"))

        def work(_task: object) -> dict:
            from app.admin.api import change_password

            client = SyncClient(server, ca_cert=cert)
            try:
                try:
                    client.login(user, old, device)
                except SyncUnauthorized:
                    # a change tried before whose answer was lost may have been made: the new
                    # password is then the one that works (else the login says it is wrong)
                    return client.login(user, new, device)
                change_password(client, old, new)
                return client.login(user, new, device)  # a login of the new password
            finally:
                client.close()

        job = Job(work, name="change password", owner=self, describe=change_failure_text)
        job.done.connect(self._changed)
        job.failed.connect(self._change_failed)
        job.ended.connect(self._login_ended)
        self.job = job.start()

    def _changed(self, answer: dict) -> None:
        self._one_time = None
        self.new_password.clear()
        self.new_password_again.clear()
        self._answer(answer)

    def _change_failed(self, why: str) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(self.tr("The password was not changed: {error}").format(error=why))


def change_failure_text(error: BaseException) -> str:
    """Why the new password was not taken, in words."""
    from app.admin.api import AdminRefused
    from app.admin.texts import refusal_text

    if isinstance(error, AdminRefused):
        if error.code in (None, "invalid", "malformed"):
            return QCoreApplication.translate(
                "login", "the server did not accept the new password; choose a longer one."
            )
        return refusal_text(error.code)
    return login_failure_text(error)
