"""The monthly bulletin (督查通报) as an editable Word document (.docx): the same content and
wording as the PDF (bulletin_model's text builders), typed the way an office types it — red
masthead over a red rule, 宋体 title, 仿宋 body, 黑体 headings, ruled tables whose header row
repeats on every page — plus a 督查点评 section left for the office to write before it issues.

The photos are watermarked copies made in memory (the same drawing as the PDF's); the original
files are only read; the export makes sure every original is on this laptop before it writes
(never a placeholder in an official document).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

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
from app.documents.coverage_section import docx_coverage
from app.documents.docx_common import (
    GREY,
    HEADING_FONT,
    INDENT,
    LINE_PT,
    RED,
    SMALL_PT,
    TEXT_WIDTH_MM,
    TITLE_FONT,
    TITLE_PT,
    add_run,
    border,
    jpeg,
    save_docx,
    seal_mark,
    set_up,
    signature,
    text_width,
)
from app.documents.fonts import document_font_family
from app.documents.model import NoticePhoto
from app.documents.notice_photos import watermarked_photo
from app.documents.notice_wording import WORDS as NOTICE_WORDS
from app.documents.notice_wording import text_lines

PAGE_LABEL = NOTICE_WORDS["page"]  # — 1 —

MASTHEAD_PT = 36  # 小初
SUBHEADING_FONT = "楷体"
TABLE_PT = 10.5
PHOTO_WIDTH_MM = 72
PHOTO_HEIGHT_MM = 62
PHOTO_MAX_SIDE = 1200
YELLOW = RGBColor(0xB8, 0x86, 0x0B)
RANKING_WIDTHS_MM = (13, 50, 17, 15, 23, 18, 20)
BOARD_WIDTHS_MM = (56, 22, 56, 22)
SOURCE_WIDTHS_MM = (60, 50)


def _paragraph(document: DocxDocument, text: str = "", *, indent: bool = True, **run) -> Paragraph:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    if text:
        add_run(paragraph, text, **run)
    return paragraph


def _text(document: DocxDocument, text: str, **run) -> None:
    """A paragraph per typed line."""
    for line in text_lines(text):
        _paragraph(document, line, **run)


def _small(document: DocxDocument, text: str) -> None:
    paragraph = _paragraph(document, text, size=SMALL_PT)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_after = Pt(6)


def _heading(document: DocxDocument, text: str, font: str = HEADING_FONT) -> None:
    paragraph = _paragraph(document, text, font=font, bold=font != HEADING_FONT)
    paragraph.paragraph_format.keep_with_next = True


def _masthead(document: DocxDocument, doc: Bulletin) -> None:
    """The GB/T 9704 版头: the red 督查通报, the 期号 line, the office and the date over the red
    separator."""
    head = _paragraph(document, indent=False)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    head.paragraph_format.keep_with_next = True
    add_run(head, WORDS["masthead"], font=TITLE_FONT, size=MASTHEAD_PT, bold=True, color=RED)
    issue = _paragraph(document, issue_text(doc), indent=False)
    issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issue.paragraph_format.space_before = Pt(LINE_PT / 2)
    issue.paragraph_format.keep_with_next = True
    line = _paragraph(document, indent=False)  # office at the left, date at the right margin
    line.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    add_run(line, doc.office_name)
    add_run(line, "\t" + date_text(doc))
    border(line, ("bottom",), size=12, color="C00000", space=11)  # 4 mm below the line


def title_lines(title: str) -> list[str]:
    """The title's lines: a title wider than the 版心 breaks before its （第N期）, so the 期号
    never wraps on its own ("期）" alone on a line)."""
    cut = title.rfind("（")
    fits = text_width(title) * TITLE_PT <= TEXT_WIDTH_MM * 72 / 25.4
    if fits or cut <= 0:
        return [title]
    return [title[:cut], title[cut:]]


def _title(document: DocxDocument, doc: Bulletin) -> None:
    title = _paragraph(document, indent=False)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    title.paragraph_format.space_before = Pt(LINE_PT)
    title.paragraph_format.space_after = Pt(LINE_PT / 2)
    title.paragraph_format.keep_with_next = True
    add_run(title, "\n".join(title_lines(doc.title)), font=TITLE_FONT, size=TITLE_PT, bold=True)


def _cell_text(
    cell: _Cell, text: str, *, bold: bool = False, color=None, left: bool = False
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    add_run(paragraph, text, size=TABLE_PT, bold=bold, color=color)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _table(
    document: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    left_columns: Sequence[int] = (),
) -> Table:
    """A ruled table; its header row repeats on every page, no row splits over pages."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid (LibreOffice reads this)
    for r, row in enumerate(table.rows):
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
        if r == 0:
            props.append(OxmlElement("w:tblHeader"))
        values = header if r == 0 else rows[r - 1]
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Mm(widths_mm[c])  # the cells (Word and WPS read these)
            _cell_text(cell, value, bold=r == 0, left=r > 0 and c in left_columns)
            if r == 0:
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:fill"), "E8E8E8")
                cell._tc.get_or_add_tcPr().append(shade)
    return table


def _ranking(document: DocxDocument, doc: Bulletin) -> None:
    if not doc.ranking:
        _text(document, say(doc, "none_ranked"))
    else:
        rows = [ranking_cells(row) for row in doc.ranking]
        table = _table(document, WORDS["columns"], rows, RANKING_WIDTHS_MM, left_columns=(1,))
        for row, cells in zip(doc.ranking, table.rows[1:], strict=True):
            if row.flag:
                run = cells.cells[-1].paragraphs[0].runs[0]
                run.bold = True
                run.font.color.rgb = RED if row.flag == "red" else YELLOW
        _small(document, ranking_note(doc))
        if flags_text(doc):
            _text(document, flags_text(doc))
    if unchecked_text(doc):
        _text(document, unchecked_text(doc))


def _boards(document: DocxDocument, doc: Bulletin) -> None:
    rows = board_rows(doc)
    if not rows:
        _text(document, say(doc, "no_boards"))
        return
    table = _table(document, WORDS["board_columns"], rows, BOARD_WIDTHS_MM, left_columns=(0, 2))
    table.rows[0].cells[0].paragraphs[0].runs[0].font.color.rgb = RED


def _photo(cell: _Cell, photo: BulletinPhoto, family: str) -> None:
    picture = cell.paragraphs[0]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # never clip the image
    image = watermarked_photo(  # PhotoNotDrawable: no document
        NoticePhoto(photo.path, photo.watermark, name=photo.name), family, PHOTO_MAX_SIDE
    )
    width_mm = min(PHOTO_WIDTH_MM, PHOTO_HEIGHT_MM * image.width() / max(1, image.height()))
    add_run(picture, "").add_picture(jpeg(image), width=Mm(width_mm))
    label = cell.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    label.paragraph_format.space_after = Pt(6)
    add_run(label, photo.label, size=SMALL_PT)


def _photos(document: DocxDocument, photos: Sequence[BulletinPhoto], family: str) -> None:
    if not photos:
        return
    table = document.add_table(rows=1, cols=len(photos))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = Mm(TEXT_WIDTH_MM / len(photos))
    for column in table.columns:
        column.width = width
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, photo in zip(table.rows[0].cells, photos, strict=True):
        cell.width = width
        cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM  # captions on one line
        _photo(cell, photo, family)


def _problems(document: DocxDocument, doc: Bulletin, family: str) -> None:
    if not doc.sections:
        _text(document, say(doc, "no_problems"))
        return
    for n, section in enumerate(doc.sections, 1):
        _heading(document, unit_heading(n, section), font=SUBHEADING_FONT)
        _text(document, unit_summary(doc, section))
        for k, problem in enumerate(section.problems, 1):
            _text(document, problem_line(k, problem))
        if more_text(doc, section):
            _text(document, more_text(doc, section))
        for start in range(0, len(section.photos), 2):
            _photos(document, section.photos[start : start + 2], family)


def _commentary(document: DocxDocument, doc: Bulletin) -> None:
    """The office's own 点评: its text, or a grey prompt to replace."""
    if doc.commentary.strip():
        _text(document, doc.commentary.strip())
    else:
        _paragraph(document, say(doc, "commentary_prompt"), color=GREY)


def build_bulletin_docx(doc: Bulletin) -> DocxDocument:
    """The bulletin as a python-docx Document (not saved). Raises NoChineseFont."""
    family = document_font_family()  # draws the photos' watermarks
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
    for n, key in enumerate(section_keys(doc, with_commentary=True), 1):
        _heading(document, heading(n, key))
        if key == "overview":
            _text(document, figures_text(doc))
            if source_rows(doc):  # 问题来源: the period's notices by source
                _text(document, say(doc, "sources"))
                _table(document, WORDS["source_columns"], source_rows(doc), SOURCE_WIDTHS_MM, (0,))
        elif key == "ranking":
            _ranking(document, doc)
        elif key == "boards":
            _boards(document, doc)
        elif key == "problems":
            _problems(document, doc, family)
        elif key == "coverage":
            docx_coverage(document, doc, _text, _table)
        elif key == "improved":
            _text(document, improved_text(doc))
        elif key == "commentary":
            _commentary(document, doc)
        elif key == "requirements":
            _text(document, requirements_text(doc))
    seal_mark(document, signature_lines(doc))
    signature(document, signature_lines(doc), right_chars=4, seal_room=False)
    return document


def write_bulletin_docx(doc: Bulletin, out: Path) -> Path:
    """The bulletin as a .docx at `out`, written whole or not at all. Raises NoChineseFont
    (nothing written) or OSError."""
    return save_docx(build_bulletin_docx(doc), out)
