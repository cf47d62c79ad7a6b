"""The 季度考核通报 and the 年度评比 as an editable Word document (.docx): the same content and
wording as the PDF (composite_model's text builders), typed like the monthly bulletin's .docx —
the office's red 发文机关标志 and 发文字号 over a red rule, 宋体 title, 仿宋 body, 黑体 headings,
ruled tables whose header row repeats on every page, the signature under the seal mark, and the
附件 on a page of its own.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.shared import Pt

from app.documents.bulletin_docx import (
    BOARD_WIDTHS_MM,
    MASTHEAD_PT,
    YELLOW,
    _heading,
    _paragraph,
    _small,
    _table,
    _text,
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
from app.documents.docx_common import (
    HEADING_FONT,
    LINE_PT,
    RED,
    SMALL_PT,
    TEXT_WIDTH_MM,
    TITLE_FONT,
    TITLE_PT,
    add_run,
    border,
    save_docx,
    seal_mark,
    set_up,
    signature,
    text_width,
)
from app.documents.notice_wording import WORDS as NOTICE_WORDS

PAGE_LABEL = NOTICE_WORDS["page"]  # — 1 —
TITLE_BREAK = "城市管理"


def _masthead(document: DocxDocument, doc: CompositeDocument) -> None:
    head = _paragraph(document, indent=False)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    head.paragraph_format.keep_with_next = True
    size = min(MASTHEAD_PT, TEXT_WIDTH_MM * 72 / 25.4 / max(1.0, text_width(doc.office_name)))
    add_run(head, doc.office_name, font=TITLE_FONT, size=int(size), bold=True, color=RED)
    number = _paragraph(document, doc.number, indent=False)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_before = Pt(LINE_PT / 2)
    border(number, ("bottom",), size=12, color="C00000", space=11)  # 4 mm below the line


def title_lines(title: str) -> list[str]:
    """A title wider than the 版心 breaks before 城市管理."""
    cut = title.find(TITLE_BREAK)
    fits = text_width(title) * TITLE_PT <= TEXT_WIDTH_MM * 72 / 25.4
    return [title] if fits or cut <= 0 else [title[:cut], title[cut:]]


def _title(document: DocxDocument, doc: CompositeDocument) -> None:
    title = _paragraph(document, indent=False)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    title.paragraph_format.space_before = Pt(LINE_PT)
    title.paragraph_format.space_after = Pt(LINE_PT / 2)
    title.paragraph_format.keep_with_next = True
    add_run(title, "\n".join(title_lines(doc.title)), font=TITLE_FONT, size=TITLE_PT, bold=True)


def _widths(first: float, rest: int, total: float = TEXT_WIDTH_MM) -> list[float]:
    return [first, *([(total - first) / rest] * rest)]


def _ranking(document: DocxDocument, doc: CompositeDocument) -> None:
    _text(document, results_text(doc))
    if not doc.ranking:
        return
    caption = _paragraph(document, ranking_caption(doc), indent=False, font=HEADING_FONT)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    rows = [ranking_cells(row) for row in doc.ranking]
    parts = len(doc.components)
    widths = [10, 30, *([(TEXT_WIDTH_MM - 10 - 30 - 14 - 12) / parts] * parts), 14, 12]
    table = _table(document, ranking_header(doc), rows, widths, left_columns=(1,))
    for row, cells in zip(doc.ranking, table.rows[1:], strict=True):
        if row.flag:
            run = cells.cells[1].paragraphs[0].runs[0]
            run.text = f"{row.unit}（{FLAGS_ZH[row.flag]}）"
            run.bold = True
            run.font.color.rgb = RED if row.flag == "red" else YELLOW


def _boards(document: DocxDocument, doc: CompositeDocument) -> None:
    rows = board_rows(doc)
    if rows:
        table = _table(document, BOARD_HEADER, rows, BOARD_WIDTHS_MM, left_columns=(0, 2))
        table.rows[0].cells[0].paragraphs[0].runs[0].font.color.rgb = RED
    _text(document, shame_text(doc))


def _annex(document: DocxDocument, doc: CompositeDocument) -> None:
    first = _paragraph(document, indent=False)
    first.add_run().add_break(WD_BREAK.PAGE)
    add_run(first, WORDS["annex_heading"], font=HEADING_FONT)
    title = _paragraph(
        document, annex_title(doc), indent=False, font=TITLE_FONT, size=18, bold=True
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(LINE_PT / 2)
    for table in doc.annex:
        _heading(document, table.title)
        widths = _widths(34, len(table.header) - 1)
        _table(document, table.header, table.rows, widths, left_columns=(0,))
        if table.note:
            _small(document, table.note)
        else:
            spacer = _paragraph(document, indent=False, size=SMALL_PT)
            spacer.paragraph_format.space_after = Pt(6)


def build_composite_docx(doc: CompositeDocument) -> DocxDocument:
    document = Document()
    set_up(
        document,
        title=doc.title,
        author=doc.office_name,
        comments=DOCUMENT_CREATOR,
        page_label=PAGE_LABEL,
    )
    _masthead(document, doc)
    _title(document, doc)
    _paragraph(document, WORDS["addressee"], indent=False)
    _text(document, intro_text(doc))
    for n, key in enumerate(SECTIONS, 1):
        _heading(document, heading(n, key))
        if n == 1:
            for line in rule_lines(doc):
                _text(document, line)
        elif n == 2:
            _ranking(document, doc)
        elif n == 3:
            _text(document, flags_text(doc))
        elif n == 4:
            _boards(document, doc)
        else:
            _text(document, requirements_text(doc))
    note = _paragraph(document, annex_note(doc))
    note.paragraph_format.space_before = Pt(LINE_PT / 2)
    seal_mark(document, signature_lines(doc))
    signature(document, signature_lines(doc), right_chars=4, seal_room=False)
    _annex(document, doc)
    return document


def write_composite_docx(doc: CompositeDocument, out: Path) -> Path:
    """The document as a .docx at `out`, written whole or not at all. Raises OSError."""
    return save_docx(build_composite_docx(doc), out)
