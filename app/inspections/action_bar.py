"""The editor's action bar, pinned to the bottom of the window: 其余项目全部合格, 下一问题,
马路办公 (路长 在岗, F9; its photo, Shift+F9), the photo import's progress, 下发整改通知, 更正,
提交 and 关闭 — always in view, each with its shortcut on it.

关闭 never takes the keyboard focus (a stray Space on a focused 关闭 closed the editor twice);
Ctrl+W closes. 提交 does not either: it is Ctrl+Enter, or a click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from app.evidence.import_bar import PhotoImportBar

ALL_OK_KEY = "Ctrl+1"
NEXT_PROBLEM_KEY = "F8"
NOTICE_KEY = "Ctrl+I"
SUBMIT_KEY = "Ctrl+Enter"
CLOSE_KEY = "Ctrl+W"
DUTY_KEY = "F9"  # 马路办公: the road chief's duty state (app/inspections/duty_control.py)
DUTY_PHOTO_KEY = "Shift+F9"


def keyed(text: str, key: str) -> str:
    """A button's words with its shortcut: 提交 (Ctrl+Enter)."""
    return f"{text} ({key})"


def shortcut(window: QWidget, keys: str | list[str], slot: Callable[[], object]) -> None:
    """A shortcut anywhere in `window` (its child widgets included)."""
    for key in [keys] if isinstance(keys, str) else keys:
        QShortcut(QKeySequence(key), window, slot)


class ActionBar(QWidget):
    def __init__(self, import_bar: PhotoImportBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action_bar")
        self.import_bar = import_bar
        self.all_ok_button = QPushButton(keyed(self.tr("Remaining items OK"), ALL_OK_KEY))
        self.all_ok_button.setObjectName("all_ok_button")
        self.all_ok_button.setToolTip(self.tr("Mark every item without a result OK"))
        self.next_problem_button = QPushButton(keyed(self.tr("Next problem"), NEXT_PROBLEM_KEY))
        self.next_problem_button.setObjectName("next_problem_button")
        self.next_problem_button.setToolTip(self.tr("Go to the next item marked a problem"))
        self.notice_button = QPushButton(keyed(self.tr("Issue notice…"), NOTICE_KEY))
        self.notice_button.setObjectName("notice_button")
        self.notice_button.setToolTip(
            self.tr("A rectification notice for this inspection's problems")
        )
        # 马路办公 (road segments only; app/inspections/duty_control.py fills and shows them)
        self.duty_button = QPushButton()
        self.duty_button.setObjectName("duty_button")
        self.duty_button.setVisible(False)
        self.duty_photo_button = QPushButton()
        self.duty_photo_button.setObjectName("duty_photo_button")
        self.duty_photo_button.setVisible(False)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setObjectName("correct_button")
        self.correct_button.setToolTip(
            self.tr("Make a new draft that corrects this submitted inspection")
        )
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submit_button")
        self.submit_button.setToolTip(self.tr("Submit and lock"))
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button = QPushButton(keyed(self.tr("Close"), CLOSE_KEY))
        self.close_button.setObjectName("close_button")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for button in self.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        self.set_submit_anyway(False)
        import_bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        import_bar.progress.setMinimumWidth(120)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.all_ok_button)
        layout.addWidget(self.next_problem_button)
        layout.addWidget(self.duty_button)
        layout.addWidget(self.duty_photo_button)
        layout.addWidget(import_bar, 1)
        layout.addStretch(0)
        layout.addWidget(self.notice_button)
        layout.addWidget(self.correct_button)
        layout.addWidget(self.submit_button)
        layout.addWidget(self.close_button)

    def buttons(self) -> list[QPushButton]:
        return [
            self.all_ok_button,
            self.next_problem_button,
            self.duty_button,
            self.duty_photo_button,
            self.notice_button,
            self.correct_button,
            self.submit_button,
            self.close_button,
        ]

    def set_submit_anyway(self, anyway: bool) -> None:
        words = self.tr("Submit anyway") if anyway else self.tr("Submit")
        self.submit_button.setText(keyed(words, SUBMIT_KEY))
