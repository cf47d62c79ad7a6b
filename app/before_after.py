"""Before and after, side by side, for each problem of a notice (整改前 / 整改后)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from app.context import AppContext
from app.evidence import show_photos
from app.photo_strip import PhotoStrip
from app.thumbnail_loader import ThumbnailLoader
from local_db.follow_up import before_and_after
from local_db.queries import inspection_header


class BeforeAfterView(QScrollArea):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loader = ThumbnailLoader(context.store.path.parent, self)
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
        header = inspection_header(self.context.store, self.notice["inspection_id"])
        if header is not None:
            show_photos(self.context, header, photos, index, self)
