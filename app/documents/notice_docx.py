"""The rectification notice as an editable Word document (.docx): offices revise notices in WPS or
Word before sealing them. Same content and wording as the PDF (the text builders are shared with
notice_pdf), laid out the way such a document is typed: 仿宋 body at 三号, 宋体 bold title at 二号,
黑体 headings, problems with their watermarked photos two per row, the signature block, 抄送 between
rules, and the receipt stub below a cut line.

The photos are watermarked copies made in memory (the same drawing as the PDF's, with the
document font); the original files are only read.
"""

from __future__ import annotations

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
    BODY_FONT,
    GREY,
    HEADING_FONT,
    INDENT,
    LINE_PT,
    MARK_PT,
    RECEIPT_PT,
    RED,
    SMALL_PT,
    TEXT_WIDTH_MM,
    TITLE_FONT,
    TITLE_PT,
    border,
    jpeg,
    save_docx,
    seal_mark,
    set_up,
    signature,
    text_width,
)
from app.documents.docx_common import add_run as _run
from app.documents.fonts import document_font_family
from app.documents.model import NoticeDocument, NoticeProblem
from app.documents.notice_photos import watermarked_photo
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

PHOTO_TILE_MM = 22  # two photos side by side in the 照片 column
PHOTO_SINGLE_MM = 44  # a problem's only photo
PHOTO_HEIGHT_MM = 30  # no photo taller
PHOTO_MAX_SIDE = 1000  # pixels in the document: ~570 dpi at 44 mm, plenty for print
TABLE_PT = 10.5  # 五号
# 序号, 位置, 问题, GB 编码, 照片, 整改期限 — the 156 mm 版心 (as the PDF)
COLUMN_WIDTHS_MM = (11, 21, 38, 17, 50, 19)


# -- the problem table -----------------------------------------------------------------------------
def _cell_paragraph(cell: _Cell, text: str, *, left: bool = False, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    _run(paragraph, text, size=TABLE_PT, bold=bold, font=HEADING_FONT if bold else BODY_FONT)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _photo_cell(cell: _Cell, problem: NoticeProblem, family: str) -> None:
    """The problem's photos (markup and watermark over copies), two to a line, labelled."""
    photos = list(problem.photos)
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # never clip the image
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    widest = PHOTO_SINGLE_MM if len(photos) == 1 else PHOTO_TILE_MM
    for n, photo in enumerate(photos, 1):
        image = watermarked_photo(photo, family, PHOTO_MAX_SIDE)  # PhotoNotDrawable: no document
        width_mm = min(widest, PHOTO_HEIGHT_MM * image.width() / max(1, image.height()))
        if n > 1:
            _run(paragraph, " " if n % 2 == 0 else "\n")
        _run(paragraph, "").add_picture(jpeg(image), width=Mm(width_mm))
    labels = cell.add_paragraph()
    labels.alignment = WD_ALIGN_PARAGRAPH.CENTER
    labels.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    text = WORDS["list_sep"].join(figure_label(problem, n, p) for n, p in enumerate(photos, 1))
    _run(labels, text, size=7.5, color=GREY)


def _problem_table(document: DocxDocument, doc: NoticeDocument, family: str) -> None:
    """序号, 位置, 问题, GB 编码, 照片, 整改期限: the header repeats, rows never split."""
    table = document.add_table(rows=1 + len(doc.problems), cols=len(COLUMN_WIDTHS_MM))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS_MM, strict=True):
        column.width = Mm(width)  # the grid (LibreOffice reads this)
    due = due_cell(doc).replace("\u2028", "\n")
    for r, row in enumerate(table.rows):
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
        if r == 0:
            props.append(OxmlElement("w:tblHeader"))
        for cell, width in zip(row.cells, COLUMN_WIDTHS_MM, strict=True):
            cell.width = Mm(width)  # the cells (Word and WPS read these)
        if r == 0:
            for cell, title in zip(row.cells, TABLE_COLUMNS, strict=True):
                _cell_paragraph(cell, title, bold=True)
            continue
        problem = doc.problems[r - 1]
        cells = row.cells
        _cell_paragraph(cells[0], str(problem.index))
        _cell_paragraph(cells[1], problem.location.strip(), left=True)
        _cell_paragraph(cells[2], problem_cell(problem), left=True)
        _cell_paragraph(cells[3], problem.gb_code)
        _photo_cell(cells[4], problem, family)
        _cell_paragraph(cells[5], due)


# -- the document ----------------------------------------------------------------------------------
def _paragraph(document: DocxDocument, indent: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    return paragraph


def _labelled(document: DocxDocument, label: str, text: str, keep: bool = False) -> Paragraph:
    """A label and its text; each further line of the text is a paragraph of its own.
    Returns the last paragraph. `keep`: held to what follows."""
    first, *rest = text_lines(text)
    paragraph = _paragraph(document, indent=True)
    paragraph.paragraph_format.keep_with_next = keep or bool(rest)
    _run(paragraph, label, font=HEADING_FONT)
    _run(paragraph, first)
    for n, line in enumerate(rest, 1):
        paragraph = _paragraph(document, indent=True)
        paragraph.paragraph_format.keep_with_next = keep or n < len(rest)
        _run(paragraph, line)
    return paragraph


def _masthead(document: DocxDocument, doc: NoticeDocument) -> None:
    """The red 发文机关标志, the 发文字号 and, 4 mm below it, the red separator."""
    mark = _paragraph(document)
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    mark.paragraph_format.space_after = Pt(LINE_PT)
    mark.paragraph_format.keep_with_next = True
    size = min(MARK_PT, TEXT_WIDTH_MM / 25.4 * 72 / max(1.0, text_width(doc.office_name)))
    _run(mark, doc.office_name, font=TITLE_FONT, size=round(size), bold=True, color=RED)
    number = _paragraph(document)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.keep_with_next = True
    _run(number, document_number(doc))
    if doc.provisional:
        _run(number, WORDS["provisional"], color=RED)
    border(number, ("bottom",), size=12, color="C00000", space=11)  # 4 mm below the line


def _signature(document: DocxDocument, doc: NoticeDocument) -> None:
    """发文机关署名 and 成文日期 four characters from the right, under the marked seal area."""
    lines = [doc.office_name, chinese_date(doc.issued_at)]
    seal_mark(document, lines)
    signature(document, lines, right_chars=4, seal_room=False)


def _receipt(document: DocxDocument, doc: NoticeDocument) -> None:
    """Below a dashed cut line, the 签收回执 kept together on one page."""
    cut = _paragraph(document)
    cut.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cut.paragraph_format.space_before = Pt(LINE_PT)
    cut.paragraph_format.keep_with_next = True
    dashes = "- " * 24
    _run(cut, f"{dashes} {WORDS['cut']} {dashes.strip()}", size=SMALL_PT, color=GREY)

    title = _paragraph(document)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True
    _run(title, WORDS["receipt"], font=HEADING_FONT, bold=True)

    blank = "　" * 8
    fields = [
        [(WORDS["receipt_number"], number_text(doc))],
        [(WORDS["receipt_unit"], doc.main_unit)],
        [
            (WORDS["receipt_person"], doc.acknowledged_by or blank),
            (WORDS["receipt_time"], receipt_time_text(doc)),
        ],
    ]
    for line in fields:
        paragraph = _paragraph(document)
        paragraph.paragraph_format.keep_with_next = True
        for n, (label, value) in enumerate(line):
            _run(paragraph, ("　" if n else "") + label, size=RECEIPT_PT)
            _run(paragraph, f"{value}　", underline=True, size=RECEIPT_PT)
    note = _paragraph(document)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    note.paragraph_format.space_before = Pt(6)
    _run(note, WORDS["receipt_note"].format(office=doc.office_name), size=SMALL_PT)


def build_notice_docx(doc: NoticeDocument) -> DocxDocument:
    """The notice as a python-docx Document (not saved). Raises NoChineseFont."""
    family = document_font_family()  # draws the photos' watermarks and markup
    document = Document()
    set_up(
        document,
        title=f"{notice_title(doc)}（{doc.number}）",
        author=doc.office_name,
        comments=DOCUMENT_CREATOR,
        page_label=WORDS["page"],
    )
    _masthead(document, doc)

    title = _paragraph(document)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    title.paragraph_format.space_before = Pt(LINE_PT)
    title.paragraph_format.space_after = Pt(LINE_PT / 2)
    title.paragraph_format.keep_with_next = True
    _run(title, notice_title(doc), font=TITLE_FONT, size=TITLE_PT, bold=True)

    addressee = _paragraph(document)
    addressee.paragraph_format.keep_with_next = True
    _run(addressee, addressee_text(doc))
    _run(_paragraph(document, indent=True), body_text(doc))
    heading = _paragraph(document, indent=True)
    heading.paragraph_format.keep_with_next = True
    _run(heading, WORDS["problems"], font=HEADING_FONT)
    _problem_table(document, doc, family)
    _labelled(document, WORDS["requirements"], doc.requirements.strip())
    # From the deadline on, the text stays with the signature (no line alone at a page's top).
    _labelled(document, WORDS["deadline"], deadline_text(doc), keep=True)
    for line in doc.extra_lines:
        paragraph = _paragraph(document, indent=True)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, line)
    if people_label(doc) or inspectors_line(doc):
        _labelled(document, people_label(doc), inspectors_line(doc), keep=True)
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
