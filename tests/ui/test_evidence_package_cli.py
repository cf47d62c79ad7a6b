"""The evidence package as the office makes and checks it: `ducha export package` and
`ducha verify-package` as real processes on a real store with photos imported by the real
importer (EXIF time and GPS), the notice's PDF inside; the GUI's entry point in-process.

The one that must exist: a package verifies, and fails to verify after one byte of one photo
is changed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from app.context import AppContext
from app.evidence.originals import OriginalsMissing
from app.evidence.package_action import export_package
from app.evidence.package_command import export_evidence_package
from app.i18n import install_translator
from app.photos.blobstore import BlobStore
from app.photos.importer import import_one
from app.store_setup import open_store
from domain.clock import now_iso
from domain.evidence_package import MANIFEST, MANIFEST_HASH, NOTICE_PDF
from local_db import inspections as ops
from local_db.amendments import amend_inspection
from local_db.evidence_package import verify_package
from local_db.notices import issue_notice, record_event
from local_db.reference import local_person_id, zones
from local_db.store import Store
from tests.testdata import PHOTOS
from tests.ui.conftest import start_draft
from tests.ui.test_cli import ducha

FIRST = PHOTOS / "gps" / "DSCN0010.jpg"
SECOND = PHOTOS / "gps" / "DSCN0021.jpg"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _submitted(store: Store, photos: tuple[Path, ...] = (FIRST, SECOND)) -> tuple[str, str]:
    row = start_draft(store)
    finding = ops.record_finding(
        store, row["id"], "DL-03", "problem", cases=2, description="路口东北角砂石遗撒约10米"
    )
    for photo in photos:
        import_one(
            store, store.path.parent, photo, inspection_id=row["id"], finding_id=finding["id"]
        )
    ops.mark_unanswered_ok(store, row["id"])
    ops.submit_inspection(store, row["id"], actor=local_person_id(store))
    return row["id"], finding["id"]


@pytest.fixture
def noticed(data_dir: Path) -> dict:
    """A store (closed again) with a submitted inspection, two photos and a received notice."""
    store = open_store(data_dir)
    inspection_id, finding_id = _submitted(store)
    notice = issue_notice(
        store,
        inspection_id=inspection_id,
        unit_id=zones(store)[0]["unit_id"],
        finding_ids=[finding_id],
        requirements="立即清理路面遗撒",
        due_at="2099-01-01T00:00:00.000000Z",
        issued_by=local_person_id(store),
        issued_at=now_iso(),
    )
    record_event(store, notice["id"], "acknowledged", actor=local_person_id(store), signer="李主任")
    store.close()
    return {"inspection_id": inspection_id, "notice": notice}


def export(data_dir: Path, out: Path, *subject: str) -> subprocess.CompletedProcess[str]:
    return ducha("export", "package", *subject, "--data-dir", str(data_dir), "--out", str(out))


def tampered(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return target


def test_a_package_verifies_and_fails_after_one_byte_of_one_photo_changes(
    data_dir, noticed, tmp_path
):
    number = noticed["notice"]["number"]
    out = tmp_path / "证据包.zip"
    done = export(data_dir, out, "--notice", number)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as zf:
        raw = zf.read(MANIFEST)
        pdf = zf.read(NOTICE_PDF)
        assert zf.read(f"photos/{sha(FIRST)}.jpg") == FIRST.read_bytes()
    anchor = hashlib.sha256(raw).hexdigest()
    assert f"manifest SHA-256 {anchor}" in done.stdout
    manifest = json.loads(raw)
    photo = next(
        p for p in manifest["inspections"][0]["photos"] if p["original_name"] == FIRST.name
    )
    assert photo["taken_at_raw"] and photo["gps_lat"] is not None  # what the importer read
    assert manifest["notices"][0]["state"] == "acknowledged"
    (tmp_path / "n.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "n.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert number in text

    verified = ducha("verify-package", str(out))
    assert verified.returncode == 0, verified.stdout
    assert "VERIFIED" in verified.stdout and anchor in verified.stdout

    target = f"photos/{sha(SECOND)}.jpg"

    def one_byte(name: str, data: bytes) -> bytes:
        return data[:4000] + bytes([data[4000] ^ 0x10]) + data[4001:] if name == target else data

    failed = ducha("verify-package", str(tampered(out, tmp_path / "altered.zip", one_byte)))
    assert failed.returncode == 1
    assert "NOT VERIFIED: 1 problem" in failed.stdout
    problem = failed.stdout.split("NOT VERIFIED")[1]
    assert target in problem and SECOND.name in problem and "changed" in problem
    assert sha(FIRST) not in problem


def test_a_changed_manifest_a_removed_photo_and_not_a_zip(data_dir, noticed, tmp_path):
    out = tmp_path / "evidence.zip"
    assert export(data_dir, out, "--inspection", noticed["inspection_id"][:13]).returncode == 0

    def manifest_edit(name: str, data: bytes) -> bytes:  # the problem made smaller
        return (
            data.replace("砂石遗撒约10米".encode(), "少量砂石".encode())
            if name == MANIFEST
            else data
        )

    edited = ducha("verify-package", str(tampered(out, tmp_path / "m.zip", manifest_edit)))
    assert edited.returncode == 1
    assert "manifest.json" in edited.stdout and "the manifest was changed" in edited.stdout

    gone = f"photos/{sha(FIRST)}.jpg"
    removed = ducha(
        "verify-package",
        str(tampered(out, tmp_path / "r.zip", lambda n, d: None if n == gone else d)),
    )
    assert removed.returncode == 1
    assert f"{gone} ({FIRST.name}" in removed.stdout and "missing" in removed.stdout

    hash_gone = ducha(
        "verify-package",
        str(tampered(out, tmp_path / "h.zip", lambda n, d: None if n == MANIFEST_HASH else d)),
    )
    assert hash_gone.returncode == 1 and MANIFEST_HASH in hash_gone.stdout

    not_zip = tmp_path / "photo.zip"
    not_zip.write_bytes(FIRST.read_bytes())
    refused = ducha("verify-package", str(not_zip))
    assert refused.returncode == 2
    assert "not a readable ZIP" in refused.stderr and str(not_zip) in refused.stderr
    nowhere = ducha("verify-package", str(tmp_path / "nowhere.zip"))
    assert nowhere.returncode == 2 and "nowhere.zip" in nowhere.stderr


def test_the_gui_entry_point_packages_an_amended_chain(qapp, data_dir, tmp_path):
    """What the review screen calls from a worker thread: no widgets; the whole chain."""
    store = open_store(data_dir)
    try:
        first_id, _ = _submitted(store, (FIRST,))
        draft = amend_inspection(store, first_id, actor=local_person_id(store))
        ops.record_finding(store, draft["id"], "DL-03", "problem", cases=1, description="一处")
        ops.submit_inspection(store, draft["id"], actor=local_person_id(store))
        out = export_evidence_package(store, inspection_id=draft["id"], out=tmp_path / "c.zip")
    finally:
        store.close()
    result = verify_package(out)
    assert result.ok, result.problems
    assert result.manifest is not None
    versions = result.manifest["inspections"]
    assert [v["inspection"]["id"] for v in versions] == [first_id, draft["id"]]
    assert [v["inspection"]["amends_id"] for v in versions] == [None, first_id]
    assert versions[0]["findings"] != versions[1]["findings"]
    with zipfile.ZipFile(out) as zf:
        assert NOTICE_PDF not in zf.namelist()
    assert ducha("verify-package", str(out)).returncode == 0


def test_a_photo_not_on_this_laptop_is_refused_by_name(qapp, data_dir, noticed, tmp_path):
    BlobStore(data_dir / "blobs").path(sha(SECOND)).unlink()  # a replica without that original
    out = tmp_path / "evidence.zip"
    done = export(data_dir, out, "--notice", noticed["notice"]["number"])
    assert done.returncode == 1
    # named by its file name and the problem it belongs to, in the user's language
    assert SECOND.name in done.stderr and "DL-03" in done.stderr, done.stderr
    assert sha(SECOND) not in done.stderr
    assert not out.exists()
    store = Store.open(data_dir)
    try:
        with pytest.raises(OriginalsMissing) as refused:
            export_evidence_package(store, notice_id=noticed["notice"]["id"], out=out)
    finally:
        store.close()
    assert [o.sha256 for o in refused.value.missing] == [sha(SECOND)]
    unknown = export(data_dir, out, "--inspection", "no-such-inspection")
    assert unknown.returncode == 2 and "no-such-inspection" in unknown.stderr


def test_the_window_says_in_words_why_a_package_was_not_written(
    qtbot, qapp, data_dir, noticed, tmp_path
):
    """From a window, as a job: a replica lacking an original, with no login to fetch it."""
    BlobStore(data_dir / "blobs").path(sha(SECOND)).unlink()
    install_translator(qapp, "zh_CN")
    store = Store.open(data_dir)
    window = QWidget()
    qtbot.addWidget(window)
    status = QLabel(window)
    out = tmp_path / "evidence.zip"
    try:
        job = export_package(
            AppContext(store),
            window,
            status,
            notice_id=noticed["notice"]["id"],
            name="evidence",
            out=out,
        )
        assert job is not None
        assert status.text() == "正在生成证据包 evidence.zip…"
        with qtbot.waitSignal(job.failed, timeout=20000) as failed:
            pass
    finally:
        store.close()
        install_translator(qapp, "en")
    why = (
        "本文档所需的 1 张照片原件不在本机，且本机未登录服务器，无法下载。未生成任何文件；"
        "请登录后重新导出。"
    )
    [said] = failed.args
    assert said.startswith(why + "\n  " + SECOND.name + "（") and "督查的问题 DL-03" in said
    assert status.text() == f"证据包未能生成：{said}"
    assert not out.exists()
