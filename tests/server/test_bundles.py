"""Sync by USB stick (issue 17): two laptops and the real server, no network between the field
laptop and the server for the bundle's trip. A bundle out, `ducha-server bundle import`, its
answer back, then online syncs: the server and both laptops compared row by row and blob by
blob. A damaged, truncated, incomplete, replayed, foreign, forged or revoked bundle is refused by
name and nothing of it is applied; a bundle whose changes went online meanwhile changes nothing."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.bundle import keys
from app.bundle.answer import import_answer
from app.bundle.export import export_bundle
from app.bundle.relay import relay_bundle
from app.sync.client import SyncClient
from app.sync.engine import SERVER_EPOCH, sync_once
from app.sync.errors import SyncRejected
from domain import bundle_format
from domain.bundle_format import BundleRefused
from local_db.store import Store
from local_db.sync_state import sync_status
from server.db import change_log
from tests.server.conftest import PASSWORD
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS

GPS = PHOTOS / "gps"
ENTITIES = ("inspection", "inspection_person", "finding", "photo")


def _last_seq(server) -> int:
    engine = server.engine()
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(change_log.c.seq))).scalar() or 0)
    finally:
        engine.dispose()


def _server_rows(server, inspection_ids: list[str]) -> dict[tuple[str, str], int]:
    """(entity, id) -> rev of every row of these inspections the server holds."""
    from server.db import ENTITY_TABLES

    engine = server.engine()
    found: dict[tuple[str, str], int] = {}
    try:
        with engine.connect() as conn:
            for entity in ENTITIES:
                table = ENTITY_TABLES[entity]
                column = table.c.id if entity == "inspection" else table.c.inspection_id
                for row_id, rev in conn.execute(
                    sa.select(table.c.id, table.c.rev).where(column.in_(inspection_ids))
                ):
                    assert (entity, row_id) not in found
                    found[(entity, row_id)] = int(rev)
    finally:
        engine.dispose()
    return found


def _laptop_rows(store: Store, inspection_ids: list[str]) -> dict[tuple[str, str], int]:
    marks = ",".join("?" * len(inspection_ids))
    found: dict[tuple[str, str], int] = {}
    for entity in ENTITIES:
        column = "id" if entity == "inspection" else "inspection_id"
        for row in store.rows(
            f"SELECT id, rev FROM {entity} WHERE {column} IN ({marks})", inspection_ids
        ):
            found[(entity, row["id"])] = int(row["rev"])
    return found


def _import(server, bundle: Path, answer: Path):
    return server.cli("bundle", "import", str(bundle), "--answer", str(answer))


def test_a_bundle_out_and_its_answer_back_then_online_sync_agree_everywhere(server, tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a, a_client = laptop(server, "insp_a", a_dir)
    b, b_client = laptop(server, "insp_a2", b_dir)
    # photos no other test of these servers sends (a laptop that pulled one would know the
    # server holds it, and rightly leave it out of the bundle)
    photos = [PHOTOS / "orientation" / f"portrait_{n}.jpg" for n in (2, 3, 4)]
    submitted = submitted_with_photos(a, a_dir, server, photos)
    before = _last_seq(server)

    out = tmp_path / "stick" / "ducha.bundle"
    done = export_bundle(a, a_dir, out, part_size=200_000)
    assert done.originals == 3 and len(done.files) > 1  # split: the photos exceed one part
    assert all(f.is_file() for f in done.files)
    assert sync_status(a).pending_changes > 0  # nothing is marked before the answer comes

    answer = tmp_path / "stick" / "ducha.answer"
    imported = _import(server, out, answer)
    assert imported.returncode == 0, imported.stderr
    assert "0 refused, 3 original(s) added" in imported.stdout
    assert _last_seq(server) > before
    for path in photos:  # the originals are on the server, byte for byte
        assert server.stored(hashlib.sha256(path.read_bytes()).hexdigest()) == path.read_bytes()

    report = import_answer(a, a_dir, answer)
    assert report.sync.rejected == 0 and report.sync.accepted == done.changes
    status = sync_status(a)
    assert (status.pending_changes, status.pending_photos, status.rejected) == (0, 0, 0)
    assert a.row("inspection", submitted["id"])["status"] == "submitted"
    again = import_answer(a, a_dir, answer)  # the same answer twice: harmless
    assert (again.sync.accepted, again.already_answered) == (0, done.batches)

    # B works online meanwhile; then everyone syncs online
    other = submitted_with_photos(
        b, b_dir, server, [PHOTOS / "orientation" / "portrait_5.jpg"], description="乱堆"
    )
    assert sync_once(b, b_dir, b_client).rejected == 0
    after_a = sync_once(a, a_dir, a_client)
    assert (after_a.accepted, after_a.photos_uploaded) == (0, 0)  # nothing went twice
    sync_once(b, b_dir, b_client)

    ids = [submitted["id"], other["id"]]
    on_server = _server_rows(server, ids)
    assert len([k for k in on_server if k[0] == "photo"]) == 4
    assert _laptop_rows(a, ids) == on_server == _laptop_rows(b, ids)
    for row in a.rows("SELECT sha256 FROM photo WHERE inspection_id IN (?, ?)", ids):
        held = a_dir / "blobs" / row["sha256"][:2] / row["sha256"][2:4] / row["sha256"]
        if held.is_file():
            assert server.stored(row["sha256"]) == held.read_bytes()
        assert server.stored(row["sha256"]) is not None


def test_a_bundle_whose_changes_went_online_meanwhile_changes_nothing(server, tmp_path):
    a_dir = tmp_path / "a"
    a, a_client = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [GPS / "DSCN0027.jpg"], description="占道")
    out, answer = tmp_path / "x.bundle", tmp_path / "x.answer"
    done = export_bundle(a, a_dir, out)
    online = sync_once(a, a_dir, a_client)  # the same batches, under the same ids
    assert online.accepted == done.changes
    seq = _last_seq(server)

    imported = _import(server, out, answer)
    assert imported.returncode == 0, imported.stderr
    assert _last_seq(server) == seq  # answered from the remembered results
    report = import_answer(a, a_dir, answer)
    assert report.sync.accepted == 0 and report.already_answered == done.batches
    assert sync_status(a).pending_changes == 0


@pytest.fixture
def exported(server, tmp_path):
    """A laptop of insp_a with a submitted inspection exported, split in parts."""
    a_dir = tmp_path / "a"
    a, _ = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [GPS / "DSCN0010.jpg", GPS / "DSCN0012.jpg"])
    out = tmp_path / "stick" / "b.bundle"
    done = export_bundle(a, a_dir, out, part_size=1_500)
    return a, a_dir, out, done


def _refused(server, bundle: Path, tmp_path: Path, code: str, name: str = "") -> None:
    seq = _last_seq(server)
    answer = tmp_path / "refused.answer"
    done = _import(server, bundle, answer)
    assert done.returncode == 1, done.stdout
    assert f"bundle refused ({code})" in done.stderr and name in done.stderr
    assert not answer.exists()
    assert _last_seq(server) == seq  # nothing applied


def _rewrite(path: Path, change) -> None:
    """Rewrite the ZIP at `path` with `change(name, data) -> data` applied to each member."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items:
            z.writestr(name, change(name, data))


def test_a_tampered_member_is_refused_by_name(server, exported, tmp_path):
    a, a_dir, _out, _done = exported
    small = tmp_path / "one.bundle"
    export_bundle(a, a_dir, small)  # not split: the members are in the file itself
    _rewrite(
        small,
        lambda name, data: (
            data.replace(b'"DL-09"', b'"DL-01"') if name.startswith("batches/") else data
        ),
    )
    _refused(server, small, tmp_path, "tampered", "batches/0001.json")


def test_a_truncated_bundle_and_a_missing_or_damaged_part_are_refused(server, exported, tmp_path):
    _a, _a_dir, out, done = exported
    part1, part2 = done.files[1], done.files[2]
    saved = part2.read_bytes()
    part2.unlink()
    _refused(server, out, tmp_path, "missing_part", part2.name)
    part2.write_bytes(saved[: len(saved) // 2])
    _refused(server, out, tmp_path, "tampered", part2.name)
    part2.write_bytes(saved)
    head = out.read_bytes()
    out.write_bytes(head[: len(head) // 2])
    _refused(server, out, tmp_path, "damaged", out.name)
    out.write_bytes(head)
    assert _import(server, out, tmp_path / "ok.answer").returncode == 0  # whole again: taken
    assert part1.is_file()


def test_a_replayed_bundle_is_refused_but_its_answer_is_issued_again(server, exported, tmp_path):
    a, a_dir, out, _done = exported
    first = tmp_path / "first.answer"
    assert _import(server, out, first).returncode == 0
    seq = _last_seq(server)
    second = tmp_path / "second.answer"
    again = _import(server, out, second)
    assert again.returncode == 1 and "bundle refused (replayed)" in again.stderr
    assert _last_seq(server) == seq
    report = import_answer(a, a_dir, second)  # the answer issued again does the work
    assert report.sync.rejected == 0 and report.sync.accepted > 0
    assert sync_status(a).pending_changes == 0


def test_a_bundle_for_another_server_is_refused(server, tmp_path):
    a_dir = tmp_path / "a"
    a, _ = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [GPS / "DSCN0010.jpg"])
    with a.transaction():
        a.set_meta(SERVER_EPOCH, "f" * 32)  # the epoch of another server it synced with
    out = tmp_path / "other.bundle"
    export_bundle(a, a_dir, out)
    _refused(server, out, tmp_path, "other_server")


def test_a_bundle_signed_by_another_device_is_refused(server, exported, tmp_path):
    a, a_dir, out, _done = exported
    b_dir = tmp_path / "b"
    b, _ = laptop(server, "insp_a2", b_dir)
    head = bundle_format.read_head(out)
    b_key = keys.private_key(b_dir, b.device_id)
    assert b_key is not None
    # A's bundle signed with B's key: the key registered for A's device does not match
    _rewrite(
        out,
        lambda name, data: (
            bundle_format.b64(bundle_format.sign(b_key, head.manifest_bytes)).encode()
            if name == bundle_format.SIGNATURE
            else data
        ),
    )
    _refused(server, out, tmp_path, "bad_signature")
    # … nor does claiming to be B, signed by A
    a_key = keys.private_key(a_dir, a.device_id)
    assert a_key is not None
    forged = json.dumps({**head.manifest, "device_id": b.device_id}, sort_keys=True).encode()
    _rewrite(
        out,
        lambda name, data: (
            forged
            if name == bundle_format.MANIFEST
            else bundle_format.b64(bundle_format.sign(a_key, forged)).encode()
            if name == bundle_format.SIGNATURE
            else data
        ),
    )
    _refused(server, out, tmp_path, "unknown_device")


def test_a_revoked_device_s_bundle_is_refused(server, tmp_path):
    name = f"bundle_rev_{server.backend}_{tmp_path.name[-6:]}"
    server.add_user(name, "inspector", "A")
    a_dir = tmp_path / "a"
    a, _ = laptop(server, name, a_dir)
    submitted_with_photos(a, a_dir, server, [GPS / "DSCN0010.jpg"])
    out = tmp_path / "rev.bundle"
    export_bundle(a, a_dir, out)
    assert server.cli("device", "revoke", a.device_id).returncode == 0
    _refused(server, out, tmp_path, "revoked")


def test_an_answer_for_another_laptop_changes_nothing(server, exported, tmp_path):
    _a, _a_dir, out, _done = exported
    answer = tmp_path / "a.answer"
    assert _import(server, out, answer).returncode == 0
    b_dir = tmp_path / "b"
    b, _ = laptop(server, "insp_a2", b_dir)
    ops_before = sync_status(b)
    with pytest.raises(BundleRefused) as refused:
        import_answer(b, b_dir, answer)
    assert refused.value.code == "other_laptop"
    assert sync_status(b) == ops_before


def test_an_office_laptop_relays_a_bundle_and_brings_the_answer_back(server, exported, tmp_path):
    a, a_dir, out, done = exported
    _office, office_client = laptop(server, "office", tmp_path / "office")
    inspector = SyncClient(server.base.removesuffix("/api/v1"))
    inspector.login("insp_a2", PASSWORD, "dev-relay-insp")
    with pytest.raises(SyncRejected) as forbidden:  # only the office relays
        relay_bundle(inspector, out)
    assert forbidden.value.status == 403

    answer = relay_bundle(office_client, out)
    assert answer == out.with_name(f"{out.name}.answer")
    report = import_answer(a, a_dir, answer)
    assert report.sync.accepted == done.changes and sync_status(a).pending_changes == 0
    seq = _last_seq(server)
    again = relay_bundle(office_client, out)  # the same bundle again: the same answer
    assert _last_seq(server) == seq
    assert import_answer(a, a_dir, again).already_answered == done.batches

    done.files[-1].unlink()
    with pytest.raises(BundleRefused) as missing:
        relay_bundle(office_client, out)
    assert missing.value.code == "missing_part"


def test_a_relayed_bundle_for_another_server_is_refused_with_its_reason(server, tmp_path):
    a_dir = tmp_path / "a"
    a, _ = laptop(server, "insp_a", a_dir)
    with a.transaction():
        a.set_meta(SERVER_EPOCH, "e" * 32)
    out = tmp_path / "other.bundle"
    export_bundle(a, a_dir, out)
    _office, office_client = laptop(server, "office", tmp_path / "office")
    seq = _last_seq(server)
    with pytest.raises(BundleRefused) as refused:
        relay_bundle(office_client, out)
    assert refused.value.code == "other_server"
    assert _last_seq(server) == seq
