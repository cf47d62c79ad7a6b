"""The rectification notice (整改通知书) drawn with QPainter on any paged device: a QPdfWriter for
files, a QPrinter for printing — the same code.

The layout is a county office's: number top right, centred title, 主送 line, the body paragraph,
存在问题 with each problem's photos (two per row, watermark in the bottom-left corner), the
requirements, the deadline, the inspectors, the signature block, 抄送, then a cut line and the
receipt stub. Everything is laid out first (text lines, photo rows, kept-together groups), then
paginated so nothing is cut or overlaps, then painted with "第 n 页 共 m 页" on every page.

The wording is Chinese by nature (an official document, not UI) and lives in WORDS; the text
builders here are shared with notice_docx so both documents say exactly the same.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

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

from app.documents.fonts import document_font_family
from app.documents.model import NoticeDocument, NoticePhoto, NoticeProblem

# -- the wording (shared with notice_docx) ---------------------------------------------------------
from app.documents.notice_photos import (
    PHOTO_MAX_SIDE,
    paint_watermark,
    to_qimage,
    upright_size,
)
from app.documents.notice_wording import (
    DOCUMENT_CREATOR,
    WORDS,
    addressee_text,
    body_text,
    cc_text,
    chinese_date,
    deadline_text,
    figure_label,
    inspectors_text,
    notice_title,
    number_text,
    problem_body,
    problem_head,
    receipt_time_text,
    text_lines,
)
from app.photos.metadata import PhotoRefused
from app.photos.thumbnails import upright_image

PAGE_MARGINS_MM = QMarginsF(28, 30, 26, 20)
PDF_RESOLUTION = 300


def notice_page_layout() -> QPageLayout:
    """A4 portrait with the notice's margins: set it on a QPrinter before render_notice."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        PAGE_MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


@dataclass
class _Style:
    """Sizes in device units for one device."""

    family: str
    device: QPagedPaintDevice
    dpi: float

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


TITLE_PT = 22  # 二号
BODY_PT = 15
SMALL_PT = 10.5  # 五号
RECEIPT_TITLE_PT = 16  # 三号
LINE_SPACING = 1.75  # body line pitch, in em
RED = QColor("#c00000")
INK = QColor("#111111")
GREY = QColor("#555555")


# -- flowables -------------------------------------------------------------------------------------
@dataclass
class _Item:
    """One unbreakable piece of the flow: a text line, a photo row, a kept-together group."""

    height: float
    paint: Callable[[QPainter, float, float], None]  # (painter, top, width)
    space_before: float = 0.0
    keep_with_next: bool = False
    at_bottom: bool = False  # the last item, drawn at the page's foot when it shares the page


@dataclass
class _Paragraph:
    text: str
    font: QFont
    bold_prefix: int = 0  # the first characters printed bold (a label)
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft  # justified text extracts as "前 整 改"
    first_indent: float = 0.0
    pitch: float = 0.0
    color: QColor = field(default_factory=lambda: QColor(INK))


def _layout_lines(style: _Style, para: _Paragraph, width: float) -> tuple[QTextLayout, list]:
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


def _paragraph_items(
    style: _Style,
    para: _Paragraph,
    width: float,
    space_before: float = 0.0,
    keep_with_next: bool = False,
) -> list[_Item]:
    """One item per line; the first two and the last two lines stay together (no orphan, no
    widow), and `keep_with_next` holds the last line to what follows."""
    layout, lines = _layout_lines(style, para, width)
    pitch = para.pitch or QFontMetricsF(para.font, style.device).height() * 1.2
    items: list[_Item] = []
    for n, line in enumerate(lines):

        def paint(painter: QPainter, top: float, _w: float, line=line, layout=layout) -> None:
            painter.setPen(para.color)
            line.draw(painter, QPointF(0, top + (pitch - line.height()) / 2))

        last = n == len(lines) - 1
        items.append(
            _Item(
                height=pitch,
                paint=paint,
                space_before=space_before if n == 0 else 0.0,
                keep_with_next=(keep_with_next if last else n == 0 or n == len(lines) - 2),
            )
        )
    return items


def _group(items: list[_Item], space_before: float = 0.0, keep_with_next: bool = False) -> _Item:
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

    return _Item(y, paint, space_before, keep_with_next)


@dataclass
class _Cell:
    photo: NoticePhoto
    label: str
    size: tuple[float, float]  # the photo as drawn, device units
    readable: bool


class _Builder:
    """Turns the notice into a flow of items for the device's text width."""

    def __init__(self, doc: NoticeDocument, style: _Style, width: float) -> None:
        self.doc = doc
        self.s = style
        self.width = width
        self.body = style.font(BODY_PT)
        self.em = style.pt(BODY_PT)
        self.pitch = self.em * LINE_SPACING
        self.items: list[_Item] = []

    def para(self, text: str, **kw) -> _Paragraph:
        kw.setdefault("font", self.body)
        kw.setdefault("pitch", self.pitch)
        return _Paragraph(text, **kw)

    def add(self, para: _Paragraph, space_before: float = 0.0, keep: bool = False) -> None:
        """A paragraph; a line break in its text starts another (same style, no label)."""
        pieces = text_lines(para.text)
        for n, piece in enumerate(pieces):
            bold = para.bold_prefix if n == 0 else 0
            part = replace(para, text=piece, bold_prefix=bold)
            last = n == len(pieces) - 1
            before = space_before if n == 0 else 0.0
            self.items += _paragraph_items(self.s, part, self.width, before, keep and last)

    def build(self) -> list[_Item]:
        doc, s = self.doc, self.s
        self.number()
        title = self.para(
            notice_title(doc),
            font=s.font(TITLE_PT, bold=True),
            align=Qt.AlignmentFlag.AlignHCenter,
            pitch=s.pt(TITLE_PT) * 1.45,
        )
        self.add(title, space_before=self.em * 0.6, keep=True)
        self.items.append(_Item(self.em * 1.2, lambda p, t, w: None, keep_with_next=True))
        self.add(self.para(addressee_text(doc)), keep=True)
        self.add(self.para(body_text(doc), first_indent=2 * self.em))
        heading = self.para(
            WORDS["problems"], font=s.font(BODY_PT, bold=True), first_indent=2 * self.em
        )
        self.add(heading, space_before=self.em * 0.4, keep=True)
        for problem in doc.problems:
            self.problem(problem)
        self.labelled(WORDS["requirements"], doc.requirements.strip(), space_before=self.em * 0.4)
        self.labelled(WORDS["deadline"], deadline_text(doc))
        for line in doc.extra_lines:
            self.add(self.para(line, first_indent=2 * self.em))
        self.labelled(WORDS["inspectors"], inspectors_text(doc))
        self.signature()
        if doc.cc_units:
            self.cc()
        self.receipt()
        return self.items

    def number(self) -> None:
        doc, s = self.doc, self.s
        font = s.font(BODY_PT)
        metrics = QFontMetricsF(font, s.device)
        number = doc.number
        mark = WORDS["provisional"] if doc.provisional else ""

        def paint(painter: QPainter, top: float, width: float) -> None:
            painter.setFont(font)
            right = width
            if mark:
                mark_width = metrics.horizontalAdvance(mark)
                painter.setPen(RED)
                painter.drawText(
                    QRectF(right - mark_width, top, mark_width + 1, self.pitch),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    mark,
                )
                right -= mark_width
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, top, right, self.pitch),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                number,
            )

        self.items.append(_Item(self.pitch, paint, keep_with_next=True))

    def labelled(self, label: str, text: str, space_before: float = 0.0) -> None:
        para = self.para(label + text, bold_prefix=len(label), first_indent=2 * self.em)
        self.add(para, space_before=space_before)

    def problem(self, problem: NoticeProblem) -> None:
        head = problem_head(problem)
        para = self.para(
            head + problem_body(problem), bold_prefix=len(head), first_indent=2 * self.em
        )
        self.add(para, space_before=self.em * 0.25, keep=bool(problem.photos))
        cells = [self.cell(problem, n, photo) for n, photo in enumerate(problem.photos, 1)]
        for start in range(0, len(cells), 2):
            self.photo_row(cells[start : start + 2])

    def cell(self, problem: NoticeProblem, n: int, photo: NoticePhoto) -> _Cell:
        box_w = (self.width - self.s.mm(6)) / 2
        box_h = self.s.mm(80)
        size = upright_size(photo.path)
        w, h = size if size else (4, 3)
        scale = min(box_w / w, box_h / h)
        return _Cell(photo, figure_label(problem, n, photo), (w * scale, h * scale), bool(size))

    def photo_row(self, cells: list[_Cell]) -> None:
        s = self.s
        label_font = s.font(SMALL_PT)
        label_h = QFontMetricsF(label_font, s.device).height() * 1.5
        gap = s.mm(6)
        box_w = (self.width - gap) / 2
        photo_h = max(c.size[1] for c in cells)
        family = s.family

        def paint(painter: QPainter, top: float, width: float) -> None:
            for n, cell in enumerate(cells):
                left = (width - box_w) / 2 if len(cells) == 1 else n * (box_w + gap)
                w, h = cell.size
                rect = QRectF(left + (box_w - w) / 2, top + photo_h - h, w, h)
                _paint_photo(painter, rect, cell, family, s)
                painter.setFont(label_font)
                painter.setPen(GREY)
                metrics = QFontMetricsF(label_font, s.device)
                label = metrics.elidedText(cell.label, Qt.TextElideMode.ElideRight, box_w)
                painter.drawText(
                    QRectF(left, top + photo_h, box_w, label_h),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    label,
                )

        self.items.append(_Item(photo_h + label_h, paint, space_before=self.em * 0.4))

    def signature(self) -> None:
        doc, s = self.doc, self.s
        lines = [doc.office_name, WORDS["issued_by"].format(name=doc.issued_by)]
        lines.append(chinese_date(doc.issued_at))
        font = self.body
        metrics = QFontMetricsF(font, s.device)
        widest = max(metrics.horizontalAdvance(line) for line in lines)

        def paint(painter: QPainter, top: float, width: float) -> None:
            painter.setFont(font)
            painter.setPen(INK)
            centre = width - 2 * self.em - widest / 2
            for n, line in enumerate(lines):
                painter.drawText(
                    QRectF(centre - widest, top + n * self.pitch, 2 * widest, self.pitch),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    line,
                )

        # Room above for the seal; the signature is never left alone on a page.
        self.items[-1].keep_with_next = True
        self.items.append(_Item(len(lines) * self.pitch, paint, space_before=self.pitch * 2))

    def cc(self) -> None:
        s = self.s
        label = WORDS["cc"]
        para = self.para(label + cc_text(self.doc), bold_prefix=len(label))
        lines = _paragraph_items(s, para, self.width)
        inner = _group(lines)
        rule = s.mm(0.35)

        def paint(painter: QPainter, top: float, width: float) -> None:
            pen = QPen(INK, rule)
            painter.setPen(pen)
            painter.drawLine(QPointF(0, top), QPointF(width, top))
            inner.paint(painter, top + self.em * 0.3, width)
            bottom = top + self.em * 0.6 + inner.height
            painter.setPen(pen)
            painter.drawLine(QPointF(0, bottom), QPointF(width, bottom))

        self.items.append(_Item(inner.height + self.em * 0.6, paint, space_before=self.pitch))

    def receipt(self) -> None:
        doc, s = self.doc, self.s
        body = self.body
        metrics = QFontMetricsF(body, s.device)
        pitch = self.pitch
        title_font = s.font(RECEIPT_TITLE_PT, bold=True)
        small = s.font(SMALL_PT)
        cut_font = s.font(SMALL_PT)
        note = WORDS["receipt_note"].format(office=doc.office_name)
        note_lines = _group(
            _paragraph_items(s, _Paragraph(note, small, pitch=pitch * 0.8), self.width)
        )
        fields_top = pitch * 1.6
        rows = 4

        def field_(painter: QPainter, x: float, y: float, right: float, label: str, value: str):
            painter.setFont(body)
            painter.setPen(INK)
            label_w = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x, y, label_w + 1, pitch),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            painter.drawText(
                QRectF(x + label_w + self.em * 0.3, y, right - x - label_w, pitch),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(
                    value, Qt.TextElideMode.ElideRight, right - x - label_w - self.em * 0.3
                ),
            )
            painter.setPen(QPen(GREY, s.mm(0.2)))
            base = y + pitch * 0.82
            painter.drawLine(QPointF(x + label_w, base), QPointF(right, base))

        def paint(painter: QPainter, top: float, width: float) -> None:
            # the cut line, dashed, with its words in a gap in the middle
            painter.setFont(cut_font)
            cut = WORDS["cut"]
            cut_w = QFontMetricsF(cut_font, s.device).horizontalAdvance(cut) + self.em
            mid = top + pitch * 0.5
            pen = QPen(GREY, s.mm(0.25))
            pen.setDashPattern([8, 6])  # in pen widths: 2 mm dashes
            painter.setPen(pen)
            painter.drawLine(QPointF(0, mid), QPointF((width - cut_w) / 2, mid))
            painter.drawLine(QPointF((width + cut_w) / 2, mid), QPointF(width, mid))
            painter.setPen(GREY)
            painter.drawText(
                QRectF((width - cut_w) / 2, top, cut_w, pitch),
                int(Qt.AlignmentFlag.AlignCenter),
                cut,
            )
            painter.setFont(title_font)
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, top + pitch * 0.8, width, pitch),
                int(Qt.AlignmentFlag.AlignCenter),
                WORDS["receipt"],
            )
            y = top + fields_top + pitch * 0.3
            field_(painter, 0, y, width, WORDS["receipt_number"], number_text(doc))
            y += pitch
            field_(painter, 0, y, width, WORDS["receipt_unit"], doc.main_unit)
            y += pitch
            field_(painter, 0, y, width, WORDS["receipt_person"], doc.acknowledged_by or "")
            y += pitch
            field_(painter, 0, y, width, WORDS["receipt_time"], receipt_time_text(doc))
            y += pitch * 1.2
            note_lines.paint(painter, y, width)

        height = fields_top + pitch * 0.3 + rows * pitch + pitch * 0.2 + note_lines.height
        self.items.append(_Item(height, paint, space_before=self.pitch * 1.5, at_bottom=True))


def _paint_photo(painter: QPainter, rect: QRectF, cell: _Cell, family: str, s: _Style) -> None:
    image: QImage | None = None
    if cell.readable:
        try:
            image = to_qimage(upright_image(cell.photo.path, PHOTO_MAX_SIDE))
        except PhotoRefused:
            image = None
    if image is None:
        painter.setPen(QPen(GREY, s.mm(0.3)))
        painter.setBrush(QColor("#eeeeee"))
        painter.drawRect(rect)
        painter.setFont(s.font(SMALL_PT))
        painter.drawText(
            rect.adjusted(s.mm(3), s.mm(3), -s.mm(3), -s.mm(3)),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            WORDS["photo_missing"].format(name=cell.photo.path.name),
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return
    # Embed no more pixels than the device prints (300 dpi for the PDF: ~900 px per photo).
    target = QSize(max(1, round(rect.width())), max(1, round(rect.height())))
    if image.width() > target.width() * 1.1:
        image = image.scaled(
            target,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    painter.drawImage(rect, image)
    painter.setPen(QPen(GREY, s.mm(0.15)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    paint_watermark(painter, rect, cell.photo.watermark, family)


# -- pagination and painting -----------------------------------------------------------------------
def _paginate(items: list[_Item], height: float) -> list[list[tuple[float, _Item]]]:
    """Place the items on pages. A chain of kept-together items (each keep_with_next, up to the
    first that is not) starts a new page when it does not fit the rest of this one, unless it is
    longer than half a page: then it flows like ordinary items (no huge gaps)."""
    pages: list[list[tuple[float, _Item]]] = [[]]
    y = 0.0
    in_chain = False
    for n, item in enumerate(items):
        space = item.space_before if pages[-1] else 0.0
        fits = y + space + item.height <= height
        if pages[-1] and item.keep_with_next and not in_chain:
            chain = space + item.height
            for later in items[n + 1 :]:
                chain += later.space_before + later.height
                if not later.keep_with_next:
                    break
            if y + chain > height and chain <= height * 0.5:
                fits = False
        if pages[-1] and not fits:
            pages.append([])
            y, space = 0.0, 0.0
        top = height - item.height if item.at_bottom and pages[-1] else y + space
        pages[-1].append((top, item))
        y = top + item.height
        in_chain = item.keep_with_next
    return pages


def _inset(device: QPagedPaintDevice) -> QMarginsF:
    """What to keep blank inside the device's paint area so the notice has its own margins
    whatever the device's (a printer's are often a few millimetres, or none in full-page mode)."""
    layout = device.pageLayout()
    if layout.mode() == QPageLayout.Mode.FullPageMode:
        have = QMarginsF(0, 0, 0, 0)
    else:
        have = layout.margins(QPageLayout.Unit.Millimeter)
    want = PAGE_MARGINS_MM
    return QMarginsF(
        max(0.0, want.left() - have.left()),
        max(0.0, want.top() - have.top()),
        max(0.0, want.right() - have.right()),
        max(0.0, want.bottom() - have.bottom()),
    )


def render_notice(doc: NoticeDocument, device: QPagedPaintDevice) -> int:
    """Draw the notice on `device`: a QPdfWriter or a QPrinter, whatever its resolution and
    margins (notice_page_layout() gives the intended A4 page; smaller device margins are made up
    inside). Returns the page count. Raises NoChineseFont before drawing anything."""
    family = document_font_family()
    dpi = float(device.logicalDpiY())
    style = _Style(family, device, dpi)
    inset = _inset(device)
    left, top_ = style.mm(inset.left()), style.mm(inset.top())
    width = float(device.width()) - left - style.mm(inset.right())
    footer = style.mm(10)
    height = float(device.height()) - top_ - style.mm(inset.bottom()) - footer
    pages = _paginate(_Builder(doc, style, width).build(), height)

    painter = QPainter()
    if not painter.begin(device):
        raise OSError(
            QCoreApplication.translate("documents", "The document cannot be written or printed.")
        )
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        page_font = style.font(SMALL_PT)
        for number, page in enumerate(pages, 1):
            if number > 1:
                device.newPage()
            painter.resetTransform()
            painter.translate(left, top_)
            for top, item in page:
                item.paint(painter, top, width)
            painter.setFont(page_font)
            painter.setPen(GREY)
            painter.drawText(
                QRectF(0, height, width, footer),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                WORDS["page"].format(page=number, pages=len(pages)),
            )
    finally:
        painter.end()
    return len(pages)


def write_notice_pdf(doc: NoticeDocument, out: Path) -> Path:
    """The notice as an A4 PDF at `out`, written whole or not at all (temp file, then rename).
    Raises NoChineseFont (nothing written) or OSError."""
    document_font_family()  # refuse before creating anything
    out = Path(out)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    qfile = QFile(str(temp))
    if not qfile.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(
            QCoreApplication.translate("documents", "Cannot write {path}: {error}").format(
                path=str(out), error=qfile.errorString()
            )
        )
    try:
        writer = QPdfWriter(qfile)
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(notice_page_layout())
        writer.setTitle(f"{notice_title(doc)}（{doc.number}）")
        writer.setCreator(DOCUMENT_CREATOR)
        render_notice(doc, writer)
        del writer
        qfile.close()
        if qfile.error() != QFile.FileError.NoError:
            raise OSError(
                QCoreApplication.translate("documents", "Cannot write {path}: {error}").format(
                    path=str(out), error=qfile.errorString()
                )
            )
        os.replace(temp, out)
    except BaseException:
        qfile.close()
        temp.unlink(missing_ok=True)
        raise
    return out
