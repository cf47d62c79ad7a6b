"""Every setting of the client, declared once: its key, type, default, scope and home.

Scopes:
- `laptop`: this laptop (the server's address, its CA certificate, the language, start-up views);
- `user`: this laptop's user (the login name);
- `organisation`: the whole office (office name, phone and address, office hours, time zone,
  holiday additions, assessment rules, bulletin title, notice number prefix): one synced record
  held by the server, the same on every laptop (domain/org_settings.py).

Homes: `qsettings` (read and written through app/settings_qt.py), `store` (the store's meta
table; read and written here, no Qt needed), `server` (the server's settings, server/settings.py;
declared here so the list is whole, never read by the client), `org_settings` (the office's
synced record: local_db/org_settings.py).

No Qt here: headless commands and the core may import this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Generic, Literal, TypeVar, cast

from domain.org_settings import LATER_RULE_FIELDS, RULE_FIELDS

if TYPE_CHECKING:
    from local_db.store import Store

ORGANIZATION = "Ducha"  # QSettings' organisation and application names
APPLICATION = "Ducha"

Scope = Literal["laptop", "user", "organisation"]
Home = Literal["qsettings", "store", "server", "org_settings"]
T = TypeVar("T", str, bool, Decimal)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    scope: Scope
    home: Home = "qsettings"
    about: str = ""

    def parse(self, raw: object) -> T:
        """The typed value of what the home holds; the default for nothing or nonsense."""
        value = self._typed(raw)
        return self.default if value is None else cast(T, value)

    def _typed(self, raw: object) -> object | None:
        if raw is None or raw == "":
            return None
        if self.type is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
            return None
        if self.type is Decimal:
            try:
                number = Decimal(str(raw).strip())
            except InvalidOperation:
                return None
            return number if number.is_finite() else None
        return str(raw)

    def dump(self, value: T) -> str | bool:
        """What the home keeps for `value`."""
        return bool(value) if self.type is bool else str(value)


# -- this laptop ----------------------------------------------------------------------------------
SERVER = Setting("sync/server", str, "", "laptop", about="the server, e.g. http://10.0.0.5:8765")
CA_CERT = Setting("sync/ca_cert", str, "", "laptop", about="the CA certificate of the server")
LANGUAGE = Setting("ui/language", str, "", "laptop", about="zh_CN, en, or '' for the system's")
OVERDUE_AT_START = Setting(
    "ui/overdue_at_start", bool, True, "laptop", about="show 逾期提醒 at start when overdue"
)
KEEP_DAYS = Setting(
    "originals/keep_days",
    Decimal,
    Decimal(90),
    "laptop",
    about="an office laptop keeps the originals of the last N days (newest first)",
)
KEEP_GB = Setting(
    "originals/keep_gb",
    Decimal,
    Decimal(5),
    "laptop",
    about="an office laptop keeps at most N GB of originals fetched from the server",
)
TRAY_FOLDER = Setting(
    "photos/tray_folder",
    str,
    "",
    "laptop",
    about="the camera card or phone folder whose photos of a visit the editor's photo tray shows",
)

# -- this user ------------------------------------------------------------------------------------
USERNAME = Setting("sync/username", str, "", "user", about="the login name on the server")

# -- the organisation: one synced record held by the server ---------------------------------------
# Office name, phone and address, notice number prefix, office hours, time zone, holiday calendar
# additions, assessment rules and bulletin title: domain/org_settings.py, entity `org_settings`,
# edited by admins (app/shell/org_dialog.py), read through AppContext.org or
# local_db/org_settings.py. Earlier versions kept them here per laptop (ui/timezone,
# calendar/office_hours, assessment/*, the store's office_name…): those values are no longer read;
# the server's record (its seed, then what an admin saves) is the one every laptop uses. While no
# record exists, an admin's 单位设置 offers those old values once (app/shell/org_legacy.py).
ORG_RECORD = Setting(
    "org_settings", str, "", "organisation", "org_settings", "the office's synced record"
)
_OLD = "before the office's record; offered once as its first version, else unused"
LEGACY_ZONE = Setting("ui/timezone", str, "", "organisation", about=_OLD)
LEGACY_HOURS = Setting("calendar/office_hours", str, "", "organisation", about=_OLD)
LEGACY_RULES: dict[str, Setting[str]] = {
    name: Setting(f"assessment/{name}", str, "", "organisation", about=_OLD)
    for name in RULE_FIELDS
    if name not in LATER_RULE_FIELDS  # never kept per laptop
}
LEGACY_OFFICE_NAME = Setting("office_name", str, "", "organisation", "store", _OLD)
LEGACY_OFFICE_PHONE = Setting("office_phone", str, "", "organisation", "store", _OLD)
LEGACY_BULLETIN_TITLE = Setting("bulletin_title", str, "", "organisation", "store", _OLD)
NOTICE_PREFIX = Setting(
    "DUCHA_OFFICE_PREFIX",
    str,
    "督改",
    "organisation",
    "server",
    "official numbers' prefix until the office's record names one (server/org.py)",
)

ALL: tuple[Setting, ...] = (
    SERVER,
    CA_CERT,
    LANGUAGE,
    OVERDUE_AT_START,
    KEEP_DAYS,
    KEEP_GB,
    TRAY_FOLDER,
    USERNAME,
    ORG_RECORD,
    LEGACY_ZONE,
    LEGACY_HOURS,
    *LEGACY_RULES.values(),
    LEGACY_OFFICE_NAME,
    LEGACY_OFFICE_PHONE,
    LEGACY_BULLETIN_TITLE,
    NOTICE_PREFIX,
)


# -- the store-held ones --------------------------------------------------------------------------
def stored(setting: Setting[T], store: Store) -> T:
    """A setting kept in the store's meta table."""
    require_home(setting, "store")
    return setting.parse(store.meta(setting.key))


def store_setting(setting: Setting[T], store: Store, value: T) -> None:
    """Keep a store-held setting (inside the caller's transaction, if any)."""
    require_home(setting, "store")
    store.set_meta(setting.key, str(setting.dump(value)))


def require_home(setting: Setting, home: Home) -> None:
    if setting.home != home:
        raise ValueError(f"{setting.key} is held in {setting.home}, not {home}")
