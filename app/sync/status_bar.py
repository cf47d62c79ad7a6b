"""The status bar's sync part, always visible: last successful sync, changes and photos waiting,
the last error in words, changes the server refused (click to see why), and changes received
that could not be applied here (set aside; click to see which and why)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.labels import local_time
from app.sync.refusal_reasons import push_refusal_text
from app.sync.row_labels import differences_html, entity_label
from app.updates.core import offered
from app.widgets.elided_label import ElidedLabel
from app.widgets.screen_fit import fit_to_screen
from local_db.conflicts import conflicts
from local_db.store import Store
from local_db.sync_state import (
    SyncStatus,
    last_error_detail,
    quarantined,
    rejections,
    retry_rejected,
)


def conflict_kind_label(kind: str) -> str:
    """What kind of clash a conflict was, in words (server/conflicts.py, local_db/conflicts.py)."""
    labels = {
        "concurrent_edit": QCoreApplication.translate(
            "SyncStatusBar", "Edited on two laptops at once"
        ),
        "edit_vs_delete": QCoreApplication.translate(
            "SyncStatusBar", "Edited here, deleted elsewhere"
        ),
        "second_rectification": QCoreApplication.translate(
            "SyncStatusBar", "A second rectification report for the same round"
        ),
        "refused_submission": QCoreApplication.translate(
            "SyncStatusBar",
            "Submission refused: the draft was changed on the server meanwhile. It was opened "
            "again as a draft with the server's changes merged in; check it and submit again.",
        ),
    }
    return labels.get(kind, kind)


class SyncStatusBar(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        # The labels give up width on a narrow screen (the whole text in their tooltip), so the
        # buttons beside them stay whole.
        self.last = ElidedLabel()
        self.pending = ElidedLabel()
        self.pending.setObjectName("pending_changes")
        self.error = ElidedLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.error_details = QPushButton(self.tr("Details"))  # the technical account, on demand
        self.error_details.setFlat(True)
        self.error_details.setStyleSheet("color: #b91c1c; text-decoration: underline;")
        self.error_details.clicked.connect(self.show_error_details)
        self.rejected = QPushButton()
        self.rejected.setFlat(True)
        self.rejected.setStyleSheet("color: #b91c1c; text-decoration: underline;")
        self.rejected.clicked.connect(self.show_rejections)
        self.conflicts = QPushButton()
        self.conflicts.setFlat(True)
        self.conflicts.setStyleSheet("color: #b45309; text-decoration: underline;")
        self.conflicts.clicked.connect(self.show_conflicts)
        self.quarantined = QPushButton()
        self.quarantined.setFlat(True)
        self.quarantined.setStyleSheet("color: #b91c1c; text-decoration: underline;")
        self.quarantined.clicked.connect(self.show_quarantined)
        # a newer installer the server offers (app/updates): opens 关于/更新
        self.update_offer = QPushButton()
        self.update_offer.setObjectName("update_offer")
        self.update_offer.setFlat(True)
        self.update_offer.setStyleSheet("color: #1d4ed8; text-decoration: underline;")
        self.update_offer.setVisible(False)
        self.progress = ElidedLabel()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.progress,
            self.cancel,
            self.error,
            self.error_details,
            self.rejected,
            self.conflicts,
            self.quarantined,
            self.update_offer,
            self.pending,
            self.last,
        ):
            layout.addWidget(widget)

    def show_status(self, status: SyncStatus, *, logged_in: bool = True) -> None:
        """`logged_in` False: the laptop has no server (yet, or logged out): said plainly, as
        a way of working, not as an error."""
        when = local_time(status.last_sync, "MM-dd HH:mm") if status.last_sync else None
        if logged_in:
            self.last.setText(
                self.tr("Last sync {time}").format(time=when) if when else self.tr("Never synced")
            )
            self.last.setToolTip("")
        elif when:
            self.last.setText(self.tr("Not logged in · last sync {time}").format(time=when))
            self.last.setToolTip(self.tr("Log in (Log in… on the toolbar) to sync again."))
        else:
            self.last.setText(self.tr("Working without a server: all is kept on this laptop"))
            self.last.setToolTip(
                self.tr(
                    "Everything recorded here stays on this laptop. When the office gets a "
                    "server: ducha org export on this laptop, ducha-server org adopt on the "
                    "server, then log in (Log in… on the toolbar) and the changes waiting are sent."
                )
            )
        self.pending.setText(
            self.tr("Changes waiting to sync: {n} · photos: {p}").format(
                n=status.pending_changes, p=status.pending_photos
            )
        )
        self.error.setText(status.last_error or "")
        self.error.setVisible(bool(status.last_error))
        self.error_details.setVisible(bool(status.last_error))
        self.rejected.setText(self.tr("{n} refused by the server").format(n=status.rejected))
        self.rejected.setVisible(status.rejected > 0)
        self.conflicts.setText(self.tr("{n} concurrent edit(s) kept").format(n=status.conflicts))
        self.conflicts.setVisible(status.conflicts > 0)
        self.quarantined.setText(
            self.tr("{n} received change(s) set aside").format(n=status.quarantined)
        )
        self.quarantined.setVisible(status.quarantined > 0)
        offer = offered(self.store)
        if offer is not None:
            self.update_offer.setText(
                self.tr("New version {version} available").format(version=offer.version)
            )
        self.update_offer.setVisible(offer is not None)

    def show_progress(self, phase: str, done: int, total: int) -> None:
        words = {
            "photos": self.tr("Uploading photos {done}/{total}"),
            "upload_kib": self.tr("Uploaded {done}/{total} MB"),
            "push": self.tr("Sending changes {done}/{total}"),
            "pull": self.tr("Receiving changes {done}"),
        }
        if phase == "upload_kib":  # the engine counts KiB (a Qt int would overflow on bytes)
            done_text, total_text = f"{done / 1024:.1f}", f"{total / 1024:.1f}"
        else:
            done_text, total_text = str(done), str(total)
        self.progress.setText(words.get(phase, phase).format(done=done_text, total=total_text))
        self.cancel.setVisible(True)

    def clear_progress(self) -> None:
        self.progress.clear()
        self.cancel.setVisible(False)

    def show_error_details(self) -> QMessageBox:
        """Why the last sync stopped, in words, with the technical account behind "Show
        Details…" (what the log says too)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Sync stopped"), self.error.text(), parent=self
        )
        detail = last_error_detail(self.store)
        if detail:
            box.setDetailedText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_rejections(self) -> RejectionsDialog:
        dialog = RejectionsDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_quarantined(self) -> QuarantineDialog:
        dialog = QuarantineDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class _ReportDialog(QDialog):
    """A read-only report of the sync: a note on top, the report, Close."""

    def __init__(
        self, title: str, intro: str, size: tuple[int, int], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        note = QLabel(intro)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_to_screen(self, *size)


class QuarantineDialog(_ReportDialog):
    """Changes the server sent that this laptop could not apply: which row, when, and why."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Received changes set aside"),
            self.tr(
                "These changes from the server could not be applied on this laptop and were set "
                "aside; everything else was received. A corrected version clears them at a later "
                "sync. Tell the office if they stay."
            ),
            (640, 400),
            parent,
        )
        rows = quarantined(store)
        html = ["<ul>"]
        for r in rows:
            html.append(
                f"<li>{escape(local_time(r['at']))} · {escape(entity_label(r['entity']))} "
                f"{escape(r['entity_id'][:13])}… — "
                f"<b>{escape(push_refusal_text(r.get('code'), r['reason']))}</b></li>"
            )
        html.append("</ul>")
        self.text.setHtml("".join(html) if rows else escape(self.tr("Nothing was set aside.")))


class ConflictsDialog(_ReportDialog):
    """The losing side of each concurrent edit: what it said that the kept version does not."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Concurrent edits"),
            self.tr(
                "Someone else changed these rows at the same time. The newer version was kept; "
                "the other one is shown here so nothing is lost. Re-enter anything that should "
                "stand."
            ),
            (720, 460),
            parent,
        )
        rows = conflicts(store)
        html = []
        for c in rows:
            deleted = (c.get("winning") or {}).get("op") == "delete"
            gone = self.tr("deleted by the version kept") if deleted else ""
            html.append(
                f"<p><b>{escape(entity_label(c['entity']))} {escape(c['entity_id'][:13])}…</b> · "
                f"{escape(local_time(c['at']))} · {escape(conflict_kind_label(c['kind']))}"
                + (f" · {escape(gone)}" if gone else "")
                + "</p>"
            )
            html.append(
                differences_html(
                    ((f, losing, kept) for f, (losing, kept) in c["differences"].items()),
                    self.tr("Not kept"),
                    self.tr("Kept"),
                )
            )
        self.text.setHtml("".join(html) if rows else escape(self.tr("No concurrent edits.")))


class RejectionsDialog(QDialog):
    """What the server refused and why; kept until a person deals with it."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Changes the server refused"))
        self.text = QTextBrowser()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.retry = buttons.addButton(
            self.tr("Send again"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.retry.clicked.connect(self._retry)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 400)
        self._show()

    def _show(self) -> None:
        rows = rejections(self.store)
        html = ["<ul>"]
        for r in rows:
            html.append(
                f"<li>{escape(local_time(r['at']))} · {escape(entity_label(r['entity']))} "
                f"{escape(r['entity_id'][:13])}… — "
                f"<b>{escape(push_refusal_text(r.get('code'), r['reason']))}</b></li>"
            )
        html.append("</ul>")
        self.text.setHtml("".join(html) if rows else escape(self.tr("Nothing was refused.")))

    def _retry(self) -> None:
        retry_rejected(self.store)
        self._show()
