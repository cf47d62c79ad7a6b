"""Markup over the photo on screen: arrows, ellipses and text (domain/markup.py), painted in the
scene's coordinates — the upright original's pixels — so they stay on their spot at any zoom.
Never drawn into the image: the layer is an item above the picture, and the file is untouched.

MarkupTool turns mouse drags on the view into shapes while a drawing tool is chosen; with the
pan tool the view pans as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.evidence.markup_paint import HEAD, LINE, paint_shape
from domain import markup
from domain.clock import now_iso

Shape = dict[str, Any]

MIN_DRAG = 6.0  # screen pixels: a shorter drag is a slip, not a shape
TEXT_PX = 22.0  # a new text mark's size on the screen when it is placed

PAN, ARROW, ELLIPSE, TEXT = "pan", "arrow", "ellipse", "text"


class MarkupItem(QGraphicsItem):
    """All markup of the photo shown: other authors' shapes, the user's own, and the shape being
    drawn. Lines keep their screen width (cosmetic pens); text scales with the photo."""

    def __init__(self) -> None:
        super().__init__()
        self.bounds = QRectF()
        self.others: list[Shape] = []
        self.own: list[Shape] = []
        self.draft: Shape | None = None
        self.setZValue(10)

    def set_bounds(self, bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self.bounds = QRectF(bounds)

    def set_shapes(self, others: list[Shape], own: list[Shape]) -> None:
        self.others, self.own, self.draft = list(others), list(own), None
        self.update()

    def shapes(self) -> list[Shape]:
        """What is drawn, draft excluded: every author's drawable shapes."""
        return [s for s in (*self.others, *self.own) if markup.drawable(s)]

    def boundingRect(self) -> QRectF:
        return self.bounds.adjusted(-200, -200, 200, 200)  # text and heads may reach past it

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        scale = painter.worldTransform().m11() or 1.0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for shape in (*self.others, *self.own, *([self.draft] if self.draft else [])):
            if markup.drawable(shape):
                paint_shape(painter, shape, LINE, HEAD / scale)


class MarkupTool(QObject):
    """Turns drags on the view into shapes (scene coordinates, inside the photo) while a
    drawing tool is chosen. `on_shape(shape)` gets each finished one; `text()` gives the words
    a text mark places (empty: `on_need_text()` is called and nothing is placed)."""

    def __init__(
        self,
        view: QGraphicsView,
        item: MarkupItem,
        on_shape: Callable[[Shape], None],
        text: Callable[[], str],
        on_need_text: Callable[[], None],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.item = item
        self.on_shape = on_shape
        self.text = text
        self.on_need_text = on_need_text
        self.tool = PAN
        self.start: QPointF | None = None
        view.viewport().installEventFilter(self)

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        self.start = None
        self.item.draft = None
        self.item.update()
        self.view.setDragMode(
            QGraphicsView.DragMode.ScrollHandDrag if tool == PAN else QGraphicsView.DragMode.NoDrag
        )
        if tool == PAN:
            self.view.viewport().unsetCursor()  # the view's own hand while it pans
        else:
            self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def _scene_point(self, event: QMouseEvent) -> QPointF:
        point = self.view.mapToScene(event.position().toPoint())
        bounds = self.item.bounds
        return QPointF(
            min(max(point.x(), bounds.left()), bounds.right()),
            min(max(point.y(), bounds.top()), bounds.bottom()),
        )

    def _shape(self, end: QPointF) -> Shape | None:
        assert self.start is not None
        start, at = self.start, now_iso()
        if self.tool == ARROW:
            return markup.arrow(start.x(), start.y(), end.x(), end.y(), at)
        if self.tool == ELLIPSE:
            return markup.ellipse(start.x(), start.y(), end.x(), end.y(), at)
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Answered here, never by the base class (PITFALLS: PySide6 drops references there).
        if self.tool == PAN or self.item.bounds.isEmpty() or not self.item.isVisible():
            return False
        kind = event.type()
        if not isinstance(event, QMouseEvent) or kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            point = self._scene_point(event)
            if self.tool == TEXT:
                self._place_text(point)
                return True
            self.start = point
            return True
        if self.start is None:
            return False
        end = self._scene_point(event)
        self.item.draft = self._shape(end)
        self.item.update()
        if kind == QEvent.Type.MouseButtonRelease:
            shape, self.item.draft = self.item.draft, None
            dragged = QLineF(self.start, end).length() * self.view.transform().m11()
            self.start = None
            self.item.update()
            if shape is not None and dragged >= MIN_DRAG:
                self.on_shape(shape)
        return True

    def _place_text(self, point: QPointF) -> None:
        words = self.text().strip()
        if not words:
            self.on_need_text()
            return
        size = TEXT_PX / (self.view.transform().m11() or 1.0)
        self.on_shape(markup.text(point.x(), point.y(), words, size, now_iso()))
