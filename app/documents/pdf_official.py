"""The parts of an official document (GB/T 9704-2012) drawn with QPainter, shared by the notice
and the bulletin: the 版头 (the red 发文机关标志, the 发文字号 or 期号 line and the red separator),
the signature with its marked seal area (盖章处), and the page number's label "— 1 —".

Page geometry: A4 with 天头 37 mm, 订口 28 mm and a 版心 of 156 × 225 mm (so 26 mm right and
35 mm at the foot); pdf_flow.render_pages draws the page number 7 mm below the 版心, odd pages
at the right and even pages at the left, one character in (GB/T 9704 7.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.documents.notice_wording import WORDS
from app.documents.pdf_flow import GREY, INK, RED, Item, Style

GB_MARGINS_MM = QMarginsF(28, 37, 26, 35)  # 版心 156 × 225 mm on A4
# What the device itself keeps blank (a QPdfWriter's page layout): the rest of GB_MARGINS_MM is
# made up inside, and the page number finds room below the 版心.
DEVICE_MARGINS_MM = QMarginsF(10, 10, 10, 10)
PAGE_LABEL = WORDS["page"]  # — 1 —, as the .docx footers say
MARK_MAX_PT = 36  # 发文机关标志: 小初 at most, smaller to fit the 版心's width
SEPARATOR_MM = 0.75
SEAL_MM = 40  # an office seal's diameter (42 mm at most)
SEAL_LABEL = "盖章处"


def page_label(page: int, _pages: int) -> str:
    return PAGE_LABEL.format(page=page)


@dataclass(frozen=True)
class Run:
    text: str
    color: QColor | None = None  # None: ink


Row = tuple[Sequence[Run], Sequence[Run], Sequence[Run]]  # left, centre, right


def _runs_width(runs: Sequence[Run], metrics: QFontMetricsF) -> float:
    return sum(metrics.horizontalAdvance(r.text) for r in runs)


def _draw_runs(
    painter: QPainter, runs: Sequence[Run], x: float, top: float, h: float, font: QFont
) -> None:
    metrics = QFontMetricsF(font, painter.device())
    painter.setFont(font)
    for run in runs:
        w = metrics.horizontalAdvance(run.text)
        painter.setPen(run.color if run.color is not None else INK)
        painter.drawText(
            QRectF(x, top, w + 1, h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            run.text,
        )
        x += w


def mark_font(style: Style, mark: str, width: float) -> QFont:
    """The 发文机关标志's font: 宋 bold, red, as large as MARK_MAX_PT allows within `width`."""
    points = MARK_MAX_PT
    font = style.song_font(points, bold=True)
    while points > 16 and QFontMetricsF(font, style.device).horizontalAdvance(mark) > width:
        points -= 1
        font = style.song_font(points, bold=True)
    return font


def masthead_item(style: Style, width: float, mark: str, rows: Sequence[Row], pitch: float) -> Item:
    """The 版头: `mark` (the 发文机关标志) centred in red, a blank line, the `rows` (发文字号, or
    期号 then 编印单位 and date), and 4 mm below them the red separator as wide as the 版心."""
    big = mark_font(style, mark, width)
    big_h = QFontMetricsF(big, style.device).height() * 1.15
    body = style.song_font(16)
    metrics = QFontMetricsF(body, style.device)
    gap = pitch * 0.5  # 发文机关标志下空二行, compacted
    rule = style.mm(SEPARATOR_MM)
    below = style.mm(4)

    def paint(painter: QPainter, top: float, w: float) -> None:
        painter.setFont(big)
        painter.setPen(RED)
        painter.drawText(QRectF(0, top, w, big_h), int(Qt.AlignmentFlag.AlignCenter), mark)
        y = top + big_h + gap
        em = style.pt(16)
        for left, centre, right in rows:
            _draw_runs(painter, left, em, y, pitch, body)
            _draw_runs(painter, centre, (w - _runs_width(centre, metrics)) / 2, y, pitch, body)
            _draw_runs(painter, right, w - em - _runs_width(right, metrics), y, pitch, body)
            y += pitch
        y += below
        painter.setPen(QPen(RED, rule))
        painter.drawLine(QPointF(0, y), QPointF(w, y))

    height = big_h + gap + len(rows) * pitch + below + rule
    return Item(height, paint, keep_with_next=True)


def seal_signature_item(style: Style, lines: Sequence[str], font: QFont, pitch: float) -> Item:
    """The 发文机关署名 and 成文日期, centred on one axis four characters from the right, under a
    dashed circle marking where the seal goes (盖章处): the seal presses down on the signature and
    the date, which sit a little below its centre, its top within a line of the text above."""
    metrics = QFontMetricsF(font, style.device)
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    em = font.pointSizeF() * style.dpi / 72
    radius = style.mm(SEAL_MM) / 2
    lines_h = len(lines) * pitch
    label_font = style.song_font(9)
    label_h = QFontMetricsF(label_font, style.device).height()
    cap = label_h + style.mm(2)  # room above the lines for the 盖章处 label
    centre_y = cap + lines_h * 0.4  # the circle's centre, from the item's top
    above = max(0.0, radius - centre_y)  # how far the circle reaches over the space before

    def paint(painter: QPainter, top: float, width: float) -> None:
        centre = width - 4 * em - widest / 2
        pen = QPen(QColor(RED.red(), RED.green(), RED.blue(), 150), style.mm(0.3))
        pen.setDashPattern([4, 3])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(centre, top + centre_y), radius, radius)
        painter.setFont(label_font)
        painter.setPen(GREY)
        painter.drawText(
            QRectF(centre - radius, top + style.mm(0.5), 2 * radius, label_h),
            int(Qt.AlignmentFlag.AlignCenter),
            SEAL_LABEL,
        )
        painter.setFont(font)
        painter.setPen(INK)
        for n, line in enumerate(lines):
            painter.drawText(
                QRectF(centre - widest, top + cap + n * pitch, 2 * widest, pitch),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                line,
            )

    height = max(cap + lines_h, centre_y + radius)
    return Item(height, paint, space_before=max(pitch * 0.3, above))
