"""Qt's own texts that the Chinese translation shipped with Qt (qtbase_zh_CN.qm) lacks for this
Qt version: its file dialog's "&Look in:" and "Files of &type:" gained a shortcut letter, and its
file types ("Folder", "jpg File") were never translated. Listed here under Qt's own contexts,
they are extracted into our .ts files by `./dev i18n`; Qt finds them in our translation when its
own has none (app/i18n.py installs both). Nothing imports the names: they are read by lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

QT_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Computer"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directory"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Don't Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close without Saving"),
)


def disambiguated() -> tuple[str, ...]:
    """Qt's texts that carry a disambiguation, which lupdate reads in Python only from
    translate() (not from QT_TRANSLATE_NOOP3). Called by nothing but a test."""
    return (
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate(
            "QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"
        ),
        QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
    )
