"""路长公示 as a PDF drawn with QPainter (app/documents/pdf_flow.py), in the official style of the
office's documents: the title in red 宋 bold with the red separator below it, the office and the
date, the opening paragraph, the ruled table (序号, 责任路段, 责任单位, 路长, 联系电话) whose
header repeats on every page it continues on, the supervision phone (监督电话), and the office's
signature with the seal area (盖章处); "— n —" below the 版心.

Two sizes: A4 (the GB/T 9704 版心, 156 × 225 mm) for files and notice boards, and a poster on
A2 (420 × 594 mm, portrait) to post at the roadside or in a hall: the same layout scaled up as
far as one sheet holds it (type 1.5 to 2.5 times A4's; a list too long for one sheet at 1.5
times continues on more sheets, its header repeated).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen

from app.documents.fonts import document_font_family, song_font_family
from app.documents.pdf_flow import (
    INK,
    RED,
    Item,
    Paragraph,
    Style,
    a4_layout,
    page_inset,
    paginate,
    paragraph_items,
    render_pages,
    write_pdf,
)
from app.documents.pdf_official import (
    DEVICE_MARGINS_MM,
    GB_MARGINS_MM,
    page_label,
    seal_signature_item,
)
from app.documents.pdf_table import Column, table_items
from app.documents.road_chiefs_model import COLUMNS as COLUMN_TITLES
from app.documents.road_chiefs_model import (
    DOCUMENT_CREATOR,
    WORDS,
    RoadChiefBoard,
    count_text,
    date_text,
    intro_text,
    row_cells,
    supervision_text,
)

TITLE_PT = 22  # 二号
BODY_PT = 14  # 四号: a list to read, not a letter
TABLE_PT = 10.5  # 五号, as the bulletin's tables
LINE_SPACING = 1.5
POSTER_MARGINS_MM = QMarginsF(30, 30, 30, 34)
POSTER_SCALES = (2.5, 2.2, 2.0, 1.8, 1.6, 1.5)  # the largest that fits one sheet
_LEFT = Qt.AlignmentFlag.AlignLeft
_CENTRE = Qt.AlignmentFlag.AlignHCenter
COLUMNS = (
    Column(0.9),
    Column(4.1, _LEFT, shrink=True),
    Column(3.4, _LEFT, shrink=True),
    Column(1.3),
    Column(2.2, shrink=True),
)


def poster_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A2),
        QPageLayout.Orientation.Portrait,
        DEVICE_MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _build(board: RoadChiefBoard, style: Style, width: float, k: float) -> list[Item]:
    """The board's flow at `k` times A4's type sizes."""
    s = style
    body = s.song_font(BODY_PT * k)
    em = s.pt(BODY_PT * k)
    pitch = em * LINE_SPACING
    items: list[Item] = []

    def text(words: str, **kw) -> None:
        kw.setdefault("font", body)
        kw.setdefault("pitch", pitch)
        space = kw.pop("space_before", 0.0)
        keep = kw.pop("keep", False)
        items.extend(paragraph_items(s, Paragraph(words, **kw), width, space, keep))

    title_font = s.song_font(TITLE_PT * k, bold=True)
    title_pitch = s.pt(TITLE_PT * k) * 1.5
    text(board.title, font=title_font, align=_CENTRE, pitch=title_pitch, color=RED, keep=True)
    rule = s.mm(0.75 * k)

    def separator(painter: QPainter, top: float, w: float) -> None:
        painter.setPen(QPen(RED, rule))
        y = top + rule
        painter.drawLine(QPointF(0, y), QPointF(w, y))

    items.append(Item(rule * 2 + s.mm(2 * k), separator, keep_with_next=True))
    if board.unit:
        text(WORDS["unit_line"].format(unit=board.unit), align=_CENTRE, keep=True)
    text(f"{board.office_name}　{date_text(board)}", align=_CENTRE, keep=True)
    text(intro_text(board), first_indent=2 * em, space_before=em * 0.4)
    if board.rows:
        items.extend(
            table_items(
                s,
                COLUMNS,
                COLUMN_TITLES,
                [row_cells(r) for r in board.rows],
                width,
                TABLE_PT * k,
                em * 0.4,
                song=True,
            )
        )
        text(count_text(board), align=Qt.AlignmentFlag.AlignRight, font=s.song_font(TABLE_PT * k))
    else:
        text(WORDS["none"], first_indent=2 * em)
    bold = s.font(BODY_PT * k, bold=True)
    missing = not board.office_phone
    text(supervision_text(board), font=bold, color=RED if missing else INK, keep=True)
    text(WORDS["footer"], first_indent=2 * em, keep=True)
    items.append(seal_signature_item(s, [board.office_name, date_text(board)], body, pitch))
    return items


def _pages(device: QPagedPaintDevice, margins: QMarginsF, build: Callable) -> int:
    """How many pages `build` takes on `device` (laid out as render_pages lays it, not drawn)."""
    style = Style(document_font_family(), device, float(device.logicalDpiY()), song_font_family())
    inset = page_inset(device, margins)
    width = float(device.width()) - style.mm(inset.left()) - style.mm(inset.right())
    height = float(device.height()) - style.mm(inset.top()) - style.mm(inset.bottom())
    return len(paginate(build(style, width), height))


def poster_scale(board: RoadChiefBoard, device: QPagedPaintDevice) -> float:
    """The largest of POSTER_SCALES at which the board fits one sheet (else the smallest)."""
    for k in POSTER_SCALES:
        if _pages(device, POSTER_MARGINS_MM, lambda st, w, k=k: _build(board, st, w, k)) == 1:
            return k
    return POSTER_SCALES[-1]


def render_board(board: RoadChiefBoard, device: QPagedPaintDevice, size: str = "a4") -> int:
    """Draw the board on `device` (its page layout set for `size`). Returns the page count.
    Raises NoChineseFont before drawing anything."""
    if size == "poster":
        k = poster_scale(board, device)
        margins = POSTER_MARGINS_MM
    else:
        k, margins = 1.0, GB_MARGINS_MM
    return render_pages(device, margins, lambda st, w: _build(board, st, w, k), page_label)


def page_layout(size: str) -> QPageLayout:
    return poster_layout() if size == "poster" else a4_layout(DEVICE_MARGINS_MM)


def write_board_pdf(board: RoadChiefBoard, out: Path, size: str = "a4") -> Path:
    """The board as a PDF at `out` (A4, or the A2 poster), written whole or not at all. Raises
    NoChineseFont (nothing written) or OSError."""
    return write_pdf(
        out,
        page_layout(size),
        board.title,
        DOCUMENT_CREATOR,
        lambda writer: render_board(board, writer, size),
    )
