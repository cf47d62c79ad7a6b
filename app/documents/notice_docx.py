"""The rectification notice as an editable Word document (.docx): offices revise notices in WPS or
Word before sealing them. Same content and wording as the PDF (the text builders are shared with
notice_pdf), laid out the way such a document is typed: 仿宋 body at 三号, 宋体 bold title at 二号,
黑体 headings, problems with their watermarked photos two per row, the signature block, 抄送 between
rules, and the receipt stub below a cut line.

The photos are watermarked copies made in memory (the same drawing as the PDF's, with the
document font); the original files are only read.
"""

from __future__ import annotations

import math
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from app.documents.docx_common import (
    HEADING_FONT,
    INDENT,
    LINE_PT,
    RED,
    SMALL_PT,
    TEXT_WIDTH_MM,
    TITLE_FONT,
    TITLE_PT,
    border,
    jpeg,
    save_docx,
    set_up,
    signature,
)
from app.documents.docx_common import add_run as _run
from app.documents.fonts import document_font_family
from app.documents.model import NoticeDocument, NoticePhoto, NoticeProblem
from app.documents.notice_photos import watermarked_photo
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

PHOTO_WIDTH_MM = 72  # two per row in the 156 mm text width
PHOTO_HEIGHT_MM = 80  # portrait photos are limited by height
PHOTO_MAX_SIDE = 1200  # pixels in the document: ~420 dpi at 72 mm, plenty for print


# -- photos ----------------------------------------------------------------------------------------
def _photo_cell(cell: _Cell, problem: NoticeProblem, n: int, photo: NoticePhoto, family: str):
    picture = cell.paragraphs[0]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # never clip the image
    image = watermarked_photo(photo, family, PHOTO_MAX_SIDE)  # PhotoNotDrawable: no document
    width_mm = min(PHOTO_WIDTH_MM, PHOTO_HEIGHT_MM * image.width() / max(1, image.height()))
    _run(picture, "").add_picture(jpeg(image), width=Mm(width_mm))
    label = cell.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    label.paragraph_format.space_after = Pt(6)
    _run(label, figure_label(problem, n, photo), size=SMALL_PT)


def _photos(document: DocxDocument, problem: NoticeProblem, family: str) -> None:
    photos = list(problem.photos)
    if not photos:
        return
    columns = 1 if len(photos) == 1 else 2
    table = document.add_table(rows=math.ceil(len(photos) / columns), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    column_width = Mm(TEXT_WIDTH_MM / columns)
    for column in table.columns:
        column.width = column_width  # the grid (LibreOffice reads this)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row is never split
        for cell in row.cells:
            cell.width = column_width  # the cells (Word and WPS read these)
    for n, photo in enumerate(photos, 1):
        row, column = divmod(n - 1, columns)
        cell = table.cell(row, column)
        if columns == 2 and n == len(photos) and n % 2 == 1:
            cell = cell.merge(table.cell(row, 1))  # a last single photo, centred
        cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM  # captions on one line
        _photo_cell(cell, problem, n, photo, family)


# -- the document ----------------------------------------------------------------------------------
def _paragraph(document: DocxDocument, indent: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    return paragraph


def _labelled(document: DocxDocument, label: str, text: str) -> Paragraph:
    """A label and its text; each further line of the text is a paragraph of its own.
    Returns the last paragraph."""
    first, *rest = text_lines(text)
    paragraph = _paragraph(document, indent=True)
    _run(paragraph, label, font=HEADING_FONT)
    _run(paragraph, first)
    for line in rest:
        paragraph = _paragraph(document, indent=True)
        _run(paragraph, line)
    return paragraph


def _signature(document: DocxDocument, doc: NoticeDocument) -> None:
    """Office, 签发人 and date on one centre line, two characters from the right margin."""
    lines = [doc.office_name, WORDS["issued_by"].format(name=doc.issued_by)]
    signature(document, [*lines, chinese_date(doc.issued_at)])


def _receipt(document: DocxDocument, doc: NoticeDocument) -> None:
    cut = _paragraph(document)
    cut.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cut.paragraph_format.space_before = Pt(LINE_PT)
    cut.paragraph_format.keep_with_next = True
    dashes = "- " * 24
    _run(cut, f"{dashes} {WORDS['cut']} {dashes.strip()}", size=SMALL_PT)

    title = _paragraph(document)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True
    _run(title, WORDS["receipt"], font=HEADING_FONT, bold=True)

    blank = "　" * 12
    fields = [
        (WORDS["receipt_number"], number_text(doc)),
        (WORDS["receipt_unit"], doc.main_unit),
        (WORDS["receipt_person"], doc.acknowledged_by or blank),
        (WORDS["receipt_time"], receipt_time_text(doc)),
    ]
    for label, value in fields:
        paragraph = _paragraph(document)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, label)
        _run(paragraph, f"{value}　", underline=True)
    note = _paragraph(document)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    note.paragraph_format.space_before = Pt(6)
    _run(note, WORDS["receipt_note"].format(office=doc.office_name), size=SMALL_PT)


def build_notice_docx(doc: NoticeDocument) -> DocxDocument:
    """The notice as a python-docx Document (not saved). Raises NoChineseFont."""
    family = document_font_family()  # draws the photos' watermarks
    document = Document()
    set_up(
        document,
        title=f"{notice_title(doc)}（{doc.number}）",
        author=doc.office_name,
        comments=DOCUMENT_CREATOR,
        page_label=WORDS["page"],
    )

    number = _paragraph(document)
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(number, doc.number)
    if doc.provisional:
        _run(number, WORDS["provisional"], color=RED)

    title = _paragraph(document)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(LINE_PT)
    _run(title, notice_title(doc), font=TITLE_FONT, size=TITLE_PT, bold=True)

    _run(_paragraph(document), addressee_text(doc))
    _run(_paragraph(document, indent=True), body_text(doc))
    heading = _paragraph(document, indent=True)
    heading.paragraph_format.keep_with_next = True
    _run(heading, WORDS["problems"], font=HEADING_FONT)
    for problem in doc.problems:
        paragraph = _paragraph(document, indent=True)
        paragraph.paragraph_format.keep_with_next = bool(problem.photos)
        _run(paragraph, problem_head(problem), bold=True)
        _run(paragraph, problem_body(problem))
        _photos(document, problem, family)
    _labelled(document, WORDS["requirements"], doc.requirements.strip())
    _labelled(document, WORDS["deadline"], deadline_text(doc))
    for line in doc.extra_lines:
        _run(_paragraph(document, indent=True), line)
    _labelled(
        document, WORDS["inspectors"], inspectors_text(doc)
    ).paragraph_format.keep_with_next = True
    _signature(document, doc)
    if doc.cc_units:
        cc = _paragraph(document)
        cc.paragraph_format.space_before = Pt(LINE_PT)
        border(cc, ("top", "bottom"))
        _run(cc, WORDS["cc"], font=HEADING_FONT, size=14)
        _run(cc, cc_text(doc), size=14)
    _receipt(document, doc)
    return document


def write_notice_docx(doc: NoticeDocument, out: Path) -> Path:
    """The notice as a .docx at `out`, written whole or not at all (temp file, then rename).
    Raises NoChineseFont (nothing written) or OSError."""
    return save_docx(build_notice_docx(doc), out)
