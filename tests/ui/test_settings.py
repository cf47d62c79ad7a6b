"""Settings: the language switch takes effect at the next start; the office's settings are one
record (单位设置) an admin edits and every laptop uses (tests/ui/server/test_org_settings_sync.py:
across laptops)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from app.i18n import chosen_language
from app.labels import local_time
from app.settings import ALL, OVERDUE_AT_START, SERVER
from app.settings_qt import read, write
from app.store_setup import open_store
from local_db.org_settings import org_settings
from local_db.reference import local_person_id
from tests.ui.conftest import close_window

ROOT = Path(__file__).resolve().parents[2]


def make_admin(data_dir: Path) -> None:
    """This laptop's user is the office's administrator (as a server's person row says)."""
    store = open_store(data_dir)
    me = local_person_id(store)
    with store.transaction():
        store.save("person", {**store.row("person", me), "role": "admin"})
    store.close()


def save_org(qtbot, dialog) -> None:
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_switch_to_english_and_the_laptop_keeps_only_its_own_preferences(qtbot, launch, data_dir):
    window = launch(data_dir, None)
    assert window.windowTitle().startswith("督查")
    dialog = window.open_settings()
    # the office's name, hours, zone and rules are not this laptop's to keep
    typed = [e for e in dialog.findChildren(QLineEdit) if e.objectName() != "qt_spinbox_lineedit"]
    assert typed == []  # only this laptop's language and originals budget: spin boxes
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert QSettings().value("ui/language") == "en"
    assert chosen_language() == "en"
    assert window.windowTitle().startswith("督查")  # the language: at the next start
    assert set(QSettings().allKeys()) == {
        "ui/language",
        "originals/keep_days",
        "originals/keep_gb",
    }  # this laptop's preferences only

    close_window(window)
    again = launch(data_dir, None)
    assert again.windowTitle() == "Ducha — field supervision"


def test_an_admin_names_the_office_and_sets_its_hours(qtbot, launch, data_dir):
    make_admin(data_dir)
    window = launch(data_dir)
    dialog = window.open_org_settings()
    assert dialog.editable and dialog.changed_by.text() == "尚未设置：管理员保存之前使用默认值。"
    dialog.office.setText("青山县城市管理督查办公室")
    dialog.hours.setText("8:00-11:30, 14:00-17:00")
    save_org(qtbot, dialog)
    assert not dialog.isVisible()
    office = org_settings(window.context.store)
    assert office.office_name == "青山县城市管理督查办公室"
    assert window.context.calendar.office_hours.to_text() == "08:00-11:30,14:00-17:00"
    queued = "SELECT op FROM outbox WHERE entity = 'org_settings' AND state = 'pending'"
    assert window.context.store.rows(queued) == [{"op": "upsert"}]  # on its way to the server
    assert QSettings().allKeys() == []  # nothing of it per laptop

    close_window(window)
    again = launch(data_dir)
    assert again.context.calendar.office_hours.to_text() == "08:00-11:30,14:00-17:00"
    shown = again.open_org_settings()
    assert re.fullmatch(r"由 王磊 于 \d{4}-\d\d-\d\d \d\d:\d\d 修改", shown.changed_by.text())


def test_an_admin_is_offered_this_laptops_earlier_values_as_the_first_record(
    qtbot, launch, data_dir
):
    store = open_store(data_dir)
    with store.transaction():  # where an earlier Ducha kept them, on this laptop only
        store.set_meta("office_name", "青山县城市管理督查办公室")
        store.set_meta("office_phone", "0719-8123456")
    store.close()
    QSettings().setValue("calendar/office_hours", "08:00-11:30,14:00-17:00")
    QSettings().setValue("assessment/excellent_from", "92")
    QSettings().setValue("assessment/good_from", "not a number")
    make_admin(data_dir)
    window = launch(data_dir)
    assert window.context.org.office_name == "城市管理督查办公室"  # not used by themselves
    dialog = window.open_org_settings()
    assert dialog.changed_by.text().startswith("尚未设置：已填入本机以前的设置")
    assert dialog.office.text() == "青山县城市管理督查办公室"
    assert dialog.hours.text() == "08:00-11:30,14:00-17:00"
    assert dialog.rules["excellent_from"].value() == 92
    assert dialog.rules["good_from"].value() == 80  # nonsense: the default
    save_org(qtbot, dialog)
    office = window.context.org
    assert office.held and office.office_phone == "0719-8123456"
    assert office.rules.excellent_from == 92
    again = window.open_org_settings()  # from now on the record, whatever the laptop kept
    assert again.changed_by.text().startswith("由 王磊 于 ")


def test_only_an_admin_edits_the_office(qtbot, launch, data_dir):
    window = launch(data_dir)  # 王磊 is an inspector here
    dialog = window.open_org_settings()
    assert not dialog.editable and dialog.office.isReadOnly() and not dialog.zone.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert dialog.message.text() == "只有管理员可以修改单位设置。"


def test_bad_office_hours_are_refused_by_name(qtbot, launch, data_dir):
    make_admin(data_dir)
    window = launch(data_dir)
    dialog = window.open_org_settings()
    dialog.office.setText("青山县城市管理督查办公室")
    dialog.hours.setText("17:00-08:00")
    save_org(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.text().startswith("办公时间")
    assert not org_settings(window.context.store).held


def test_the_office_time_zone_is_set_once_and_used_for_times_and_the_calendar(
    qtbot, launch, data_dir
):
    make_admin(data_dir)
    window = launch(data_dir)
    assert window.context.office_zone == "Asia/Shanghai"  # by default: Beijing time
    assert local_time("2026-11-20T02:00:00.000000Z") == "2026-11-20 10:00"
    dialog = window.open_org_settings()
    dialog.office.setText("乌鲁木齐市城市管理督查办公室")
    dialog.zone.setCurrentText("Asia/Urumqi")
    save_org(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.context.office_zone == "Asia/Urumqi"
    assert window.context.calendar.tz == "Asia/Urumqi"  # office hours are Urumqi's hours
    assert local_time("2026-11-20T02:00:00.000000Z") == "2026-11-20 08:00"


def test_an_unknown_time_zone_is_refused_by_name(qtbot, launch, data_dir):
    make_admin(data_dir)
    window = launch(data_dir)
    dialog = window.open_org_settings()
    dialog.office.setText("青山县城市管理督查办公室")
    dialog.zone.setCurrentText("Mars/Olympus_Mons")
    save_org(qtbot, dialog)
    assert dialog.isVisible() and "Mars/Olympus_Mons" in dialog.message.text()
    assert window.context.office_zone == "Asia/Shanghai"


def test_settings_read_back_typed_and_nonsense_keeps_the_default():
    write(OVERDUE_AT_START, False)
    assert read(OVERDUE_AT_START) is False
    QSettings().setValue(OVERDUE_AT_START.key, "not a flag")
    assert read(OVERDUE_AT_START) is True
    assert read(SERVER) == ""


def test_every_setting_is_declared_once_and_spelled_nowhere_else():
    """Settings go through app/settings.py: no key is written out anywhere else in app/."""
    declared = [s.key for s in ALL]
    assert len(declared) == len(set(declared)), "a key declared twice"
    assert {s.scope for s in ALL} == {"laptop", "user", "organisation"}
    keys = "|".join(re.escape(s.key) for s in ALL if s.home in ("qsettings", "store"))
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
