"""The evidence browser on a reviewer's replica against the real server: the inspector's laptop
pushes an inspection with real photos; the office's laptop pulls the rows (not the bytes) and
opens the viewer. The thumbnail comes first, then the original, verified, into its blob store;
offline it says so and keeps the thumbnail; markup is saved as an annotation and comes back after
the store is reopened, while the original's bytes never change; a photo taken far from the
inspection's time carries a visible warning."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.evidence.browser import EvidenceViewer, open_evidence_viewer
from app.evidence.markup_layer import ARROW, ELLIPSE, TEXT
from app.evidence.photo_strip import PhotoStrip
from app.evidence.remote_photos import ClientFactory, RemoteBlobs
from app.evidence.thumbnail_loader import ThumbnailLoader
from app.i18n import install_translator
from app.photos.blobstore import BlobStore
from app.sync.client import SyncClient
from app.sync.credentials import save_token
from app.sync.engine import sync_once
from local_db import annotations
from local_db.photos import photos_of
from local_db.receipts import record_pushed
from local_db.store import Store
from local_db.sync_state import sync_status
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS
from tests.ui.conftest import type_text

pytestmark = pytest.mark.parametrize("server", ["sqlite"], indirect=True)

GPS = PHOTOS / "gps" / "DSCN0010.jpg"  # EXIF 2008: far from any inspection made today
TURNED = PHOTOS / "orientation" / "landscape_6.jpg"  # stored 450×600, shown upright 600×450
SHOTS = Path("/tmp/ducha-evidence-shots")


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inspect(server, tmp_path: Path, files: list[Path]) -> str:
    """The inspector's laptop: an inspection with these photos on a finding, submitted, synced."""
    store, client = laptop(server, "insp_a", tmp_path / "inspector")
    row = submitted_with_photos(store, tmp_path / "inspector", server, files)
    report = sync_once(store, tmp_path / "inspector", client)
    status = sync_status(store)
    assert report.rejected == 0 and (status.pending_changes, status.pending_photos) == (0, 0)
    client.close()
    store.close()
    return row["id"]


def client_for(base: str, token: str) -> ClientFactory:
    root = base.removesuffix("/api/v1")
    return lambda: SyncClient(root, token, timeout=(5.0, 30.0))


def leftovers(folder: Path) -> list[Path]:
    return [p for p in (folder / "blobs" / "tmp").glob("*")] if (folder / "blobs").exists() else []


@pytest.fixture(autouse=True)
def chinese(qapp) -> None:
    install_translator(qapp, "zh_CN")


@pytest.fixture
def watch() -> Iterator[list[QWidget]]:
    """Widgets a test opened: those it did not close (it failed early) are closed after it."""
    opened: list[QWidget] = []
    yield opened
    for widget in opened:
        if shiboken6.isValid(widget):
            widget.close()


@contextmanager
def own_server_process(server) -> Iterator[dict[str, Any]]:
    """One more server process over the same data: stopping it leaves the shared one running."""
    base = server.start()
    proc = server.processes[-1]
    state = {"base": base, "stop": None}

    def stop() -> None:
        proc.terminate()
        proc.wait(10)

    state["stop"] = stop
    try:
        yield state
    finally:
        if proc.poll() is None:
            stop()
        server.processes.remove(proc)
        server.bases.remove(base)


def drag(viewer: EvidenceViewer, start: QPoint, end: QPoint) -> None:
    port = viewer.view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, (start + end) / 2)
    QTest.mouseMove(port, end)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_reviewer_sees_thumbnail_then_verified_original_and_marks_it_up(
    qtbot, watch, server, tmp_path
):
    # A third photo only this test uploads: a real photo with bytes after its end (still a JPEG,
    # a hash of its own), which the server's disk will then hold damaged.
    damaged = tmp_path / "damaged.jpg"
    damaged.write_bytes(TURNED.read_bytes() + b"ducha-" + tmp_path.name.encode())
    inspection_id = inspect(server, tmp_path, [GPS, TURNED, damaged])
    bad = sha_of(damaged)
    on_server = server.data_dir / "blobs" / bad[:2] / bad[2:4] / bad
    on_server.chmod(0o644)
    on_server.write_bytes(damaged.read_bytes()[:-1] + b"!")  # the disk rotted

    office_dir = tmp_path / "office"
    office, o_client = laptop(server, "office", office_dir)
    photos = photos_of(office, inspection_id)
    assert [p["original_name"] for p in photos][:1] == ["DSCN0010.jpg"]  # by time taken
    blobs = BlobStore(office_dir / "blobs")
    assert not any(blobs.has(p["sha256"]) for p in photos)  # rows came, the bytes did not

    seen: list[tuple[str, str]] = []
    viewer = open_evidence_viewer(
        office, photos, 0, make_client=client_for(server.base, o_client.token)
    )
    watch.append(viewer)
    viewer.preview_shown.connect(lambda pid: seen.append(("thumbnail", pid)))
    viewer.image_shown.connect(lambda pid: seen.append(("original", pid)))
    assert viewer.state_text() == "正在下载原图…"
    first = photos[0]
    qtbot.waitUntil(lambda: ("original", first["id"]) in seen, timeout=30000)
    assert seen.index(("thumbnail", first["id"])) < seen.index(("original", first["id"]))
    assert blobs.path(first["sha256"]).read_bytes() == GPS.read_bytes()
    assert sha_of(blobs.path(first["sha256"])) == first["sha256"]
    assert viewer.state_text() == ""
    assert viewer.view.scene().sceneRect().size().toSize().toTuple() == (640, 480)

    # The times: EXIF and place beside the recorded and received ones, and the warning.
    assert viewer.time_banner.isVisible()
    assert "相机时间（EXIF）比检查开始早" in viewer.time_banner.text()
    assert "天" in viewer.time_banner.text()
    assert viewer.facts["taken_raw"].text() == "2008:10:22 16:28:39"
    assert viewer.facts["gps"].text().startswith("43.467448")
    assert viewer.facts["received"].text()[:2] == "20"  # a time, the server's
    assert " 至 " in viewer.facts["recorded"].text()

    # Markup: an arrow, a circle and words; one slip too short to count; undo the extra one.
    assert viewer.author == server.users["office"]
    center = viewer.view.viewport().rect().center()
    viewer.set_tool(ARROW)
    drag(viewer, center + QPoint(-150, -100), center + QPoint(-20, -10))
    drag(viewer, center, center + QPoint(2, 1))  # a slip
    viewer.set_tool(ELLIPSE)
    drag(viewer, center + QPoint(-10, -40), center + QPoint(120, 60))
    type_text(viewer.markup_text, "占道经营")
    viewer.set_tool(TEXT)
    QTest.mouseClick(
        viewer.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        center + QPoint(-200, 80),
    )
    viewer.set_tool(ARROW)
    drag(viewer, center + QPoint(100, 100), center + QPoint(150, 150))
    viewer.undo_markup()
    [row] = annotations.annotations_of(office, first["id"])
    assert [s["kind"] for s in row["shapes"]] == ["arrow", "ellipse", "text"]
    assert row["author"] == server.users["office"] and row["author_name"] == "office"
    assert all(0 <= s.get("x2", s.get("x")) <= 640 for s in row["shapes"])  # original's pixels
    assert row["shapes"][2]["text"] == "占道经营"
    viewer.clear_markup()
    assert viewer.markup_shapes() == []
    viewer.undo_markup()  # delete all, taken back
    assert len(viewer.markup_shapes()) == 3
    assert "office · " in viewer.facts["markup"].text()
    viewer.markup_toggle.click()
    assert not viewer.markup.isVisible()
    viewer.markup_toggle.click()
    assert viewer.markup.isVisible()
    viewer.zoom_in()  # markup keeps to the photo's pixels at any zoom
    viewer.fit()

    SHOTS.mkdir(exist_ok=True)
    assert viewer.grab().save(str(SHOTS / "evidence-viewer-markup.png"))

    # The second photo: turned upright, thumbnail then original.
    viewer.next()
    second = photos[1]
    qtbot.waitUntil(lambda: ("original", second["id"]) in seen, timeout=30000)
    assert viewer.view.scene().sceneRect().size().toSize().toTuple() == (600, 450)
    assert sha_of(blobs.path(second["sha256"])) == second["sha256"]

    # The third: the server's copy is damaged; it is refused, said, and nothing is kept.
    viewer.next()
    assert viewer.current_photo["sha256"] == bad
    qtbot.waitUntil(
        lambda: "已拒收" in viewer.state_text() or "已拒收" in viewer.message(), timeout=30000
    )
    assert not blobs.has(bad) and leftovers(office_dir) == []
    assert ("original", photos[2]["id"]) not in seen

    # The markup travels; the evidence never changed.
    report = sync_once(office, office_dir, o_client)
    assert report.rejected == 0 and report.accepted >= 1
    viewer.close()
    office.close()
    assert sha_of(blobs.path(first["sha256"])) == first["sha256"]
    assert blobs.verify(first["sha256"])

    # Reopened, with no server at all: the local original, the markup back, no network.
    office = Store.open(office_dir)
    again = open_evidence_viewer(office, photos_of(office, inspection_id), 0, make_client=None)
    watch.append(again)
    with qtbot.waitSignal(again.image_shown, timeout=30000):
        pass
    assert again.state_text() == "" and again.message() == ""
    assert [s["kind"] for s in again.markup_shapes()] == ["arrow", "ellipse", "text"]
    assert again.markup_shapes() == row["shapes"]
    assert again.tool_buttons[ARROW].isEnabled()
    again.close()
    office.close()
    o_client.close()


def test_offline_the_viewer_says_so_and_keeps_the_thumbnail(qtbot, watch, server, tmp_path):
    inspection_id = inspect(server, tmp_path, [GPS, TURNED])
    folder = tmp_path / "office"
    with own_server_process(server) as process:
        office, o_client = laptop(server, "office", folder, base=process["base"])
        photos = photos_of(office, inspection_id)
        make_client = client_for(process["base"], o_client.token)
        # The viewer finds the server and login the sync uses (settings, saved token).
        root = process["base"].removesuffix("/api/v1")
        QSettings().setValue("sync/server", root)
        QSettings().setValue("sync/username", "office")
        save_token(folder, root, "office", o_client.token)

        # The strip on a replica: thumbnails from the server (the first photo's only).
        loader = ThumbnailLoader(folder, remote=RemoteBlobs(folder, make_client))
        strip = PhotoStrip(loader)
        qtbot.addWidget(strip)
        got: list[str] = []
        loader.loaded.connect(lambda sha, image: got.append(sha) if not image.isNull() else None)
        strip.set_photos(photos[:1], {})
        qtbot.waitUntil(lambda: photos[0]["sha256"] in got, timeout=30000)
        assert not strip.item(0).icon().isNull()
        assert loader.cached(photos[0]["sha256"]).width() <= 320
        process["stop"]()  # the server goes away

    viewer = open_evidence_viewer(office, photos, 0)
    watch.append(viewer)
    with qtbot.waitSignal(viewer.preview_shown, timeout=30000):
        pass
    qtbot.waitUntil(lambda: "离线" in viewer.state_text(), timeout=30000)
    assert viewer.view.has_image()  # the thumbnail stays
    assert "缩略图" in viewer.state_text()
    assert not BlobStore(folder / "blobs").has(photos[0]["sha256"])
    assert leftovers(folder) == []
    assert viewer.time_banner.isVisible()
    SHOTS.mkdir(exist_ok=True)
    assert viewer.grab().save(str(SHOTS / "evidence-viewer-offline.png"))

    viewer.next()  # no thumbnail here either: said in words, no crash
    qtbot.waitUntil(lambda: "离线" in viewer.message(), timeout=30000)
    assert not viewer.view.has_image()
    viewer.previous()
    assert viewer.view.has_image()
    viewer.close()
    office.close()
    o_client.close()


def test_a_photo_whose_original_is_here_needs_no_server(qtbot, watch, server, tmp_path):
    """The inspector's own laptop: the viewer decodes the local original; nothing is fetched,
    and an inspector may look at markup but not draw it."""
    inspection_id = inspect(server, tmp_path, [TURNED])
    store = Store.open(tmp_path / "inspector")
    [photo] = photos_of(store, inspection_id)
    # The server answered this laptop's push: its clock ran 25 minutes ahead.
    record_pushed(store, [("photo", photo["id"])], photo["updated_at"], 25 * 60.0)
    viewer = open_evidence_viewer(store, [photo], 0, make_client=None)
    watch.append(viewer)
    with qtbot.waitSignal(viewer.image_shown, timeout=30000):
        pass
    assert viewer.state_text() == "" and viewer.author is None
    assert "电脑时钟比服务器快至少 25 分钟" in viewer.time_banner.text()
    assert "没有相机拍摄时间" in viewer.time_banner.text()  # and no EXIF time to check
    assert not viewer.tool_buttons[ARROW].isVisibleTo(viewer)
    assert viewer.read_only_note.isVisibleTo(viewer)
    assert isinstance(viewer.view.item.pixmap().toImage(), QImage)
    viewer.close()
    store.close()
