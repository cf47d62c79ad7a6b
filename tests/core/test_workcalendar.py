"""Tests for domain.workcalendar: holiday data, office hours and due-time computation."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.workcalendar import (
    DUE_UNITS,
    DueTime,
    OfficeHours,
    WorkCalendar,
    calendar_from_dict,
    compute_due,
    default_calendar_path,
    load_calendar,
    working_time_between,
)

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return load_calendar(default_calendar_path())


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(default_calendar_path().read_text(encoding="utf-8"))


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


def due_local(start: datetime, amount: float, unit: str, cal: WorkCalendar) -> datetime:
    due = compute_due(start, amount, unit, cal)
    assert due.at.tzinfo is UTC
    assert not due.warning
    return due.at.astimezone(SH)


def holiday_dates(entry: dict) -> list[date]:
    first, last = date.fromisoformat(entry["from"]), date.fromisoformat(entry["to"])
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- the data file -----------------------------------------------------------------


def test_data_file_covers_2025_and_2026(cal: WorkCalendar, raw: dict) -> None:
    assert cal.covered_years == frozenset({2025, 2026})
    assert len(raw["source"]) == 2
    assert "国办发明电〔2024〕12号" in raw["source"][0]
    assert "2026年部分节假日安排" in raw["source"][1]


def test_data_file_holiday_ranges_lie_in_their_year(raw: dict) -> None:
    for year, body in raw["years"].items():
        for entry in body["holidays"]:
            assert entry["from"] <= entry["to"], entry
            assert all(d.year == int(year) for d in holiday_dates(entry)), entry
        for entry in body["workdays"]:
            assert date.fromisoformat(entry["date"]).year == int(year), entry


def test_data_file_no_date_is_both_holiday_and_workday(raw: dict) -> None:
    for body in raw["years"].values():
        off = {d for entry in body["holidays"] for d in holiday_dates(entry)}
        on = {date.fromisoformat(entry["date"]) for entry in body["workdays"]}
        assert off.isdisjoint(on)


def test_data_file_makeup_workdays_are_weekends(raw: dict) -> None:
    for body in raw["years"].values():
        for entry in body["workdays"]:
            assert date.fromisoformat(entry["date"]).weekday() in (5, 6), entry


def test_data_file_each_year_has_all_statutory_festivals(raw: dict) -> None:
    for year, body in raw["years"].items():
        names = " ".join(entry["name"] for entry in body["holidays"])
        for festival in ("元旦", "春节", "清明", "劳动", "端午", "国庆"):
            assert festival in names, (year, festival)


def test_data_file_day_counts_match_notices(cal: WorkCalendar) -> None:
    assert len([d for d in cal.holidays if d.year == 2025]) == 28
    assert len([d for d in cal.holidays if d.year == 2026]) == 33
    assert len([d for d in cal.makeup_workdays if d.year == 2025]) == 5
    assert len([d for d in cal.makeup_workdays if d.year == 2026]) == 6


def test_is_working_day_weekday_holiday_and_makeup(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2025, 9, 30))  # Tuesday
    assert not cal.is_working_day(date(2025, 10, 1))  # 国庆
    assert not cal.is_working_day(date(2025, 9, 27))  # plain Saturday
    assert cal.is_working_day(date(2025, 9, 28))  # 调休 Sunday
    assert cal.is_working_day(date(2027, 1, 4))  # uncovered Monday: weekday rule
    assert cal.covers(date(2026, 12, 31))
    assert not cal.covers(date(2027, 1, 1))


# --- work hours --------------------------------------------------------------------


def test_work_hours_across_weekend(cal: WorkCalendar) -> None:
    # Fri 16:30: 1 h Friday, then Monday 08:30 + 3 h.
    assert due_local(at(2025, 3, 14, 16, 30), 4, "work_hours", cal) == at(2025, 3, 17, 11, 30)


def test_work_hours_across_national_day_holiday(cal: WorkCalendar) -> None:
    # 9/30 16:00-17:30 = 1.5 h; 10/1-10/8 off; 10/9 08:30 + 2.5 h.
    assert due_local(at(2025, 9, 30, 16, 0), 4, "work_hours", cal) == at(2025, 10, 9, 11, 0)


def test_work_hours_uses_makeup_sunday(cal: WorkCalendar) -> None:
    # Fri 9/26 16:00: 1.5 h; Sat 9/27 off; Sun 9/28 is 调休 → 08:30 + 2.5 h.
    assert due_local(at(2025, 9, 26, 16, 0), 4, "work_hours", cal) == at(2025, 9, 28, 11, 0)


def test_work_hours_uses_makeup_saturday(cal: WorkCalendar) -> None:
    # Fri 2026-02-13 17:00: 0.5 h; Sat 2/14 is 调休 → 08:30 + 1.5 h.
    assert due_local(at(2026, 2, 13, 17, 0), 2, "work_hours", cal) == at(2026, 2, 14, 10, 0)


def test_work_hours_ending_at_afternoon_close_stays_same_day(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 14, 30), 3, "work_hours", cal) == at(2025, 3, 17, 17, 30)


def test_work_hours_ending_at_noon_stays_at_noon(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 8, 30), 3.5, "work_hours", cal) == at(2025, 3, 17, 12, 0)


def test_work_hours_start_before_opening(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 7, 0), 1, "work_hours", cal) == at(2025, 3, 17, 9, 30)


def test_work_hours_start_during_lunch(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 12, 30), 1, "work_hours", cal) == at(2025, 3, 17, 14, 30)


def test_work_hours_start_after_close(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 18, 0), 1, "work_hours", cal) == at(2025, 3, 18, 9, 30)


def test_work_hours_start_on_holiday(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 10, 3, 10, 0), 1, "work_hours", cal) == at(2025, 10, 9, 9, 30)


def test_work_hours_spanning_lunch(cal: WorkCalendar) -> None:
    # 11:00-12:00 = 1 h, then 13:30 + 1 h.
    assert due_local(at(2025, 3, 17, 11, 0), 2, "work_hours", cal) == at(2025, 3, 17, 14, 30)


def test_work_hours_fractional(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 8, 30), 0.5, "work_hours", cal) == at(2025, 3, 17, 9, 0)


def test_work_hours_custom_office_hours() -> None:
    cal = WorkCalendar(
        office_hours=OfficeHours.parse("09:00-17:00"), covered_years=frozenset({2025})
    )
    assert due_local(at(2025, 3, 14, 16, 0), 2, "work_hours", cal) == at(2025, 3, 17, 10, 0)


# --- work days, days, hours --------------------------------------------------------


def test_work_days_start_day_does_not_count(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 10, 0), 3, "work_days", cal) == at(2025, 3, 20, 17, 30)


def test_work_days_across_weekend(cal: WorkCalendar) -> None:
    # Thu 3/20 → Fri (1), Mon (2), Tue (3).
    assert due_local(at(2025, 3, 20, 10, 0), 3, "work_days", cal) == at(2025, 3, 25, 17, 30)


def test_work_days_across_spring_festival_2026(cal: WorkCalendar) -> None:
    # Fri 2/13 → Sat 2/14 调休 (1), 2/15-2/23 off, Tue 2/24 (2).
    assert due_local(at(2026, 2, 13, 10, 0), 2, "work_days", cal) == at(2026, 2, 24, 17, 30)


def test_work_days_from_after_hours_start(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 20, 0), 1, "work_days", cal) == at(2025, 3, 18, 17, 30)


def test_work_days_accepts_whole_float(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 10, 0), 1.0, "work_days", cal) == at(2025, 3, 18, 17, 30)


def test_calendar_days_end_at_close(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 10, 0), 3, "days", cal) == at(2025, 3, 20, 17, 30)


def test_calendar_days_ignore_holidays(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 9, 30, 10, 0), 2, "days", cal) == at(2025, 10, 2, 17, 30)


def test_clock_hours(cal: WorkCalendar) -> None:
    assert due_local(at(2025, 3, 17, 22, 0), 5, "hours", cal) == at(2025, 3, 18, 3, 0)


def test_start_in_other_zone_is_converted(cal: WorkCalendar) -> None:
    start = datetime(2025, 3, 17, 0, 30, tzinfo=UTC)  # 08:30 Shanghai
    due = compute_due(start, 1, "work_hours", cal)
    assert due.at == datetime(2025, 3, 17, 1, 30, tzinfo=UTC)


# --- uncovered years ---------------------------------------------------------------


def test_uncovered_year_warns_and_uses_weekdays(cal: WorkCalendar) -> None:
    due = compute_due(at(2027, 3, 5, 16, 30), 4, "work_hours", cal)
    assert due.warning
    assert due.uncovered_years == (2027,)
    assert due.at.astimezone(SH) == at(2027, 3, 8, 11, 30)


def test_walk_into_uncovered_year_warns(cal: WorkCalendar) -> None:
    due = compute_due(at(2026, 12, 31, 10, 0), 1, "work_days", cal)
    assert due.uncovered_years == (2027,)
    assert due.at.astimezone(SH) == at(2027, 1, 1, 17, 30)


def test_covered_computation_has_no_warning(cal: WorkCalendar) -> None:
    due = compute_due(at(2026, 12, 30, 10, 0), 1, "work_days", cal)
    assert due == DueTime(at=at(2026, 12, 31, 17, 30).astimezone(UTC), uncovered_years=())
    assert not due.warning


def test_calendar_without_working_days_raises() -> None:
    first = date(2025, 1, 1)
    every_day = frozenset(first + timedelta(days=i) for i in range(5 * 366))
    cal = WorkCalendar(holidays=every_day, covered_years=frozenset(range(2025, 2031)))
    with pytest.raises(ValueError, match="no working day"):
        compute_due(at(2025, 1, 1, 9, 0), 1, "work_hours", cal)


# --- argument validation -----------------------------------------------------------


def test_due_units_constant() -> None:
    assert DUE_UNITS == ("work_hours", "work_days", "hours", "days")


def test_naive_start_rejected(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_due(datetime(2025, 3, 17, 9, 0), 1, "work_hours", cal)


@pytest.mark.parametrize("amount", [0, -1, 0.0, float("nan")])
def test_non_positive_amount_rejected(cal: WorkCalendar, amount: float) -> None:
    with pytest.raises(ValueError, match="amount"):
        compute_due(at(2025, 3, 17, 9, 0), amount, "work_hours", cal)


def test_unknown_unit_named_in_error(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="fortnights"):
        compute_due(at(2025, 3, 17, 9, 0), 1, "fortnights", cal)


@pytest.mark.parametrize("unit", ["work_days", "days"])
def test_fractional_days_rejected(cal: WorkCalendar, unit: str) -> None:
    with pytest.raises(ValueError, match="whole"):
        compute_due(at(2025, 3, 17, 9, 0), 1.5, unit, cal)


# --- office hours ------------------------------------------------------------------


def test_office_hours_default() -> None:
    assert OfficeHours().intervals == ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))


def test_office_hours_parse_default_text() -> None:
    assert OfficeHours.parse("08:30-12:00,13:30-17:30") == OfficeHours()


def test_office_hours_parse_tolerates_spaces_and_single_digit_hour() -> None:
    parsed = OfficeHours.parse(" 8:30 - 12:00 , 13:30-17:30 ")
    assert parsed == OfficeHours()
    assert parsed.to_text() == "08:30-12:00,13:30-17:30"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("08:30", "range"),
        ("08:30-12:00,", "empty interval"),
        ("8h30-12:00", "time like"),
        ("08:30-25:00", "valid time"),
        ("12:00-08:30", "end after"),
        ("08:30-12:00,11:00-17:30", "overlaps"),
        ("13:30-17:30,08:30-12:00", "order"),
    ],
)
def test_office_hours_parse_rejects_bad_text(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OfficeHours.parse(text)


# --- loader validation -------------------------------------------------------------


def small(holidays: list[dict], workdays: list[dict]) -> dict:
    return {"years": {"2025": {"holidays": holidays, "workdays": workdays}}}


def test_loader_rejects_bad_date() -> None:
    data = small([{"name": "元旦", "from": "2025-02-30", "to": "2025-02-30"}], [])
    with pytest.raises(ValueError, match=r"year 2025.*元旦"):
        calendar_from_dict(data)


def test_loader_rejects_to_before_from() -> None:
    data = small([{"name": "清明节", "from": "2025-04-06", "to": "2025-04-04"}], [])
    with pytest.raises(ValueError, match=r"year 2025.*清明节.*before"):
        calendar_from_dict(data)


def test_loader_rejects_date_both_holiday_and_workday() -> None:
    data = small(
        [{"name": "国庆节", "from": "2025-10-01", "to": "2025-10-08"}],
        [{"name": "国庆调休", "date": "2025-10-08"}],
    )
    with pytest.raises(ValueError, match=r"2025-10-08.*year 2025.*国庆节.*国庆调休"):
        calendar_from_dict(data)


def test_loader_rejects_misspelt_year_key() -> None:
    with pytest.raises(ValueError, match="holiday"):
        calendar_from_dict({"years": {"2025": {"holiday": []}}})


def test_loader_accepts_new_year_as_extra_key(raw: dict) -> None:
    data = json.loads(json.dumps(raw))
    data["years"]["2027"] = {
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
        "workdays": [],
    }
    cal = calendar_from_dict(data, OfficeHours.parse("09:00-17:00"))
    assert 2027 in cal.covered_years
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.office_hours.closing == time(17, 0)


# --- working_time_between ----------------------------------------------------------


def test_working_time_same_morning(cal: WorkCalendar) -> None:
    span = working_time_between(at(2025, 3, 17, 9, 0), at(2025, 3, 17, 10, 15), cal)
    assert span == timedelta(hours=1, minutes=15)


def test_working_time_skips_lunch(cal: WorkCalendar) -> None:
    span = working_time_between(at(2025, 3, 17, 11, 0), at(2025, 3, 17, 14, 0), cal)
    assert span == timedelta(hours=1, minutes=30)


def test_working_time_across_weekend(cal: WorkCalendar) -> None:
    span = working_time_between(at(2025, 3, 14, 16, 0), at(2025, 3, 17, 10, 0), cal)
    assert span == timedelta(hours=3)


def test_working_time_across_holiday_and_makeup_day(cal: WorkCalendar) -> None:
    # 9/26 1.5 h + 9/28 (调休) 7.5 h + 9/29 7.5 h + 9/30 7.5 h; 10/1-10/8 off.
    span = working_time_between(at(2025, 9, 26, 16, 0), at(2025, 10, 9, 8, 30), cal)
    assert span == timedelta(hours=24)


def test_working_time_negative_when_overdue(cal: WorkCalendar) -> None:
    span = working_time_between(at(2025, 3, 17, 10, 0), at(2025, 3, 17, 9, 0), cal)
    assert span == timedelta(hours=-1)


def test_working_time_matches_compute_due(cal: WorkCalendar) -> None:
    start = at(2025, 9, 30, 16, 0)
    due = compute_due(start, 4, "work_hours", cal)
    assert working_time_between(start, due.at, cal) == timedelta(hours=4)
