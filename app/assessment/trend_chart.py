"""A unit's month scores over the last twelve months, drawn with QPainter (no chart module)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[Decimal | None] = []
        self.title = ""
        self.empty_text = ""
        self.setMinimumHeight(180)

    def set_series(self, title: str, labels: list[str], values: list[Decimal | None]) -> None:
        self.title, self.labels, self.values = title, labels, values
        self.update()

    def low(self) -> int:
        """The bottom of the scale: 50, or lower (in tens) when a score is lower."""
        known = [float(v) for v in self.values if v is not None]
        return int(min([50.0, *known]) // 10 * 10)

    def y(self, plot: QRectF, value: float) -> float:
        low = self.low()
        return plot.bottom() - (value - low) / (100 - low) * plot.height()

    def points(self, plot: QRectF) -> list[QPointF | None]:
        """Where each month's score sits in `plot` (None: 未检查 that month)."""
        n = len(self.values)
        step = plot.width() / max(1, n - 1)
        return [
            None if v is None else QPointF(plot.left() + i * step, self.y(plot, float(v)))
            for i, v in enumerate(self.values)
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        plot = QRectF(36, 24, self.width() - 52, self.height() - 24 - 2 * metrics.height())
        painter.setPen(QColor("#111827"))
        painter.drawText(QRectF(0, 2, self.width(), 20), Qt.AlignmentFlag.AlignCenter, self.title)
        painter.setPen(QPen(QColor("#e5e7eb"), 1))
        for level in sorted({self.low(), 60, 80, 90, 100}):
            y = self.y(plot, level)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#6b7280"))
            painter.drawText(QRectF(0, y - 8, 32, 16), Qt.AlignmentFlag.AlignRight, str(level))
            painter.setPen(QPen(QColor("#e5e7eb"), 1))
        points = self.points(plot)
        painter.setPen(QColor("#6b7280"))
        for i, label in enumerate(self.labels):
            x = plot.left() + i * plot.width() / max(1, len(self.labels) - 1)
            painter.drawText(
                QRectF(x - 40, plot.bottom() + 4, 80, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        painter.setPen(QPen(QColor("#b91c1c"), 2))
        previous: QPointF | None = None
        for point in points:
            if point is not None and previous is not None:
                painter.drawLine(previous, point)
            previous = point
        painter.setBrush(QColor("#b91c1c"))
        for point, value in zip(points, self.values, strict=True):
            if point is not None and value is not None:
                painter.drawEllipse(point, 3, 3)
                painter.drawText(
                    QRectF(point.x() - 30, point.y() - 20, 60, 16),
                    Qt.AlignmentFlag.AlignCenter,
                    f"{value.quantize(Decimal('0.1'))}",
                )
        if not any(v is not None for v in self.values) and self.empty_text:
            painter.setPen(QColor("#6b7280"))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
        painter.end()
