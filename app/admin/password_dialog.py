"""The one-time password of a new account or a reset, shown once: the server keeps only its
hash, so the admin copies it now and hands it to the user, who must change it at first login."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.widgets.screen_fit import fit_to_screen


class OneTimePasswordDialog(QDialog):
    def __init__(self, username: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("One-time password"))
        intro = QLabel(
            self.tr(
                "The one-time password of {user} is shown only now: copy it and give it to "
                "the user in person. At the first login they must choose a new password."
            ).format(user=username)
        )
        intro.setWordWrap(True)
        self.password = QLineEdit(password)
        self.password.setReadOnly(True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(max(12, self.font().pointSize() + 3))
        self.password.setFont(font)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.copy_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        fit_to_screen(self, 480, 180)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password.text())
        self.copied.setText(self.tr("Copied."))

    def done(self, result: int) -> None:
        self.password.clear()  # nothing of it stays in the window once closed
        super().done(result)
