"""The rectification notice (整改通知书) drawn with QPainter on any paged device: a QPdfWriter for
files, a QPrinter for printing — the same code.

The layout is an official document's (GB/T 9704-2012, pdf_official): the red 发文机关标志 (the
office's name), the 发文字号 (代字〔年份〕序号) over the red separator, the title in 宋 bold at
二号, the 主送 line, the body in 宋 at 三号, 一、存在问题 as a ruled table (序号, 位置,
问题, GB 编码, 照片 with each problem's photos — markup and watermark over copies —, 整改期限)
whose header repeats on each page, the requirements, the deadline, the inspectors, the signature
with the seal area (盖章处) and the date, 抄送, then a dashed cut line and the receipt stub
(签收回执) at the foot of the last page. Everything is laid out first, then paginated so nothing
is cut or overlaps and no heading or last line is left alone at a page's top, then painted with
"— n —" below the 版心.

The wording is Chinese by nature (an official document, not UI) and lives in WORDS; the text
builders here are shared with notice_docx so both documents say exactly the same.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPagedPaintDevice, QPageLayout, QPainter, QPen

from app.documents.model import NoticeDocument, NoticeProblem
from app.documents.notice_photos import photo_size
from app.documents.notice_wording import (
    DOCUMENT_CREATOR,
    TABLE_COLUMNS,
    WORDS,
    addressee_text,
    body_text,
    cc_text,
    chinese_date,
    deadline_text,
    document_number,
    due_cell,
    figure_label,
    inspectors_line,
    notice_title,
    number_text,
    people_label,
    problem_cell,
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
    write_pdf,
)
from app.documents.pdf_official import (
    DEVICE_MARGINS_MM,
    GB_MARGINS_MM,
    Run,
    masthead_item,
    page_label,
    seal_signature_item,
)
from app.documents.pdf_table import Cell, Column, table_items

PAGE_MARGINS_MM = GB_MARGINS_MM


def notice_page_layout() -> QPageLayout:
    """A4 portrait: set it on a QPrinter before render_notice (the 版心's margins are made up
    inside whatever the printer keeps blank)."""
    return a4_layout(DEVICE_MARGINS_MM)


TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
TABLE_PT = 10.5  # 五号
SMALL_PT = 10.5  # 五号
LABEL_PT = 7.5
RECEIPT_TITLE_PT = 16  # 三号
RECEIPT_PT = 14  # 四号
LINE_SPACING = 1.45  # body line pitch, in em
SINGLE_PHOTO_MM = 30  # a problem's only photo: at most this tall
PHOTO_GAP_MM = 1.5
# 序号, 位置, 问题, GB 编码, 照片, 整改期限 — shares of the 156 mm 版心
COLUMNS = (
    Column(11),
    Column(21, Qt.AlignmentFlag.AlignLeft),
    Column(38, Qt.AlignmentFlag.AlignLeft),
    Column(17),
    Column(50),
    Column(19),
)


class PhotoBlock:
    """A problem's photos in its table cell: one photo as large as the cell allows (at most
    SINGLE_PHOTO_MM tall), more two to a row; each with its 图n-k label below."""

    def __init__(self, style: Style, problem: NoticeProblem) -> None:
        self.s = style
        self.problem = problem
        self.sizes = [photo_size(p.path, p.name) for p in problem.photos]  # PhotoNotDrawable
        self.label_font = style.font(LABEL_PT)
        self.label_h = QFontMetricsF(self.label_font, style.device).height() * 1.15

    def _layout(self, width: float) -> list[tuple[QRectF, int]]:
        """(photo rect relative to the block, photo index) for each photo."""
        s = self.s
        gap = s.mm(PHOTO_GAP_MM)
        placed: list[tuple[QRectF, int]] = []
        if len(self.sizes) == 1:
            w, h = self.sizes[0]
            scale = min(width / w, s.mm(SINGLE_PHOTO_MM) / h)
            pw, ph = w * scale, h * scale
            return [(QRectF((width - pw) / 2, 0, pw, ph), 0)]
        tile = (width - gap) / 2
        y = 0.0
        for start in range(0, len(self.sizes), 2):
            pair = list(enumerate(self.sizes))[start : start + 2]
            drawn = []
            for n, (w, h) in pair:
                scale = min(tile / w, tile / h)
                drawn.append((n, w * scale, h * scale))
            row_h = max(ph for _, _, ph in drawn)
            for k, (n, pw, ph) in enumerate(drawn):
                left = k * (tile + gap) if len(drawn) == 2 else (width - tile) / 2
                placed.append((QRectF(left + (tile - pw) / 2, y + row_h - ph, pw, ph), n))
            y += row_h + self.label_h + gap
        return placed

    def height(self, width: float) -> float:
        if not self.sizes:
            return 0.0
        bottom = max(rect.bottom() for rect, _ in self._layout(width))
        return bottom + self.label_h

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        s = self.s
        for placed, n in self._layout(rect.width()):
            photo = self.problem.photos[n]
            target = placed.translated(rect.left(), rect.top())
            paint_photo(painter, target, photo.path, photo.watermark, s, photo.name, photo.markup)
            painter.setFont(self.label_font)
            painter.setPen(GREY)
            label = figure_label(self.problem, n + 1, photo)
            box_w = rect.width()
            if len(self.sizes) > 1:
                box_w = (rect.width() - s.mm(PHOTO_GAP_MM)) / 2
            metrics = QFontMetricsF(self.label_font, s.device)
            label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, box_w)
            painter.drawText(
                QRectF(target.center().x() - box_w / 2, target.bottom(), box_w, self.label_h),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                label,
            )


class _Builder:
    """Turns the notice into a flow of items for the device's text width."""

    def __init__(self, doc: NoticeDocument, style: Style, width: float) -> None:
        self.doc = doc
        self.s = style
        self.width = width
        self.body = style.song_font(BODY_PT)
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
            before = space_before if n == 0 else 0.0
            self.items += paragraph_items(self.s, part, self.width, before, keep)

    def build(self) -> list[Item]:
        doc, s = self.doc, self.s
        self.masthead()
        title = self.para(
            notice_title(doc),
            font=s.song_font(TITLE_PT, bold=True),
            align=Qt.AlignmentFlag.AlignHCenter,
            pitch=s.pt(TITLE_PT) * 1.4,
        )
        self.add(title, space_before=self.em * 0.5, keep=True)
        self.add(self.para(addressee_text(doc)), space_before=self.em * 0.3, keep=True)
        self.add(self.para(body_text(doc), first_indent=2 * self.em))
        self.heading(WORDS["problems"])
        self.table()
        self.labelled(WORDS["requirements"], doc.requirements.strip(), space_before=self.em * 0.2)
        # From the deadline on, the text stays with the signature: never a page that starts with
        # "督查人员：…" alone, nor a signature without the text it signs.
        self.labelled(WORDS["deadline"], deadline_text(doc), keep=True)
        for line in doc.extra_lines:
            self.add(self.para(line, first_indent=2 * self.em), keep=True)
        if people_label(doc) or inspectors_line(doc):
            self.labelled(people_label(doc), inspectors_line(doc), keep=True)
        self.signature()
        if doc.cc_units:
            self.cc()
        self.receipt()
        return self.items

    def masthead(self) -> None:
        doc = self.doc
        centre = [Run(document_number(doc))]
        if doc.provisional:
            centre.append(Run(WORDS["provisional"], RED))
        self.items.append(
            masthead_item(self.s, self.width, doc.office_name, [((), centre, ())], self.pitch)
        )

    def heading(self, text: str) -> None:
        """一、二、… in 黑体, held to what follows."""
        para = self.para(text, font=self.s.font(BODY_PT), first_indent=2 * self.em)
        self.add(para, space_before=self.em * 0.3, keep=True)

    def table(self) -> None:
        doc, s = self.doc, self.s
        due = due_cell(doc)
        rows: list[list[str | Cell]] = [
            [
                str(p.index),
                p.location.strip(),
                problem_cell(p),
                p.gb_code,
                Cell("", block=PhotoBlock(s, p)),
                due,
            ]
            for p in doc.problems
        ]
        self.items += table_items(
            s, COLUMNS, TABLE_COLUMNS, rows, self.width, TABLE_PT, self.em * 0.3, song=True
        )

    def labelled(
        self, label: str, text: str, space_before: float = 0.0, keep: bool = False
    ) -> None:
        para = self.para(label + text, bold_prefix=len(label), first_indent=2 * self.em)
        self.add(para, space_before=space_before, keep=keep)

    def signature(self) -> None:
        doc = self.doc
        lines = [doc.office_name, chinese_date(doc.issued_at)]
        self.items[-1].keep_with_next = True
        signed = seal_signature_item(self.s, lines, self.body, self.pitch)
        signed.keep_with_next = True  # with the receipt at the foot of the same page
        self.items.append(signed)

    def cc(self) -> None:
        s = self.s
        label = WORDS["cc"]
        small = s.song_font(14)
        para = Paragraph(label + cc_text(self.doc), small, bold_prefix=len(label))
        inner = group(paragraph_items(s, para, self.width))
        rule = s.mm(0.35)

        def paint(painter: QPainter, top: float, width: float) -> None:
            pen = QPen(INK, rule)
            painter.setPen(pen)
            painter.drawLine(QPointF(0, top), QPointF(width, top))
            inner.paint(painter, top + self.em * 0.2, width)
            bottom = top + self.em * 0.4 + inner.height
            painter.setPen(pen)
            painter.drawLine(QPointF(0, bottom), QPointF(width, bottom))

        self.items.append(
            Item(inner.height + self.em * 0.4, paint, self.em * 0.3, keep_with_next=True)
        )

    def receipt(self) -> None:
        doc, s = self.doc, self.s
        body = s.song_font(RECEIPT_PT)
        metrics = QFontMetricsF(body, s.device)
        pitch = s.pt(RECEIPT_PT) * 1.4
        title_font = s.font(RECEIPT_TITLE_PT, bold=True)
        small = s.song_font(SMALL_PT)
        cut_font = s.font(SMALL_PT)
        note = WORDS["receipt_note"].format(office=doc.office_name)
        note_lines = group(
            paragraph_items(s, Paragraph(note, small, pitch=s.pt(SMALL_PT) * 1.4), self.width)
        )
        fields_top = pitch * 1.6
        rows = 3

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
            mid = top + pitch * 0.35
            pen = QPen(GREY, s.mm(0.25))
            pen.setDashPattern([8, 6])  # in pen widths: 2 mm dashes
            painter.setPen(pen)
            painter.drawLine(QPointF(0, mid), QPointF((width - cut_w) / 2, mid))
            painter.drawLine(QPointF((width + cut_w) / 2, mid), QPointF(width, mid))
            painter.setPen(GREY)
            painter.drawText(
                QRectF((width - cut_w) / 2, mid - pitch / 2, cut_w, pitch),
                int(Qt.AlignmentFlag.AlignCenter),
                cut,
            )
            painter.setFont(title_font)
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, top + pitch * 0.75, width, pitch),
                int(Qt.AlignmentFlag.AlignCenter),
                WORDS["receipt"],
            )
            y = top + fields_top + pitch * 0.2
            field_(painter, 0, y, width, WORDS["receipt_number"], number_text(doc))
            y += pitch
            field_(painter, 0, y, width, WORDS["receipt_unit"], doc.main_unit)
            y += pitch
            # 签收人 and 签收时间 share a line: the person's name is short
            split = width * 0.3
            field_(
                painter, 0, y, split - self.em, WORDS["receipt_person"], doc.acknowledged_by or ""
            )
            field_(painter, split, y, width, WORDS["receipt_time"], receipt_time_text(doc))
            y += pitch * 1.1
            note_lines.paint(painter, y, width)

        height = fields_top + pitch * 0.2 + rows * pitch + pitch * 0.1 + note_lines.height
        self.items.append(Item(height, paint, space_before=self.em * 0.4, at_bottom=True))


def render_notice(doc: NoticeDocument, device: QPagedPaintDevice) -> int:
    """Draw the notice on `device`: a QPdfWriter or a QPrinter, whatever its resolution and
    margins (notice_page_layout() gives the intended A4 page; smaller device margins are made up
    inside). Returns the page count. Raises NoChineseFont before drawing anything."""
    return render_pages(
        device,
        PAGE_MARGINS_MM,
        lambda style, width: _Builder(doc, style, width).build(),
        page_label,
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
