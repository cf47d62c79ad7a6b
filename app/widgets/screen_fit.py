"""Opening a window no larger than the screen it opens on (less its taskbar and title bar)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window's own frame (title bar, borders), which is not known before it shows.
FRAME = QSize(16, 40)


def open_size(window: QWidget, preferred: QSize) -> QSize:
    """`preferred`, cut to the available geometry of the window's screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return preferred
    room = screen.availableGeometry().size() - FRAME
    return preferred.boundedTo(room)


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Size `window` to `preferred` or the screen's room, whichever is less, and centre it."""
    size = open_size(window, preferred)
    window.resize(size)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        x = room.x() + max(0, (room.width() - size.width() - FRAME.width()) // 2)
        y = room.y() + max(0, (room.height() - size.height() - FRAME.height()) // 2)
        window.move(x, y)
