"""The office laptop's budget for the originals it keeps offline is this laptop's preference, set in
the settings dialog (QSettings): the last N days (90 by default) and at most N GB (5)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.settings import KEEP_DAYS, KEEP_GB
from app.settings_qt import read


def test_the_budget_is_set_in_the_settings_dialog(qtbot, launch, data_dir):
    window = launch(data_dir)
    dialog = window.open_settings()
    assert (dialog.keep_days.value(), dialog.keep_gb.value()) == (90, 5.0)  # the defaults
    assert dialog.keep_days.text() == "90 天"
    dialog.keep_days.setValue(30)
    dialog.keep_gb.setValue(2.5)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert (read(KEEP_DAYS), read(KEEP_GB)) == (Decimal(30), Decimal("2.5"))
    assert QSettings().value("originals/keep_days") == "30"
    again = window.open_settings()
    assert (again.keep_days.value(), again.keep_gb.value()) == (30, 2.5)
    assert again.sizeHint().height() <= 700  # fits 1366×768 (and 150 % of 1920×1080)
    again.reject()
