"""The evidence package without Qt: a real store, real photos copied into the real blob store,
packaged and verified; then tampered copies of the ZIP, each caught and named.

(The notice's PDF and the `ducha` command are tested in tests/ui/test_evidence_package_cli.py.)
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from app.photos.blobstore import BlobStore
from domain.evidence_package import (
    AUDIT,
    CHECKSUMS,
    MANIFEST,
    MANIFEST_HASH,
    README,
    check_package,
)
from local_db import inspections
from local_db.amendments import amend_inspection
from local_db.evidence_package import PackageUnreadable, verify_package, write_package
from local_db.evidence_records import EvidenceError, MissingOriginals, collect
from local_db.photos import attach_photo
from local_db.reviews import record_review
from local_db.store import Store
from tests.core.conftest import Basics
from tests.testdata import PHOTOS

FIRST = PHOTOS / "gps" / "DSCN0010.jpg"
SECOND = PHOTOS / "gps" / "DSCN0012.jpg"


def attach_real(store: Store, source: Path, inspection_id: str, finding_id: str | None) -> dict:
    """The original copied (hashed while copying) into the store's blob store, then attached."""
    stored = BlobStore(store.path.parent / "blobs").ingest(source)
    row, _ = attach_photo(
        store,
        {
            "sha256": stored.sha256,
            "byte_size": stored.byte_size,
            "original_name": source.name,
            "format": "JPEG",
            "taken_at_raw": "2026:11:20 10:00:00",
            "taken_at": "2026-11-20T02:00:00.000000Z",
        },
        inspection_id=inspection_id,
        finding_id=finding_id,
    )
    return row


def submitted_inspection(store: Store, basics: Basics) -> tuple[str, str]:
    row = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    problem = inspections.record_finding(
        store, row["id"], "DL-09", "problem", cases=2, description="游商占道经营两处"
    )
    attach_real(store, FIRST, row["id"], problem["id"])
    attach_real(store, SECOND, row["id"], problem["id"])
    inspections.mark_unanswered_ok(store, row["id"])
    inspections.submit_inspection(store, row["id"], actor=basics.person_id)
    return row["id"], problem["id"]


def package(store: Store, out: Path, **subject: str) -> Path:
    blobs = BlobStore(store.path.parent / "blobs")
    return write_package(collect(store, **subject), out, original=blobs.path)


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the ZIP with members changed by `change(name, data) -> data | None` (None drops
    the member): what someone with a ZIP tool does."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def packaged(store: Store, basics: Basics, tmp_path: Path) -> Path:
    inspection_id, _ = submitted_inspection(store, basics)
    return package(store, tmp_path / "out" / "evidence.zip", inspection_id=inspection_id)


def test_a_package_holds_the_originals_exactly_and_verifies(store, basics, packaged):
    result = verify_package(packaged)
    assert result.ok, result.problems
    with zipfile.ZipFile(packaged) as zf:
        names = set(zf.namelist())
        photos = {n for n in names if n.startswith("photos/")}
        assert photos == {f"photos/{sha(FIRST)}.jpg", f"photos/{sha(SECOND)}.jpg"}
        assert zf.read(f"photos/{sha(FIRST)}.jpg") == FIRST.read_bytes()  # bit-exact
        assert names == photos | {MANIFEST, MANIFEST_HASH, AUDIT, README, CHECKSUMS}
        raw = zf.read(MANIFEST)
        anchor = zf.read(MANIFEST_HASH).decode()
        assert anchor == f"{hashlib.sha256(raw).hexdigest()}  manifest.json\n"
        manifest = json.loads(raw)
        sums = zf.read(CHECKSUMS).decode()
        readme = zf.read(README).decode()
        audit = zf.read(AUDIT).decode("utf-8-sig")
    [version] = manifest["inspections"]
    assert (
        version["recorded_digest"]
        == version["recomputed_digest"]
        == version["inspection"]["digest"]
    )
    assert version["recorded_digest"] == inspections.digest_of(store, version["inspection"]["id"])
    photo = next(p for p in version["photos"] if p["original_name"] == FIRST.name)
    assert photo["file"] == f"photos/{sha(FIRST)}.jpg"
    assert (photo["item_code"], photo["byte_size"]) == ("DL-09", FIRST.stat().st_size)
    assert manifest["reference"]["items"]["DL-09"]["text"]
    assert manifest["reference"]["units"][basics.unit_id] == "城关镇人民政府"
    assert f"{sha(FIRST)}  photos/{sha(FIRST)}.jpg\n" in sums
    assert "ducha verify-package" in readme and "sha256sum -c" in readme
    assert "submitted" in audit and version["recorded_digest"] in audit
    assert result.manifest_sha256 == hashlib.sha256(raw).hexdigest()


def test_one_changed_byte_of_one_photo_fails_naming_that_photo(packaged, tmp_path):
    target = f"photos/{sha(SECOND)}.jpg"

    def flip(name: str, data: bytes) -> bytes:
        if name != target:
            return data
        changed = bytearray(data)
        changed[len(changed) // 2] ^= 0x01
        return bytes(changed)

    result = verify_package(rewrite(packaged, tmp_path / "tampered.zip", flip))
    assert not result.ok
    assert [p.where for p in result.problems] == [target]
    assert "SHA-256" in result.problems[0].what and "changed" in result.problems[0].what


def test_a_byte_flipped_inside_the_zip_file_itself_is_caught(packaged, tmp_path):
    """Not re-zipped: one byte of the stored photo changed in place (its CRC no longer holds)."""
    with zipfile.ZipFile(packaged) as zf:
        info = zf.getinfo(f"photos/{sha(FIRST)}.jpg")
    data = bytearray(packaged.read_bytes())
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 5000
    data[offset] ^= 0xFF
    copy = tmp_path / "flipped.zip"
    copy.write_bytes(bytes(data))
    result = verify_package(copy)
    assert [p.where for p in result.problems] == [info.filename]


def test_a_changed_manifest_fails(packaged, tmp_path):
    def edit(name: str, data: bytes) -> bytes:
        if name == MANIFEST:  # lower the deduction: the manifest hash and the digest both object
            return data.replace(b'"cases": 2', b'"cases": 1', 1)
        return data

    result = verify_package(rewrite(packaged, tmp_path / "edited.zip", edit))
    wheres = [p.where for p in result.problems]
    assert MANIFEST in wheres
    assert any(w.startswith("inspection ") for w in wheres), result.problems


def test_a_manifest_rewritten_with_its_hash_still_fails_on_the_digest(packaged, tmp_path):
    """Someone who also updates manifest.sha256 is caught by the digest recorded at submit."""
    with zipfile.ZipFile(packaged) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    finding = next(f for f in manifest["inspections"][0]["findings"] if f["item_code"] == "DL-09")
    finding["description"] = "无问题"
    raw = json.dumps(manifest, ensure_ascii=False).encode()

    def edit(name: str, data: bytes) -> bytes:
        if name == MANIFEST:
            return raw
        if name == MANIFEST_HASH:
            return f"{hashlib.sha256(raw).hexdigest()}  manifest.json\n".encode()
        return data

    result = verify_package(rewrite(packaged, tmp_path / "forged.zip", edit))
    assert [p.where.split(" (")[0] for p in result.problems] == [
        f"inspection {manifest['inspections'][0]['inspection']['id']}"
    ]
    assert "recorded at submit" in result.problems[0].what


def test_a_removed_and_an_added_file_are_both_named(packaged, tmp_path):
    gone = f"photos/{sha(FIRST)}.jpg"

    def drop(name: str, data: bytes) -> bytes | None:
        return None if name == gone else data

    copy = rewrite(packaged, tmp_path / "removed.zip", drop)
    with zipfile.ZipFile(copy, "a") as zf:
        zf.writestr("photos/extra.jpg", SECOND.read_bytes())
    result = verify_package(copy)
    found = {p.where: p.what for p in result.problems}
    assert set(found) == {gone, "photos/extra.jpg"}
    assert "missing" in found[gone] and "not in the manifest" in found["photos/extra.jpg"]


def test_a_missing_manifest_hash_and_a_duplicate_member(packaged, tmp_path):
    copy = rewrite(
        packaged, tmp_path / "nohash.zip", lambda n, d: None if n == MANIFEST_HASH else d
    )
    with zipfile.ZipFile(copy, "a") as zf, pytest.warns(UserWarning):  # written anyway
        zf.writestr(AUDIT, b"seq\r\n")
    wheres = [p.where for p in verify_package(copy).problems]
    assert MANIFEST_HASH in wheres and AUDIT in wheres


def test_not_a_zip_is_unreadable(tmp_path):
    fake = tmp_path / "evidence.zip"
    fake.write_bytes(b"%PDF-1.7 not a zip")
    with pytest.raises(PackageUnreadable, match="not a readable ZIP"):
        verify_package(fake)
    with pytest.raises(PackageUnreadable):
        verify_package(tmp_path / "nothing-here.zip")


def test_no_manifest_at_all(tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("photos/a.jpg", b"x")
    result = verify_package(empty)
    assert [p.where for p in result.problems] == [MANIFEST]


def test_an_amended_inspection_packages_the_whole_chain(store, basics, tmp_path):
    first_id, _ = submitted_inspection(store, basics)
    record_review(store, first_id, "returned", reviewer=basics.person_id, comment="案数有误")
    draft = amend_inspection(store, first_id, actor=basics.person_id)
    inspections.record_finding(store, draft["id"], "DL-09", "problem", cases=1, description="一处")
    inspections.submit_inspection(store, draft["id"], actor=basics.person_id)
    record_review(store, draft["id"], "accepted", reviewer=basics.person_id)
    # a further correction still being written is named, not packaged
    third = amend_inspection(store, draft["id"], actor=basics.person_id)

    for asked in (first_id, draft["id"]):  # from either version: the same chain
        out = package(store, tmp_path / f"{asked}.zip", inspection_id=asked)
        result = verify_package(out)
        assert result.ok, result.problems
        manifest = result.manifest
        assert manifest is not None
        versions = manifest["inspections"]
        assert [v["inspection"]["id"] for v in versions] == [first_id, draft["id"]]
        assert [v["findings"][0]["cases"] for v in versions if v["findings"]] != []
        assert [r["decision"] for v in versions for r in v["reviews"]] == ["returned", "accepted"]
        assert manifest["open_drafts"] == [third["id"]]
        # the same originals, once each, used by the photo rows of both versions
        photos = [f for f in manifest["files"] if f["kind"] == "photo"]
        assert len(photos) == 2
        assert all(len(v["photos"]) == 2 for v in versions)
        assert {a["action"] for a in manifest["audit"]} >= {"submitted", "amends", "attached"}


def test_a_draft_is_not_evidence_and_a_missing_original_is_named(store, basics, tmp_path):
    draft = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    with pytest.raises(EvidenceError, match="draft"):
        collect(store, inspection_id=draft["id"])

    inspection_id, _ = submitted_inspection(store, basics)
    blob = BlobStore(store.path.parent / "blobs").path(sha(SECOND))
    blob.chmod(0o644)
    blob.unlink()  # as on a reviewer's replica that has not fetched this original
    out = tmp_path / "out" / "evidence.zip"
    with pytest.raises(MissingOriginals) as refused:
        package(store, out, inspection_id=inspection_id)
    assert [o.sha256 for o in refused.value.missing] == [sha(SECOND)]
    assert SECOND.name in str(refused.value) and "DL-09" in str(refused.value)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_damaged_original_on_this_laptop_is_refused(store, basics, tmp_path):
    inspection_id, _ = submitted_inspection(store, basics)
    blob = BlobStore(store.path.parent / "blobs").path(sha(FIRST))
    blob.chmod(0o644)
    data = bytearray(blob.read_bytes())
    data[100] ^= 0x01
    blob.write_bytes(bytes(data))
    out = tmp_path / "out" / "evidence.zip"
    with pytest.raises(EvidenceError, match="damaged"):
        package(store, out, inspection_id=inspection_id)
    assert list(out.parent.iterdir()) == []  # no package, no half-written copy


def test_the_pure_check_reports_every_problem_not_just_the_first():
    manifest = {
        "format": "ducha-evidence-package",
        "format_version": 1,
        "digest_version": 1,
        "subject": {"kind": "inspection", "id": "x"},
        "inspections": [],
        "files": [
            {"path": "a.txt", "kind": "document", "sha256": "0" * 64, "byte_size": 1},
            {"path": "b.txt", "kind": "document", "sha256": "1" * 64, "byte_size": 1},
        ],
    }
    raw = json.dumps(manifest).encode()
    _, problems = check_package(raw, None, [MANIFEST, "c.txt"], {})
    wheres = [p.where for p in problems]
    assert wheres == [MANIFEST_HASH, "a.txt", "b.txt", "c.txt", MANIFEST]


def test_a_notice_packages_its_events_and_its_inspection(store, basics, tmp_path):
    from domain.clock import now_iso
    from local_db.notices import issue_notice, record_event

    inspection_id, finding_id = submitted_inspection(store, basics)
    notice = issue_notice(
        store,
        inspection_id=inspection_id,
        unit_id=basics.unit_id,
        finding_ids=[finding_id],
        requirements="立即清理占道经营",
        due_at="2099-01-01T00:00:00.000000Z",
        issued_by=basics.person_id,
        issued_at=now_iso(),
    )
    record_event(store, notice["id"], "acknowledged", actor=basics.person_id, signer="李主任")
    out = package(store, tmp_path / "out" / "notice.zip", notice_id=notice["id"])
    result = verify_package(out)
    assert result.ok, result.problems
    manifest = result.manifest
    assert manifest is not None
    assert manifest["subject"] == {"kind": "notice", "id": notice["id"], "number": notice["number"]}
    [entry] = manifest["notices"]
    assert [e["kind"] for e in entry["events"]] == ["issued", "acknowledged"]
    assert entry["state"] == "acknowledged"
    assert [v["inspection"]["id"] for v in manifest["inspections"]] == [inspection_id]
    assert {(a["entity"], a["action"]) for a in manifest["audit"]} >= {
        ("notice", "issued"),
        ("notice", "acknowledged"),
        ("inspection", "submitted"),
    }
    with zipfile.ZipFile(out) as zf:
        assert notice["number"] in zf.read(README).decode()


def test_a_malformed_manifest_is_a_problem_not_a_crash():
    manifest = {
        "format": "ducha-evidence-package",
        "format_version": 1,
        "digest_version": 1,
        "subject": {"kind": "inspection", "id": "x"},
        "inspections": [{"inspection": {"id": "x"}, "persons": [], "findings": [], "photos": [7]}],
        "files": [],
    }
    _, problems = check_package(json.dumps(manifest).encode(), None, [MANIFEST], {})
    assert [p.where for p in problems] == [MANIFEST_HASH, MANIFEST]
    assert "malformed" in problems[-1].what or "incomplete" in problems[-1].what


def test_a_transferred_notice_packages_its_units_by_name(store, basics, tmp_path):
    """改派 and 推诿 in the package: the events with their units, the units named in the
    manifest's reference, the audit rows, and the README's lines in words."""
    from domain.clock import now_iso
    from local_db.notices import issue_notice
    from local_db.unit_events import record_dispute, refuse_dispute, transfer_notice

    inspection_id, finding_id = submitted_inspection(store, basics)
    notice = issue_notice(
        store,
        inspection_id=inspection_id,
        unit_id=basics.unit_id,
        finding_ids=[finding_id],
        requirements="立即清理占道经营",
        due_at="2099-01-01T00:00:00.000000Z",
        issued_by=basics.person_id,
        issued_at=now_iso(),
    )
    east = store.save("unit", {"name": "城东街道办事处", "kind": "street_office"})
    me = basics.person_id
    record_dispute(store, notice["id"], signer="王科长", reason="不归我们", actor=me)
    refuse_dispute(store, notice["id"], reason="属本单位路段", actor=me)
    record_dispute(store, notice["id"], signer="李主任", reason="路段已移交", actor=me)
    transfer_notice(
        store, notice["id"], to_unit_id=east["id"], reason="路段已移交城东",
        new_due_at="2099-02-01T00:00:00.000000Z", actor=me,
    )  # fmt: skip
    out = package(store, tmp_path / "out" / "notice.zip", notice_id=notice["id"])
    result = verify_package(out)
    assert result.ok, result.problems
    manifest = result.manifest
    assert manifest is not None
    [entry] = manifest["notices"]
    moved = entry["events"][-1]
    assert (moved["kind"], moved["from_unit_id"], moved["to_unit_id"]) == (
        "transferred", basics.unit_id, east["id"],
    )  # fmt: skip
    assert entry["notice"]["unit_id"] == east["id"] and entry["state"] == "issued"
    units = manifest["reference"]["units"]
    assert units[east["id"]] == "城东街道办事处" and units[basics.unit_id] == "城关镇人民政府"
    assert {(a["entity"], a["action"]) for a in manifest["audit"]} >= {
        ("notice", "disputed"),
        ("notice", "dispute_refused"),
        ("notice", "transferred"),
    }
    with zipfile.ZipFile(out) as zf:
        readme = zf.read(README).decode()
    assert "改派：城关镇人民政府 → 城东街道办事处" in readme
    assert "驳回异议（推诿，计入城关镇人民政府）：属本单位路段" in readme
