"""The rectification notice as an editable Word document (.docx): offices revise notices in WPS or
Word before sealing them. Same content and wording as the PDF (the text builders are shared with
notice_pdf), laid out the way such a document is typed: 仿宋 body at 三号, 宋体 bold title at 二号,
黑体 headings, problems with their watermarked photos two per row, the signature block, 抄送 between
rules, and the receipt stub below a cut line.

The photos are watermarked copies made in memory (the same drawing as the PDF's, with the
document font); the original files are only read.
"""

from __future__ import annotations

import io
import math
import os
import secrets
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

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
from app.photos.metadata import PhotoRefused

# Font names as WPS and Word on a Chinese Windows know them (GB/T 9704: 仿宋 body, 黑体 headings,
# 小标宋 title — 宋体 bold stands in for the latter, which is not installed everywhere).
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
SMALL_PT = 10.5  # 五号
LINE_PT = 28  # fixed line pitch of the body text
INDENT = Pt(2 * BODY_PT)  # 首行缩进两字
RED = RGBColor(0xC0, 0x00, 0x00)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
PHOTO_WIDTH_MM = 72  # two per row in the 156 mm text width
PHOTO_HEIGHT_MM = 80  # portrait photos are limited by height
PHOTO_MAX_SIDE = 1200  # pixels in the document: ~420 dpi at 72 mm, plenty for print
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# -- fonts -----------------------------------------------------------------------------------------
def _set_rfonts(rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Explicit fonts on a w:rPr: Latin and East Asian (w:eastAsia), no theme fonts (a theme
    attribute would win over the explicit name)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float | None = None,
    bold: bool = False,
    underline: bool = False,
    color: RGBColor | None = None,
) -> Run:
    run = paragraph.add_run(text)
    _set_rfonts(run._element.get_or_add_rPr(), font)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if underline:
        run.underline = True
    if color is not None:
        run.font.color.rgb = color
    return run


def _setup(document: DocxDocument, doc: NoticeDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_rfonts(rpr, BODY_FONT)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _set_rfonts(normal.element.get_or_add_rPr(), BODY_FONT)
    # East Asian text: the language WPS/Word checks spelling and line breaking with.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(20)
    _page_footer(section.footer.paragraphs[0])

    props = document.core_properties
    props.title = f"{notice_title(doc)}（{doc.number}）"
    props.author = doc.office_name
    props.comments = DOCUMENT_CREATOR


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that WPS and Word compute when they lay the pages out."""
    run = _run(paragraph, "", size=SMALL_PT)
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
    _run(paragraph, "1", size=SMALL_PT)
    end = _run(paragraph, "", size=SMALL_PT)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._element.append(char)


def _page_footer(paragraph: Paragraph) -> None:
    """第 n 页 共 m 页, centred."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, middle, after = (
        WORDS["page"].replace("{page}", "\0").replace("{pages}", "\0").split("\0")
    )
    _run(paragraph, before, size=SMALL_PT)
    _field(paragraph, "PAGE")
    _run(paragraph, middle, size=SMALL_PT)
    _field(paragraph, "NUMPAGES")
    _run(paragraph, after, size=SMALL_PT)


def _border(paragraph: Paragraph, sides: tuple[str, ...], style: str = "single", size: int = 8):
    """Rules above/below a paragraph (size in eighths of a point)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), style)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    ppr.append(borders)


def _text_width(text: str) -> float:
    """Width in em: CJK and full-width characters count one, others half."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.5 for c in text)


# -- photos ----------------------------------------------------------------------------------------
def _jpeg(image: QImage) -> io.BytesIO:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    buffer.close()
    return io.BytesIO(bytes(data))


def _photo_cell(cell: _Cell, problem: NoticeProblem, n: int, photo: NoticePhoto, family: str):
    picture = cell.paragraphs[0]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # never clip the image
    try:
        image = watermarked_photo(photo, family, PHOTO_MAX_SIDE)
    except PhotoRefused:
        _run(picture, WORDS["photo_missing"].format(name=photo.path.name), size=SMALL_PT)
    else:
        width_mm = min(PHOTO_WIDTH_MM, PHOTO_HEIGHT_MM * image.width() / max(1, image.height()))
        _run(picture, "").add_picture(_jpeg(image), width=Mm(width_mm))
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
    lines.append(chinese_date(doc.issued_at))
    widest = max(_text_width(line) for line in lines)
    for n, line in enumerate(lines):
        paragraph = _paragraph(document)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(
            BODY_PT * (2 + (widest - _text_width(line)) / 2)
        )
        paragraph.paragraph_format.keep_with_next = n < len(lines) - 1
        if n == 0:
            paragraph.paragraph_format.space_before = Pt(2 * LINE_PT)  # room for the seal
        _run(paragraph, line)


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
    _setup(document, doc)

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
        _border(cc, ("top", "bottom"))
        _run(cc, WORDS["cc"], font=HEADING_FONT, size=14)
        _run(cc, cc_text(doc), size=14)
    _receipt(document, doc)
    return document


def write_notice_docx(doc: NoticeDocument, out: Path) -> Path:
    """The notice as a .docx at `out`, written whole or not at all (temp file, then rename).
    Raises NoChineseFont (nothing written) or OSError."""
    document = build_notice_docx(doc)
    out = Path(out)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    try:
        document.save(str(temp))
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out
