"""马路办公 in the editor: one key (F9) records whether the road chief is on duty on the
segment being inspected, cycling 在岗 → 不在岗 → 未核实; Shift+F9 makes a photo the check's
evidence — the site or item photo selected, else the photos picked in the tray (imported as site
photos first, the first of them becoming the check's). Shown on the action bar with its key and
the current state, for road segments only.

Saved at once through local_db/duty_checks.py, on the GUI thread like the editor's findings
(one small row in one transaction). Not needed to submit: 未核实 is a valid state and a check
never recorded is the same as one recorded 未核实 (the submission banner says nothing of it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QPushButton

from app.inspections.action_bar import DUTY_KEY, DUTY_PHOTO_KEY, keyed
from app.inspections.editor_texts import AMBER, GREEN, RED
from domain.duty import applies_to
from local_db import duty_checks
from local_db.store import Store

_COLOURS = {"on_duty": "#166534", "off_duty": "#b91c1c", "unverified": "#92400e"}


def duty_label(status: str | None) -> str:
    """在岗 / 不在岗 / 未核实 in the user's language; none recorded reads 未核实."""
    return {
        "on_duty": QCoreApplication.translate("duty", "On duty"),
        "off_duty": QCoreApplication.translate("duty", "Off duty"),
    }.get(status or "", QCoreApplication.translate("duty", "Unverified"))


def duty_button_text(chief: str | None, status: str | None) -> str:
    """路长 王路长：在岗 (F9)."""
    text = QCoreApplication.translate("DutyControl", "Road chief {chief}: {state}").format(
        chief=chief or QCoreApplication.translate("DutyControl", "(not named)"),
        state=duty_label(status),
    )
    return keyed(text, DUTY_KEY)


class DutyControl(QObject):
    """The two buttons of the action bar and what they do for one inspection."""

    def __init__(
        self,
        store: Store,
        inspection_id: str,
        button: QPushButton,
        photo_button: QPushButton,
        *,
        actor: str | None,
        banner: Callable[[str, str], None],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(button)
        self.store = store
        self.inspection_id = inspection_id
        self.button = button
        self.photo_button = photo_button
        self.actor = actor
        self._banner = banner
        self._changed = changed
        self.waiting_for: str | None = None  # a tray photo's sha256 being imported for it
        self._header: dict[str, Any] = {}
        button.clicked.connect(self.cycle)
        photo_button.clicked.connect(self._photo_clicked)
        self._photo_source: Callable[[], tuple[list[Any], str | None]] = lambda: ([], None)
        self._import: Callable[[list[Any]], object] = lambda files: None

    def use_photos(
        self,
        source: Callable[[], tuple[list[Any], str | None]],
        import_files: Callable[[list[Any]], object],
    ) -> None:
        """`source`: (the tray's picked photos, the id of the strip photo selected);
        `import_files`: imports paths as site photos (the editor's job)."""
        self._photo_source = source
        self._import = import_files

    @property
    def applies(self) -> bool:
        return applies_to(self._header.get("zone_kind"))

    def check(self) -> dict[str, Any] | None:
        return duty_checks.duty_check(self.store, self.inspection_id)

    def show(self, header: dict[str, Any]) -> None:
        """The buttons as the store holds the check (hidden for grids and sites)."""
        self._header = header
        locked = header["status"] == "submitted"
        held = self.check()
        self.button.setVisible(self.applies)
        self.photo_button.setVisible(self.applies and not locked)
        if not self.applies:
            return
        chief = held["chief_name"] if held else header.get("chief_name")
        status = held["status"] if held else None
        self.button.setText(duty_button_text(chief, status))
        self.button.setEnabled(not locked)
        self.button.setStyleSheet(f"color: {_COLOURS[status]};" if status else "")
        self.button.setToolTip(
            self.tr(
                "马路办公: was the road chief on duty on this segment? {key} cycles 在岗 → "
                "不在岗 → 未核实. Not required to submit."
            ).format(key=DUTY_KEY)
        )
        photo = "✓ " if held and held["photo_id"] else ""
        self.photo_button.setText(photo + keyed(self.tr("Photo"), DUTY_PHOTO_KEY))
        self.photo_button.setToolTip(
            self.tr(
                "Use a photo as evidence of the duty check: the site or item photo selected, "
                "else the photos picked in the tray"
            )
        )

    def cycle(self) -> None:
        """The key: the next state, saved at once."""
        if not self.applies or not self.button.isEnabled():
            return
        row = duty_checks.cycle_duty(self.store, self.inspection_id, actor=self.actor)
        self._banner(
            self.tr("Road chief {chief}: {state}. Saved.").format(
                chief=row["chief_name"] or "—", state=duty_label(row["status"])
            ),
            GREEN,
        )
        self._changed()

    def _photo_clicked(self) -> None:
        self.attach_photo()

    def attach_photo(self) -> None:
        """Shift+F9: the selected strip photo becomes the check's at once; else the tray's
        picked photos are imported (the first becomes the check's photo when it arrives)."""
        if not self.applies or not self.photo_button.isVisible():
            return
        picked, selected = self._photo_source()
        if selected is not None:
            self.set_photo(selected)
            return
        if picked:
            self.waiting_for = picked[0].sha256
            if self._import([p.path for p in picked]) is None:
                self.waiting_for = None
            return
        self._banner(
            self.tr(
                "Select a site photo, or pick a photo in the tray, then press {key} to make "
                "it the road chief's photo."
            ).format(key=DUTY_PHOTO_KEY),
            AMBER,
        )

    def imported(self, photos: list[dict[str, Any]]) -> None:
        """After an import: the photo being waited for, if it arrived, becomes the check's."""
        sha, self.waiting_for = self.waiting_for, None
        found = next((p for p in photos if p["sha256"] == sha), None) if sha else None
        if found is not None:
            self.set_photo(found["id"])

    def set_photo(self, photo_id: str) -> None:
        try:
            duty_checks.set_duty_photo(self.store, self.inspection_id, photo_id, actor=self.actor)
        except duty_checks.NotThisInspectionsPhoto:
            self._banner(self.tr("That photo is not one of this inspection's."), RED)
            return
        self._banner(self.tr("The photo is now the road chief's duty check evidence."), GREEN)
        self._changed()
