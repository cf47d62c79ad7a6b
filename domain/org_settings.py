"""The organisation's settings: one record per office, held by the server and synced to every
laptop (entity `org_settings`, docs/architecture.md "Settings").

What the whole office must agree on lives here, not in a laptop's QSettings: the office's name,
phone and address (on notices and bulletins), the notice number prefix (the server numbers with
it), office hours, time zone and the holiday calendar additions (due times), the assessment rules
(ranking) and the bulletin title. Two laptops that synced the same record rank the same month
identically and give a notice the same due time.

The record has one fixed id (ORG_SETTINGS_ID): two admins editing offline edit the same row, and
the ordinary conflict rule (higher rev, later updated_at) decides. Without a record, DEFAULTS.

Pure rules: no I/O. The contract (domain/contract/rows.py) checks a pushed row with the checks
below; laptops read it through local_db/org_settings.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from domain.assessment import DEFAULT_RULES, Rules
from domain.clock import OFFICE_TZ_DEFAULT, known_zone
from domain.composite_config import DEFAULT_CONFIG, CompositeConfig, config_text, parse_config
from domain.workcalendar import OfficeHours, WorkCalendar

ORG_SETTINGS_ID = "0190a1b2-0000-7000-8000-000000000001"  # the one record of the office
DEFAULT_OFFICE_NAME = "城市管理督查办公室"  # printed when no record names the office
DEFAULT_PREFIX = "督改"
MAX_EXTRA_DAYS = 400  # extra holidays (or extra working days) in one record
MAX_SCORE = 10_000
# The largest single video or audio recording the office takes (laptops and server enforce it).
DEFAULT_MAX_MEDIA_BYTES = 2 << 30
MIN_MEDIA_BYTES = 1 << 20
MAX_MEDIA_BYTES = 64 << 30
MAX_PENALTY = 1_000
RULE_FIELDS = tuple(f.name for f in fields(Rules))
PERCENT_FIELDS = ("red_on_time_from", "red_rework_up_to")  # 0–100, of the flag lines
# Rules added after the record was first synced: a row from an older laptop may lack them.
LATER_RULE_FIELDS = ("shame_below", *PERCENT_FIELDS)
# A prefix printed before 〔year〕: no brackets of the number's own, no digits, no whitespace;
# never 临 first (that marks a provisional number, domain/numbering.py).
_PREFIX = re.compile(r"^[^\s\d〔〕\[\]()（）第号临][^\s\d〔〕\[\]()（）第号]{0,19}$")
TITLE_FIELDS = ("period", "year", "month", "issue")
_TITLE_FIELD = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class OrgSettings:
    office_name: str = DEFAULT_OFFICE_NAME
    office_phone: str = ""
    office_address: str = ""
    notice_prefix: str = DEFAULT_PREFIX
    office_hours: str = OfficeHours().to_text()
    time_zone: str = OFFICE_TZ_DEFAULT
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()
    rules: Rules = field(default_factory=Rules)
    bulletin_title: str = ""  # "" is the bulletin's own default pattern
    max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES  # one video or audio recording, at most
    composite: CompositeConfig = DEFAULT_CONFIG  # the quarter's and year's composite assessment
    updated_by: str | None = None  # the person (the server's user) who saved it last
    updated_at: str | None = None  # UTC ISO-8601
    held: bool = False  # False: no record yet, these are the defaults

    @property
    def hours(self) -> OfficeHours:
        return OfficeHours.parse(self.office_hours)

    def calendar(self, base: WorkCalendar) -> WorkCalendar:
        """The built-in calendar (domain/workcalendar.py) with this office's hours, zone and
        additions: an extra holiday wins over a built-in make-up working day and vice versa."""
        holidays = (base.holidays - set(self.extra_workdays)) | set(self.extra_holidays)
        workdays = (base.makeup_workdays - set(self.extra_holidays)) | set(self.extra_workdays)
        return replace(
            base,
            holidays=frozenset(holidays),
            makeup_workdays=frozenset(workdays),
            office_hours=self.hours,
            tz=self.time_zone,
        )


DEFAULTS = OrgSettings()


# -- checks (the contract's, and the editor's) ----------------------------------------------------
def check_office_hours(value: str) -> str:
    try:
        OfficeHours.parse(value)
    except ValueError:
        raise ValueError(
            "office hours are ranges HH:MM-HH:MM, in order, not overlapping, separated by commas"
        ) from None
    return value


def check_zone(value: str) -> str:
    if not known_zone(value):
        raise ValueError("not an IANA time zone (e.g. Asia/Shanghai)")
    return value


def check_prefix(value: str) -> str:
    if not _PREFIX.fullmatch(value):
        raise ValueError(
            "a notice number prefix is 1 to 20 characters without digits, spaces, brackets, "
            "第 or 号, and does not start with 临"
        )
    return value


def check_title(value: str) -> str:
    """A bulletin title pattern: only {period}, {year}, {month}, {issue} as fields."""
    for name in _TITLE_FIELD.findall(value):
        if name not in TITLE_FIELDS:
            raise ValueError("a bulletin title names only {period}, {year}, {month} or {issue}")
    try:
        value.format(period="", year=2026, month=1, issue=1)
    except (KeyError, IndexError, ValueError):
        raise ValueError("a bulletin title's braces must each name one field") from None
    return value


def parse_days(value: str) -> tuple[date, ...]:
    """The dates of a JSON list of 'YYYY-MM-DD' texts (2000–2099, no repeats, at most
    MAX_EXTRA_DAYS); ValueError otherwise."""
    try:
        listed = json.loads(value)
    except ValueError:
        raise ValueError("not JSON text") from None
    if not isinstance(listed, list) or len(listed) > MAX_EXTRA_DAYS:
        raise ValueError(f"a JSON list of at most {MAX_EXTRA_DAYS} dates")
    days: list[date] = []
    for item in listed:
        if not isinstance(item, str) or not re.fullmatch(r"20\d\d-\d\d-\d\d", item):
            raise ValueError("dates are written YYYY-MM-DD, from 2000 to 2099")
        try:
            days.append(date.fromisoformat(item))
        except ValueError:
            raise ValueError(f"{item} is not a date of the calendar") from None
    if len(set(days)) != len(days):
        raise ValueError("a date is listed twice")
    return tuple(sorted(days))


def check_days(value: str) -> str:
    parse_days(value)
    return value


def days_text(days: tuple[date, ...] | list[date]) -> str:
    return json.dumps(sorted(d.isoformat() for d in set(days)))


def rules_problem(rules: Rules) -> str | None:
    """None when the rules make sense, else which kind of thing is wrong: "full_score",
    "penalty", "grades" or "flags" (the editor words it)."""
    if not 0 < rules.full_score <= MAX_SCORE:
        return "full_score"
    penalties = (rules.overdue_penalty, rules.failed_recheck_penalty)
    if not all(0 <= p <= MAX_PENALTY for p in penalties):
        return "penalty"
    if not rules.full_score >= rules.excellent_from > rules.good_from > rules.pass_from >= 0:
        return "grades"
    if not 0 <= rules.shame_below <= rules.full_score:
        return "flags"
    if not all(0 <= getattr(rules, name) <= 100 for name in PERCENT_FIELDS):
        return "flags"
    return None


def check_row(row: Any) -> None:
    """What crosses fields of a row: its fixed id, the rules, the two day lists. ValueError."""
    if row.id != ORG_SETTINGS_ID:
        raise ValueError(f"an office has one settings record, id {ORG_SETTINGS_ID}")
    problem = rules_problem(rules_of(row))
    if problem == "grades":
        raise ValueError("grades must descend: full score ≥ excellent > good > pass ≥ 0")
    if problem == "flags":
        raise ValueError(
            "the 黄旗/黑榜 line lies between 0 and the full score; the 流动红旗 rates are 0–100 %"
        )
    if problem is not None:
        raise ValueError(f"{problem}: out of range")
    both = set(parse_days(row.extra_holidays)) & set(parse_days(row.extra_workdays))
    if both:
        raise ValueError(f"{min(both).isoformat()} is both an extra holiday and a working day")


def from_office(office: dict[str, Any], zone: str = OFFICE_TZ_DEFAULT) -> OrgSettings:
    """A first record from an office's description {name, short, phone, address} (the demo's,
    resources/demo/org.json), the rest defaults."""
    return replace(
        DEFAULTS,
        office_name=str(office.get("name") or DEFAULT_OFFICE_NAME),
        office_phone=str(office.get("phone") or ""),
        office_address=str(office.get("address") or ""),
        notice_prefix=str(office.get("short") or DEFAULT_PREFIX),
        time_zone=zone,
    )


# -- row ↔ settings -------------------------------------------------------------------------------
def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def rules_of(row: Any) -> Rules:
    """The Rules of a row (a mapping or an object with the fields); a rule added later that
    the row lacks (LATER_RULE_FIELDS) is the default."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name, None)
    values = {name: get(name) for name in RULE_FIELDS}
    return Rules(
        **{
            name: _decimal(value if value is not None else getattr(DEFAULT_RULES, name))
            for name, value in values.items()
            if value is not None or name in LATER_RULE_FIELDS
        }
    )


def check_media_limit(value: int) -> int:
    if not MIN_MEDIA_BYTES <= value <= MAX_MEDIA_BYTES:
        raise ValueError("a recording's size limit is between 1 MB and 64 GB")
    return value


def media_limit_of(row: dict[str, Any] | None) -> int:
    """The office's limit for one recording in a stored row (the default when none is set)."""
    value = (row or {}).get("max_media_bytes")
    return int(value) if isinstance(value, int) and value > 0 else DEFAULT_MAX_MEDIA_BYTES


def from_row(row: dict[str, Any] | None) -> OrgSettings:
    """The settings a stored row says; DEFAULTS for none. A row the contract accepted never
    fails here."""
    if row is None:
        return DEFAULTS
    return OrgSettings(
        office_name=row["office_name"],
        office_phone=row.get("office_phone") or "",
        office_address=row.get("office_address") or "",
        notice_prefix=row["notice_prefix"],
        office_hours=row["office_hours"],
        time_zone=row["time_zone"],
        extra_holidays=parse_days(row.get("extra_holidays") or "[]"),
        extra_workdays=parse_days(row.get("extra_workdays") or "[]"),
        rules=rules_of(row),
        bulletin_title=row.get("bulletin_title") or "",
        max_media_bytes=media_limit_of(row),
        composite=parse_config(row.get("composite") or ""),
        updated_by=row.get("updated_by"),
        updated_at=row.get("updated_at"),
        held=True,
    )


def to_fields(settings: OrgSettings) -> dict[str, Any]:
    """The row's own fields (without id and bookkeeping, without updated_by)."""
    return {
        "office_name": settings.office_name,
        "office_phone": settings.office_phone,
        "office_address": settings.office_address,
        "notice_prefix": settings.notice_prefix,
        "office_hours": settings.office_hours,
        "time_zone": settings.time_zone,
        "extra_holidays": days_text(settings.extra_holidays),
        "extra_workdays": days_text(settings.extra_workdays),
        **{name: float(getattr(settings.rules, name)) for name in RULE_FIELDS},
        "bulletin_title": settings.bulletin_title,
        "max_media_bytes": settings.max_media_bytes,
        "composite": composite_text(settings.composite),
    }


def composite_text(config: CompositeConfig) -> str:
    """The record's `composite` field: "" while the office keeps the default configuration."""
    return "" if config == DEFAULT_CONFIG else config_text(config)
