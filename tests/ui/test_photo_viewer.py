"""The photo viewer: real camera files, decoded off the GUI thread, the watermark only on screen.

Navigation stops at the first and the last photo (no wrap-around).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PIL import Image, ImageOps
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.evidence.photo_viewer import PhotoViewer
from app.i18n import install_translator
from tests.testdata import PHOTOS as TESTDATA_PHOTOS

PHOTOS = TESTDATA_PHOTOS


def decode(path: Path) -> QImage:
    """What the app's loader does: open, turn upright by EXIF, hand over a QImage."""
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    data = upright.tobytes()
    width, height = upright.size
    return QImage(data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def photo(photo_id: str, relative: str, **facts: Any) -> dict[str, Any]:
    path = PHOTOS / relative
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112)
    row = {
        "id": photo_id,
        "path": path,
        "sha256": photo_id * 64,
        "original_name": path.name,
        "taken_at_raw": None,
        "taken_at": None,
        "gps_lat": None,
        "gps_lon": None,
        "camera": None,
        "width": width,
        "height": height,
        "orientation": orientation,
        "format": "JPEG",
        "byte_size": path.stat().st_size,
        "caption": None,
    }
    row.update(facts)
    return row


GPS = photo(
    "a",
    "gps/DSCN0010.jpg",
    taken_at_raw="2008:11:01 21:15:07",
    taken_at="2008-11-01T13:15:07.000000Z",
    gps_lat=43.46744833333334,
    gps_lon=11.885126666663888,
    camera="NIKON COOLPIX P6000",
    caption="占道经营，西侧人行道",
)
LANDSCAPE_6 = photo("b", "orientation/landscape_6.jpg")
PORTRAIT_3 = photo("c", "orientation/portrait_3.jpg")
LANDSCAPE_1 = photo("d", "orientation/landscape_1.jpg")
ALBUM = [GPS, LANDSCAPE_6, PORTRAIT_3, LANDSCAPE_1]


def stamp(p: dict[str, Any]) -> list[str]:
    return ["2026-03-02 09:40:01", "人民路（解放路—建设路）", f"督查 王磊 · {p['id']}"]


class Loads:
    """The `load` given to the viewer: decodes the file and notes the thread it ran in."""

    def __init__(self, fail: set[str] | None = None) -> None:
        self.threads: list[int] = []
        self.fail = fail or set()

    def __call__(self, p: dict[str, Any]) -> QImage:
        self.threads.append(threading.get_ident())
        if p["id"] in self.fail:
            raise OSError(f"broken data stream when reading image file {p['original_name']}")
        return decode(p["path"])


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> None:
    install_translator(qapp, "en")


@pytest.fixture
def open_viewer(qtbot) -> Iterator[Callable[..., PhotoViewer]]:
    def start(
        photos: list[dict[str, Any]] = ALBUM,
        index: int = 0,
        load: Callable[[dict[str, Any]], QImage] | None = None,
        wait: bool = True,
        **options: Any,
    ) -> PhotoViewer:
        viewer = PhotoViewer(photos, index, load or Loads(), stamp, **options)
        qtbot.addWidget(viewer)
        if wait:
            with qtbot.waitSignal(viewer.image_shown) as shown:
                viewer.show()
            assert shown.args == [photos[index]["id"]]
        else:
            viewer.show()
        qtbot.waitExposed(viewer)
        return viewer

    yield start


def go(qtbot, viewer: PhotoViewer, key: Qt.Key, expected: str) -> None:
    """Press a key and wait until the expected photo is on the screen."""
    with qtbot.waitSignal(viewer.image_shown, check_params_cb=lambda i: i == expected):
        qtbot.keyClick(viewer, key)
    assert viewer.current_photo is not None and viewer.current_photo["id"] == expected


def shown_image(viewer: PhotoViewer) -> QImage:
    return viewer.view.item.pixmap().toImage()


def test_opens_on_the_given_photo_and_shows_it(open_viewer) -> None:
    viewer = open_viewer(index=2)
    assert viewer.current_index == 2
    assert viewer.message() == ""
    assert viewer.status.text().startswith("3 / 4 · portrait_3.jpg · ")
    assert viewer.status.text().endswith(" %")


def test_load_runs_in_a_worker_thread_never_the_gui_thread(open_viewer, qtbot) -> None:
    loads = Loads()
    viewer = open_viewer(load=loads)
    go(qtbot, viewer, Qt.Key.Key_Right, "b")
    assert loads.threads
    assert threading.get_ident() not in loads.threads
    assert threading.main_thread().ident not in loads.threads


def test_navigation_moves_and_stops_at_both_ends(open_viewer, qtbot) -> None:
    viewer = open_viewer(index=1)
    go(qtbot, viewer, Qt.Key.Key_Right, "c")
    go(qtbot, viewer, Qt.Key.Key_Left, "b")
    go(qtbot, viewer, Qt.Key.Key_End, "d")
    assert viewer.current_index == 3
    with qtbot.assertNotEmitted(viewer.image_shown):
        qtbot.keyClick(viewer, Qt.Key.Key_PageDown)  # the last photo: stays (no wrap-around)
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
        qtbot.keyClick(viewer, Qt.Key.Key_Space)
    assert viewer.current_index == 3
    assert not viewer.next_button.isEnabled()
    go(qtbot, viewer, Qt.Key.Key_Home, "a")
    with qtbot.assertNotEmitted(viewer.image_shown):
        qtbot.keyClick(viewer, Qt.Key.Key_PageUp)  # the first photo: stays
        qtbot.keyClick(viewer, Qt.Key.Key_Left)
        qtbot.keyClick(viewer, Qt.Key.Key_Backspace)
    assert viewer.current_index == 0
    go(qtbot, viewer, Qt.Key.Key_PageDown, "b")
    go(qtbot, viewer, Qt.Key.Key_Space, "c")
    go(qtbot, viewer, Qt.Key.Key_Backspace, "b")
    go(qtbot, viewer, Qt.Key.Key_PageUp, "a")


def test_keys_reach_the_viewer_from_the_image_view(open_viewer, qtbot) -> None:
    viewer = open_viewer()
    with qtbot.waitSignal(viewer.image_shown, check_params_cb=lambda i: i == "b"):
        qtbot.keyClick(viewer.view, Qt.Key.Key_Right)
    assert viewer.current_index == 1


def test_zoom_keys(open_viewer, qtbot) -> None:
    viewer = open_viewer()
    fit = viewer.zoom_factor()
    assert fit == pytest.approx(viewer.fit_factor())
    image = viewer.view.item.pixmap()
    shown = viewer.view.mapFromScene(viewer.view.item.sceneBoundingRect()).boundingRect()
    area = viewer.view.viewport().rect()
    assert area.contains(shown.adjusted(1, 1, -1, -1))  # the whole image is in the window

    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.zoom_factor() == pytest.approx(fit * 1.25)
    qtbot.keyClick(viewer, Qt.Key.Key_Equal)
    assert viewer.zoom_factor() == pytest.approx(fit * 1.25 * 1.25)
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.zoom_factor() == pytest.approx(fit * 1.25)
    qtbot.keyClick(viewer, Qt.Key.Key_F)
    assert viewer.zoom_factor() == pytest.approx(fit)
    qtbot.keyClick(viewer, Qt.Key.Key_1)
    assert viewer.zoom_factor() == pytest.approx(1.0)
    assert viewer.status.text().endswith(" · 100 %")
    qtbot.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.zoom_factor() == pytest.approx(fit)
    assert viewer.view.item.pixmap().cacheKey() == image.cacheKey()  # zoom never re-renders


def test_arrow_keys_pan_while_zoomed_in(open_viewer, qtbot) -> None:
    viewer = open_viewer()
    for _ in range(4):
        qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    bar = viewer.view.horizontalScrollBar()
    assert bar.maximum() > 0
    before = bar.value()
    with qtbot.assertNotEmitted(viewer.image_shown):
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert bar.value() > before
    assert viewer.current_index == 0
    down = viewer.view.verticalScrollBar().value()
    qtbot.keyClick(viewer, Qt.Key.Key_Down)
    assert viewer.view.verticalScrollBar().value() > down
    go(qtbot, viewer, Qt.Key.Key_PageDown, "b")  # the next photo opens fitted again
    assert viewer.zoom_factor() == pytest.approx(viewer.fit_factor())


def test_wheel_zooms_around_the_cursor(open_viewer, qtbot) -> None:
    viewer = open_viewer()
    viewer.resize(1280, 720)  # a laptop's window (the test screen is 800×600): no letterbox
    view = viewer.view
    qtbot.waitUntil(lambda: view.viewport().width() > 900)
    fit = viewer.zoom_factor()
    cursor = QPointF(220, 160)
    before = view.mapToScene(cursor.toPoint())
    wheel = QWheelEvent(
        cursor,
        view.viewport().mapToGlobal(cursor),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert viewer.zoom_factor() == pytest.approx(fit * 1.25)
    after = view.mapToScene(cursor.toPoint())
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2


def test_watermark_is_drawn_over_the_view_never_into_the_image(open_viewer) -> None:
    viewer = open_viewer()
    assert viewer.watermark_lines() == stamp(GPS)
    original = decode(GPS["path"]).convertToFormat(QImage.Format.Format_RGB888)
    assert shown_image(viewer).convertToFormat(QImage.Format.Format_RGB888) == original
    # On the screen the bottom-left corner is darkened by the watermark box…
    screen = viewer.view.viewport().grab().toImage()
    corner = screen.pixelColor(20, screen.height() - 20)
    assert corner.alpha() == 255 and max(corner.red(), corner.green(), corner.blue()) < 160
    # …and the image itself is still the original, pixel for pixel.
    assert shown_image(viewer).convertToFormat(QImage.Format.Format_RGB888) == original


def test_orientation_6_landscape_is_shown_upright(open_viewer) -> None:
    viewer = open_viewer(photos=[LANDSCAPE_6])
    assert LANDSCAPE_6["width"] < LANDSCAPE_6["height"]  # stored on its side
    image = shown_image(viewer)
    assert image.width() > image.height()
    assert viewer.facts["orientation"].text() == "6 · rotated 90° clockwise"


def test_a_load_error_shows_its_text_and_the_viewer_stays_usable(open_viewer, qtbot) -> None:
    loads = Loads(fail={"b"})
    viewer = open_viewer(load=loads)
    with qtbot.waitSignal(viewer.load_failed) as failed:
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert failed.args[0] == "b"
    # In words, never the decoder's own text.
    assert viewer.message() == (
        "This photo cannot be shown.\nThe image file is damaged or incomplete."
    ), viewer.message()
    assert not viewer.view.has_image()
    assert viewer.watermark_lines() == stamp(LANDSCAPE_6)
    assert "2 / 4 · landscape_6.jpg" in viewer.status.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)  # zooming nothing is harmless
    go(qtbot, viewer, Qt.Key.Key_Right, "c")
    assert viewer.message() == ""
    assert shown_image(viewer).height() > shown_image(viewer).width()


def test_a_null_image_is_reported_not_shown(open_viewer, qtbot) -> None:
    viewer = open_viewer(photos=[GPS], load=lambda p: QImage(), wait=False)
    qtbot.waitUntil(lambda: viewer.message() != "" and viewer.view.message_is_error)
    assert not viewer.view.has_image()


def test_while_loading_it_says_so_and_stale_results_are_ignored(open_viewer, qtbot) -> None:
    gate = threading.Event()

    def slow_for_a(p: dict[str, Any]) -> QImage:
        if p["id"] == "a":
            gate.wait(10)
        return decode(p["path"])

    shown: list[str] = []
    viewer = open_viewer(load=slow_for_a, wait=False)
    viewer.image_shown.connect(shown.append)
    assert viewer.message() == "Loading…"
    assert viewer.status.text() == "1 / 4 · DSCN0010.jpg · Loading…"
    go(qtbot, viewer, Qt.Key.Key_Right, "b")
    gate.set()  # the first photo's load finishes after the user moved on
    qtbot.waitUntil(lambda: not viewer.is_loading())
    assert shown == ["b"]
    assert viewer.current_index == 1
    go(qtbot, viewer, Qt.Key.Key_Left, "a")  # asked for again, it shows


def test_details_panel(open_viewer, qtbot) -> None:
    viewer = open_viewer(warnings=lambda p: ["Taken 3 days before the inspection"])
    facts = {key: label.text() for key, label in viewer.facts.items()}
    assert facts["name"] == "DSCN0010.jpg"
    assert facts["format"] == "JPEG"
    assert facts["pixels"] == "640 × 480"
    assert f"({GPS['byte_size']:,} bytes)" in facts["bytes"]
    assert facts["taken_raw"] == "2008:11:01 21:15:07"
    assert facts["taken"] == "2008-11-01 21:15:07"  # Beijing time
    assert facts["gps"] == "43.467448, 11.885127"
    assert facts["camera"] == "NIKON COOLPIX P6000"
    assert facts["orientation"] == "1 · none (stored upright)"
    assert facts["caption"] == "占道经营，西侧人行道"
    assert viewer.sha256.toPlainText() == "a" * 64
    assert viewer.sha256.isReadOnly()
    assert viewer.warnings_label.text() == "⚠ Taken 3 days before the inspection"
    assert "#b45309" in viewer.warnings_label.styleSheet()

    go(qtbot, viewer, Qt.Key.Key_Right, "b")
    assert viewer.facts["gps"].text() == "no GPS"
    assert viewer.facts["taken"].text() == "—"

    assert viewer.details.isVisible()
    qtbot.keyClick(viewer, Qt.Key.Key_I)
    assert not viewer.details.isVisible()
    qtbot.keyClick(viewer, Qt.Key.Key_I)
    assert viewer.details.isVisible()


def test_escape_closes_and_frees_the_viewer(qtbot) -> None:
    viewer = PhotoViewer(ALBUM, 0, Loads(), stamp)  # not qtbot's: it deletes itself on close
    with qtbot.waitSignal(viewer.image_shown):
        viewer.show()
    with qtbot.waitSignal(viewer.finished):
        qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer))
