"""The field walk by keyboard, counting every key the inspector presses: a problem with a
description and two photos from the visit's photo tray in at most four interactions; the
rest OK, submitted, and the focus on the notice — and the editor on a laptop's screen."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from app.inspections.editor import InspectionEditor
from app.notices.issue_dialog import IssueNoticeDialog
from app.settings import TRAY_FOLDER
from app.settings_qt import read, write
from local_db import inspections as ops
from local_db import photos as photo_ops
from tests.testdata import PHOTOS
from tests.ui.conftest import drop_files, start_draft

CHECKOUT = Path(__file__).resolve().parents[2]
# The visit began a few minutes before the Nikon's two photos of one scene (16:28:39 and
# 16:29:49 Beijing time); the Canon's photo was taken months earlier, before the visit.
VISIT_START = "2008-10-22T08:20:00.000000Z"
SCENE = ("DSCN0010.jpg", "DSCN0012.jpg")
DESCRIPTION = "Garbage piled at the north-east corner"


class Keys:
    """The inspector's hands: every key goes to the widget that has the focus, and is counted
    (typing a text counts as one)."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.pressed: list[str] = []

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.pressed.append(f"{modifier.name}+{key.name}")
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        self.count += 1
        self.pressed.append(f"type {text!r}")
        self.qtbot.keyClicks(self.focus(), text)


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """A camera card: the two photos of the scene, and one from before the visit."""
    folder = tmp_path / "DCIM"
    folder.mkdir()
    for name in SCENE:
        shutil.copy(PHOTOS / "gps" / name, folder / name)
    shutil.copy(PHOTOS / "cameras" / "Canon_40D.jpg", folder / "Canon_40D.jpg")
    return folder


def _visit(qtbot, window) -> InspectionEditor:
    """A draft begun at VISIT_START, opened in its editor with the keyboard in the checklist."""
    store = window.context.store
    row = start_draft(store)
    store.save("inspection", {"id": row["id"], "started_at": VISIT_START})
    window.context.notify(row["id"])
    editor = window.open_inspection(row["id"])
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.tree)
    return editor


def _tray_shows(qtbot, editor: InspectionEditor, names: list[str]) -> None:
    qtbot.waitUntil(
        lambda: (
            not editor.tray.busy() and sorted(p.path.name for p in editor.tray.photos()) == names
        ),
        timeout=20000,
    )


def _finding(qtbot, keys: Keys, editor: InspectionEditor) -> str:
    """2, the description, Ctrl+T: the checklist's item is a problem with the scene's photos."""
    code = editor.current_item().code
    keys.press(Qt.Key.Key_2)
    keys.type(DESCRIPTION)
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000):
        keys.press(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    return code


def test_a_problem_with_two_photos_in_four_keystrokes(qtbot, launch, data_dir, card):
    write(TRAY_FOLDER, str(card))
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    _tray_shows(qtbot, editor, sorted(SCENE))  # the Canon's photo is from before the visit
    assert editor.tray.title.text() == "本次照片（2）"
    assert editor.tray.attach_button.text() == "附加到本项 (Ctrl+T)"
    assert len(editor.tray.picked()) == 2  # the scene's photos are picked for you

    keys = Keys(qtbot)
    code = _finding(qtbot, keys, editor)

    assert keys.count <= 4, keys.pressed
    tree_item = editor._items[code]
    assert tree_item.text(1) == "问题" and tree_item.text(3) == "2"
    assert editor.panel.current_result() == "problem"
    assert editor.panel.description.toPlainText() == DESCRIPTION
    assert editor.panel.photos.count() == 2
    shown = sorted(editor.panel.photos.item(i).text() for i in range(2))
    assert shown == sorted(SCENE)
    assert editor.tray.count() == 0  # attached: they left the tray
    assert "本次督查期间" in editor.tray.hint.text()
    # Through the import: originals by their SHA-256, on the item's finding, saved.
    store = editor.context.store
    qtbot.waitUntil(
        lambda: ops.findings(store, editor.inspection_id)[code]["description"] == DESCRIPTION
    )
    finding = ops.findings(store, editor.inspection_id)[code]
    rows = photo_ops.photos_of(store, editor.inspection_id, finding["id"])
    digests = {hashlib.sha256((card / name).read_bytes()).hexdigest() for name in SCENE}
    assert {r["sha256"] for r in rows} == digests
    assert all(editor.blobs.has(d) for d in digests)


def test_the_keyboard_walk_to_a_submitted_inspection_and_its_notice(qtbot, launch, data_dir, card):
    write(TRAY_FOLDER, str(card))
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    _tray_shows(qtbot, editor, sorted(SCENE))
    keys = Keys(qtbot)
    _finding(qtbot, keys, editor)
    assert editor.all_ok_button.text() == "其余项目全部合格 (Ctrl+1)"
    assert editor.submit_button.text() == "提交 (Ctrl+Enter)"

    keys.press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert f"{editor.template.item_count}/{editor.template.item_count}" in (
        editor.progress_label.text()
    )
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.locked and "提交并锁定" in editor.banner.text()
    # The next thing to do has the focus: the notice for the problem found.
    assert editor.notice_button.isVisible()
    assert editor.notice_button.text() == "下发整改通知… (Ctrl+I)"
    assert QApplication.focusWidget() is editor.notice_button
    keys.press(Qt.Key.Key_Space)
    dialog = editor.findChild(IssueNoticeDialog)
    assert dialog is not None and dialog.isVisible()
    assert keys.count <= 6, keys.pressed  # 15 before the tray and the shortcuts
    dialog.reject()


def test_a_refused_submit_is_one_line_that_opens_and_selects_the_first_gap(qtbot, launch, data_dir):
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    first, second = list(editor._items)[:2]
    editor.set_result(first, "ok")
    editor.select_item(list(editor._items)[-1])
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    gaps = editor.template.item_count - 1
    banner = editor.banner
    assert banner.summary().startswith(f"暂不能提交，还有 {gaps} 处待完成：")
    assert "\n" not in banner.shown_text()
    assert banner.line.height() < 2 * banner.line.fontMetrics().height()
    assert banner.more.isVisible() and banner.more.text() == "显示全部"
    assert not banner.details_box.isVisible()
    assert editor.current_item().code == second  # the first gap, selected
    assert QApplication.focusWidget() is editor.tree
    banner.more.click()
    assert banner.details_box.isVisible() and banner.more.text() == "收起"
    assert banner.details.text().count("尚未填写检查结果") == gaps


def test_a_stray_space_never_closes_the_editor(qtbot, launch, data_dir, card):
    write(TRAY_FOLDER, str(card))
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    _tray_shows(qtbot, editor, sorted(SCENE))
    keys = Keys(qtbot)
    reached = []
    for _ in range(40):  # Tab round the whole window: 关闭 and 提交 are never reached
        keys.press(Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert editor.close_button not in reached and editor.submit_button not in reached
    assert editor.close_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert editor.tray.list in reached  # the tray is on the way round
    assert editor.isVisible()


def test_the_tray_folder_is_chosen_once_and_dropped_photos_join_it(qtbot, launch, data_dir, card):
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    assert editor.tray.count() == 0 and "相机存储卡" in editor.tray.hint.text()
    qtbot.mouseClick(editor.tray.folder_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.setDirectory(str(card.parent))
    dialog.selectFile(str(card))
    dialog.accept()
    _tray_shows(qtbot, editor, sorted(SCENE))
    assert read(TRAY_FOLDER) == str(card)

    # Dropped on the window (not on an item): offered in the tray, whatever its time.
    canon = PHOTOS / "cameras" / "Canon_40D.jpg"
    drop_files(editor, QPointF(5, 5), [canon])
    _tray_shows(qtbot, editor, sorted([*SCENE, "Canon_40D.jpg"]))
    # Attached photos leave the tray; the next visit's editor finds the folder remembered.
    editor.close()
    other = _visit(qtbot, window)
    assert other.tray.folder == str(card)
    _tray_shows(qtbot, other, sorted(SCENE))


def test_dropped_files_that_are_not_photos_are_said_not_silently_left_out(
    qtbot, launch, data_dir, tmp_path
):
    """A video dropped on the window (not on an item) is no photo of the tray: the inspector
    is told, and where to drop it instead; the photo dropped with it joins the tray."""
    from tests.media_clips import make_video

    window = launch(data_dir)
    editor = _visit(qtbot, window)
    clip = make_video(tmp_path / "VID_0001.mp4", seconds=0.5)
    canon = PHOTOS / "cameras" / "Canon_40D.jpg"

    drop_files(editor, QPointF(5, 5), [clip, canon])

    _tray_shows(qtbot, editor, ["Canon_40D.jpg"])
    qtbot.waitUntil(lambda: "1 个拖入的文件不是照片" in editor.banner.text(), timeout=5000)
    assert "拖到检查项上" in editor.banner.text()


def test_a_photo_folder_that_is_not_there_is_said_so(qtbot, launch, data_dir, tmp_path, card):
    """The card is not in the laptop today: the tray says its folder is not there, not that no
    photo was taken during the visit; once the card is back, its photos show."""
    gone = tmp_path / "card" / "DCIM"
    write(TRAY_FOLDER, str(gone))
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    qtbot.waitUntil(lambda: not editor.tray.busy() and "不在" in editor.tray.hint.text())
    assert "本次督查期间" not in editor.tray.hint.text()
    assert str(gone) in editor.tray.hint.text()

    gone.parent.mkdir()
    shutil.copytree(card, gone)  # the card is put in
    editor.tray.rescan()
    _tray_shows(qtbot, editor, sorted(SCENE))


SIZES = [
    ("1366x728", {"width": 1366, "height": 728}, None),
    ("1280x680", {"width": 1280, "height": 680}, None),
    ("1093x574", {"width": 1093, "height": 574}, None),
    ("1920x1080@1.5", {"width": 1920, "height": 1080}, "1.5"),
]


@pytest.mark.parametrize(("name", "screen", "scale"), SIZES, ids=[s[0] for s in SIZES])
def test_the_editor_fits_a_laptop_screen(tmp_path, name, screen, scale):
    """On each screen (its own process: a screen's size is fixed when Qt starts), with a
    problem with photos, the refusal banner opened and an import running: every action button
    and the progress bar lie inside the screen, unclipped."""
    config = tmp_path / "screen.json"
    geometry = {"name": "s", "x": 0, "y": 0, "logicalDpi": 96, "dpr": 1, **screen}
    config.write_text(json.dumps({"screens": [geometry]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.editor_fit_probe", str(tmp_path)],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    screen_rect = report["screen"]
    assert report["window"][2] <= screen_rect[2] and report["window"][3] <= screen_rect[3]
    expected = {
        "importing": {"all_ok_button", "submit_button", "close_button", "progress"},
        "imported": {"all_ok_button", "submit_button", "close_button"},
        "submitted": {"notice_button", "correct_button", "close_button"},
    }
    for phase, names in expected.items():
        shown = report[phase]
        assert names <= set(shown), (phase, sorted(shown))
        for widget, (x, y, w, h, clipped) in shown.items():
            inside = (
                x >= screen_rect[0]
                and y >= screen_rect[1]
                and x + w <= screen_rect[0] + screen_rect[2]
                and y + h <= screen_rect[1] + screen_rect[3]
            )
            assert inside, (name, phase, widget, (x, y, w, h), screen_rect)
            assert not clipped, (name, phase, widget, "clipped")


def test_the_tray_by_keyboard_picks_another_photo(qtbot, launch, data_dir, card):
    later = PHOTOS / "gps" / "DSCN0021.jpg"  # 16:38:20, another scene nine minutes on
    shutil.copy(later, card / later.name)
    write(TRAY_FOLDER, str(card))
    window = launch(data_dir)
    editor = _visit(qtbot, window)
    _tray_shows(qtbot, editor, sorted([*SCENE, later.name]))
    assert [p.path.name for p in editor.tray.picked()] == list(SCENE)
    code = editor.current_item().code
    keys = Keys(qtbot)
    keys.press(
        Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget() is editor.tray.list
    keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Space)  # the second photo dropped
    keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Space)  # the later one picked
    assert [p.path.name for p in editor.tray.picked()] == [SCENE[0], later.name]
    with qtbot.waitSignal(editor.import_bar.done, timeout=20000):
        keys.press(Qt.Key.Key_Return)
    assert editor._items[code].text(1) == "问题" and editor._items[code].text(3) == "2"
    assert [p.path.name for p in editor.tray.photos()] == [SCENE[1]]
    assert keys.count == 6
