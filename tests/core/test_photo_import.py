"""Photos as evidence: the photo rows in the store (attach, remove, lock, submission, digest) and
the blob store (content addresses, bit-exact copies, refusals, full disk); the import pipeline is
tests/core/test_photo_pipeline.py."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from domain.clock import now_iso
from local_db import inspections
from local_db.inspections import InspectionLocked
from local_db.photos import attach_photo, is_referenced, photos_of, remove_photo
from local_db.store import Store
from tests.testdata import PHOTOS as TESTDATA_PHOTOS

try:  # the import pipeline needs Pillow (the app extra); the store side does not
    from PIL import Image

    from app.photos import blobstore as blobstore_module
    from app.photos.blobstore import BlobError, BlobStore
except ImportError:  # pragma: no cover - the Qt-free core environment has no Pillow
    Image = None  # type: ignore[assignment]

needs_pillow = pytest.mark.skipif(Image is None, reason="the photo pipeline needs Pillow")

PHOTOS = TESTDATA_PHOTOS
PHOTO_GAP = "{code} {text}: the item asks for photo evidence"


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def meta(n: int = 1, **changes) -> dict:
    """Metadata as the import gives it, for a made-up original number n."""
    row = {
        "sha256": hashlib.sha256(f"photo {n}".encode()).hexdigest(),
        "byte_size": 1000 + n,
        "original_name": f"IMG_{n:04d}.jpg",
        "format": "JPEG",
        "width": 4000,
        "height": 3000,
        "orientation": 1,
        "taken_at_raw": "2026:11:20 10:00:00",
        "taken_at": "2026-11-20T02:00:00.000000Z",
        "gps_lat": 30.25,
        "gps_lon": 120.15,
        "camera": "Xiaomi 14",
    }
    row.update(changes)
    return row


def problem(store: Store, inspection_id: str, code: str = "DL-09") -> dict:
    return inspections.record_finding(
        store, inspection_id, code, "problem", cases=1, description="游商占道经营"
    )


def submitted(store: Store, inspection_id: str) -> dict:
    inspections.mark_unanswered_ok(store, inspection_id)
    return inspections.submit_inspection(store, inspection_id, actor=None, accept_warnings=True)


def photo_rows(store: Store) -> list[dict]:
    return store.rows("SELECT * FROM photo ORDER BY imported_at, id")


def blob_files(data_dir: Path) -> set[str]:
    root = data_dir / "blobs"
    if not root.exists():
        return set()
    return {p.name for p in root.rglob("*") if p.is_file() and p.parent.name != "tmp"}


def parts(data_dir: Path) -> list[Path]:
    return list((data_dir / "blobs").rglob("*.part")) if (data_dir / "blobs").exists() else []


# == the store =====================================================================================


def test_attach_stores_the_row_with_its_outbox_entry(store, draft_inspection):
    row, created = attach_photo(store, meta(), inspection_id=draft_inspection["id"])

    assert created is True
    assert row["inspection_id"] == draft_inspection["id"] and row["finding_id"] is None
    assert (row["role"], row["caption"], row["rev"]) == ("evidence", "", 1)
    assert row["sha256"] == meta()["sha256"] and row["imported_at"]
    assert row["device_id"] == store.device_id
    outbox = store.rows("SELECT op, row FROM outbox WHERE entity = 'photo'")
    assert [(o["op"], json.loads(o["row"])["sha256"]) for o in outbox] == [
        ("upsert", row["sha256"])
    ]


def test_the_same_original_on_the_same_owner_is_kept_once(store, draft_inspection):
    first, _ = attach_photo(store, meta(), inspection_id=draft_inspection["id"])
    pending = store.pending_changes()

    again, created = attach_photo(store, meta(), inspection_id=draft_inspection["id"])

    assert created is False and again == first
    assert len(photo_rows(store)) == 1
    assert store.pending_changes() == pending  # nothing written


def test_the_same_original_may_be_evidence_of_two_findings(store, draft_inspection):
    iid = draft_inspection["id"]
    one, two = problem(store, iid, "DL-01"), problem(store, iid, "DL-02")

    attach_photo(store, meta(), inspection_id=iid, finding_id=one["id"])
    _, created = attach_photo(store, meta(), inspection_id=iid, finding_id=two["id"])
    _, created_site = attach_photo(store, meta(), inspection_id=iid)

    assert created and created_site
    assert len(photo_rows(store)) == 3


def test_a_finding_of_another_inspection_is_refused(store, basics, draft_inspection):
    other = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    foreign = problem(store, other["id"])

    with pytest.raises(ValueError, match="not part of"):
        attach_photo(store, meta(), inspection_id=draft_inspection["id"], finding_id=foreign["id"])
    with pytest.raises(ValueError, match="not part of"):
        attach_photo(store, meta(), inspection_id=draft_inspection["id"], finding_id="nope")
    with pytest.raises(KeyError):
        attach_photo(store, meta(), inspection_id="no-such-inspection")
    # The store itself refuses too, whatever code path tries.
    with pytest.raises(sqlite3.IntegrityError, match="another inspection"):
        store.save(
            "photo",
            {
                **meta(),
                "inspection_id": draft_inspection["id"],
                "finding_id": foreign["id"],
                "role": "evidence",
                "imported_at": now_iso(),
            },
        )
    assert photo_rows(store) == []


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"sha256": "ABC"}, "SHA-256"),
        ({"sha256": "A" * 64}, "SHA-256"),
        ({"byte_size": -1}, "byte_size"),
        ({"original_name": " "}, "file name"),
        ({"inspection_id": "x"}, "not photo metadata"),
    ],
)
def test_bad_metadata_is_refused(store, draft_inspection, changes, match):
    with pytest.raises(ValueError, match=match):
        attach_photo(store, meta(**changes), inspection_id=draft_inspection["id"])


def test_a_photo_has_exactly_one_owner(store, draft_inspection):
    base = {**meta(), "role": "evidence", "imported_at": now_iso()}
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.save("photo", base)  # no owner
    with pytest.raises(sqlite3.IntegrityError):
        store.save("photo", {**base, "finding_id": "f"})  # a finding without its inspection
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.save("photo", {**base, "role": "selfie", "inspection_id": draft_inspection["id"]})


def test_remove_from_a_draft_keeps_nothing_but_the_blob(store, draft_inspection):
    row, _ = attach_photo(store, meta(), inspection_id=draft_inspection["id"])
    store.save("annotation", {"photo_id": row["id"], "author": "张督查", "shapes": "[]"})

    remove_photo(store, row["id"])

    assert photo_rows(store) == [] and store.rows("SELECT * FROM annotation") == []
    assert is_referenced(store, row["sha256"]) is False
    ops = store.rows("SELECT entity, op FROM outbox WHERE entity IN ('photo', 'annotation')")
    assert ("photo", "delete") in {(o["entity"], o["op"]) for o in ops}
    with pytest.raises(KeyError):
        remove_photo(store, row["id"])


def test_is_referenced_looks_at_every_owner(store, draft_inspection):
    row, _ = attach_photo(store, meta(), inspection_id=draft_inspection["id"])

    assert is_referenced(store, row["sha256"]) is True
    assert is_referenced(store, meta(2)["sha256"]) is False


def test_photos_of_filters_by_finding_and_sorts_by_time_taken(store, draft_inspection):
    iid = draft_inspection["id"]
    finding = problem(store, iid)
    late = attach_photo(store, meta(1, taken_at="2026-11-20T03:00:00.000000Z"), inspection_id=iid)
    no_time = attach_photo(store, meta(2, taken_at=None, taken_at_raw=None), inspection_id=iid)
    early = attach_photo(store, meta(3, taken_at="2026-11-20T01:00:00.000000Z"), inspection_id=iid)
    of_finding = attach_photo(store, meta(4), inspection_id=iid, finding_id=finding["id"])

    def names(rows):
        return [r["original_name"] for r in rows]

    assert names(photos_of(store, iid)) == names(
        [early[0], of_finding[0], late[0], no_time[0]]
    )  # with a time in time order, the rest after
    assert names(photos_of(store, iid, None)) == names([early[0], late[0], no_time[0]])
    assert names(photos_of(store, iid, finding["id"])) == names([of_finding[0]])


# -- the lock --------------------------------------------------------------------------------------


def test_a_submitted_inspection_refuses_photo_changes(store, draft_inspection):
    iid = draft_inspection["id"]
    finding = problem(store, iid)
    row, _ = attach_photo(store, meta(), inspection_id=iid, finding_id=finding["id"])
    submitted(store, iid)

    with pytest.raises(InspectionLocked):
        attach_photo(store, meta(2), inspection_id=iid)
    with pytest.raises(InspectionLocked):
        remove_photo(store, row["id"])
    # Raw SQL is refused by the store's triggers.
    with pytest.raises(sqlite3.IntegrityError, match="submitted inspection is locked"):
        store.db.execute("UPDATE photo SET caption = 'changed' WHERE id = ?", [row["id"]])
    with pytest.raises(sqlite3.IntegrityError, match="submitted inspection is locked"):
        store.db.execute("DELETE FROM photo WHERE id = ?", [row["id"]])
    with pytest.raises(sqlite3.IntegrityError, match="submitted inspection is locked"):
        store.save(
            "photo",
            {**meta(3), "inspection_id": iid, "role": "evidence", "imported_at": now_iso()},
        )
    assert [r["id"] for r in photo_rows(store)] == [row["id"]]
    assert store.row("photo", row["id"])["caption"] == ""


def test_a_photo_cannot_be_moved_into_a_submitted_inspection(store, basics, draft_inspection):
    locked = inspections.start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="open",
        person_ids=[basics.person_id],
    )
    submitted(store, locked["id"])
    row, _ = attach_photo(store, meta(), inspection_id=draft_inspection["id"])

    with pytest.raises(sqlite3.IntegrityError, match="submitted inspection is locked"):
        store.db.execute(
            "UPDATE photo SET inspection_id = ? WHERE id = ?", [locked["id"], row["id"]]
        )


# -- submission and digest -------------------------------------------------------------------------


def test_a_photo_of_the_finding_fills_the_photo_gap(store, draft_inspection):
    iid = draft_inspection["id"]
    finding = problem(store, iid)
    inspections.mark_unanswered_ok(store, iid)
    gaps = [(g.item_code, g.message.text) for g in inspections.submission_check(store, iid)]
    assert gaps == [("DL-09", PHOTO_GAP)]

    attach_photo(store, meta(), inspection_id=iid)  # a site photo is not the finding's evidence
    assert [g.item_code for g in inspections.submission_check(store, iid)] == ["DL-09"]

    attach_photo(store, meta(2), inspection_id=iid, finding_id=finding["id"])
    assert inspections.submission_check(store, iid) == []
    assert inspections.photo_counts(store, iid) == {finding["id"]: 1}
    row = inspections.submit_inspection(store, iid, actor=None)  # no warning left to accept
    assert row["status"] == "submitted"


def test_the_digest_covers_the_photos(store, draft_inspection):
    iid = draft_inspection["id"]
    finding = problem(store, iid)
    inspections.mark_unanswered_ok(store, iid)
    without = inspections.digest_of(store, iid)

    row, _ = attach_photo(store, meta(), inspection_id=iid, finding_id=finding["id"])
    with_photo = inspections.digest_of(store, iid)
    store.save("photo", {"id": row["id"], "caption": "东门口"})
    with_caption = inspections.digest_of(store, iid)
    sealed = inspections.submit_inspection(store, iid, actor=None)

    assert len({without, with_photo, with_caption}) == 3
    assert sealed["digest"] == inspections.digest_of(store, iid)
    # The same content with the photo left out does not match what was sealed.
    store.db.execute("DROP TRIGGER photo_locked_delete")
    store.db.execute("DELETE FROM photo")
    assert inspections.digest_of(store, iid) != sealed["digest"]


# == the blob store ================================================================================


@needs_pillow
def test_blob_paths_are_content_addressed(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    sha = "abcd" + "0" * 60

    assert blobs.path(sha) == tmp_path / "blobs" / "ab" / "cd" / sha
    for bad in ("../../etc/passwd", "ABCD" + "0" * 60, "ab"):
        with pytest.raises(ValueError):
            blobs.path(bad)


@needs_pillow
def test_ingest_copies_bit_exact_read_only_and_deduplicates(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    source = PHOTOS / "cameras" / "Canon_40D.jpg"

    first = blobs.ingest(source)
    second = blobs.ingest(source)

    assert first.sha256 == sha_of(source) and first.byte_size == source.stat().st_size
    assert first.existed is False and second.existed is True
    assert first.path == second.path == blobs.path(first.sha256)
    assert first.path.read_bytes() == source.read_bytes()
    assert blobs.has(first.sha256) and blobs.verify(first.sha256)
    assert not os.access(first.path, os.W_OK) or os.geteuid() == 0  # root may write anyway
    assert first.path.stat().st_mode & 0o222 == 0
    assert parts(tmp_path) == []


@needs_pillow
def test_verify_notices_a_changed_blob(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    ingested = blobs.ingest(PHOTOS / "cameras" / "Nikon_D70.jpg")
    os.chmod(ingested.path, 0o644)
    with open(ingested.path, "r+b") as blob:
        blob.seek(100)
        blob.write(b"\x00")

    assert blobs.verify(ingested.sha256) is False
    assert blobs.verify("0" * 64) is False  # missing


@needs_pillow
def test_a_file_above_the_limit_is_refused_without_a_trace(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")

    with pytest.raises(BlobError) as refused:
        blobs.ingest(PHOTOS / "cameras" / "jolla.jpg", max_bytes=100_000)

    assert str(refused.value.reason) == "jolla.jpg: the file is larger than 0 MB"
    assert refused.value.disk_full is False
    assert parts(tmp_path) == [] and blob_files(tmp_path) == set()


@needs_pillow
def test_an_unreadable_source_is_refused_without_a_trace(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")

    with pytest.raises(BlobError, match=r"gone\.jpg: the file cannot be read"):
        blobs.ingest(tmp_path / "gone.jpg")

    assert parts(tmp_path) == [] and blob_files(tmp_path) == set()


@needs_pillow
def test_a_full_disk_while_copying_leaves_no_temporary_file(tmp_path, monkeypatch):
    # A fake at the OS boundary: blobstore._write is the thin wrapper around os.write.
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(blobstore_module, "_write", full)
    blobs = BlobStore(tmp_path / "blobs")

    with pytest.raises(BlobError) as refused:
        blobs.ingest(PHOTOS / "cameras" / "Canon_40D.jpg")

    assert refused.value.disk_full is True
    assert str(refused.value.reason) == "Canon_40D.jpg: the disk is full"
    assert parts(tmp_path) == [] and blob_files(tmp_path) == set()


@needs_pillow
def test_purge_temp_removes_what_a_killed_import_left(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    blobs.tmp.mkdir(parents=True)
    for n in range(3):
        (blobs.tmp / f"{n}.part").write_bytes(b"half a photo")
    os.utime(blobs.tmp / "0.part", (0, 0))  # written long ago

    assert blobs.purge_temp(min_age=600) == 1  # the fresh ones may be another import's
    assert blobs.purge_temp() == 2
    assert parts(tmp_path) == []


# == importing =====================================================================================
