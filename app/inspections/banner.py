"""The editor's message line: always one line high, whatever it says; 显示全部 opens the whole
message below it (a list of what submission still needs, an import's refusals), in a box that
scrolls rather than pushing the checklist off the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

DETAILS_HEIGHT = 140  # the open list scrolls past this


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._text = ""
        self._summary = ""
        self.line = QLabel()
        self.line.setObjectName("banner_line")
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.more = QToolButton()
        self.more.setObjectName("banner_more")
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.more.setText(self.tr("Show all"))
        self.more.toggled.connect(self._open)
        self.details = QLabel()
        self.details.setObjectName("banner_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details_box = QScrollArea()
        self.details_box.setWidget(self.details)
        self.details_box.setWidgetResizable(True)
        self.details_box.setFrameShape(QFrame.Shape.NoFrame)
        self.details_box.setMaximumHeight(DETAILS_HEIGHT)
        self.details_box.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.details_box)

    def show_message(self, text: str, color: str, summary: str | None = None) -> None:
        """`text` in full (one line or many); the line shows `summary`, or the text's lines
        joined, cut to the width with 显示全部 beside it when anything is left out."""
        self._text = text
        lines = [line for line in text.splitlines() if line.strip()]
        self._summary = summary if summary is not None else "；".join(lines)
        self.details.setText(text)
        self.setStyleSheet(f"#banner {{ background: {color}; border-radius: 4px; }}")
        self.more.setChecked(False)
        self._fit()

    def text(self) -> str:
        """The whole message."""
        return self._text

    def summary(self) -> str:
        return self._summary

    def shown_text(self) -> str:
        """What the line shows (cut to the width)."""
        return self.line.text()

    def show_all(self) -> None:
        self.more.setChecked(True)

    def _open(self, opened: bool) -> None:
        # A fifth of the window at most: on a small screen the checklist keeps its room.
        self.details_box.setMaximumHeight(min(DETAILS_HEIGHT, max(48, self.window().height() // 5)))
        self.details_box.setVisible(opened)
        self.more.setText(self.tr("Hide") if opened else self.tr("Show all"))

    def _fit(self) -> None:
        # The line's room, with 显示全部 beside it (its label is the wider of the two words).
        width = max(40, self.contentsRect().width() - 12 - self.more.sizeHint().width() - 6)
        metrics = self.line.fontMetrics()
        elided = metrics.elidedText(self._summary, Qt.TextElideMode.ElideRight, width)
        self.line.setText(elided)
        self.line.setToolTip(self._text if elided != self._summary else "")
        cut = elided != self._summary or len(self._text.splitlines()) > 1
        self.more.setVisible(cut or self.more.isChecked())
        self.more.setText(self.tr("Hide") if self.more.isChecked() else self.tr("Show all"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
