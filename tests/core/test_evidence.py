"""Photo warnings: no EXIF time, or a time far from the inspection."""

from datetime import timedelta

from domain.evidence import photo_warnings

START = "2026-11-20T02:00:00.000000Z"  # 10:00 Beijing
END = "2026-11-20T03:00:00.000000Z"


def test_no_exif_time_is_flagged():
    [warning] = photo_warnings({"taken_at": None}, START, END)
    assert "EXIF" in str(warning)


def test_time_within_the_visit_is_fine():
    assert photo_warnings({"taken_at": "2026-11-20T02:30:00.000000Z"}, START, END) == []


def test_time_just_inside_the_margin_is_fine():
    assert photo_warnings({"taken_at": "2026-11-20T00:01:00.000000Z"}, START, END) == []


def test_time_far_before_is_flagged_with_the_gap():
    [warning] = photo_warnings({"taken_at": "2026-11-19T20:00:00.000000Z"}, START, END)
    assert warning.values == {"hours": 6.0}


def test_time_far_after_the_end_counts_from_the_end():
    [warning] = photo_warnings({"taken_at": "2026-11-20T08:00:00.000000Z"}, START, END)
    assert warning.values == {"hours": 5.0}


def test_a_draft_without_end_counts_from_the_start():
    [warning] = photo_warnings(
        {"taken_at": "2026-11-20T05:00:00.000000Z"}, START, None, max_gap=timedelta(hours=1)
    )
    assert warning.values == {"hours": 3.0}


def test_a_gap_of_days_is_said_in_days():
    [warning] = photo_warnings({"taken_at": "2008-10-22T08:28:39.000000Z"}, START, END)
    assert warning.values == {"days": 6603}
