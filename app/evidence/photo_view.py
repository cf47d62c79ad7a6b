"""The zoomable, pannable image view with the watermark painted over it in view coordinates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

Photo = dict[str, Any]

ZOOM_STEP = 1.25
MAX_ZOOM = 16.0  # 1600 %
FIT_MARGIN = 2  # pixels around a fitted image


class PhotoView(QGraphicsView):
    """The image, with the watermark and any message painted over it in view coordinates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Plain callbacks, not signals: under Python 3.11 every Signal.emit() of PySide6 6.12.0
        # drops a reference to True, and these fire on every zoom step and resize.
        self.on_zoom: Callable[[], None] = lambda: None
        self.on_resize: Callable[[], None] = lambda: None
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # The overlay is fixed to the window, so scrolling must repaint, not shift, pixels.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setBackgroundBrush(QColor("#1f1f1f"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Drag and the arrow keys pan; scroll bars would only shrink the picture.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(QSize(320, 240))
        self.message = ""
        self.message_is_error = False
        self.lines: list[str] = []

    # -- content -------------------------------------------------------------------------------
    def show_pixmap(self, pixmap: QPixmap, scene_size: QSizeF | None = None) -> None:
        """Show `pixmap`; with `scene_size` it is stretched to cover that many scene units (the
        original's pixels, whatever the resolution of the copy shown: a thumbnail first)."""
        self.message = ""
        self.item.setPixmap(pixmap)
        self.item.setVisible(True)
        if scene_size is not None and pixmap.width() > 0 and not scene_size.isEmpty():
            self.item.setScale(scene_size.width() / pixmap.width())
            self.scene().setSceneRect(QRectF(QPointF(0, 0), scene_size))
        else:
            self.item.setScale(1.0)
            self.scene().setSceneRect(QRectF(pixmap.rect()))
        self.viewport().update()

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Instead of an image: "Loading…" or why the photo cannot be shown."""
        self.message = text
        self.message_is_error = error
        self.item.setPixmap(QPixmap())
        self.item.setVisible(False)
        self.scene().setSceneRect(QRectF(0, 0, 1, 1))
        self.viewport().update()

    def has_image(self) -> bool:
        return self.item.isVisible() and not self.item.pixmap().isNull()

    def set_watermark(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.viewport().update()

    # -- zoom ----------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def fit_zoom(self) -> float:
        """The zoom at which the whole image fits the window (small photos are enlarged)."""
        shown = self.scene().sceneRect()
        area = self.viewport().rect().adjusted(FIT_MARGIN, FIT_MARGIN, -FIT_MARGIN, -FIT_MARGIN)
        if self.item.pixmap().isNull() or shown.isEmpty() or area.isEmpty():
            return 1.0
        return min(area.width() / shown.width(), area.height() / shown.height())

    def fit(self) -> None:
        self.resetTransform()
        if self.has_image():
            zoom = self.fit_zoom()
            self.scale(zoom, zoom)
            self.centerOn(self.item)
        self.on_zoom()

    def zoom_to(self, target: float, at: QPointF | None = None) -> None:
        """Zoom so that the scene point under `at` (viewport coordinates) stays there."""
        if not self.has_image():
            return
        low = min(self.fit_zoom(), 1.0) / 4
        target = max(low, min(MAX_ZOOM, target))
        current = self.zoom()
        if abs(target - current) < 1e-9:
            return
        if at is None:
            at = QPointF(self.viewport().rect().center())
        anchor = self.mapToScene(at.toPoint())
        factor = target / current
        self.scale(factor, factor)
        moved = self.mapFromScene(anchor) - at.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.on_zoom()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if not steps or not self.has_image():
            event.ignore()
            return
        self.zoom_to(self.zoom() * ZOOM_STEP**steps, event.position())
        event.accept()

    def pan(self, dx: int, dy: int) -> None:
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def overflows_horizontally(self) -> bool:
        return self.horizontalScrollBar().maximum() > self.horizontalScrollBar().minimum()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.on_resize()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # every key is the viewer's (scroll areas would eat arrows and pages)

    # -- overlay -------------------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()  # from here on: viewport pixels, whatever the zoom
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.viewport().rect()
        if self.message:
            self._paint_message(painter, area)
        elif self.lines and self.has_image():
            self._paint_watermark(painter, area)
        painter.restore()

    def _paint_message(self, painter: QPainter, area: Any) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        painter.setPen(QColor("#fca5a5") if self.message_is_error else QColor("#d1d5db"))
        box = area.adjusted(24, 24, -24, -24)
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.message
        )

    def _paint_watermark(self, painter: QPainter, area: Any) -> None:
        """A semi-transparent dark box at the bottom left with the lines in white."""
        margin, padding = 12, 8
        first = QFont(self.font())
        first.setBold(True)
        first.setPointSizeF(first.pointSizeF() * 1.35)
        rest = QFont(self.font())
        rest.setPointSizeF(rest.pointSizeF() * 1.05)
        limit = max(40, area.width() - 2 * (margin + padding))
        rows: list[tuple[QFont, str, int]] = []
        for n, line in enumerate(self.lines):
            font = first if n == 0 else rest
            metrics = QFontMetrics(font)
            text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, limit)
            rows.append((font, text, metrics.height()))
        width = max(QFontMetrics(f).horizontalAdvance(t) for f, t, _ in rows)
        height = sum(h for _, _, h in rows)
        box = QRectF(
            margin,
            area.height() - margin - height - 2 * padding,
            width + 2 * padding,
            height + 2 * padding,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(QColor("white"))
        y = box.top() + padding
        for font, text, h in rows:
            painter.setFont(font)
            painter.drawText(
                QRectF(box.left() + padding, y, width + 1, h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            y += h
