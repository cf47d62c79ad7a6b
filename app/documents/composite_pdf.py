"""The 季度考核通报 and the 年度评比 (composite_model.CompositeDocument) drawn with QPainter, in the
monthly bulletin's official layout (GB/T 9704, bulletin_pdf's builder): the red 发文机关标志 (the
office) with the 发文字号 above the red separator, the title, 各责任单位：, the opening paragraph,
一、考核内容 (components, weights, rules), 二、考核结果 (the 综合排名 table), 三、流动红旗和黄旗,
四、红黑榜 (with why each unit is on the 黑榜), 五、工作要求, the 附件 line, the signature and date
under the seal area, then on a new page the 附件: each component's table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QPagedPaintDevice

from app.documents.bulletin_pdf import (
    BODY_PT,
    PAGE_MARGINS_MM,
    SMALL_PT,
    TITLE_PT,
    YELLOW_COLOR,
    _Builder,
    bulletin_page_layout,
)
from app.documents.composite_model import (
    BOARD_HEADER,
    DOCUMENT_CREATOR,
    FLAGS_ZH,
    SECTIONS,
    WORDS,
    CompositeDocument,
    annex_note,
    annex_title,
    board_rows,
    flags_text,
    heading,
    intro_text,
    ranking_caption,
    ranking_cells,
    ranking_header,
    requirements_text,
    results_text,
    rule_lines,
    shame_text,
    signature_lines,
)
from app.documents.pdf_flow import INK, RED, Item, render_pages, write_pdf
from app.documents.pdf_official import Run, masthead_item, page_label, seal_signature_item
from app.documents.pdf_table import Cell, Column, table_items

RANKING_PT = 9
TITLE_BREAK = "城市管理"
ANNEX_PT = 9.5
_LEFT = Qt.AlignmentFlag.AlignLeft
_CENTRE = Qt.AlignmentFlag.AlignHCenter
BOARD_WIDTHS = (
    Column(3.3, _LEFT, shrink=True),
    Column(1.2),
    Column(3.3, _LEFT, shrink=True),
    Column(1.2),
)


class _CompositeBuilder(_Builder):
    doc: CompositeDocument  # type: ignore[assignment]

    def masthead(self) -> None:
        doc = self.doc
        rows = [((), [Run(doc.number)], ())]
        self.items.append(masthead_item(self.s, self.width, doc.office_name, rows, self.pitch))

    def title(self) -> None:
        """Centred; a title wider than the 版心 breaks before 城市管理 (never anywhere)."""
        font = self.s.song_font(TITLE_PT, bold=True)
        title = self.doc.title
        cut = title.find(TITLE_BREAK)
        if QFontMetricsF(font, self.s.device).horizontalAdvance(title) > self.width and cut > 0:
            title = f"{title[:cut]}\n{title[cut:]}"
        self.text(
            title,
            indent=False,
            font=font,
            align=_CENTRE,
            pitch=self.s.pt(TITLE_PT) * 1.5,
            space_before=self.em,
            keep=True,
        )
        self.items.append(Item(self.em * 0.6, lambda p, t, w: None, keep_with_next=True))

    def section(self, n: int, text: str) -> None:
        self.text(
            heading(n, text), font=self.s.font(BODY_PT), space_before=self.em * 0.5, keep=True
        )

    def small(self, text: str, **kw) -> None:
        self.text(text, font=self.s.font(SMALL_PT), pitch=self.em * 1.3, **kw)

    def ranking(self) -> None:
        doc = self.doc
        self.text(results_text(doc))
        if not doc.ranking:
            return
        self.text(
            ranking_caption(doc),
            indent=False,
            font=self.s.font(SMALL_PT, bold=True),
            align=_CENTRE,
            space_before=self.em * 0.3,
            keep=True,
        )
        parts = len(doc.components)
        columns = (
            Column(1.1),
            Column(4.0, _LEFT, shrink=True),
            *(Column(1.25) for _ in range(parts)),
            Column(1.3),
            Column(1.2),
        )
        rows = []
        for row in doc.ranking:
            cells: list[str | Cell] = list(ranking_cells(row))
            if row.flag:
                colour = RED if row.flag == "red" else YELLOW_COLOR
                cells[1] = Cell(f"{row.unit}（{FLAGS_ZH[row.flag]}）", colour, bold=True)
            rows.append(cells)
        self.items += table_items(
            self.s, columns, ranking_header(doc), rows, self.width, RANKING_PT, 0.0, song=True
        )

    def boards(self) -> None:
        rows = board_rows(self.doc)
        if rows:
            header: Any = [  # table_items draws a Cell in the header as in the body
                Cell(BOARD_HEADER[0], RED, True),
                BOARD_HEADER[1],
                Cell(BOARD_HEADER[2], INK, True),
                BOARD_HEADER[3],
            ]
            self.items += table_items(
                self.s, BOARD_WIDTHS, header, rows, self.width, 10.5, self.em * 0.4, song=True
            )
        self.text(shame_text(self.doc), space_before=self.em * 0.3)

    def annex(self) -> None:
        doc = self.doc
        start = len(self.items)
        self.text(WORDS["annex_heading"], indent=False, font=self.s.font(BODY_PT), keep=True)
        self.items[start].new_page = True
        self.text(
            annex_title(doc),
            indent=False,
            font=self.s.song_font(18, bold=True),
            align=_CENTRE,
            pitch=self.em * 1.6,
            keep=True,
        )
        for table in doc.annex:
            self.text(
                table.title,
                indent=False,
                font=self.s.font(SMALL_PT + 1, bold=True),
                space_before=self.em * 0.6,
                keep=True,
            )
            columns = (Column(3.0, _LEFT, shrink=True), *(Column(1.3) for _ in table.header[1:]))
            self.items += table_items(
                self.s, columns, table.header, table.rows, self.width, ANNEX_PT, 0.0, song=True
            )
            if table.note:
                self.small(table.note, indent=False, space_before=self.em * 0.2)

    def build(self) -> list[Item]:
        doc = self.doc
        self.masthead()
        self.title()
        self.text(WORDS["addressee"], indent=False, keep=True)
        self.text(intro_text(doc))
        for n, key in enumerate(SECTIONS, 1):
            self.section(n, key)
            if n == 1:
                for line in rule_lines(doc):
                    self.text(line)
            elif n == 2:
                self.ranking()
            elif n == 3:
                self.text(flags_text(doc))
            elif n == 4:
                self.boards()
            else:
                self.text(requirements_text(doc))
        self.text(annex_note(doc), space_before=self.em * 0.5, keep=True)
        self.items.append(seal_signature_item(self.s, signature_lines(doc), self.body, self.pitch))
        self.annex()
        return self.items


def render_composite(doc: CompositeDocument, device: QPagedPaintDevice) -> int:
    """Draw the document on `device`; the page count. Raises NoChineseFont before drawing."""
    return render_pages(
        device,
        PAGE_MARGINS_MM,
        lambda style, width: _CompositeBuilder(doc, style, width).build(),  # type: ignore[arg-type]
        page_label,
    )


def write_composite_pdf(doc: CompositeDocument, out: Path) -> Path:
    """The document as an A4 PDF at `out`, written whole or not at all."""
    return write_pdf(
        out,
        bulletin_page_layout(),
        doc.title,
        DOCUMENT_CREATOR,
        lambda writer: render_composite(doc, writer),
    )
