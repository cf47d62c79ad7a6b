"""A unit's month scores over the last twelve months, drawn with QPainter (no chart module)."""

from __future__ import annotations

import math
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

STEPS = (1, 2, 5)  # × 10ⁿ: the round steps of a scale


def scale_ticks(low: float, high: float, most: int = 10, finest: int = 1) -> list[int]:
    """The scale's ticks from `low` (or the round step below it) to `high` (or above): one round
    step (1, 2 or 5 × 10ⁿ whole points, at least `finest`), the finest with at most `most`
    intervals; every multiple of the step in between is a tick, so none is ever skipped."""
    high = max(high, low + 1)
    exponent = 0
    while True:
        for factor in STEPS:
            step = factor * 10**exponent
            if step < finest:
                continue
            bottom = math.floor(low / step) * step
            top = math.ceil(high / step) * step
            if (top - bottom) // step <= max(1, most):
                return list(range(bottom, top + 1, step))
        exponent += 1


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[Decimal | None] = []
        self.title = ""
        self.empty_text = ""
        self.full_score = 100.0
        self.setMinimumHeight(180)

    def set_series(
        self,
        title: str,
        labels: list[str],
        values: list[Decimal | None],
        full_score: Decimal | float = 100,
    ) -> None:
        self.title, self.labels, self.values = title, labels, values
        self.full_score = float(full_score)
        self.update()

    def ticks(self, most: int = 10) -> list[int]:
        """The scale: from half the full score (or below the lowest score) to the full score
        (or above the highest), in round steps no finer than a tenth of the full score's
        order (10 points of 100), coarser only when the height holds no more (scale_ticks)."""
        known = [float(v) for v in self.values if v is not None]
        low = min([self.full_score / 2, *known])
        high = max([self.full_score, *known])
        finest = max(1, 10 ** math.floor(math.log10(max(self.full_score, 1))) // 10)
        return scale_ticks(low, high, most, finest)

    def _most(self, plot: QRectF) -> int:
        """As many intervals as the plot's height holds labels."""
        return max(2, int(plot.height() // (self.fontMetrics().height() + 4)))

    def y(self, plot: QRectF, value: float) -> float:
        ticks = self.ticks(self._most(plot))
        low, high = ticks[0], ticks[-1]
        return plot.bottom() - (value - low) / (high - low) * plot.height()

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
        for level in self.ticks(self._most(plot)):
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
