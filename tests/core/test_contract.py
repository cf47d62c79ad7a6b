"""The typed wire contract (domain/contract): what a change and each entity's row may hold."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, get_args

import pytest

from domain import lifecycle, vocab
from domain.clock import now_iso, to_iso
from domain.contract import (
    ROW_MODELS,
    LoginRequest,
    PushRequest,
    invalid_changes,
    invalid_pulled,
)
from domain.contract import fields as f
from domain.contract.rows import UPSERTS
from domain.ids import new_id
from domain.wire import ENTITIES, change
from local_db import follow_up, inspections, reviews, sync_state
from local_db.annotations import save_shapes
from local_db.assessment_imports import save_import
from local_db.cases import NewCase, assign_case, record_cases
from local_db.duty_checks import record_duty, set_duty_photo
from local_db.notices import issue_notice, record_event
from local_db.org_settings import org_settings, save_org_settings
from tests.core.conftest import attach_evidence

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


def finding(**fields: Any) -> dict[str, Any]:
    ident = new_id()
    row = {
        "id": ident,
        "created_at": "2026-11-21T01:00:00.000000Z",
        "updated_at": "2026-11-21T01:00:00.000000Z",
        "device_id": new_id(),
        "rev": 1,
        "inspection_id": new_id(),
        "item_code": "DL-01",
        "result": "problem",
        "cases": 1,
        "deduction": 0.5,
        "description": "路面垃圾",
        "severity": None,
        "location": None,
    }
    row.update(fields)
    return {"entity": "finding", "id": row["id"], "op": "upsert", "row": row}


def why(**fields: Any) -> str | None:
    """The reason a finding with these fields is refused at NOW (None: it keeps the contract)."""
    return invalid_changes([finding(**fields)], NOW).get(0)


def test_every_synced_entity_has_a_row_model_and_the_vocabularies_agree():
    assert list(ROW_MODELS) == list(ENTITIES) == list(UPSERTS)
    assert get_args(f.Mode) == vocab.MODES
    assert get_args(f.ZoneKind) == vocab.ZONE_KINDS
    assert get_args(f.UnitKind) == vocab.UNIT_KINDS
    assert get_args(f.Result) == vocab.RESULTS
    assert get_args(f.Severity) == vocab.SEVERITIES
    assert get_args(f.InspectionStatus) == vocab.INSPECTION_STATUSES
    assert get_args(f.Role) == vocab.ROLES
    assert get_args(f.EventKind) == lifecycle.EVENT_KINDS


def test_every_row_a_client_writes_keeps_the_contract(store, basics, draft_inspection):
    """A whole story on a laptop: inspection, findings, photos, submit, notice and its follow-up,
    review, markup. Every change in its outbox passes, and so does the store as pulled."""
    iid = draft_inspection["id"]
    problem = inspections.record_finding(
        store, iid, "DL-09", "problem", cases=2, description="占道"
    )
    attach_evidence(store, iid, problem["id"], "a")
    photo = attach_evidence(store, iid, None, "b")
    record_duty(store, iid, "off_duty", note="岗亭无人")
    set_duty_photo(store, iid, photo["id"])
    inspections.mark_unanswered_ok(store, iid)
    inspections.submit_inspection(store, iid, actor=basics.person_id)
    office = store.save("person", {"name": "李审核", "role": "reviewer"})
    reviews.record_review(store, iid, "accepted", reviewer=office["id"])
    save_shapes(store, photo["id"], office["id"], [{"kind": "arrow", "x1": 1, "y1": 2}])
    notice = issue_notice(
        store,
        inspection_id=iid,
        unit_id=basics.unit_id,
        finding_ids=[problem["id"]],
        requirements="立即清理",
        due_at=to_iso(datetime.now(UTC) + timedelta(days=3)),
        issued_by=basics.person_id,
    )
    record_event(store, notice["id"], "acknowledged", actor=basics.person_id, signer="王五")
    fix = follow_up.record_rectification(store, notice["id"], "已清理", actor=basics.person_id)
    meta = {"sha256": hashlib.sha256(b"after").hexdigest(), "byte_size": 5}
    meta |= {"original_name": "after.jpg", "taken_at": None}
    follow_up.attach_follow_up_photo(
        store, meta, rectification_id=fix["id"], about_finding_id=problem["id"]
    )
    follow_up.record_recheck(store, notice["id"], True, actor=basics.person_id)
    # a hotline case with its photo, 交办 as a notice of its own (问题来源)
    shot = {"sha256": hashlib.sha256(b"case").hexdigest(), "byte_size": 4}
    shot |= {"original_name": "GD1.jpg", "taken_at": None}
    [case] = record_cases(
        store,
        [NewCase("hotline", "GD1", now_iso(), "人民路12号", "占道经营", (shot,))],
        file_name="12345.csv",
        file_sha256=hashlib.sha256(b"file").hexdigest(),
        by=office["id"],
    )
    assign_case(
        store, case["id"], unit_id=basics.unit_id, zone_id=None, requirements="",
        due_at=to_iso(datetime.now(UTC) + timedelta(days=3)), by=office["id"],
    )  # fmt: skip
    office_record = replace(org_settings(store), office_name="青山县城市管理督查办公室")
    save_org_settings(store, office_record, basics.person_id)
    # an imported component of the composite assessment, then its correction (one row, history)
    for score in ("88.5", "90"):
        save_import(
            store, "survey", "2026-Q3", {basics.unit_id: Decimal(score)}, file_name="民调.xlsx",
            file_sha256=hashlib.sha256(score.encode()).hexdigest(), imported_by=office["id"],
        )  # fmt: skip

    batch = sync_state.next_batch(store, limit=10_000)
    assert batch is not None
    assert {c["entity"] for c in batch.changes} == set(ENTITIES)
    assert invalid_changes(batch.changes, datetime.now(UTC)) == {}
    pulled = [
        {"seq": n + 1, **c, "received_at": "2026-11-21T02:00:00.000000Z"}
        for n, c in enumerate(batch.changes)
    ]
    assert invalid_pulled(pulled) == {}


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"cases": 2**70}, "cases"),
        ({"cases": -1}, "cases"),
        ({"cases": 10_000}, "cases"),
        ({"cases": "3"}, "valid integer"),
        ({"cases": 3.0}, "valid integer"),
        ({"rev": 0}, "rev"),
        ({"rev": 2**31}, "rev"),
        ({"rev": -5}, "rev"),
        ({"rev": True}, "rev"),
        ({"deduction": float("inf")}, "finite"),
        ({"deduction": float("nan")}, "finite"),
        ({"deduction": 1e300}, "deduction"),
        ({"deduction": -0.5}, "deduction"),
        ({"result": "so-so"}, "result"),
        ({"severity": "huge"}, "severity"),
        ({"description": "a\x00b"}, "NUL"),
        ({"description": "\ud800"}, "unicode"),
        ({"description": "长" * 10_001}, "at most 10000"),
        ({"item_code": ""}, "item_code"),
        ({"inspection_id": "x"}, "UUID"),
        ({"inspection_id": new_id().upper()}, "UUID"),
        ({"inspection_id": {}}, "string"),
        ({"device_id": ""}, "device_id"),
        ({"points": 3}, "Extra inputs"),
        ({"created_at": "yesterday"}, "ISO-8601"),
        ({"created_at": "2026-11-21T02:00:00"}, "ISO-8601"),  # no offset
        ({"created_at": "2026-02-30T02:00:00Z"}, "calendar day"),
        ({"created_at": "1999-12-31T23:59:59Z"}, "ISO-8601"),
        ({"created_at": "2000-01-01T07:00:00+08:00"}, "2000"),  # 1999 in UTC
        ({"created_at": "0001-01-01T00:00:00+01:00"}, "ISO-8601"),
        ({"created_at": "9999-12-31T23:59:59-01:00"}, "ISO-8601"),
        ({"updated_at": "2026-11-22T02:00:01Z"}, "24 hours"),  # NOW + 24 h + 1 s
    ],
)
def test_a_value_out_of_its_type_range_vocabulary_length_or_time_is_refused(fields, words):
    reason = why(**fields)
    assert reason is not None and words in reason, reason


def test_values_at_their_bounds_pass():
    assert why(cases=0, deduction=0) is None
    assert why(cases=9_999, deduction=1000, rev=2**31 - 1) is None
    assert why(description="长" * 10_000, severity="severe") is None
    assert why(created_at="2000-01-01T00:00:00Z", updated_at="2026-11-22T02:00:00+00:00") is None
    assert why(updated_at="2026-11-22T09:59:59.5+08:00") is None  # offsets, fractions


def test_the_clock_is_injected_and_a_client_checks_pulled_rows_without_one():
    ahead = finding(updated_at="2027-01-01T00:00:00.000000Z")
    assert "24 hours" in invalid_changes([ahead], NOW)[0]
    assert invalid_changes([ahead], NOW + timedelta(days=60)) == {}
    assert invalid_changes([ahead]) == {}  # no clock, no bound
    assert invalid_pulled([{"seq": 1, **ahead}]) == {}


def test_shas_ids_and_camera_times():
    photo = {
        "id": new_id(),
        "created_at": "2026-11-21T01:00:00Z",
        "updated_at": "2026-11-21T01:00:00Z",
        "device_id": "d",
        "rev": 1,
        "sha256": "a" * 64,
        "inspection_id": new_id(),
        "role": "evidence",
        "imported_at": "2026-11-21T01:00:00Z",
        "original_name": "IMG_1.JPG",
        "byte_size": 10,
        "taken_at": "1980-01-01T00:00:00Z",  # a camera's clock: nobody vouches for it
    }

    def photo_why(**fields: Any) -> str | None:
        row = {**photo, **fields}
        return invalid_changes([change("photo", row)], NOW).get(0)

    assert photo_why() is None
    assert "SHA-256" in str(photo_why(sha256="A" * 64))
    assert "SHA-256" in str(photo_why(sha256="a" * 64 + "\n"))
    assert "SHA-256" in str(photo_why(sha256="a" * 63))
    assert "one owner" in str(photo_why(recheck_id=new_id()))
    assert "one owner" in str(photo_why(inspection_id=None))
    assert "finding" in str(
        photo_why(inspection_id=None, rectification_id=new_id(), finding_id=new_id())
    )
    assert "orientation" in str(photo_why(orientation=9))
    assert "gps_lat" in str(photo_why(gps_lat=91.0))
    assert "taken_at" in str(photo_why(taken_at="1969-12-31T23:59:59Z"))
    assert "width" in str(photo_why(width=0))


def test_a_change_is_an_object_with_a_known_entity_op_and_its_own_id():
    good = finding()
    other = dict(good, id=new_id())
    delete = {"entity": "finding", "id": good["id"], "op": "delete", "row": {"id": good["id"]}}
    got = invalid_changes(
        [
            good,
            dict(good, entity="bogus"),
            dict(good, op="merge"),
            other,
            "x",
            None,
            delete,
            dict(delete, row={"id": good["id"], "anything": {"at": "all"}}),
            dict(delete, row={}),
            dict(delete, entity="nope"),
        ],
        NOW,
    )
    assert sorted(got) == [1, 2, 3, 4, 5, 8, 9]
    assert "entity" in got[1] and "op" in got[2] and "differs" in got[3]


def test_json_texts_in_rows():
    notice = {
        "id": new_id(),
        "created_at": "2026-11-21T01:00:00Z",
        "updated_at": "2026-11-21T01:00:00Z",
        "device_id": "d",
        "rev": 1,
        "number": "督改〔2026〕第0001号",
        "number_kind": "official",
        "unit_id": new_id(),
        "inspection_id": new_id(),
        "issued_at": "2026-11-21T01:00:00Z",
        "due_at": "2099-11-21T01:00:00Z",
        "findings": json.dumps([new_id()]),
        "cc_units": "[]",
    }

    def notice_why(**fields: Any) -> str | None:
        return invalid_changes([change("notice", {**notice, **fields})], NOW).get(0)

    assert notice_why() is None
    assert "UUIDs" in str(notice_why(findings='["x"]'))
    assert "JSON" in str(notice_why(cc_units="not json"))
    assert "list" in str(notice_why(cc_units="{}"))
    assert "number_kind" in str(notice_why(number_kind="draft"))
    assert "ISO-8601" in str(notice_why(due_at="9999-01-01T00:00:00Z"))
    assert "ISO-8601" in str(notice_why(issued_at="not a date"))


def test_pulled_rows_may_carry_fields_this_version_does_not_know():
    pulled = {"seq": 1, **finding(), "received_at": "2026-11-21T02:00:00.000000Z"}
    pulled["row"] = {**pulled["row"], "photo_count": 3}
    assert invalid_pulled([pulled]) == {}
    assert invalid_changes([{k: v for k, v in pulled.items() if k != "seq"}], NOW) != {}


def test_request_bodies_refuse_unknown_fields_and_bound_what_they_hold():
    with pytest.raises(ValueError, match="extra"):
        LoginRequest.model_validate({"username": "a", "password": "b", "admin": True})
    with pytest.raises(ValueError, match="unicode"):
        LoginRequest.model_validate({"username": "a\ud800", "password": "b"})
    with pytest.raises(ValueError, match="1000"):
        PushRequest.model_validate(
            {"batch_id": "b", "device_id": "d", "changes": [finding() for _ in range(1001)]}
        )
