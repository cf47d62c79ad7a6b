"""Windows that fit the screen: opened no larger than the screen's available area (less room for
the window manager's title bar) and placed inside it. Every main window and dialog sizes itself
with fit_to_screen() instead of resize(); content that can be long scrolls or splits inside.

The office's screens, in logical pixels: 1366×728 (1366×768 less a taskbar), 1280×680
(1920×1080 at 150 %), 1093×574 (1366×768 at 125 %). tests/ui/test_fit.py checks every window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

TITLE_BAR = 32  # what a window manager adds above a window (title bar, borders), logical px


def available_area(window: QWidget) -> QRect:
    """Where the inside of `window` may lie: its screen's available geometry (its parent's
    screen before it is shown), less its frame, and at least a title bar's height above."""
    parent = window.parentWidget()
    anchor = parent.window() if parent is not None else window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    frame, inner = window.frameGeometry(), window.geometry()
    return screen.availableGeometry().adjusted(
        inner.left() - frame.left(),
        max(TITLE_BAR, inner.top() - frame.top()),
        inner.right() - frame.right(),
        inner.bottom() - frame.bottom(),
    )


def fit_to_screen(window: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Size `window` to width×height (default: its size now), or to the screen where that is
    larger, and keep it inside the screen each time it is shown."""
    area = available_area(window)
    window.resize(
        min(width if width is not None else window.width(), area.width()),
        min(height if height is not None else window.height(), area.height()),
    )
    if window.findChild(_KeepInside, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
        window.installEventFilter(_KeepInside(window))


def place_inside(window: QWidget) -> None:
    """Move (and if need be shrink) a shown window so that it lies inside the available area."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    area = available_area(window)
    inner = window.geometry()
    width = max(min(inner.width(), area.width()), window.minimumWidth())
    height = max(min(inner.height(), area.height()), window.minimumHeight())
    x, y = inner.x(), inner.y()
    if not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        # Placed by nobody yet: a dialog over the middle of its parent (what QDialog would do
        # after this, had it not been placed here), a main window in the middle of the screen.
        parent = window.parentWidget()
        middle = parent.window().frameGeometry().center() if parent else area.center()
        x, y = middle.x() - width // 2, middle.y() - height // 2
    x = max(area.left(), min(x, area.right() + 1 - width))
    y = max(area.top(), min(y, area.bottom() + 1 - height))
    if QRect(x, y, width, height) != inner:
        window.setGeometry(x, y, width, height)


class _KeepInside(QObject):
    """Places its window inside the screen whenever it is shown (an event filter sees the Show
    before the window's own showEvent, where QDialog would centre itself: placed here, it does
    not)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Answered here, not by the base class (see PITFALLS: PySide6 6.12.0 drops references).
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            place_inside(watched)
        return False


def scrolling(body: QWidget) -> QScrollArea:
    """`body` in a frameless vertical scroll area: a form that scrolls when the screen is short,
    while what is laid out beside it (a dialog's buttons) stays in view."""
    area = QScrollArea()
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body.setMinimumWidth(body.minimumSizeHint().width())
    return area
