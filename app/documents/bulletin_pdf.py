"""The monthly bulletin (督查通报) drawn with QPainter on any paged device (a QPdfWriter for files,
a QPrinter for printing), as a county office publishes it:

the 版头 of GB/T 9704 (pdf_official: the red 督查通报, the 期号 line, the office and the date, the
red separator), the title in 宋 bold, 宋 body, 黑体 headings, 各责任单位：,
the opening paragraph, then 一、总体情况 (the figures), 二、考核排名 (the ranking table with grades
and flags, the rules applied, 流动红旗/黄旗, units not checked), 三、红黑榜, 四、存在问题 (by unit,
with up to two typical photos each, watermarked over a copy), 五、进步单位, the office's 点评 when
it wrote one, 工作要求, and the signature. Tables repeat their header on each new page; nothing is
cut or overlaps (pdf_flow paginates); "— n —" below the 版心.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPagedPaintDevice, QPageLayout, QPainter

from app.documents.bulletin_model import (
    DOCUMENT_CREATOR,
    WORDS,
    Bulletin,
    BulletinPhoto,
    board_rows,
    date_text,
    figures_text,
    flags_text,
    heading,
    improved_text,
    intro_text,
    issue_text,
    more_text,
    problem_line,
    ranking_cells,
    ranking_note,
    requirements_text,
    say,
    section_keys,
    signature_lines,
    source_rows,
    unchecked_text,
    unit_heading,
    unit_summary,
)
from app.documents.coverage_section import pdf_coverage
from app.documents.notice_photos import photo_size
from app.documents.notice_wording import text_lines
from app.documents.pdf_flow import (
    GREY,
    INK,
    RED,
    Item,
    Paragraph,
    Style,
    a4_layout,
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
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
TABLE_PT = 10.5
SMALL_PT = 10.5
LINE_SPACING = 1.5
PHOTO_BOX_MM = 62  # height of a photo row: two per row in the text width
YELLOW_COLOR = QColor("#b8860b")

_LEFT = Qt.AlignmentFlag.AlignLeft
_CENTRE = Qt.AlignmentFlag.AlignHCenter
RANKING_COLUMNS = (
    Column(1.0),
    Column(4.1, _LEFT, shrink=True),
    Column(1.3),
    Column(1.2),
    Column(1.7),
    Column(1.3),
    Column(1.4),
)
SOURCE_COLUMNS = (Column(3.0, _LEFT, shrink=True), Column(2.0))
BOARD_COLUMNS = (
    Column(3.3, _LEFT, shrink=True),
    Column(1.2),
    Column(3.3, _LEFT, shrink=True),
    Column(1.2),
)


def bulletin_page_layout() -> QPageLayout:
    """A4 portrait: set it on a QPrinter before render_bulletin (the 版心's margins are made up
    inside whatever the printer keeps blank)."""
    return a4_layout(DEVICE_MARGINS_MM)


class _Builder:
    """Turns the bulletin into a flow of items for the device's text width."""

    def __init__(self, doc: Bulletin, style: Style, width: float) -> None:
        self.doc = doc
        self.s = style
        self.width = width
        self.body = style.song_font(BODY_PT)
        self.em = style.pt(BODY_PT)
        self.pitch = self.em * LINE_SPACING
        self.items: list[Item] = []

    # -- pieces ----------------------------------------------------------------------------------
    def text(self, text: str, *, indent: bool = True, keep: bool = False, **kw) -> None:
        """A paragraph per typed line, first line indented two characters."""
        kw.setdefault("font", self.body)
        kw.setdefault("pitch", self.pitch)
        space = kw.pop("space_before", 0.0)
        pieces = text_lines(text)
        for n, piece in enumerate(pieces):
            para = Paragraph(piece, first_indent=2 * self.em if indent else 0.0, **kw)
            last = n == len(pieces) - 1
            self.items += paragraph_items(
                self.s, para, self.width, space if n == 0 else 0.0, keep and last
            )

    def heading(self, n: int, key: str) -> None:
        self.text(
            heading(n, key),
            font=self.s.font(BODY_PT),
            space_before=self.em * 0.5,
            keep=True,
        )

    def masthead(self) -> None:
        doc = self.doc
        rows = [
            ((), [Run(issue_text(doc))], ()),
            ([Run(doc.office_name)], (), [Run(date_text(doc))]),
        ]
        self.items.append(masthead_item(self.s, self.width, WORDS["masthead"], rows, self.pitch))

    def title(self) -> None:
        """Centred; a long title breaks before its （第N期） rather than anywhere."""
        s = self.s
        font = s.song_font(TITLE_PT, bold=True)
        metrics = QFontMetricsF(font, s.device)
        title = self.doc.title
        cut = title.rfind("（")
        too_long = metrics.horizontalAdvance(title) > self.width
        if too_long and cut > 0 and metrics.horizontalAdvance(title[:cut]) <= self.width:
            title = f"{title[:cut]}\n{title[cut:]}"
        pitch = s.pt(TITLE_PT) * 1.5
        self.text(
            title,
            indent=False,
            font=font,
            align=_CENTRE,
            pitch=pitch,
            space_before=self.em,
            keep=True,
        )
        self.items.append(Item(self.em * 0.6, lambda p, t, w: None, keep_with_next=True))

    def table(self, columns, header, rows) -> None:
        self.items += table_items(
            self.s, columns, header, rows, self.width, TABLE_PT, self.em * 0.4, song=True
        )

    def photo_row(self, photos: tuple[BulletinPhoto, ...]) -> None:
        s = self.s
        label_font = s.font(SMALL_PT)
        label_h = QFontMetricsF(label_font, s.device).height() * 1.5
        gap = s.mm(6)
        box_w = (self.width - gap) / 2
        box_h = s.mm(PHOTO_BOX_MM)
        sizes = []
        for photo in photos:
            w, h = photo_size(photo.path, photo.name)  # PhotoNotDrawable: no document
            scale = min(box_w / w, box_h / h)
            sizes.append((w * scale, h * scale))
        photo_h = max(h for _, h in sizes)

        def paint(painter: QPainter, top: float, width: float) -> None:
            for n, (photo, (w, h)) in enumerate(zip(photos, sizes, strict=True)):
                left = (width - box_w) / 2 if len(photos) == 1 else n * (box_w + gap)
                rect = QRectF(left + (box_w - w) / 2, top + photo_h - h, w, h)
                paint_photo(painter, rect, photo.path, photo.watermark, s, photo.name)
                painter.setFont(label_font)
                painter.setPen(GREY)
                label = QFontMetricsF(label_font, s.device).elidedText(
                    photo.label, Qt.TextElideMode.ElideRight, box_w
                )
                painter.drawText(
                    QRectF(left, top + photo_h, box_w, label_h),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    label,
                )

        self.items.append(Item(photo_h + label_h, paint, space_before=self.em * 0.3))

    # -- sections --------------------------------------------------------------------------------
    def ranking(self) -> None:
        doc = self.doc
        if not doc.ranking:
            self.text(say(doc, "none_ranked"))
        else:
            rows = []
            for row in doc.ranking:
                cells: list[str | Cell] = list(ranking_cells(row))
                if row.flag == "red":
                    cells[-1] = Cell(cells[-1], RED, bold=True)
                elif row.flag == "yellow":
                    cells[-1] = Cell(cells[-1], YELLOW_COLOR, bold=True)
                rows.append(cells)
            self.table(RANKING_COLUMNS, WORDS["columns"], rows)
            self.text(
                ranking_note(doc),
                font=self.s.font(SMALL_PT),
                pitch=self.em * 1.3,
                space_before=self.em * 0.3,
            )
            if flags_text(doc):
                self.text(flags_text(doc))
        if unchecked_text(doc):
            self.text(unchecked_text(doc))

    def sources(self) -> None:
        """问题来源: the period's notices by source (bulletin_model.source_rows)."""
        rows = source_rows(self.doc)
        if not rows:
            return
        self.text(say(self.doc, "sources"), keep=True)
        self.items += table_items(
            self.s, SOURCE_COLUMNS, list(WORDS["source_columns"]), rows, self.width, TABLE_PT,
            self.em * 0.4, song=True,
        )  # fmt: skip

    def boards(self) -> None:
        rows = board_rows(self.doc)
        if not rows:
            self.text(say(self.doc, "no_boards"))
            return
        header = [
            Cell(WORDS["board_columns"][0], RED, True),
            WORDS["board_columns"][1],
            Cell(WORDS["board_columns"][2], INK, True),
            WORDS["board_columns"][3],
        ]
        self.items += table_items(
            self.s, BOARD_COLUMNS, header, rows, self.width, TABLE_PT, self.em * 0.4, song=True
        )

    def problems(self) -> None:
        doc = self.doc
        if not doc.sections:
            self.text(say(doc, "no_problems"))
            return
        for n, section in enumerate(doc.sections, 1):
            self.text(
                unit_heading(n, section),
                font=self.s.font(BODY_PT, bold=True),
                space_before=self.em * 0.3,
                keep=True,
            )
            self.text(unit_summary(doc, section), keep=True)
            for k, problem in enumerate(section.problems, 1):
                last = k == len(section.problems)
                self.text(
                    problem_line(k, problem),
                    keep=last and bool(section.photos) and not more_text(doc, section),
                )
            if more_text(doc, section):
                self.text(more_text(doc, section), keep=bool(section.photos))
            for start in range(0, len(section.photos), 2):
                self.photo_row(section.photos[start : start + 2])

    def build(self) -> list[Item]:
        doc = self.doc
        self.masthead()
        self.title()
        self.text(WORDS["addressee"], indent=False, keep=True)
        self.text(intro_text(doc))
        for n, key in enumerate(section_keys(doc, with_commentary=False), 1):
            self.heading(n, key)
            if key == "overview":
                self.text(figures_text(doc))
                self.sources()
            elif key == "ranking":
                self.ranking()
            elif key == "boards":
                self.boards()
            elif key == "problems":
                self.problems()
            elif key == "coverage":
                pdf_coverage(self)
            elif key == "improved":
                self.text(improved_text(doc))
            elif key == "commentary":
                self.text(doc.commentary.strip())
            elif key == "requirements":
                self.text(requirements_text(doc))
        self.items[-1].keep_with_next = True  # the signature is never alone on a page
        lines = signature_lines(doc)
        self.items.append(seal_signature_item(self.s, lines, self.body, self.pitch))
        return self.items


def render_bulletin(doc: Bulletin, device: QPagedPaintDevice) -> int:
    """Draw the bulletin on `device` (QPdfWriter or QPrinter). Returns the page count. Raises
    NoChineseFont before drawing anything."""
    return render_pages(
        device,
        PAGE_MARGINS_MM,
        lambda style, width: _Builder(doc, style, width).build(),
        page_label,
    )


def write_bulletin_pdf(doc: Bulletin, out: Path) -> Path:
    """The bulletin as an A4 PDF at `out`, written whole or not at all. Raises NoChineseFont
    (nothing written) or OSError."""
    return write_pdf(
        out,
        bulletin_page_layout(),
        doc.title,
        DOCUMENT_CREATOR,
        lambda writer: render_bulletin(doc, writer),
    )
