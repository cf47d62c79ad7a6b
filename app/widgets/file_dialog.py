"""The file dialogs, in the user's language: what QFileDialog's static functions do, and where
Qt draws its own dialog (Linux without a desktop's, or the native one turned off) its dates as
the app's language writes them. Qt's own dialog takes them from the system's locale, which on a
laptop set to C or English gives "5 12 2026" beside Chinese labels. The labels themselves come
from Qt's translation and app/qt_texts.py. Windows shows its own dialog, in its own language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

DATE_COLUMN = 3  # QFileSystemModel: name, size, type, date modified


class LocalDates(QIdentityProxyModel):
    """The file system model with its dates written in the app's language (QLocale())."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        inner = self.mapToSource(index)
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() == DATE_COLUMN
            and isinstance(source, QFileSystemModel)
        ):
            moment = source.lastModified(inner)
            return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
        return source.data(inner, role)  # not the base class's (see PITFALLS)


def file_dialog(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    name_filter: str = "",
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen,
) -> QFileDialog:
    """A file dialog set up as the static functions set theirs, with dates in our language."""
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setProxyModel(LocalDates(dialog))  # ignored by a native dialog
    return dialog


def _chosen(dialog: QFileDialog) -> tuple[list[str], str]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return [], ""
    return dialog.selectedFiles(), dialog.selectedNameFilter()


def open_file_name(
    parent: QWidget | None, caption: str, directory: str = "", name_filter: str = ""
) -> tuple[str, str]:
    files, chosen = _chosen(file_dialog(parent, caption, directory, name_filter))
    return (files[0] if files else ""), chosen


def open_file_names(
    parent: QWidget | None, caption: str, directory: str = "", name_filter: str = ""
) -> tuple[list[str], str]:
    mode = QFileDialog.FileMode.ExistingFiles
    return _chosen(file_dialog(parent, caption, directory, name_filter, mode))


def save_file_name(
    parent: QWidget | None, caption: str, directory: str = "", name_filter: str = ""
) -> tuple[str, str]:
    dialog = file_dialog(
        parent,
        caption,
        directory,
        name_filter,
        QFileDialog.FileMode.AnyFile,
        QFileDialog.AcceptMode.AcceptSave,
    )
    files, chosen = _chosen(dialog)
    return (files[0] if files else ""), chosen


def existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    dialog = file_dialog(parent, caption, directory, "", QFileDialog.FileMode.Directory)
    files, _chosen_filter = _chosen(dialog)
    return files[0] if files else ""
