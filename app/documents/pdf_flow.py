"""Paged documents drawn with QPainter (notice, bulletin): a flow of unbreakable items laid out
for the device, paginated so nothing is cut or overlaps, then painted with the page number below
the 版心
("— n —", GB/T 9704: odd pages at the right, even at the left, one character in).

Any paged device serves: a QPdfWriter for files, a QPrinter for printing — the same code. An item
is one text line, a photo row, a table row or a kept-together group; a chain of items marked
keep_with_next moves to the next page together; a table row carries its table's header, which is
drawn again at the top of every page the table continues on.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QFile, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from app.documents.fonts import document_font_family, song_font_family
from app.documents.notice_photos import (
    PHOTO_MAX_SIDE,
    PhotoNotDrawable,
    paint_watermark,
    photo_size,
    to_qimage,
)
from app.evidence.markup_paint import paint_markup_on_copy
from app.photos.metadata import PhotoRefused
from app.photos.thumbnails import upright_image

PDF_RESOLUTION = 300
RED = QColor("#c00000")
INK = QColor("#111111")
GREY = QColor("#555555")


def a4_layout(margins_mm: QMarginsF) -> QPageLayout:
    """A4 portrait with the document's margins (set it on a QPrinter before rendering)."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        margins_mm,
        QPageLayout.Unit.Millimeter,
    )


@dataclass
class Style:
    """Sizes in device units for one device; `family` the sans (黑体: headings, tables,
    watermarks), `song` the 宋 (版头, title, body)."""

    family: str
    device: QPagedPaintDevice
    dpi: float
    song: str = ""

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def song_font(self, points: float, bold: bool = False) -> QFont:
        """The 宋 face, falling back to the sans for any character it lacks."""
        font = self.font(points, bold)
        if self.song and self.song != self.family:
            font.setFamilies([self.song, self.family])
        return font


# -- flowables -------------------------------------------------------------------------------------
@dataclass
class Item:
    """One unbreakable piece of the flow: a text line, a photo row, a kept-together group."""

    height: float
    paint: Callable[[QPainter, float, float], None]  # (painter, top, width)
    space_before: float = 0.0
    keep_with_next: bool = False
    at_bottom: bool = False  # the last item, drawn at the page's foot when it shares the page
    header: Item | None = None  # drawn first when this item starts a page (a table's header)
    new_page: bool = False  # starts a new page (an annex after the signature)


@dataclass
class Paragraph:
    text: str
    font: QFont
    bold_prefix: int = 0  # the first characters printed bold (a label)
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft  # justified text extracts as "前 整 改"
    first_indent: float = 0.0
    pitch: float = 0.0
    color: QColor = field(default_factory=lambda: QColor(INK))


def layout_lines(style: Style, para: Paragraph, width: float) -> tuple[QTextLayout, list]:
    layout = QTextLayout(para.text, para.font, style.device)
    option = QTextOption(para.align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    if para.bold_prefix:
        bold = QTextLayout.FormatRange()
        bold.start, bold.length = 0, para.bold_prefix
        char = QTextCharFormat()
        char.setFontWeight(QFont.Weight.Bold)
        bold.format = char
        layout.setFormats([bold])
    lines: list[QTextLine] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        indent = para.first_indent if not lines else 0.0
        line.setLineWidth(max(1.0, width - indent))
        line.setPosition(QPointF(indent, 0))
        lines.append(line)
    layout.endLayout()
    return layout, lines


def paragraph_items(
    style: Style,
    para: Paragraph,
    width: float,
    space_before: float = 0.0,
    keep_with_next: bool = False,
) -> list[Item]:
    """One item per line; the first two and the last two lines stay together (no orphan, no
    widow), and `keep_with_next` holds the last line to what follows."""
    layout, lines = layout_lines(style, para, width)
    pitch = para.pitch or QFontMetricsF(para.font, style.device).height() * 1.2
    items: list[Item] = []
    for n, line in enumerate(lines):

        def paint(painter: QPainter, top: float, _w: float, line=line, layout=layout) -> None:
            painter.setPen(para.color)
            line.draw(painter, QPointF(0, top + (pitch - line.height()) / 2))

        last = n == len(lines) - 1
        items.append(
            Item(
                height=pitch,
                paint=paint,
                space_before=space_before if n == 0 else 0.0,
                keep_with_next=(keep_with_next if last else n == 0 or n == len(lines) - 2),
            )
        )
    return items


def group(items: list[Item], space_before: float = 0.0, keep_with_next: bool = False) -> Item:
    """Items drawn together, never split over pages."""
    offsets: list[float] = []
    y = 0.0
    for n, item in enumerate(items):
        y += item.space_before if n else 0.0
        offsets.append(y)
        y += item.height

    def paint(painter: QPainter, top: float, width: float) -> None:
        for item, offset in zip(items, offsets, strict=True):
            item.paint(painter, top + offset, width)

    return Item(y, paint, space_before, keep_with_next)


# -- photos ----------------------------------------------------------------------------------------
def paint_photo(
    painter: QPainter,
    rect: QRectF,
    path: Path,
    watermark: Sequence[str],
    style: Style,
    name: str,
    shapes: Sequence[Mapping[str, Any]] = (),
) -> None:
    """The photo (upright, scaled to `rect`, markup and watermark over the copy). Raises
    PhotoNotDrawable (the PDF is then not written) when the original cannot be decoded."""
    try:
        image = to_qimage(upright_image(path, PHOTO_MAX_SIDE))
    except PhotoRefused as error:
        raise PhotoNotDrawable(name or path.name) from error
    if shapes:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        on_copy = QPainter(image)
        paint_markup_on_copy(
            on_copy,
            shapes,
            photo_size(path, name),
            (image.width(), image.height()),
            style.family,
        )
        on_copy.end()
    # Embed no more pixels than the device prints (300 dpi for the PDF: ~900 px per photo).
    target = QSize(max(1, round(rect.width())), max(1, round(rect.height())))
    if image.width() > target.width() * 1.1:
        image = image.scaled(
            target,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    painter.drawImage(rect, image)
    painter.setPen(QPen(GREY, style.mm(0.15)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    paint_watermark(painter, rect, watermark, style.family)


# -- pagination and painting -----------------------------------------------------------------------
def paginate(items: list[Item], height: float) -> list[list[tuple[float, Item]]]:
    """Place the items on pages. A chain of kept-together items (each keep_with_next, up to the
    first that is not) starts a new page when it does not fit the rest of this one, unless it is
    longer than half a page or would leave 40 % of the page blank: then it flows like ordinary
    items (no huge gaps). An item with a
    header that starts a page has its header drawn above it."""
    pages: list[list[tuple[float, Item]]] = [[]]
    y = 0.0
    in_chain = False
    for n, item in enumerate(items):
        space = item.space_before if pages[-1] else 0.0
        fits = y + space + item.height <= height
        if pages[-1] and item.keep_with_next and not in_chain:
            chain = space + item.height
            fitting = 1 if fits else 0  # how many of the chain's items fit on this page
            last = item
            for later in items[n + 1 :]:
                chain += later.space_before + later.height
                fitting += 1 if y + chain <= height else 0
                last = later
                if not later.keep_with_next:
                    break
            # A chain that does not fit moves to the next page — unless that would leave 40 %
            # of this page blank and three of its items (a heading and two lines) fit here. A
            # chain ending at the foot (the signature down to a receipt) may fill 3/4 of a page:
            # the receipt never stands alone on the last page.
            gap = height - y > height * 0.4 and fitting >= 3
            longest = height * (0.75 if last.at_bottom else 0.5)
            if y + chain > height and chain <= longest and not (gap and not last.at_bottom):
                fits = False
        if pages[-1] and (not fits or item.new_page):
            pages.append([])
            y, space = 0.0, 0.0
            if item.header is not None:
                pages[-1].append((0.0, item.header))
                y = item.header.height
        top = height - item.height if item.at_bottom and pages[-1] else y + space
        pages[-1].append((top, item))
        y = top + item.height
        in_chain = item.keep_with_next
    return pages


def page_inset(device: QPagedPaintDevice, margins_mm: QMarginsF) -> QMarginsF:
    """What to keep blank inside the device's paint area so the document has its own margins
    whatever the device's (a printer's are often a few millimetres, or none in full-page mode)."""
    layout = device.pageLayout()
    if layout.mode() == QPageLayout.Mode.FullPageMode:
        have = QMarginsF(0, 0, 0, 0)
    else:
        have = layout.margins(QPageLayout.Unit.Millimeter)
    return QMarginsF(
        max(0.0, margins_mm.left() - have.left()),
        max(0.0, margins_mm.top() - have.top()),
        max(0.0, margins_mm.right() - have.right()),
        max(0.0, margins_mm.bottom() - have.bottom()),
    )


PAGE_NUMBER_PT = 14  # 4号
PAGE_NUMBER_GAP_MM = 7  # below the 版心


def render_pages(
    device: QPagedPaintDevice,
    margins_mm: QMarginsF,
    build: Callable[[Style, float], list[Item]],
    page_label: Callable[[int, int], str],
) -> int:
    """Lay out `build(style, text width)` on `device` within the margins (the 版心), paginate and
    paint, with `page_label(n, pages)` 7 mm below the 版心 (odd pages right, even pages left).
    Returns the page count. Raises NoChineseFont before drawing anything."""
    family = document_font_family()
    style = Style(family, device, float(device.logicalDpiY()), song_font_family())
    inset = page_inset(device, margins_mm)
    left, top_ = style.mm(inset.left()), style.mm(inset.top())
    width = float(device.width()) - left - style.mm(inset.right())
    height = float(device.height()) - top_ - style.mm(inset.bottom())
    pages = paginate(build(style, width), height)

    painter = QPainter()
    if not painter.begin(device):
        raise OSError(
            QCoreApplication.translate("documents", "The document cannot be written or printed.")
        )
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        page_font = style.song_font(PAGE_NUMBER_PT)
        em = style.pt(PAGE_NUMBER_PT)
        for number, page in enumerate(pages, 1):
            if number > 1:
                device.newPage()
            painter.resetTransform()
            painter.translate(left, top_)
            for top, item in page:
                item.paint(painter, top, width)
            painter.setFont(page_font)
            painter.setPen(INK)
            side = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
            painter.drawText(
                QRectF(em, height + style.mm(PAGE_NUMBER_GAP_MM), width - 2 * em, em * 1.5),
                int(side | Qt.AlignmentFlag.AlignTop),
                page_label(number, len(pages)),
            )
    finally:
        painter.end()
    return len(pages)


def _cannot_write(out: Path, error: str) -> OSError:
    return OSError(
        QCoreApplication.translate("documents", "Cannot write {path}: {error}").format(
            path=str(out), error=error
        )
    )


def write_pdf(
    out: Path,
    layout: QPageLayout,
    title: str,
    creator: str,
    render: Callable[[QPdfWriter], int],
) -> Path:
    """A PDF at `out`, written whole or not at all (temp file, then rename). Raises NoChineseFont
    (nothing written) or OSError."""
    document_font_family()  # refuse before creating anything
    out = Path(out)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    qfile = QFile(str(temp))
    if not qfile.open(QIODevice.OpenModeFlag.WriteOnly):
        raise _cannot_write(out, qfile.errorString())
    try:
        writer = QPdfWriter(qfile)
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(layout)
        writer.setTitle(title)
        writer.setCreator(creator)
        render(writer)
        del writer
        qfile.close()
        if qfile.error() != QFile.FileError.NoError:
            raise _cannot_write(out, qfile.errorString())
        os.replace(temp, out)
    except BaseException:
        qfile.close()
        temp.unlink(missing_ok=True)
        raise
    return out
