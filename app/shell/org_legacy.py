"""What this laptop kept of the office's settings before they became one synced record
(QSettings and the store's meta table, app/settings.py LEGACY_*): offered once, to an admin
opening 单位设置 while no record exists, as the record's first version. Never used otherwise."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QSettings

from app.settings import (
    LEGACY_BULLETIN_TITLE,
    LEGACY_HOURS,
    LEGACY_OFFICE_NAME,
    LEGACY_OFFICE_PHONE,
    LEGACY_RULES,
    LEGACY_ZONE,
    stored,
)
from app.settings_qt import read
from domain.assessment import Rules
from domain.clock import known_zone
from domain.org_settings import DEFAULTS, OrgSettings, check_title, rules_problem
from domain.workcalendar import OfficeHours
from local_db.store import Store


def legacy_org_settings(store: Store, settings: QSettings | None = None) -> OrgSettings | None:
    """This laptop's old values over the defaults (each only when it makes sense), or None when
    it kept none."""
    offer = DEFAULTS
    zone = read(LEGACY_ZONE, settings).strip()
    if known_zone(zone):
        offer = replace(offer, time_zone=zone)
    with suppress(ValueError):  # nothing kept, or nonsense: the default
        offer = replace(
            offer, office_hours=OfficeHours.parse(read(LEGACY_HOURS, settings)).to_text()
        )
    rules = _rules(settings)
    if rules is not None:
        offer = replace(offer, rules=rules)
    name = stored(LEGACY_OFFICE_NAME, store).strip()
    if 0 < len(name) <= 200:
        offer = replace(offer, office_name=name)
    phone = stored(LEGACY_OFFICE_PHONE, store).strip()
    if 0 < len(phone) <= 40:
        offer = replace(offer, office_phone=phone)
    title = stored(LEGACY_BULLETIN_TITLE, store).strip()
    if 0 < len(title) <= 200 and _title_ok(title):
        offer = replace(offer, bulletin_title=title)
    return None if offer == DEFAULTS else offer


def _title_ok(title: str) -> bool:
    try:
        check_title(title)
    except ValueError:
        return False
    return True


def _rules(settings: QSettings | None) -> Rules | None:
    values: dict[str, Decimal] = {}
    for name, setting in LEGACY_RULES.items():
        text = read(setting, settings).strip()
        if not text:
            continue
        try:
            number = Decimal(text)
        except InvalidOperation:
            continue
        if number.is_finite():
            values[name] = number
    if not values:
        return None
    rules = Rules(**values)
    return rules if rules_problem(rules) is None else None
