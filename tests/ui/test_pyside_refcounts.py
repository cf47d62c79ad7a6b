"""PySide6 6.12.0 with Python 3.11 drops a reference to None on every call of a Qt method that
returns nothing (and to True on every signal emit); after a few thousand calls the process
aborts with 'Fatal Python error: none_dealloc'. The app pins a version without the bug; this
test fails if an upgrade brings it back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGraphicsView, QLabel


class _Emitter(QObject):
    ping = Signal()


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot) -> None:
    view, label, emitter = QGraphicsView(), QLabel(), _Emitter()
    qtbot.addWidget(view)
    qtbot.addWidget(label)
    emitter.ping.connect(lambda: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        view.resetTransform()
        label.setText("x")
        emitter.ping.emit()
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
