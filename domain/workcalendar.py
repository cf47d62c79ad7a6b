"""Chinese working-day calendar and due-time computation for rectification notices.

Holidays and make-up working days (调休) come from the State Council notices, stored in
``resources/calendar/cn_workdays.json``. Years missing from the file are treated by
weekdays only, and every result says which such years it touched.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.clock import OFFICE_TZ_DEFAULT

__all__ = [
    "DUE_UNITS",
    "DueTime",
    "OfficeHours",
    "WorkCalendar",
    "calendar_from_dict",
    "compute_due",
    "default_calendar_path",
    "load_calendar",
    "working_time_between",
]

DUE_UNITS = ("work_hours", "work_days", "hours", "days")

# Give up after this many consecutive days without a working day (about three years).
_MAX_IDLE_DAYS = 3 * 366
# A single holiday entry longer than this is almost certainly a typo.
_MAX_HOLIDAY_SPAN_DAYS = 31

_ONE_DAY = timedelta(days=1)
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTERVAL_SPLIT_RE = re.compile(r"[,，;；]")
_RANGE_SPLIT_RE = re.compile(r"\s*[-–~～]\s*")
_YEAR_KEYS = frozenset({"holidays", "workdays", "note"})

Interval = tuple[time, time]


def _fmt_time(t: time) -> str:
    return t.strftime("%H:%M:%S") if t.second or t.microsecond else t.strftime("%H:%M")


def _fmt_interval(interval: Interval) -> str:
    return f"{_fmt_time(interval[0])}-{_fmt_time(interval[1])}"


@dataclass(frozen=True)
class OfficeHours:
    """Daily office intervals, ordered and non-overlapping (local wall-clock times)."""

    intervals: tuple[Interval, ...] = (
        (time(8, 30), time(12, 0)),
        (time(13, 30), time(17, 30)),
    )

    def __post_init__(self) -> None:
        if not self.intervals:
            raise ValueError("office hours: at least one interval is required")
        previous: Interval | None = None
        for interval in self.intervals:
            start, end = interval
            if not isinstance(start, time) or not isinstance(end, time):
                raise ValueError(f"office hours: interval {interval!r} must be two datetime.time")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("office hours: times must be naive local times")
            if end <= start:
                raise ValueError(
                    f"office hours: interval {_fmt_interval(interval)} must end after it starts"
                )
            if previous is not None:
                if start < previous[0]:
                    raise ValueError(
                        f"office hours: interval {_fmt_interval(interval)} comes before "
                        f"{_fmt_interval(previous)}; list intervals in time order"
                    )
                if start < previous[1]:
                    raise ValueError(
                        f"office hours: interval {_fmt_interval(interval)} overlaps "
                        f"{_fmt_interval(previous)}"
                    )
            previous = interval

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Parse ``"08:30-12:00,13:30-17:30"`` (HH:MM ranges separated by commas)."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("office hours: empty text; expected e.g. '08:30-12:00,13:30-17:30'")
        intervals: list[Interval] = []
        for part in _INTERVAL_SPLIT_RE.split(text):
            part = part.strip()
            if not part:
                raise ValueError(f"office hours: empty interval in {text!r}")
            bounds = _RANGE_SPLIT_RE.split(part)
            if len(bounds) != 2:
                raise ValueError(f"office hours: {part!r} is not a range like '08:30-12:00'")
            intervals.append((_parse_time(bounds[0], part), _parse_time(bounds[1], part)))
        return cls(tuple(intervals))

    def to_text(self) -> str:
        """Inverse of :meth:`parse`."""
        return ",".join(_fmt_interval(i) for i in self.intervals)

    @property
    def closing(self) -> time:
        """End of the last interval of the day."""
        return self.intervals[-1][1]


def _parse_time(text: str, part: str) -> time:
    match = _TIME_RE.match(text.strip())
    if match is None:
        raise ValueError(f"office hours: {text!r} in {part!r} is not a time like '08:30'")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f"office hours: {text!r} in {part!r} is not a valid time of day")
    return time(hour, minute)


@dataclass(frozen=True)
class WorkCalendar:
    """Public holidays, make-up workdays and office hours for one time zone."""

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()
    office_hours: OfficeHours = field(default_factory=OfficeHours)
    tz: str = OFFICE_TZ_DEFAULT  # the office's zone: pass the configured one
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        both = self.holidays & self.makeup_workdays
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"dates both holiday and make-up workday: {listed}")
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.tz!r}") from exc

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def is_working_day(self, d: date) -> bool:
        """Make-up workday, or a Monday-Friday that is not a holiday."""
        if d in self.makeup_workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def covers(self, d: date) -> bool:
        """Whether the holiday data includes the year of ``d``."""
        return d.year in self.covered_years


# ---------------------------------------------------------------------------
# Loading


def default_calendar_path() -> Path:
    """``<repo>/resources/calendar/cn_workdays.json``."""
    return Path(__file__).resolve().parent.parent / "resources" / "calendar" / "cn_workdays.json"


def load_calendar(
    path: Path, office_hours: OfficeHours | None = None, tz: str = OFFICE_TZ_DEFAULT
) -> WorkCalendar:
    """Read and validate a calendar JSON file; its times are wall-clock times of zone `tz`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from exc
    try:
        return calendar_from_dict(data, office_hours, tz)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc


def calendar_from_dict(
    data: dict[str, Any], office_hours: OfficeHours | None = None, tz: str = OFFICE_TZ_DEFAULT
) -> WorkCalendar:
    """Build a calendar from the parsed JSON structure, validating it."""
    if not isinstance(data, dict):
        raise ValueError("calendar data must be a JSON object")
    years = data.get("years")
    if not isinstance(years, dict):
        raise ValueError("calendar data needs a 'years' object")
    sources = data.get("source", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ValueError("'source' must be a list of strings")

    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    covered: set[int] = set()
    for key, body in years.items():
        year = _parse_year_key(key)
        covered.add(year)
        if not isinstance(body, dict):
            raise ValueError(f"year {year}: must be an object with 'holidays' and 'workdays'")
        unknown = sorted(set(body) - _YEAR_KEYS)
        if unknown:
            raise ValueError(
                f"year {year}: unknown key(s) {', '.join(map(repr, unknown))} "
                "(expected 'holidays', 'workdays')"
            )
        for index, entry in enumerate(_entry_list(body, "holidays", year)):
            where = _where(year, "holidays", index, entry)
            first = _entry_date(entry, "from", year, where)
            last = _entry_date(entry, "to", year, where)
            if last < first:
                raise ValueError(f"{where}: 'to' {last} is before 'from' {first}")
            if (last - first).days >= _MAX_HOLIDAY_SPAN_DAYS:
                raise ValueError(f"{where}: range {first}..{last} is longer than a month")
            day = first
            while day <= last:
                holidays.setdefault(day, where)
                day += _ONE_DAY
        for index, entry in enumerate(_entry_list(body, "workdays", year)):
            where = _where(year, "workdays", index, entry)
            day = _entry_date(entry, "date", year, where)
            workdays.setdefault(day, where)

    conflicts = sorted(holidays.keys() & workdays.keys())
    if conflicts:
        day = conflicts[0]
        raise ValueError(
            f"{day} is both a holiday ({holidays[day]}) and a make-up workday ({workdays[day]})"
        )
    return WorkCalendar(
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(workdays),
        covered_years=frozenset(covered),
        office_hours=office_hours if office_hours is not None else OfficeHours(),
        tz=tz,
        sources=tuple(sources),
    )


def _parse_year_key(key: object) -> int:
    if not isinstance(key, str) or not re.fullmatch(r"\d{4}", key):
        raise ValueError(f'year key {key!r} must be a four-digit year such as "2025"')
    return int(key)


def _entry_list(body: dict[str, Any], key: str, year: int) -> list[dict[str, Any]]:
    entries = body.get(key, [])
    if not isinstance(entries, list):
        raise ValueError(f"year {year}: '{key}' must be a list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"year {year}, {key}[{index}]: must be an object")
        name = entry.get("name", "")
        if not isinstance(name, str):
            raise ValueError(f"year {year}, {key}[{index}]: 'name' must be a string")
    return entries


def _where(year: int, key: str, index: int, entry: dict[str, Any]) -> str:
    name = entry.get("name") or "unnamed"
    return f"year {year}, {key}[{index}] ({name})"


def _entry_date(entry: dict[str, Any], key: str, year: int, where: str) -> date:
    raw = entry.get(key)
    if not isinstance(raw, str) or not _DATE_RE.match(raw):
        raise ValueError(f"{where}: '{key}' must be a date written YYYY-MM-DD, got {raw!r}")
    try:
        value = date.fromisoformat(raw)
    except ValueError as exc:
        raise ValueError(f"{where}: '{key}' {raw!r} is not a real date") from exc
    # Cross-year ranges exist (e.g. 元旦 2024 began 2023-12-30), so allow neighbours.
    if abs(value.year - year) > 1:
        raise ValueError(f"{where}: '{key}' {raw} is not near year {year}")
    return value


# ---------------------------------------------------------------------------
# Due times


@dataclass(frozen=True)
class DueTime:
    """A due instant (aware, UTC) and the uncovered calendar years it relied on."""

    at: datetime
    uncovered_years: tuple[int, ...] = ()

    @property
    def warning(self) -> bool:
        """True when part of the computation used weekday-only guesses."""
        return bool(self.uncovered_years)


class _Walk:
    """Day-by-day walk over a calendar, remembering uncovered years."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.uncovered: set[int] = set()
        self.idle_days = 0

    def is_working_day(self, d: date) -> bool:
        if not self.calendar.covers(d):
            self.uncovered.add(d.year)
        working = self.calendar.is_working_day(d)
        if working:
            self.idle_days = 0
        else:
            self.idle_days += 1
            if self.idle_days > _MAX_IDLE_DAYS:
                raise ValueError(f"calendar has no working day for over three years before {d}")
        return working

    def result(self, local_naive: datetime) -> DueTime:
        return DueTime(
            at=_to_utc(local_naive, self.calendar.zone),
            uncovered_years=tuple(sorted(self.uncovered)),
        )


def _to_utc(local_naive: datetime, zone: ZoneInfo) -> datetime:
    return local_naive.replace(tzinfo=zone).astimezone(UTC)


def _local_naive(instant: datetime, zone: ZoneInfo, label: str) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{label} must be timezone-aware, got naive {instant.isoformat()}")
    return instant.astimezone(zone).replace(tzinfo=None)


def _check_amount(amount: int | float, unit: str) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        raise ValueError(f"amount must be a number, got {amount!r}")
    if not math.isfinite(amount) or amount <= 0:
        raise ValueError(f"amount must be a positive number, got {amount!r}")
    if unit in ("work_days", "days") and not float(amount).is_integer():
        raise ValueError(f"{unit} must be a whole number, got {amount!r}")


def compute_due(start: datetime, amount: int | float, unit: str, calendar: WorkCalendar) -> DueTime:
    """Due instant for ``amount`` ``unit`` counted from ``start`` (see DUE_UNITS)."""
    if unit not in DUE_UNITS:
        raise ValueError(f"unknown due unit {unit!r}; expected one of {', '.join(DUE_UNITS)}")
    _check_amount(amount, unit)
    zone = calendar.zone
    local = _local_naive(start, zone, "start")
    closing = calendar.office_hours.closing

    if unit == "hours":
        return DueTime(at=start.astimezone(UTC) + timedelta(hours=amount))
    if unit == "days":
        due_day = local.date() + timedelta(days=int(amount))
        return DueTime(at=_to_utc(datetime.combine(due_day, closing), zone))

    walk = _Walk(calendar)
    if unit == "work_days":
        day = local.date()
        remaining_days = int(amount)
        while remaining_days:
            day += _ONE_DAY
            if walk.is_working_day(day):
                remaining_days -= 1
        return walk.result(datetime.combine(day, closing))

    # work_hours
    remaining = timedelta(hours=amount)
    day = local.date()
    while True:
        if walk.is_working_day(day):
            for opens, closes in calendar.office_hours.intervals:
                begin = max(datetime.combine(day, opens), local)
                end = datetime.combine(day, closes)
                if begin >= end:
                    continue
                available = end - begin
                if remaining <= available:
                    return walk.result(begin + remaining)
                remaining -= available
        day += _ONE_DAY


def working_time_between(start: datetime, end: datetime, calendar: WorkCalendar) -> timedelta:
    """Office time between two aware instants; negative when ``end`` is before ``start``."""
    zone = calendar.zone
    first = _local_naive(start, zone, "start")
    last = _local_naive(end, zone, "end")
    if last < first:
        return -working_time_between(end, start, calendar)
    total = timedelta()
    day = first.date()
    while day <= last.date():
        if calendar.is_working_day(day):
            for opens, closes in calendar.office_hours.intervals:
                begin = max(datetime.combine(day, opens), first)
                finish = min(datetime.combine(day, closes), last)
                if finish > begin:
                    total += finish - begin
        day += _ONE_DAY
    return total
