"""The evidence browser's core: receipts of pulled rows (0005_receipts), the time checks of a
photo, and markup kept as annotation rows — never in the photo."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from domain import markup
from domain.clock import from_iso, to_iso
from domain.photo_times import TimeFinding, check_photo_times
from domain.wire import ENTITIES
from local_db import annotations, inspections, receipts, sync_state
from local_db.store import Store
from tests.core.conftest import attach_evidence, install_basics


@pytest.fixture
def other(tmp_path: Path):
    opened = Store.open(tmp_path / "other")
    yield opened
    opened.close()


def shifted(iso: str, **delta: float) -> str:
    return to_iso(from_iso(iso) + timedelta(**delta))


def as_pulled(store: Store, received: dict[str, str] | None = None) -> list[dict]:
    """Every row of `store` as the server sends it, each with the server's receipt time (by
    default one second after the row's updated_at)."""
    changes, seq = [], 0
    for entity in ENTITIES:
        for row in store.rows(f"SELECT * FROM {entity} ORDER BY rowid"):
            seq += 1
            at = (received or {}).get(row["id"]) or shifted(row["updated_at"], seconds=1)
            changes.append(
                {
                    "seq": seq,
                    "entity": entity,
                    "id": row["id"],
                    "op": "upsert",
                    "row": row,
                    "received_at": at,
                }
            )
    return changes


# -- receipts ------------------------------------------------------------------------------------
def test_pulled_rows_keep_the_servers_receipt_time_and_the_senders_clock_skew(store, other):
    basics = install_basics(other)
    inspection = inspections.start_inspection(
        other,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    photo = attach_evidence(other, inspection["id"], None)
    # The inspector's laptop clock ran 25 minutes ahead: the server got the photo "before" it
    # was stamped. The inspection went out a day late (offline): no evidence of a bad clock.
    early = shifted(photo["updated_at"], minutes=-25)
    late = shifted(inspection["updated_at"], days=1)

    sync_state.apply_pulled(
        store, as_pulled(other, {photo["id"]: early, inspection["id"]: late}), new_cursor=9
    )

    got = receipts.receipt_of(store, "photo", photo["id"])
    assert got is not None and got.received_at == early
    assert got.clock_skew_seconds == pytest.approx(25 * 60) and got.clock_ahead
    slow = receipts.receipt_of(store, "inspection", inspection["id"])
    assert slow is not None and slow.received_at == late
    assert slow.clock_skew_seconds == pytest.approx(-86400) and not slow.clock_ahead
    assert store.pending_changes() == 0  # receipts are bookkeeping, they never travel


def test_a_pulled_row_that_lost_to_a_local_edit_keeps_no_receipt(store, other):
    basics = install_basics(other)
    sync_state.apply_pulled(store, as_pulled(other))
    theirs = other.save("zone", {"id": basics.zone_id, "chief_name": "赵路长"})
    mine = store.save("zone", {"id": basics.zone_id, "chief_name": "钱路长"})
    store.save("zone", {"id": basics.zone_id, "chief_name": "孙路长"})  # rev 3 beats their 2
    before = receipts.receipt_of(store, "zone", basics.zone_id)

    sync_state.apply_pulled(store, [c for c in as_pulled(other) if c["id"] == theirs["id"]])

    assert store.row("zone", basics.zone_id)["chief_name"] == "孙路长"
    assert receipts.receipt_of(store, "zone", basics.zone_id) == before
    assert mine["rev"] == 2


def test_a_pulled_delete_drops_the_receipt_and_a_push_answer_can_be_kept(store, other):
    basics = install_basics(other)
    sync_state.apply_pulled(store, as_pulled(other))
    assert receipts.receipt_of(store, "person", basics.person_id) is not None
    gone = {"seq": 99, "entity": "person", "id": basics.person_id, "op": "delete", "row": {}}
    sync_state.apply_pulled(store, [gone])
    assert receipts.receipt_of(store, "person", basics.person_id) is None

    receipts.record_pushed(store, [("unit", basics.unit_id)], "2026-11-21T02:00:00.000000Z", 700)
    kept = receipts.receipt_of(store, "unit", basics.unit_id)
    assert kept == receipts.Receipt("2026-11-21T02:00:00.000000Z", 700) and kept.clock_ahead


# -- time checks -----------------------------------------------------------------------------------
START, FINISH = "2026-11-20T01:00:00.000000Z", "2026-11-20T02:00:00.000000Z"
INSPECTION = {"started_at": START, "finished_at": FINISH}


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        ("2026-11-20T01:30:00.000000Z", []),
        ("2026-11-20T00:51:00.000000Z", []),  # within the 10 minutes' tolerance
        ("2026-11-20T02:09:59.000000Z", []),
        ("2026-11-20T00:45:00.000000Z", [TimeFinding("before_start", 900)]),
        ("2026-11-20T02:30:00.000000Z", [TimeFinding("after_finish", 1800)]),
        ("2008-10-22T08:28:39.000000Z", [TimeFinding("before_start", 570_472_281)]),  # 18 years
        (None, [TimeFinding("no_exif")]),
    ],
)
def test_the_camera_time_is_checked_against_the_inspections_window(taken, expected):
    assert check_photo_times({"taken_at": taken}, INSPECTION) == expected


def test_an_unfinished_inspection_runs_until_the_photo_was_imported():
    draft = {"started_at": START, "finished_at": None}
    photo = {"taken_at": "2026-11-20T03:00:00.000000Z", "imported_at": "2026-11-20T03:05:00Z"}
    assert check_photo_times(photo, draft) == []
    assert check_photo_times({**photo, "imported_at": None}, draft) == [
        TimeFinding("after_finish", 7200)
    ]


def test_a_clock_found_ahead_by_the_server_is_reported_per_row():
    photo = {"taken_at": "2026-11-20T01:30:00.000000Z"}
    assert check_photo_times(photo, INSPECTION, photo_skew=599, inspection_skew=-9000) == []
    assert check_photo_times(photo, INSPECTION, photo_skew=1500, inspection_skew=3600) == [
        TimeFinding("clock_ahead", 3600, "inspection"),
        TimeFinding("clock_ahead", 1500, "photo"),
    ]


# -- markup ----------------------------------------------------------------------------------------
def test_shapes_round_trip_and_unknown_ones_are_kept_not_drawn():
    at = "2026-11-21T02:00:00.000000Z"
    shapes = [
        markup.arrow(10.04, 20, 300.26, 400, at),
        markup.ellipse(500, 400, 100, 120, at),
        markup.text(50, 60, "  占道\n经营  ", 42, at),
        {"kind": "polygon", "points": [[1, 2], [3, 4]]},  # a newer client's
    ]
    back = markup.parse_shapes(markup.dump_shapes(shapes))
    assert back == shapes
    assert back[0] == {"kind": "arrow", "x1": 10.0, "y1": 20.0, "x2": 300.3, "y2": 400.0, "at": at}
    assert back[1]["x"] == 100 and back[1]["w"] == 400 and back[1]["h"] == 280
    assert back[2]["text"] == "占道 经营"
    assert [markup.drawable(s) for s in back] == [True, True, True, False]
    assert markup.parse_shapes("not json") == markup.parse_shapes('{"a": 1}') == []
    assert not markup.drawable({"kind": "arrow", "x1": float("nan"), "y1": 0, "x2": 1, "y2": 1})
    with pytest.raises(ValueError):
        markup.text(0, 0, "   ", 20, at)
    assert markup.upright_size(450, 600, 6) == (600, 450)
    assert markup.upright_size(640, 480, 1) == (640, 480)
    assert markup.upright_size(None, 480, 1) is None


def test_the_office_marks_up_a_submitted_inspections_photo_and_the_photo_never_changes(
    store, basics, draft_inspection
):
    reviewer = store.save("person", {"name": "陈志强", "role": "reviewer"})
    iid = draft_inspection["id"]
    photo = attach_evidence(store, iid, None)
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=basics.person_id)
    before = store.row("photo", photo["id"])
    at = "2026-11-21T02:00:00.000000Z"
    arrow = markup.arrow(10, 20, 300, 400, at)

    saved = annotations.save_shapes(store, photo["id"], reviewer["id"], [arrow])
    circled = annotations.save_shapes(
        store, photo["id"], reviewer["id"], [arrow, markup.ellipse(1, 2, 30, 40, at)]
    )

    assert circled["id"] == saved["id"] and circled["rev"] == 2
    [row] = annotations.annotations_of(store, photo["id"])
    assert row["author"] == reviewer["id"] and row["author_name"] == "陈志强"
    assert row["shapes"] == circled["shapes"] and len(row["shapes"]) == 2
    assert row["created_at"] <= row["updated_at"]
    assert store.row("photo", photo["id"]) == before  # the evidence is untouched
    travelling = store.rows("SELECT entity FROM outbox WHERE state = 'pending'")
    assert {"entity": "annotation"} in travelling
    # Clearing keeps the row (the clearing travels like any edit); saving the same is a no-op.
    cleared = annotations.save_shapes(store, photo["id"], reviewer["id"], [])
    assert cleared["shapes"] == [] and cleared["rev"] == 3
    assert annotations.save_shapes(store, photo["id"], reviewer["id"], [])["rev"] == 3


def test_who_marks_photos_up(store, basics, draft_inspection):
    """Office staff mark any photo; an inspector the photos of a draft they are on, until it is
    submitted; nobody else."""
    photo = attach_evidence(store, draft_inspection["id"], None)
    inspector = basics.person_id
    assert annotations.may_annotate(store, inspector, draft_inspection["id"])
    assert not annotations.may_annotate(store, inspector)  # no inspection named: no
    assert not annotations.may_annotate(store, None, draft_inspection["id"])
    arrow = markup.arrow(1, 2, 30, 40, "2026-11-21T01:00:00Z")
    assert annotations.save_shapes(store, photo["id"], inspector, [arrow])["shapes"] == [arrow]
    colleague = store.save("person", {"name": "李娜", "role": "inspector"})
    assert not annotations.may_annotate(store, colleague["id"], draft_inspection["id"])
    with pytest.raises(PermissionError):
        annotations.save_shapes(store, photo["id"], colleague["id"], [])
    store.save(
        "inspection", {**store.row("inspection", draft_inspection["id"]), "status": "submitted"}
    )
    assert not annotations.may_annotate(store, inspector, draft_inspection["id"])  # locked
    with pytest.raises(PermissionError):
        annotations.save_shapes(store, photo["id"], inspector, [])
    admin = store.save("person", {"name": "王磊", "role": "admin"})
    assert annotations.may_annotate(store, admin["id"])
    assert annotations.save_shapes(store, photo["id"], admin["id"], [arrow])["shapes"] == [arrow]
    with pytest.raises(KeyError):
        annotations.save_shapes(store, "no-such-photo", admin["id"], [])
