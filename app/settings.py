"""Every setting of the client, declared once: its key, type, default, scope and home.

Scopes:
- `laptop`: this laptop (the server's address, its CA certificate, the language, start-up views);
- `user`: this laptop's user (the login name);
- `organisation`: the whole office (office name and phone, office hours, time zone, assessment
  rules, bulletin title, notice number prefix). These become server-held (one
  synced organisation record) in a later issue; until then they are read from where they are today.

Homes: `qsettings` (read and written through app/settings_qt.py), `store` (the store's meta
table; read and written here, no Qt needed), `server` (the server's settings, server/settings.py;
declared here so the list is whole, never read by the client).

No Qt here: headless commands and the core may import this module.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Generic, Literal, TypeVar, cast

from domain.assessment import DEFAULT_RULES, Rules
from domain.clock import OFFICE_TZ_DEFAULT

if TYPE_CHECKING:
    from local_db.store import Store

ORGANIZATION = "Ducha"  # QSettings' organisation and application names
APPLICATION = "Ducha"

Scope = Literal["laptop", "user", "organisation"]
Home = Literal["qsettings", "store", "server"]
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

# -- this user ------------------------------------------------------------------------------------
USERNAME = Setting("sync/username", str, "", "user", about="the login name on the server")

# -- the organisation (server-held in a later issue) ----------------------------------------------
TIME_ZONE = Setting(
    "ui/timezone", str, OFFICE_TZ_DEFAULT, "organisation", about="the office's IANA time zone"
)
OFFICE_HOURS = Setting(
    "calendar/office_hours", str, "", "organisation", about="'08:30-12:00,14:30-18:00'; '' default"
)
RULES: dict[str, Setting[Decimal]] = {
    f.name: Setting(
        f"assessment/{f.name}",
        Decimal,
        getattr(DEFAULT_RULES, f.name),
        "organisation",
        about="monthly assessment (domain/assessment.py Rules)",
    )
    for f in fields(Rules)
}
OFFICE_NAME = Setting("office_name", str, "", "organisation", "store", "on notices, bulletins")
OFFICE_PHONE = Setting("office_phone", str, "", "organisation", "store", "on notices")
OFFICE_SHORT = Setting("office_short", str, "", "organisation", "store", "e.g. 督改")
BULLETIN_TITLE = Setting(
    "bulletin_title", str, "", "organisation", "store", "the title pattern (bulletin_model)"
)
NOTICE_PREFIX = Setting(
    "DUCHA_OFFICE_PREFIX", str, "督改", "organisation", "server", "official numbers' prefix"
)

ALL: tuple[Setting, ...] = (
    SERVER,
    CA_CERT,
    LANGUAGE,
    OVERDUE_AT_START,
    KEEP_DAYS,
    KEEP_GB,
    USERNAME,
    TIME_ZONE,
    OFFICE_HOURS,
    *RULES.values(),
    OFFICE_NAME,
    OFFICE_PHONE,
    OFFICE_SHORT,
    BULLETIN_TITLE,
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
