"""The office has its evidence offline (issue 12, finding 4), with real windows and the real
`ducha` command against a real server of the test's own:

- the app of an office laptop, after its sync, keeps the originals of its units' submitted
  inspections in the background, with "原件 n/m" in the status bar; with the server stopped the
  evidence viewer shows the original (on the old code nothing was fetched: offline it had none);
- `ducha export notice` / `bulletin` / `package`, online, fetch the originals they lack first and
  the document is complete (its photos really in the PDF: rendered to PNG with pdftoppm);
  offline with an original missing, each exits non-zero naming the photo and its problem, and
  writes nothing (on the old code the notice was written with "照片无法读取：<sha>" and exit 0,
  the bulletin with "照片原件不在本机", the package said "sync to fetch them").
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings

from app.documents.bulletin_export import bulletin_originals
from app.evidence.browser import open_evidence_viewer
from app.i18n import install_translator
from app.photos.blobstore import BlobStore
from app.sync.credentials import save_token
from domain.assessment import Period
from domain.clock import office_zone, to_iso, utc_now
from local_db.inspections import findings
from local_db.notices import issue_notice
from local_db.photos import photos_of
from local_db.reviews import record_review
from local_db.store import Store
from tests.server.conftest import PASSWORD, ROOT
from tests.server.offline_office import (
    inspector_submits,
    office_laptop,
    own_server,
    sha,
    unique_photos,
)

SHOTS = Path("/tmp/ducha-evidence-shots")


def ducha(env: dict[str, str], *args: str | Path, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "app.shell.cli", *(str(a) for a in args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )


def pdf_images(pdf: Path) -> int:
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    return len(listed.stdout.splitlines()[2:])


def test_exports_fetch_what_they_lack_online_and_refuse_offline(tmp_path: Path) -> None:
    photos = unique_photos(tmp_path / "camera", 2)
    folder = tmp_path / "office"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    with own_server(tmp_path / "server") as server:
        [inspection] = inspector_submits(server, tmp_path / "insp", [(photos, None)])
        office, _token = office_laptop(server, folder)
        try:
            me = office.meta("local_person_id")
            record_review(office, inspection["id"], "accepted", reviewer=me)
            found = findings(office, inspection["id"]).values()
            [finding] = [f for f in found if f["result"] == "problem"]
            notice = issue_notice(
                office,
                inspection_id=inspection["id"],
                unit_id=server.units["A"],
                finding_ids=[finding["id"]],
                requirements="立即清理占道物品。",
                due_at=to_iso(utc_now() + timedelta(days=3)),
                issued_by=me,
            )
        finally:
            office.close()
        number = notice["number"]
        month = utc_now().astimezone(office_zone()).strftime("%Y-%m")
        url = server.base.removesuffix("/api/v1")
        login = ducha(env, "login", "--data-dir", folder, "--server", url, "--user", "office",
                      stdin=PASSWORD + "\n")  # fmt: skip
        assert login.returncode == 0, login.stderr
        blobs = BlobStore(folder / "blobs")
        assert not blobs.has(sha(photos[0])) and not blobs.has(sha(photos[1]))

        # Online: the notice fetches both originals first; both photos are in the PDF.
        notice_pdf = tmp_path / "notice.pdf"
        done = ducha(env, "--lang", "zh_CN", "export", "notice", number,
                     "--data-dir", folder, "--out", notice_pdf)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert blobs.has(sha(photos[0])) and blobs.has(sha(photos[1]))
        assert pdf_images(notice_pdf) == 2
        SHOTS.mkdir(exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(notice_pdf),
             str(SHOTS / "notice-online")],
            check=True,
        )  # fmt: skip
        assert list(SHOTS.glob("notice-online*.png"))

        # The bulletin (its typical photo: the problem's first) and the package fetch what
        # was removed since.
        office = Store.open(folder)
        try:
            [typical_sha] = bulletin_originals(office, Period.parse_month(month))
        finally:
            office.close()
        typical = next(p for p in photos if sha(p) == typical_sha)
        for args, out, gone in (
            (("bulletin", "--month", month), tmp_path / "bulletin.pdf", typical),
            (("package", "--notice", number), tmp_path / "evidence.zip", photos[1]),
        ):
            blobs.path(sha(gone)).unlink()
            done = ducha(env, "export", *args, "--data-dir", folder, "--out", out)
            assert done.returncode == 0, done.stderr
            assert blobs.has(sha(gone)), args
        assert pdf_images(tmp_path / "bulletin.pdf") == 1  # one typical photo per unit
        verified = ducha(env, "verify-package", tmp_path / "evidence.zip")
        assert verified.returncode == 0, verified.stdout

        # Offline, one original missing (the typical one): every export refuses by name and
        # writes nothing.
        blobs.path(typical_sha).unlink()
        server.stop()
        for args, out in (
            (("notice", number), tmp_path / "offline.pdf"),
            (("notice", number), tmp_path / "offline.docx"),
            (("bulletin", "--month", month), tmp_path / "offline-bulletin.pdf"),
            (("bulletin", "--month", month), tmp_path / "offline-bulletin.docx"),
            (("package", "--notice", number), tmp_path / "offline.zip"),
        ):
            done = ducha(env, "--lang", "zh_CN", "export", *args, "--data-dir", folder,
                         "--out", out)  # fmt: skip
            assert done.returncode == 1, (args, done.stdout, done.stderr)
            assert typical.name in done.stderr and "DL-09" in done.stderr, done.stderr
            assert "无法连接服务器" in done.stderr, done.stderr
            assert "Traceback" not in done.stderr
            assert not out.exists(), out
            assert not [p for p in tmp_path.glob(".offline*")], "no partial file left"
        assert typical_sha not in done.stderr  # named by its file name, not its hash


def test_the_app_keeps_the_originals_and_shows_them_offline(
    qtbot, qapp, launch, tmp_path: Path
) -> None:
    photos = unique_photos(tmp_path / "camera", 3)
    folder = tmp_path / "office"
    with own_server(tmp_path / "server") as server:
        [inspection] = inspector_submits(server, tmp_path / "insp", [(photos, None)])
        office, token = office_laptop(server, folder)
        office.close()
        root = server.base.removesuffix("/api/v1")
        QSettings().setValue("sync/server", root)
        QSettings().setValue("sync/username", "office")
        save_token(folder, root, "office", token)

        window = launch(folder)  # logged in: it syncs at start, then keeps the originals
        segment = window.originals_bar
        steps: list[tuple[int, int]] = []
        window.sync.originals.progress.connect(lambda held, wanted: steps.append((held, wanted)))
        reports = []
        window.sync.originals.finished.connect(reports.append)
        qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
        assert (reports[0].wanted, reports[0].held) == (3, 3)
        assert steps[-1] == (3, 3) and (0, 3) in steps
        assert segment.isVisible() and segment.text() == "原件 3/3"
        assert "3" in segment.toolTip() and "90" in segment.toolTip()
        SHOTS.mkdir(exist_ok=True)
        window.statusBar().grab().save(str(SHOTS / "originals-status.png"))
        server.stop()

    # Offline: the evidence viewer shows the original itself, from this laptop.
    store = Store.open(folder)
    try:
        photos_here = photos_of(store, inspection["id"])
        assert {p["sha256"] for p in photos_here} == {sha(p) for p in photos}
        viewer = open_evidence_viewer(store, photos_here, 0)  # deleted when it closes
        try:
            with qtbot.waitSignal(viewer.image_shown, timeout=30_000):
                pass
            assert viewer.state_text() == ""  # the original: not a preview, not "offline"
            assert viewer.view.has_image()
            viewer.grab().save(str(SHOTS / "viewer-offline-original.png"))
        finally:
            if shiboken6.isValid(viewer):
                viewer.close()
    finally:
        store.close()

    # Offline, the app's notice export with one original gone: refused in words, naming the
    # photo and its problem; nothing written.
    store = window.context.store
    me = store.meta("local_person_id")
    [finding] = [f for f in findings(store, inspection["id"]).values() if f["result"] == "problem"]
    notice = issue_notice(
        store,
        inspection_id=inspection["id"],
        unit_id=server.units["A"],
        finding_ids=[finding["id"]],
        requirements="立即清理占道物品。",
        due_at=to_iso(utc_now() + timedelta(days=3)),
        issued_by=me,
    )
    BlobStore(folder / "blobs").path(sha(photos[2])).unlink()
    window.context.notify()
    notices = window.notices
    qtbot.waitUntil(lambda: notices.select_notice(notice["id"]), timeout=10_000)
    out = tmp_path / "notice.pdf"
    job = notices.export(".pdf", out)
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=30_000) as failed:
        pass
    [said] = failed.args
    assert said.startswith("无法连接服务器") and f"{photos[2].name}（" in said and "DL-09" in said
    assert notices.status.text() == f"导出失败：{said}"
    assert not out.exists()


def test_the_status_segment_says_why_originals_were_not_fetched(qtbot, qapp, launch, data_dir):
    """An office laptop that cannot reach its server: the segment says so in words."""
    from app.evidence.keep_originals import KeepReport
    from app.photos.fetch import OFFLINE

    install_translator(qapp, "zh_CN")
    window = launch(data_dir)
    segment = window.originals_bar
    assert not segment.isVisible()  # nothing to say yet
    window.sync.originals.progress.emit(4, 10)
    assert segment.isVisible() and segment.text() == "原件 4/10"
    window.sync.originals.finished.emit(KeepReport(wanted=10, held=4, beyond=2, stopped=OFFLINE))
    assert "无法连接服务器" in segment.toolTip() and "2" in segment.toolTip()
    window.sync.originals.finished.emit(KeepReport(office=False))
    assert not segment.isVisible()  # an inspector's laptop keeps no one else's originals
