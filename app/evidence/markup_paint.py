"""How markup (domain/markup.py: arrows, ellipses, text) is drawn: one piece of code for the
screen (markup_layer, over the photo in the viewer) and for documents (notice_photos, onto the
document's copy of the photo — never into the original file).

The painter works in the upright original's pixels (the shapes' coordinates); `line` is the
pen's width in device pixels (cosmetic: the same on screen at any zoom), `head` an arrow head's
length in the original's pixels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from domain import markup

RED = QColor("#ef4444")
HALO = QColor(0, 0, 0, 150)
LINE = 3.0  # screen pixels, at any zoom
HEAD = 16.0  # arrow head length, screen pixels
DOCUMENT_LINE_PARTS = 120  # a document's markup line: this fraction of the photo's longer side


def _pens(line: float) -> tuple[QPen, QPen]:
    halo = QPen(HALO, line + 2.5 * line / LINE)
    pen = QPen(RED, line)
    for each in (halo, pen):
        each.setCosmetic(True)
        each.setCapStyle(Qt.PenCapStyle.RoundCap)
        each.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return halo, pen


def paint_shape(
    painter: QPainter, shape: Mapping[str, Any], line: float, head: float, family: str = ""
) -> None:
    """One drawable shape (check markup.drawable first)."""
    kind = shape["kind"]
    if kind == "text":
        _paint_text(painter, shape, family)
        return
    path = QPainterPath()
    if kind == "arrow":
        tip = QPointF(shape["x2"], shape["y2"])
        tail = QPointF(shape["x1"], shape["y1"])
        path.moveTo(tail)
        path.lineTo(tip)
        angle = math.atan2(tail.y() - tip.y(), tail.x() - tip.x())
        for side in (-0.45, 0.45):
            path.moveTo(tip)
            path.lineTo(
                tip.x() + head * math.cos(angle + side), tip.y() + head * math.sin(angle + side)
            )
    else:
        path.addEllipse(QRectF(shape["x"], shape["y"], shape["w"], shape["h"]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for pen in _pens(line):
        painter.setPen(pen)
        painter.drawPath(path)


def _paint_text(painter: QPainter, shape: Mapping[str, Any], family: str) -> None:
    font = QFont(family) if family else QFont()
    font.setBold(True)
    font.setPixelSize(max(1, round(shape["size"])))
    metrics = QFontMetricsF(font)
    words = shape["text"]
    pad = shape["size"] * 0.25
    box = QRectF(
        shape["x"], shape["y"], metrics.horizontalAdvance(words) + 2 * pad, metrics.height() + pad
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 215))
    painter.drawRoundedRect(box, pad, pad)
    painter.setFont(font)
    painter.setPen(RED)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), words)


def paint_markup_on_copy(
    painter: QPainter,
    shapes: Iterable[Mapping[str, Any]],
    original_size: tuple[int, int],
    copy_size: tuple[int, int],
    family: str = "",
) -> None:
    """Every drawable shape onto a copy of the photo `copy_size` pixels large (the painter is on
    that copy), the shapes being in the pixels of the upright original of `original_size`.
    A document prints a photo a few centimetres wide: lines are 1/120 of the copy's longer side
    (0.2–0.4 mm on paper), the arrow heads in proportion."""
    drawn = [s for s in shapes if markup.drawable(s)]
    if not drawn or original_size[0] <= 0 or copy_size[0] <= 0:
        return
    scale = copy_size[0] / original_size[0]
    line = max(1.5, max(copy_size) / DOCUMENT_LINE_PARTS)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    for shape in drawn:
        paint_shape(painter, shape, line, HEAD * line / LINE / scale, family)
    painter.restore()
