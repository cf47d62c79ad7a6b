"""Before and after, side by side, for each problem of a notice (整改前 / 整改后)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from app.context import AppContext
from app.evidence.browser import open_evidence_viewer
from app.evidence.photo_strip import PhotoStrip
from app.evidence.remote_photos import RemoteBlobs
from app.evidence.thumbnail_loader import ThumbnailLoader
from local_db.follow_up import before_and_after


class BeforeAfterView(QScrollArea):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        data_dir = context.store.path.parent
        # On a replica the originals may be on the server only: thumbnails come from there.
        self.loader = ThumbnailLoader(
            data_dir, self, remote=RemoteBlobs.from_settings(data_dir, self)
        )
        self.setWidgetResizable(True)
        self.rows: list[tuple[dict[str, Any], PhotoStrip, PhotoStrip]] = []
        self.notice: dict[str, Any] | None = None
        self.show_notice(None)

    def show_notice(self, notice: dict[str, Any] | None) -> None:
        self.notice = notice
        self.rows = []
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Before</b>")), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>After</b>")), 0, 2)
        problems = before_and_after(self.context.store, notice["id"]) if notice else []
        for n, problem in enumerate(problems, start=1):
            finding = problem["finding"]
            title = QLabel(f"{n}. {finding['item_code']}\n{finding['description'][:40]}")
            title.setWordWrap(True)
            title.setMaximumWidth(150)
            before, after = PhotoStrip(self.loader), PhotoStrip(self.loader)
            for strip, photos in ((before, problem["before"]), (after, problem["after"])):
                strip.set_read_only(True)
                strip.set_photos(photos, {})
                strip.open_requested.connect(lambda index, photos=photos: self._view(photos, index))
            if not problem["after"]:
                after.addItem(self.tr("No after-photo yet"))
            grid.addWidget(title, n, 0)
            grid.addWidget(before, n, 1)
            grid.addWidget(after, n, 2)
            self.rows.append((finding, before, after))
        grid.setRowStretch(len(problems) + 1, 1)
        self.setWidget(body)

    def _view(self, photos: list[dict[str, Any]], index: int) -> None:
        if self.notice is None or not photos:
            return
        open_evidence_viewer(
            self.context.store, photos, index, on_changed=self.context.notify, parent=self
        )
