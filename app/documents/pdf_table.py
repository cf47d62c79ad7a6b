"""Ruled tables for the paged documents (pdf_flow): one item per row, so a table breaks between
rows and never inside one, and every row carries the header, which pdf_flow.paginate draws again
at the top of each page the table continues on.

A cell's text wraps inside its column; a column marked `shrink` first tries a smaller size (down
to 80 %) so a long unit name stays on one line and reads (and extracts) as one piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from app.documents.pdf_flow import INK, Item, Paragraph, Style, layout_lines

HEADER_FILL = QColor("#e8e8e8")


@dataclass(frozen=True)
class Column:
    weight: float  # share of the table's width
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter
    shrink: bool = False  # smaller type before wrapping


class Block(Protocol):
    """Something drawn in a cell instead of text (a notice's photos)."""

    def height(self, width: float) -> float: ...

    def paint(self, painter: QPainter, rect: QRectF) -> None: ...


@dataclass(frozen=True)
class Cell:
    text: str
    color: QColor | None = None
    bold: bool = False
    block: Block | None = None  # drawn below the text, as wide as the cell's inside


def _cell(value: str | Cell) -> Cell:
    return value if isinstance(value, Cell) else Cell(value)


def _row_item(
    style: Style,
    columns: Sequence[Column],
    cells: Sequence[str | Cell],
    width: float,
    points: float,
    *,
    fill: QColor | None = None,
    bold: bool = False,
    song: bool = False,
) -> Item:
    total = sum(c.weight for c in columns)
    widths = [width * c.weight / total for c in columns]
    pad_x, pad_y = style.mm(1.5), style.mm(1.2)
    laid = []
    height = 0.0

    def face(size: float, heavy: bool):
        return style.song_font(size, heavy) if song and not heavy else style.font(size, heavy)

    for column, value, cell_w in zip(columns, cells, widths, strict=True):
        cell = _cell(value)
        inner = max(1.0, cell_w - 2 * pad_x)
        size = points
        font = face(size, bold or cell.bold)
        if column.shrink:
            while (
                QFontMetricsF(font, style.device).horizontalAdvance(cell.text) > inner
                and size > points * 0.8
            ):
                size -= points * 0.05
                font = face(size, bold or cell.bold)
        para = Paragraph(cell.text, font, align=column.align, color=cell.color or QColor(INK))
        layout, lines = layout_lines(style, para, inner) if cell.text else (None, [])
        pitch = QFontMetricsF(font, style.device).height() * 1.25
        block_h = cell.block.height(inner) if cell.block is not None else 0.0
        laid.append((layout, lines, pitch, para.color, cell.block, block_h))
        height = max(height, len(lines) * pitch + block_h)
    height += 2 * pad_y
    rule = style.mm(0.2)

    def paint(painter: QPainter, top: float, _width: float) -> None:
        x = 0.0
        for (_layout, lines, pitch, color, block, block_h), cell_w in zip(
            laid, widths, strict=True
        ):
            rect = QRectF(x, top, cell_w, height)
            if fill is not None:
                painter.fillRect(rect, fill)
            painter.setPen(QPen(INK, rule))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            text_top = top + (height - len(lines) * pitch - block_h) / 2
            painter.setPen(color)
            for n, line in enumerate(lines):
                line_top = text_top + n * pitch + (pitch - line.height()) / 2
                line.draw(painter, QPointF(x + pad_x, line_top))
            if block is not None:
                inner = QRectF(
                    x + pad_x, text_top + len(lines) * pitch, cell_w - 2 * pad_x, block_h
                )
                block.paint(painter, inner)
            x += cell_w

    return Item(height, paint)


def table_items(
    style: Style,
    columns: Sequence[Column],
    header: Sequence[str],
    rows: Sequence[Sequence[str | Cell]],
    width: float,
    points: float = 10.5,
    space_before: float = 0.0,
    song: bool = False,
) -> list[Item]:
    """The header row and one item per row; rows starting a page repeat the header. `song`:
    the body rows in the 宋 face (the header stays 黑体)."""
    head = _row_item(style, columns, header, width, points, fill=HEADER_FILL, bold=True)
    items = [
        Item(head.height, head.paint, space_before=space_before, keep_with_next=bool(rows)),
    ]
    for row in rows:
        item = _row_item(style, columns, row, width, points, song=song)
        item.header = head
        items.append(item)
    return items
