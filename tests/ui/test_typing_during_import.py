"""An inspector types the finding's 描述 while 40 photos import onto it (issue 12, finding 1).

Real windows offscreen: the real editor with the finding open, the real import job on its
thread and connection, the real keystrokes into 描述, each saved as the editor saves typed text.
Before the store's writes began IMMEDIATE, one photo in two runs was lost with the banner
"DSC_00xx.jpg：无法导入（database is locked）"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from local_db import inspections as ops
from local_db import photos as photo_ops
from tests.testdata import PHOTOS
from tests.ui.conftest import new_inspection, problem_item, type_text

COUNT = 40


@pytest.fixture
def camera_card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 distinct real phone and camera JPEGs named like a card's (DSC_0001.jpg …): the shared
    test photos, each copied as it is, then again with a few bytes after its end of image."""
    sources = sorted(p for p in PHOTOS.rglob("*.jpg") if "broken" not in p.parts)
    folder = tmp_path_factory.mktemp("DCIM")
    for n in range(COUNT):
        source = sources[n % len(sources)]
        target = folder / f"DSC_{n + 1:04d}.jpg"
        shutil.copyfile(source, target)
        if n >= len(sources):  # the same picture, another file: distinct bytes, distinct SHA
            with target.open("ab") as extra:
                extra.write(b"\x00" * (n + 1))
    return folder


def test_typing_in_the_description_while_40_photos_import_loses_nothing(
    qtbot, launch, data_dir, camera_card
):
    window = launch(data_dir)
    store = window.context.store
    editor = new_inspection(qtbot, window)
    code = problem_item(editor)
    panel = editor.panel
    assert panel.description.isVisible() and not panel.description.isReadOnly()
    finding = ops.findings(store, editor.inspection_id)[code]

    ended: list[tuple[str, bool]] = []
    editor.import_bar.done.connect(lambda text, clean: ended.append((text, clean)))
    job = editor.import_files(code, [camera_card])
    assert job is not None
    panel.description.setFocus()
    typed = ""
    while not ended:
        for key in "占道经营 stall ":  # Chinese as an input method commits it, ASCII as keys
            if key.isascii():
                qtbot.keyClicks(panel.description, key)
            else:
                type_text(panel.description, key)
            typed += key
            panel.flush()  # saved at once, as the editor's text timer saves it
            QCoreApplication.processEvents()  # the import's progress arrives meanwhile
    qtbot.waitUntil(lambda: not job.running(), timeout=20000)
    text, clean = ended[0]

    # What the user sees: no error, all 40 on the finding's strip and count, the text whole.
    assert clean, text
    assert "已导入 40 张照片" in editor.banner.text(), editor.banner.text()
    assert "无法" not in editor.banner.text() and "locked" not in editor.banner.text()
    qtbot.waitUntil(lambda: panel.photos.count() == COUNT, timeout=5000)
    assert editor._items[code].text(3) == str(COUNT)
    assert panel.description.toPlainText() == typed
    # And what the store holds.
    rows = photo_ops.photos_of(store, editor.inspection_id, finding["id"])
    assert sorted(r["original_name"] for r in rows) == [
        f"DSC_{n + 1:04d}.jpg" for n in range(COUNT)
    ]
    assert ops.findings(store, editor.inspection_id)[code]["description"] == typed.strip()
    assert len(typed) > 20  # the typing really overlapped the import


def test_photos_the_store_would_not_take_are_named_and_imported_again_with_one_click(
    qtbot, launch, data_dir, monkeypatch
):
    """Another program holds the store past the busy timeout for the whole import: each photo
    is named as not saved (no SQLite text), and the bar's button imports them again."""
    import sqlite3

    from PySide6.QtCore import Qt

    from local_db import store as store_module

    window = launch(data_dir)
    store = window.context.store
    editor = new_inspection(qtbot, window)
    files = sorted((PHOTOS / "gps").glob("*.jpg"))[:2]
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    blocker = sqlite3.connect(str(store.path), timeout=0, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with qtbot.waitSignal(editor.import_bar.done, timeout=30000) as done:
            editor.import_files(None, files)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert done.args[1] is False
    banner = editor.banner.text()
    for path in files:
        assert f"{path.name}：暂时无法保存" in banner, banner
    assert "locked" not in banner
    retry = editor.import_bar.retry_button
    assert retry.isVisible() and retry.text() == "重新导入未保存的 2 张照片"
    with qtbot.waitSignal(editor.import_bar.done, timeout=30000) as again:
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert again.args[1] is True, again.args[0]
    assert "已导入 2 张照片" in editor.banner.text()
    qtbot.waitUntil(lambda: editor.site_photos.count() == 2, timeout=5000)
    assert not retry.isVisible()
