"""Settings: the language switch takes effect at the next start; the office goes on notices."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.i18n import chosen_language
from tests.ui.conftest import close_window


def test_switch_to_english_and_name_the_office(qtbot, launch, data_dir):
    window = launch(data_dir, None)
    assert window.windowTitle().startswith("督查")
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.office.setText("青山县城市管理督查办公室")
    dialog.hours.setText("8:00-11:30, 14:00-17:00")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert QSettings().value("ui/language") == "en"
    assert chosen_language() == "en"
    assert window.context.store.meta("office_name") == "青山县城市管理督查办公室"
    assert window.context.calendar.office_hours.to_text() == "08:00-11:30,14:00-17:00"
    assert window.windowTitle().startswith("督查")  # the language: at the next start

    close_window(window)
    again = launch(data_dir, None)
    assert again.windowTitle() == "Ducha — field supervision"
    assert again.context.calendar.office_hours.to_text() == "08:00-11:30,14:00-17:00"


def test_bad_office_hours_are_refused_by_name(qtbot, launch, data_dir):
    window = launch(data_dir)
    dialog = window.open_settings()
    dialog.hours.setText("17:00-08:00")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.text().startswith("办公时间：")
    assert QSettings().value("calendar/office_hours") is None
