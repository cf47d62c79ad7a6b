"""The inspector's story without UI: start, record, check, submit (digest + lock), amend, list."""

import sqlite3

import pytest

from domain.clock import from_iso
from domain.template import parse_template
from local_db import inspections
from local_db.amendments import amend_inspection
from local_db.inspections import InspectionLocked, SubmitRefused
from local_db.queries import inspection_header
from local_db.store import Store
from tests.core.conftest import attach_evidence

NO_RESULT = "{code} {text}: no result recorded"
DESCRIBE = "{code} {text}: describe the problem"
PHOTO = "{code} {text}: the item asks for photo evidence"


def start(store, basics, **changes):
    args = {
        "template_id": basics.template_id,
        "zone_id": basics.zone_id,
        "mode": "unannounced",
        "person_ids": [basics.person_id],
    }
    args.update(changes)
    return inspections.start_inspection(store, **args)


def gaps_of(store, inspection_id):
    return [
        (g.item_code, g.message.text, g.blocking)
        for g in inspections.submission_check(store, inspection_id)
    ]


def finished(store, basics, **changes):
    """A started inspection with DL-09 a described problem and every other item ok."""
    inspection = start(store, basics, **changes)
    finding = inspections.record_finding(
        store, inspection["id"], "DL-09", "problem", cases=3, description="游商占道经营三处"
    )
    attach_evidence(store, inspection["id"], finding["id"])
    inspections.mark_unanswered_ok(store, inspection["id"])
    return inspection


def audit_rows(store, entity_id):
    return store.rows(
        "SELECT actor, action, digest FROM audit WHERE entity_id = ? ORDER BY seq", [entity_id]
    )


# -- starting ------------------------------------------------------------------------------------


def test_start_makes_a_draft_at_full_score(store, basics):
    inspection = start(store, basics)

    assert inspection["status"] == "draft"
    assert (inspection["score"], inspection["deducted"], inspection["problem_count"]) == (
        100.0,
        0.0,
        0,
    )
    assert inspection["unit_id"] == basics.unit_id
    assert inspection["template_version"] == 1
    assert inspection["finished_at"] is None and inspection["digest"] is None
    persons = inspections.inspection_persons(store, inspection["id"])
    assert [(p["person_id"], p["lead"], p["name"]) for p in persons] == [
        (basics.person_id, 1, "张督查")
    ]
    assert audit_rows(store, inspection["id"]) == [
        {"actor": basics.person_id, "action": "started", "digest": None}
    ]


def test_start_names_the_lead_and_drops_duplicate_inspectors(store, basics):
    other = store.save("person", {"name": "李明", "role": "inspector"})

    inspection = start(
        store,
        basics,
        person_ids=[basics.person_id, other["id"], basics.person_id],
        lead_id=other["id"],
    )

    persons = inspections.inspection_persons(store, inspection["id"])
    assert [(p["name"], p["lead"]) for p in persons] == [("李明", 1), ("张督查", 0)]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"mode": "secret"}, ValueError),
        ({"person_ids": []}, ValueError),
        ({"zone_id": "no-such-zone"}, KeyError),
        ({"template_id": "no-such-template"}, KeyError),
    ],
)
def test_start_refuses_bad_input_and_writes_nothing(store, basics, changes, error):
    with pytest.raises(error):
        start(store, basics, **changes)

    assert store.rows("SELECT id FROM inspection") == []


# -- recording -----------------------------------------------------------------------------------


def test_an_ok_item_deducts_nothing(store, basics):
    inspection = start(store, basics)

    finding = inspections.record_finding(store, inspection["id"], "DL-01", "ok", cases=4)

    assert (finding["result"], finding["cases"], finding["deduction"]) == ("ok", 0, 0.0)
    assert store.row("inspection", inspection["id"])["score"] == 100.0


def test_a_problem_deducts_per_case(store, basics):
    inspection = start(store, basics)

    finding = inspections.record_finding(
        store, inspection["id"], "DL-09", "problem", cases=3, description="游商"
    )

    assert (finding["cases"], finding["deduction"], finding["severity"]) == (3, 0.6, "minor")
    row = store.row("inspection", inspection["id"])
    assert (row["score"], row["deducted"], row["problem_count"]) == (99.4, 0.6, 1)


def test_a_problem_deduction_is_capped(store, basics):
    inspection = start(store, basics)

    finding = inspections.record_finding(
        store, inspection["id"], "DL-01", "problem", cases=10, description="路面垃圾"
    )

    assert finding["deduction"] == 3.0  # 0.5 per case, cap 3
    assert store.row("inspection", inspection["id"])["score"] == 97.0


def test_the_score_sums_every_problem(store, basics):
    inspection = start(store, basics)
    inspections.record_finding(store, inspection["id"], "DL-09", "problem", cases=3)
    inspections.record_finding(store, inspection["id"], "DL-01", "problem", cases=10)
    inspections.record_finding(store, inspection["id"], "JZ-01", "problem", cases=1)
    inspections.record_finding(store, inspection["id"], "DL-02", "not_applicable")

    row = store.row("inspection", inspection["id"])

    assert (row["score"], row["deducted"], row["problem_count"]) == (94.4, 5.6, 3)


def test_a_problem_has_at_least_one_case(store, basics):
    inspection = start(store, basics)

    finding = inspections.record_finding(store, inspection["id"], "DL-01", "problem", cases=0)

    assert (finding["cases"], finding["deduction"]) == (1, 0.5)


def test_the_severity_given_overrides_the_items(store, basics):
    inspection = start(store, basics)

    finding = inspections.record_finding(
        store, inspection["id"], "DL-01", "problem", cases=1, severity="severe"
    )

    assert finding["severity"] == "severe"


def test_recording_an_item_again_replaces_its_finding(store, basics):
    inspection = start(store, basics)
    first = inspections.record_finding(
        store, inspection["id"], "DL-01", "problem", cases=2, description="垃圾"
    )

    second = inspections.record_finding(store, inspection["id"], "DL-01", "ok")

    assert second["id"] == first["id"]
    assert second["rev"] == 2
    assert (second["cases"], second["deduction"], second["description"]) == (0, 0.0, "")
    assert list(inspections.findings(store, inspection["id"])) == ["DL-01"]
    assert store.row("inspection", inspection["id"])["score"] == 100.0


def test_clearing_a_finding_restores_the_score(store, basics):
    inspection = start(store, basics)
    inspections.record_finding(store, inspection["id"], "DL-01", "problem", cases=2)

    inspections.clear_finding(store, inspection["id"], "DL-01")

    assert inspections.findings(store, inspection["id"]) == {}
    assert store.row("inspection", inspection["id"])["score"] == 100.0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("DL-01", "bad"), ValueError),
        (("NO-SUCH", "ok"), KeyError),
    ],
)
def test_recording_refuses_bad_input(store, basics, args, error):
    inspection = start(store, basics)

    with pytest.raises(error):
        inspections.record_finding(store, inspection["id"], *args)

    assert inspections.findings(store, inspection["id"]) == {}


def test_recording_refuses_an_unknown_severity(store, basics):
    inspection = start(store, basics)

    with pytest.raises(ValueError, match="fatal"):
        inspections.record_finding(store, inspection["id"], "DL-01", "problem", severity="fatal")


# -- checking and submitting ---------------------------------------------------------------------


def test_a_fresh_inspection_lacks_every_result(store, basics, template_body):
    inspection = start(store, basics)
    codes = [i.code for i in parse_template(template_body).items()]

    assert gaps_of(store, inspection["id"]) == [(code, NO_RESULT, True) for code in codes]


def test_submission_check_reports_unanswered_items_and_undescribed_problems(store, basics):
    inspection = start(store, basics)
    inspections.record_finding(store, inspection["id"], "DL-01", "problem", cases=1)
    inspections.record_finding(store, inspection["id"], "DL-02", "ok")

    gaps = gaps_of(store, inspection["id"])

    assert ("DL-01", DESCRIBE, True) in gaps
    assert ("DL-01", PHOTO, True) in gaps
    assert ("DL-03", NO_RESULT, True) in gaps
    assert not [g for g in gaps if g[0] == "DL-02"]
    assert len([g for g in gaps if g[1] == NO_RESULT]) == 64


def test_mark_unanswered_ok_fills_only_the_gaps(store, basics):
    inspection = start(store, basics)
    inspections.record_finding(
        store, inspection["id"], "DL-01", "problem", cases=2, description="垃圾"
    )
    inspections.record_finding(store, inspection["id"], "DL-02", "not_applicable")

    assert inspections.mark_unanswered_ok(store, inspection["id"]) == 64

    found = inspections.findings(store, inspection["id"])
    assert len(found) == 66
    assert (found["DL-01"]["result"], found["DL-02"]["result"]) == ("problem", "not_applicable")
    assert {f["result"] for code, f in found.items() if code not in ("DL-01", "DL-02")} == {"ok"}
    assert store.row("inspection", inspection["id"])["score"] == 99.0
    assert gaps_of(store, inspection["id"]) == [("DL-01", PHOTO, True)]
    assert inspections.mark_unanswered_ok(store, inspection["id"]) == 0


def test_submit_locks_stamps_and_digests(store, basics):
    inspection = start(store, basics)
    inspections.mark_unanswered_ok(store, inspection["id"])

    submitted = inspections.submit_inspection(store, inspection["id"], actor=basics.person_id)

    assert submitted["status"] == "submitted"
    assert from_iso(submitted["finished_at"]) >= from_iso(submitted["started_at"])
    assert len(submitted["digest"]) == 64
    assert submitted["digest"] == inspections.digest_of(store, inspection["id"])
    assert audit_rows(store, inspection["id"])[-1] == {
        "actor": basics.person_id,
        "action": "submitted",
        "digest": submitted["digest"],
    }


def test_the_digest_covers_the_findings(store, basics):
    one = finished(store, basics)
    two = start(store, basics, started_at=one["started_at"])
    inspections.record_finding(
        store, two["id"], "DL-09", "problem", cases=2, description="游商占道经营三处"
    )
    inspections.mark_unanswered_ok(store, two["id"])

    assert inspections.digest_of(store, one["id"]) != inspections.digest_of(store, two["id"])


def test_blocking_gaps_refuse_submission_even_with_warnings_accepted(store, basics):
    inspection = start(store, basics)
    finding = inspections.record_finding(store, inspection["id"], "DL-09", "problem", cases=1)
    attach_evidence(store, inspection["id"], finding["id"])
    inspections.mark_unanswered_ok(store, inspection["id"])

    with pytest.raises(SubmitRefused) as refused:
        inspections.submit_inspection(store, inspection["id"], actor=None, accept_warnings=True)

    assert [(g.item_code, g.message.text) for g in refused.value.gaps] == [("DL-09", DESCRIBE)]
    row = store.row("inspection", inspection["id"])
    assert (row["status"], row["finished_at"], row["digest"]) == ("draft", None, None)
    assert [a["action"] for a in audit_rows(store, inspection["id"])] == ["started"]


def test_a_missing_required_photo_blocks_submission_until_one_is_attached(store, basics):
    inspection = start(store, basics)
    finding = inspections.record_finding(
        store, inspection["id"], "DL-09", "problem", cases=3, description="游商占道经营三处"
    )
    inspections.mark_unanswered_ok(store, inspection["id"])

    with pytest.raises(SubmitRefused) as refused:
        inspections.submit_inspection(store, inspection["id"], actor=None, accept_warnings=True)
    assert [(g.item_code, g.message.text, g.blocking) for g in refused.value.gaps] == [
        ("DL-09", PHOTO, True)
    ]
    assert store.row("inspection", inspection["id"])["status"] == "draft"

    attach_evidence(store, inspection["id"], finding["id"])
    submitted = inspections.submit_inspection(store, inspection["id"], actor=None)

    assert submitted["status"] == "submitted"
    assert submitted["score"] == 99.4


def test_an_amendment_carries_the_photos_to_the_corrected_findings(store, basics):
    original = inspections.submit_inspection(store, finished(store, basics)["id"], actor=None)
    draft = amend_inspection(store, original["id"], actor=None)

    copied = store.rows("SELECT * FROM photo WHERE inspection_id = ?", [draft["id"]])
    dl09 = inspections.findings(store, draft["id"])["DL-09"]
    assert [(p["finding_id"], p["original_name"]) for p in copied] == [(dl09["id"], "IMG_1.jpg")]
    assert (
        copied[0]["sha256"]
        == store.rows("SELECT sha256 FROM photo WHERE inspection_id = ?", [original["id"]])[0][
            "sha256"
        ]
    )
    assert inspections.submission_check(store, draft["id"]) == []


def test_an_inspection_without_inspectors_cannot_be_submitted(store, basics):
    inspection = start(store, basics)
    inspections.mark_unanswered_ok(store, inspection["id"])
    link = inspections.inspection_persons(store, inspection["id"])[0]
    store.delete("inspection_person", link["id"])

    with pytest.raises(SubmitRefused, match="No inspector"):
        inspections.submit_inspection(store, inspection["id"], actor=None, accept_warnings=True)


# -- the lock ------------------------------------------------------------------------------------

EDITS = {
    "record_finding": lambda s, i: inspections.record_finding(s, i, "DL-01", "problem", cases=1),
    "clear_finding": lambda s, i: inspections.clear_finding(s, i, "DL-01"),
    "update_inspection": lambda s, i: inspections.update_inspection(s, i, summary="改"),
    "mark_unanswered_ok": lambda s, i: inspections.mark_unanswered_ok(s, i),
    "submit_again": lambda s, i: inspections.submit_inspection(s, i, actor=None),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_submitted_inspection_refuses_every_edit(store, basics, edit):
    inspection = finished(store, basics)
    submitted = inspections.submit_inspection(
        store, inspection["id"], actor=None, accept_warnings=True
    )
    findings_before = inspections.findings(store, inspection["id"])
    outbox_before = store.pending_changes()

    with pytest.raises(InspectionLocked):
        edit(store, inspection["id"])

    assert store.row("inspection", inspection["id"]) == submitted
    assert inspections.findings(store, inspection["id"]) == findings_before
    assert store.pending_changes() == outbox_before


RAW_EDITS = {
    "update inspection": "UPDATE inspection SET summary = 'x' WHERE id = :i",
    "delete inspection": "DELETE FROM inspection WHERE id = :i",
    "update finding": "UPDATE finding SET cases = 9 WHERE inspection_id = :i",
    "delete finding": "DELETE FROM finding WHERE inspection_id = :i",
    "insert finding": "INSERT INTO finding(id, inspection_id, item_code, result, created_at, "
    "updated_at, device_id) VALUES ('f-x', :i, 'XX', 'ok', 't', 't', 'd')",
    "delete inspector": "DELETE FROM inspection_person WHERE inspection_id = :i",
    "add inspector": "INSERT INTO inspection_person(id, inspection_id, person_id, created_at, "
    "updated_at, device_id) VALUES ('ip-x', :i, :p, 't', 't', 'd')",
}


@pytest.mark.parametrize("sql", RAW_EDITS.values(), ids=RAW_EDITS.keys())
def test_the_store_refuses_raw_sql_on_a_submitted_inspection(store, basics, sql):
    inspection = finished(store, basics)
    submitted = inspections.submit_inspection(
        store, inspection["id"], actor=None, accept_warnings=True
    )
    other = store.save("person", {"name": "李明", "role": "inspector"})

    with pytest.raises(sqlite3.IntegrityError, match="submitted inspection is locked"):
        store.db.execute(sql, {"i": inspection["id"], "p": other["id"]})

    assert store.row("inspection", inspection["id"]) == submitted
    assert inspections.digest_of(store, inspection["id"]) == submitted["digest"]


def test_a_draft_can_still_be_edited_with_raw_sql(store, basics):
    inspection = start(store, basics)

    store.db.execute("UPDATE inspection SET summary = 'x' WHERE id = ?", [inspection["id"]])

    assert store.row("inspection", inspection["id"])["summary"] == "x"


# -- amending ------------------------------------------------------------------------------------


def submitted_one(store, basics):
    inspection = finished(store, basics)
    inspections.update_inspection(store, inspection["id"], summary="夜查", location="人民路口")
    return inspections.submit_inspection(store, inspection["id"], actor=None, accept_warnings=True)


def observed(found):
    keys = ("result", "cases", "deduction", "description", "severity", "location")
    return {code: tuple(f[k] for k in keys) for code, f in found.items()}


def test_amend_makes_a_draft_with_the_findings_copied(store, basics):
    original = submitted_one(store, basics)

    draft = amend_inspection(store, original["id"], actor=basics.person_id)

    assert draft["id"] != original["id"]
    assert (draft["status"], draft["amends_id"]) == ("draft", original["id"])
    assert (draft["summary"], draft["location"]) == ("夜查", "人民路口")
    assert (draft["score"], draft["problem_count"]) == (original["score"], 1)
    original_findings = inspections.findings(store, original["id"])
    draft_findings = inspections.findings(store, draft["id"])
    assert observed(draft_findings) == observed(original_findings)
    assert not {f["id"] for f in draft_findings.values()} & {
        f["id"] for f in original_findings.values()
    }
    assert [p["person_id"] for p in inspections.inspection_persons(store, draft["id"])] == [
        basics.person_id
    ]
    assert audit_rows(store, draft["id"])[-1] == {
        "actor": basics.person_id,
        "action": "amends",
        "digest": original["digest"],
    }
    assert store.row("inspection", original["id"]) == original
    assert inspection_header(store, original["id"])["amended_by"] == draft["id"]


def test_asking_to_amend_twice_returns_the_same_draft(store, basics):
    original = submitted_one(store, basics)

    first = amend_inspection(store, original["id"], actor=None)
    second = amend_inspection(store, original["id"], actor=None)

    assert second["id"] == first["id"]
    assert store.rows("SELECT id FROM inspection WHERE amends_id = ?", [original["id"]]) == [
        {"id": first["id"]}
    ]


def test_an_amendment_is_edited_and_submitted_on_its_own(store, basics):
    original = submitted_one(store, basics)
    draft = amend_inspection(store, original["id"], actor=None)

    inspections.record_finding(store, draft["id"], "DL-09", "ok")
    amended = inspections.submit_inspection(store, draft["id"], actor=None)

    assert amended["score"] == 100.0
    assert amended["digest"] != original["digest"]
    assert store.row("inspection", original["id"])["score"] == 99.4


def test_only_a_submitted_inspection_can_be_amended(store, basics):
    draft = start(store, basics)

    with pytest.raises(ValueError, match="submitted"):
        amend_inspection(store, draft["id"], actor=None)


# -- durability ----------------------------------------------------------------------------------


def test_everything_is_still_there_after_reopening(store, basics, tmp_path):
    submitted = submitted_one(store, basics)
    draft = start(store, basics)
    inspections.record_finding(store, draft["id"], "DL-01", "problem", cases=2, description="脏")
    found_before = inspections.findings(store, submitted["id"])
    store.close()

    again = Store.open(tmp_path)
    try:
        assert again.row("inspection", submitted["id"]) == submitted
        assert inspections.findings(again, submitted["id"]) == found_before
        assert inspections.digest_of(again, submitted["id"]) == submitted["digest"]
        assert again.row("inspection", draft["id"])["score"] == 99.0
        inspections.record_finding(again, draft["id"], "DL-01", "ok")
        assert again.row("inspection", draft["id"])["score"] == 100.0
    finally:
        again.close()
