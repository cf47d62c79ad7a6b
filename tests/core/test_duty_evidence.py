"""马路办公 in the evidence package: each packaged version lists its duty check (status, chief,
time, photo) and its audit rows; a manifest whose duty check was moved to another inspection's
photo is caught and named."""

from __future__ import annotations

import hashlib
import json
import zipfile

from domain.evidence_package import AUDIT, MANIFEST, MANIFEST_HASH
from local_db import inspections
from local_db.duty_checks import record_duty, set_duty_photo
from local_db.evidence_package import verify_package
from tests.core.test_evidence_package import FIRST, SECOND, attach_real, package, rewrite


def _with_duty(store, basics) -> tuple[str, str]:
    row = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    post = attach_real(store, FIRST, row["id"], None)
    attach_real(store, SECOND, row["id"], None)
    record_duty(store, row["id"], "off_duty", note="岗亭无人", actor=basics.person_id)
    set_duty_photo(store, row["id"], post["id"], actor=basics.person_id)
    inspections.mark_unanswered_ok(store, row["id"])
    inspections.submit_inspection(store, row["id"], actor=basics.person_id)
    return row["id"], post["id"]


def test_the_package_lists_the_duty_check_and_verifies(store, basics, tmp_path):
    iid, post = _with_duty(store, basics)
    out = package(store, tmp_path / "evidence.zip", inspection_id=iid)

    result = verify_package(out)
    assert result.ok, result.problems
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        audit = zf.read(AUDIT).decode("utf-8-sig")
    [version] = manifest["inspections"]
    duty = version["duty_check"]
    assert (duty["status"], duty["chief_name"], duty["note"], duty["photo_id"]) == (
        "off_duty",
        "王路长",
        "岗亭无人",
        post,
    )
    assert "duty_check" in audit and "off_duty" in audit


def test_a_duty_check_pointing_at_a_photo_outside_the_version_is_named(store, basics, tmp_path):
    iid, _ = _with_duty(store, basics)
    out = package(store, tmp_path / "evidence.zip", inspection_id=iid)
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    manifest["inspections"][0]["duty_check"]["photo_id"] = "0190-elsewhere"
    raw = json.dumps(manifest, ensure_ascii=False).encode()

    def edit(name: str, data: bytes) -> bytes:
        if name == MANIFEST:
            return raw
        if name == MANIFEST_HASH:
            return f"{hashlib.sha256(raw).hexdigest()}  manifest.json\n".encode()
        return data

    result = verify_package(rewrite(out, tmp_path / "forged.zip", edit))
    assert [(p.where.split(" (")[0], p.what) for p in result.problems] == [
        (f"duty check of inspection {iid}", "names a photo that is not in this version")
    ]


def test_an_inspection_of_a_grid_lists_no_duty_check(store, basics, tmp_path):
    grid = store.save("zone", {"name": "一号网格", "kind": "grid", "unit_id": basics.unit_id})
    row = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=grid["id"],
        mode="open",
        person_ids=[basics.person_id],
    )
    inspections.mark_unanswered_ok(store, row["id"])
    inspections.submit_inspection(store, row["id"], actor=basics.person_id)
    out = package(store, tmp_path / "evidence.zip", inspection_id=row["id"])
    assert verify_package(out).ok
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read(MANIFEST))["inspections"][0]["duty_check"] is None
