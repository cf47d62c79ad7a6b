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

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPagedPaintDevice, QPageLayout, QPainter, QPen

from app.documents.model import NoticeDocument, NoticePhoto, NoticeProblem
from app.documents.notice_photos import photo_size
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
from app.documents.pdf_flow import (
    GREY,
    INK,
    RED,
    Item,
    Paragraph,
    Style,
    a4_layout,
    group,
    paint_photo,
    paragraph_items,
    render_pages,
    signature_item,
    write_pdf,
)

PAGE_MARGINS_MM = QMarginsF(28, 30, 26, 20)


def notice_page_layout() -> QPageLayout:
    """A4 portrait with the notice's margins: set it on a QPrinter before render_notice."""
    return a4_layout(PAGE_MARGINS_MM)


TITLE_PT = 22  # 二号
BODY_PT = 15
SMALL_PT = 10.5  # 五号
RECEIPT_TITLE_PT = 16  # 三号
LINE_SPACING = 1.75  # body line pitch, in em


@dataclass
class _Cell:
    photo: NoticePhoto
    label: str
    size: tuple[float, float]  # the photo as drawn, device units


class _Builder:
    """Turns the notice into a flow of items for the device's text width."""

    def __init__(self, doc: NoticeDocument, style: Style, width: float) -> None:
        self.doc = doc
        self.s = style
        self.width = width
        self.body = style.font(BODY_PT)
        self.em = style.pt(BODY_PT)
        self.pitch = self.em * LINE_SPACING
        self.items: list[Item] = []

    def para(self, text: str, **kw) -> Paragraph:
        kw.setdefault("font", self.body)
        kw.setdefault("pitch", self.pitch)
        return Paragraph(text, **kw)

    def add(self, para: Paragraph, space_before: float = 0.0, keep: bool = False) -> None:
        """A paragraph; a line break in its text starts another (same style, no label)."""
        pieces = text_lines(para.text)
        for n, piece in enumerate(pieces):
            bold = para.bold_prefix if n == 0 else 0
            part = replace(para, text=piece, bold_prefix=bold)
            last = n == len(pieces) - 1
            before = space_before if n == 0 else 0.0
            self.items += paragraph_items(self.s, part, self.width, before, keep and last)

    def build(self) -> list[Item]:
        doc, s = self.doc, self.s
        self.number()
        title = self.para(
            notice_title(doc),
            font=s.font(TITLE_PT, bold=True),
            align=Qt.AlignmentFlag.AlignHCenter,
            pitch=s.pt(TITLE_PT) * 1.45,
        )
        self.add(title, space_before=self.em * 0.6, keep=True)
        self.items.append(Item(self.em * 1.2, lambda p, t, w: None, keep_with_next=True))
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

        self.items.append(Item(self.pitch, paint, keep_with_next=True))

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
        w, h = photo_size(photo.path, photo.name)  # PhotoNotDrawable: no document
        scale = min(box_w / w, box_h / h)
        return _Cell(photo, figure_label(problem, n, photo), (w * scale, h * scale))

    def photo_row(self, cells: list[_Cell]) -> None:
        s = self.s
        label_font = s.font(SMALL_PT)
        label_h = QFontMetricsF(label_font, s.device).height() * 1.5
        gap = s.mm(6)
        box_w = (self.width - gap) / 2
        photo_h = max(c.size[1] for c in cells)

        def paint(painter: QPainter, top: float, width: float) -> None:
            for n, cell in enumerate(cells):
                left = (width - box_w) / 2 if len(cells) == 1 else n * (box_w + gap)
                w, h = cell.size
                rect = QRectF(left + (box_w - w) / 2, top + photo_h - h, w, h)
                paint_photo(
                    painter,
                    rect,
                    cell.photo.path,
                    cell.photo.watermark,
                    s,
                    cell.photo.name,
                )
                painter.setFont(label_font)
                painter.setPen(GREY)
                metrics = QFontMetricsF(label_font, s.device)
                label = metrics.elidedText(cell.label, Qt.TextElideMode.ElideRight, box_w)
                painter.drawText(
                    QRectF(left, top + photo_h, box_w, label_h),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    label,
                )

        self.items.append(Item(photo_h + label_h, paint, space_before=self.em * 0.4))

    def signature(self) -> None:
        doc, s = self.doc, self.s
        lines = [doc.office_name, WORDS["issued_by"].format(name=doc.issued_by)]
        lines.append(chinese_date(doc.issued_at))
        # The signature is never left alone on a page.
        self.items[-1].keep_with_next = True
        self.items.append(signature_item(s, lines, self.body, self.pitch))

    def cc(self) -> None:
        s = self.s
        label = WORDS["cc"]
        para = self.para(label + cc_text(self.doc), bold_prefix=len(label))
        lines = paragraph_items(s, para, self.width)
        inner = group(lines)
        rule = s.mm(0.35)

        def paint(painter: QPainter, top: float, width: float) -> None:
            pen = QPen(INK, rule)
            painter.setPen(pen)
            painter.drawLine(QPointF(0, top), QPointF(width, top))
            inner.paint(painter, top + self.em * 0.3, width)
            bottom = top + self.em * 0.6 + inner.height
            painter.setPen(pen)
            painter.drawLine(QPointF(0, bottom), QPointF(width, bottom))

        self.items.append(Item(inner.height + self.em * 0.6, paint, space_before=self.pitch))

    def receipt(self) -> None:
        doc, s = self.doc, self.s
        body = self.body
        metrics = QFontMetricsF(body, s.device)
        pitch = self.pitch
        title_font = s.font(RECEIPT_TITLE_PT, bold=True)
        small = s.font(SMALL_PT)
        cut_font = s.font(SMALL_PT)
        note = WORDS["receipt_note"].format(office=doc.office_name)
        note_lines = group(
            paragraph_items(s, Paragraph(note, small, pitch=pitch * 0.8), self.width)
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
        self.items.append(Item(height, paint, space_before=self.pitch * 1.5, at_bottom=True))


def render_notice(doc: NoticeDocument, device: QPagedPaintDevice) -> int:
    """Draw the notice on `device`: a QPdfWriter or a QPrinter, whatever its resolution and
    margins (notice_page_layout() gives the intended A4 page; smaller device margins are made up
    inside). Returns the page count. Raises NoChineseFont before drawing anything."""
    return render_pages(
        device,
        PAGE_MARGINS_MM,
        lambda style, width: _Builder(doc, style, width).build(),
        lambda page, pages: WORDS["page"].format(page=page, pages=pages),
    )


def write_notice_pdf(doc: NoticeDocument, out: Path) -> Path:
    """The notice as an A4 PDF at `out`, written whole or not at all (temp file, then rename).
    Raises NoChineseFont (nothing written) or OSError."""
    return write_pdf(
        out,
        notice_page_layout(),
        f"{notice_title(doc)}（{doc.number}）",
        DOCUMENT_CREATOR,
        lambda writer: render_notice(doc, writer),
    )
