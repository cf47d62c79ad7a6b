"""Settings: the language switch takes effect at the next start; the office goes on notices."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.i18n import chosen_language
from app.labels import local_time
from app.settings import ALL, OVERDUE_AT_START, RULES, SERVER, TIME_ZONE
from app.settings_qt import read, write
from tests.ui.conftest import close_window

ROOT = Path(__file__).resolve().parents[2]


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


def test_the_office_time_zone_is_set_once_and_used_for_times_and_the_calendar(
    qtbot, launch, data_dir
):
    window = launch(data_dir)
    assert window.context.office_zone == "Asia/Shanghai"  # by default: Beijing time
    assert local_time("2026-11-20T02:00:00.000000Z") == "2026-11-20 10:00"
    dialog = window.open_settings()
    dialog.zone.setCurrentText("Asia/Urumqi")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.context.office_zone == "Asia/Urumqi"
    assert window.context.calendar.tz == "Asia/Urumqi"  # office hours are Urumqi's hours
    assert local_time("2026-11-20T02:00:00.000000Z") == "2026-11-20 08:00"


def test_an_unknown_time_zone_is_refused_by_name(qtbot, launch, data_dir):
    window = launch(data_dir)
    dialog = window.open_settings()
    dialog.zone.setCurrentText("Mars/Olympus_Mons")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Mars/Olympus_Mons" in dialog.message.text()
    assert read(TIME_ZONE) == "Asia/Shanghai" and window.context.office_zone == "Asia/Shanghai"


def test_settings_read_back_typed_and_nonsense_keeps_the_default():
    write(OVERDUE_AT_START, False)
    assert read(OVERDUE_AT_START) is False
    QSettings().setValue(RULES["good_from"].key, "not a number")
    assert read(RULES["good_from"]) == Decimal(80)
    write(RULES["good_from"], Decimal("82.5"))
    assert read(RULES["good_from"]) == Decimal("82.5")
    assert read(SERVER) == "" and read(TIME_ZONE) == "Asia/Shanghai"


def test_every_setting_is_declared_once_and_spelled_nowhere_else():
    """Settings go through app/settings.py: no key is written out anywhere else in app/."""
    declared = [s.key for s in ALL]
    assert len(declared) == len(set(declared)), "a key declared twice"
    assert {s.scope for s in ALL} == {"laptop", "user", "organisation"}
    keys = "|".join(re.escape(s.key) for s in ALL if s.home != "server")
    spelled = re.compile(rf"""["'](?:{keys})["']""")
    raw_call = re.compile(r"""(?:QSettings\(|\.(?:value|setValue|remove|contains)\(\s*["'])""")
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name in ("settings.py", "settings_qt.py") and path.parent.name == "app":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if spelled.search(line) or raw_call.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "read or write settings through app/settings.py:\n" + "\n".join(found)
