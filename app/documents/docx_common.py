"""What every editable Word document (.docx) of ours shares: the page (A4, GB/T 9704 margins),
the fonts WPS and Word on a Chinese Windows know (仿宋 body, 黑体 headings, 宋体 title), runs with
explicit East Asian fonts, "— n —" page numbers from fields, ruled paragraphs and photos as JPEG.
"""

from __future__ import annotations

import io
import os
import re
import secrets
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

# Font names as WPS and Word on a Chinese Windows know them (GB/T 9704: 仿宋 body, 黑体 headings,
# 小标宋 title — 宋体 bold stands in for the latter, which is not installed everywhere).
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
SMALL_PT = 10.5  # 五号
MARK_PT = 36  # 发文机关标志: 小初 at most
RECEIPT_PT = 14  # 四号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = 28  # fixed line pitch of the body text
INDENT = Pt(2 * BODY_PT)  # 首行缩进两字
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x66, 0x66, 0x66)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # GB/T 9704: 版心 156 × 225
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_rfonts(rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
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


def add_run(
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
    set_rfonts(run._element.get_or_add_rPr(), font)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if underline:
        run.underline = True
    if color is not None:
        run.font.color.rgb = color
    return run


def set_up(
    document: DocxDocument, *, title: str, author: str, comments: str, page_label: str
) -> None:
    """Body font and line pitch, A4 with the margins, the page footer (`page_label` with
    {page} and {pages}), the document's properties."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_rfonts(rpr, BODY_FONT)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_rfonts(normal.element.get_or_add_rPr(), BODY_FONT)
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
    section.footer_distance = Mm(28 - 7)  # the number 7 mm below the 版心
    page_footer(section.footer.paragraphs[0], page_label, PAGE_NUMBER_PT)

    props = document.core_properties
    props.title = title
    props.author = author
    props.comments = comments


def _field(paragraph: Paragraph, instruction: str, size: float = SMALL_PT) -> None:
    """A Word field (PAGE, NUMPAGES) that WPS and Word compute when they lay the pages out."""
    run = add_run(paragraph, "", size=size)
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
    add_run(paragraph, "1", size=size)
    end = add_run(paragraph, "", size=size)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._element.append(char)


def page_footer(paragraph: Paragraph, page_label: str, size: float = SMALL_PT) -> None:
    """The page label centred ({page} and {pages} in `page_label` become fields)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, piece in enumerate(re.split(r"(\{page\}|\{pages\})", page_label)):
        if n % 2 == 0:
            if piece:
                add_run(paragraph, piece, size=size)
        else:
            _field(paragraph, "PAGE" if piece == "{page}" else "NUMPAGES", size)


def border(
    paragraph: Paragraph,
    sides: tuple[str, ...],
    style: str = "single",
    size: int = 8,
    color: str = "000000",
    space: int = 4,
) -> None:
    """Rules above/below a paragraph (size in eighths of a point, space in points)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), style)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), color)
        borders.append(edge)
    ppr.append(borders)


def text_width(text: str) -> float:
    """Width in em: CJK and full-width characters count one, others half."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.5 for c in text)


def jpeg(image: QImage, quality: int = 85) -> io.BytesIO:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", quality)
    buffer.close()
    return io.BytesIO(bytes(data))


def signature(
    document: DocxDocument, lines: list[str], right_chars: int = 2, seal_room: bool = True
) -> None:
    """The signature lines centred on one axis, `right_chars` characters from the right margin,
    with room above for the seal unless the caller marked it."""
    widest = max(text_width(line) for line in lines)
    for n, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(
            BODY_PT * (right_chars + (widest - text_width(line)) / 2)
        )
        paragraph.paragraph_format.keep_with_next = n < len(lines) - 1
        if n == 0 and seal_room:
            paragraph.paragraph_format.space_before = Pt(2 * LINE_PT)  # room for the seal
        add_run(paragraph, line)


SEAL_LABEL = "（盖章处）"


def seal_mark(document: DocxDocument, lines: list[str], right_chars: int = 4) -> None:
    """Where the seal goes (盖章处), marked in grey above the signature `lines`, on their axis,
    a line below the text (the seal's top within a line of it, GB/T 9704)."""
    widest = max(text_width(line) for line in lines)
    seal = document.add_paragraph()
    seal.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    seal.paragraph_format.space_before = Pt(LINE_PT)
    seal.paragraph_format.keep_with_next = True
    label = text_width(SEAL_LABEL) * SMALL_PT / BODY_PT
    seal.paragraph_format.right_indent = Pt(BODY_PT * (right_chars + (widest - label) / 2))
    add_run(seal, SEAL_LABEL, size=SMALL_PT, color=GREY)


def save_docx(document: DocxDocument, out: Path) -> Path:
    """Save at `out`, whole or not at all (temp file, then rename). Raises OSError."""
    out = Path(out)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    try:
        document.save(str(temp))
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out
