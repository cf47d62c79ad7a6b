"""Qt's own dialogs speak the user's language: the file dialog Qt draws itself (labels, file
types, dates), the message box's standard buttons, a text field's context menu."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QTreeView

from app.i18n import install_translator
from app.widgets.file_dialog import DATE_COLUMN, file_dialog

WORD = re.compile(r"[A-Za-z]{2,}")  # an English word (a file name or "(*.jpg)" aside)
MODIFIED = datetime(2026, 12, 5, 8, 20)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "照片").mkdir()
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xd9")
    os.utime(photo, (MODIFIED.timestamp(), MODIFIED.timestamp()))
    return tmp_path


def _rows(qtbot, dialog: QFileDialog) -> dict[str, list[str]]:
    """name → the detail view's columns, once the folder is read."""
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2, timeout=10000)
    root = view.rootIndex()
    rows = {}
    for r in range(model.rowCount(root)):
        cells = [model.index(r, c, root).data() for c in range(model.columnCount(root))]
        rows[cells[0]] = cells
    return rows


def test_the_file_dialog_qt_draws_reads_chinese(qtbot, qapp, folder):
    install_translator(qapp, "zh_CN")
    dialog = file_dialog(None, "导入照片", str(folder), "照片 (*.jpg)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels, labels
    assert not [text for text in labels if WORD.search(text)], labels
    buttons = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert set(buttons) == {"打开(&O)", "取消"}, buttons
    view = dialog.findChild(QTreeView, "treeView")
    headers = [
        view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(DATE_COLUMN + 1)
    ]
    assert headers == ["名称", "体积", "类型", "修改日期"]
    rows = _rows(qtbot, dialog)
    assert rows["照片"][2] == "文件夹"
    assert not WORD.search(rows["IMG_0001.jpg"][2].replace("JPEG", "")), rows  # JPEG 图像
    written = QLocale("zh_CN").toString(
        QDateTime.fromSecsSinceEpoch(int(MODIFIED.timestamp())), QLocale.FormatType.ShortFormat
    )
    assert rows["IMG_0001.jpg"][DATE_COLUMN] == written == "2026/12/5 08:20"


def test_the_file_dialog_dates_follow_english_too(qtbot, qapp, folder):
    install_translator(qapp, "en")
    try:
        dialog = file_dialog(None, "Import photos", str(folder))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(dialog)
        dialog.show()
        assert _rows(qtbot, dialog)["IMG_0001.jpg"][DATE_COLUMN] == "12/5/26 8:20\u202fAM"
    finally:
        install_translator(qapp, "zh_CN")


def test_message_box_buttons_and_the_context_menu_read_chinese(qtbot, qapp):
    install_translator(qapp, "zh_CN")
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "导出",
        "文件已存在，是否替换？",
        buttons.Yes | buttons.No | buttons.Save | buttons.Discard | buttons.Cancel | buttons.Close,
    )
    box.setDetailedText("详情")
    qtbot.addWidget(box)
    box.show()
    texts = [b.text() for b in box.buttons()]
    assert len(texts) == 7 and not [t for t in texts if WORD.search(t)], texts
    assert {"是(&Y)", "否(&N)", "保存", "取消", "关闭"} <= set(texts), texts
    edit = QLineEdit("整改")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    actions = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert "复制(&C)" in actions and "粘贴(&P)" in actions, actions
    assert not [t for t in actions if WORD.search(t)], actions
    menu.deleteLater()
