"""The notice and the bulletin as official documents (GB/T 9704-2012), read back the way a person
sees them: every page rendered to PNG (pdftoppm) and its words located (pdftotext -bbox-layout).

The red 版头 at the top of page 1, the 发文字号 (or 期号) above the red separator, "— n —" below
the 版心 of every page, no page holding only a line or two, the receipt below a dashed cut line,
and the markup drawn on the photo's copy (the original untouched); the .docx checked with
python-docx: fonts, keep-with-next, the problem table, the 期号 never wrapping alone.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from app.documents.bulletin_docx import write_bulletin_docx
from app.documents.bulletin_export import build_bulletin
from app.documents.bulletin_pdf import write_bulletin_pdf
from app.documents.docx_common import BODY_FONT, TITLE_FONT
from app.documents.fonts import find_song_font, shipped_font_files, song_font_family
from app.documents.model import NoticeDocument
from app.documents.notice_docx import COLUMN_WIDTHS_MM, write_notice_docx
from app.documents.notice_pdf import write_notice_pdf
from app.documents.notice_wording import TABLE_COLUMNS, WORDS
from domain.assessment import Period
from local_db.store import Store
from tests.core.fixture_month import AS_OF, build, stand_in_originals
from tests.ui.test_notice_documents import OFFICE, notice

DPI = 60
MM = 72 / 25.4  # points per millimetre
NOVEMBER = Period.month(2026, 11)
# Markup as an inspector or reviewer draws it, in the upright original's pixels.
MARKUP = (
    {"kind": "arrow", "x1": 60, "y1": 60, "x2": 420, "y2": 330, "at": "2026-11-20T02:00:00Z"},
    {"kind": "ellipse", "x": 250, "y": 180, "w": 300, "h": 220, "at": "2026-11-20T02:00:00Z"},
    {"kind": "text", "x": 330, "y": 20, "text": "渣土", "size": 80, "at": "2026-11-20T02:00:00Z"},
)


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]
    lines: list[list[Word]]
    png: Image.Image

    def find(self, text: str) -> list[Word]:
        return [w for w in self.words if text in w.text]

    def px(self, x: float, y: float) -> tuple[int, int, int]:
        r, g, b = self.png.getpixel((round(x * DPI / 72), round(y * DPI / 72)))[:3]
        return r, g, b


def read_pages(pdf: Path, tmp: Path) -> list[Page]:
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    stem = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(stem)], check=True)
    pngs = sorted(tmp.glob(f"{pdf.stem}-*.png"))
    pages = []
    for element, png in zip(ET.fromstring(html).iter("page"), pngs, strict=True):

        def word(w: ET.Element) -> Word:
            box = (float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            return Word(w.text or "", *box)

        lines = [[word(w) for w in line.iter("word")] for line in element.iter("line")]
        pages.append(
            Page(
                float(element.get("width")),
                float(element.get("height")),
                [w for line in lines for w in line],
                lines,
                Image.open(png).convert("RGB"),
            )
        )
    return pages


def is_red(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 150 and g < 90 and b < 90


def red_rows(page: Page, x0: float, x1: float) -> list[float]:
    """The y (points) of every pixel row that is red across most of x0..x1: rules."""
    rows = []
    left, right = round(x0 * DPI / 72), round(x1 * DPI / 72)
    for y in range(page.png.height):
        reds = sum(is_red(page.png.getpixel((x, y))[:3]) for x in range(left, right, 3))
        if reds > 0.8 * len(range(left, right, 3)):
            rows.append(y * 72 / DPI)
    return rows


def page_number(page: Page, n: int) -> Word:
    """The page's "— n —": the digits below the 版心 (more than 262 mm down)."""
    found = [w for w in page.words if w.text == str(n) and w.y0 > 262 * MM]
    assert len(found) == 1, [(w.text, w.y0 / MM) for w in page.words if w.y0 > 250 * MM]
    line = next(line for line in page.lines if found[0] in line)
    assert "".join(w.text for w in line) == f"—{n}—"
    return found[0]


def body_lines(page: Page) -> list[list[Word]]:
    """The page's lines without its page number."""
    return [line for line in page.lines if min(w.y0 for w in line) < 262 * MM]


def with_markup(doc: NoticeDocument) -> NoticeDocument:
    first = doc.problems[0]
    marked = replace(first.photos[0], markup=MARKUP)
    return replace(
        doc, problems=(replace(first, photos=(marked, *first.photos[1:])), *doc.problems[1:])
    )


def markup_red(image: Image.Image) -> int:
    """Reddish pixels (the markup's #ef4444, however blended into the photo)."""
    return sum(1 for r, g, b in image.get_flattened_data() if r > g + 70 and r > b + 70 and r > 150)


@pytest.fixture
def four(tmp_path: Path) -> tuple[NoticeDocument, list[Page]]:
    doc = with_markup(notice(4))
    pdf = write_notice_pdf(doc, tmp_path / "notice.pdf")
    return doc, read_pages(pdf, tmp_path)


def test_four_problem_notice_is_two_official_pages(qapp, four) -> None:
    _doc, pages = four
    assert len(pages) == 2  # compact: no mostly-white page
    first = pages[0]
    # the red 发文机关标志, topmost on page 1, in the top quarter of the 版心
    [mark] = first.find(OFFICE)[:1]
    assert mark.y0 == min(w.y0 for w in first.words)
    assert 37 * MM - 2 < mark.y0 < 37 * MM + 225 * MM / 4
    centre = ((mark.x0 + mark.x1) / 2, (mark.y0 + mark.y1) / 2)
    reds = sum(is_red(first.px(x, centre[1])) for x in range(round(mark.x0), round(mark.x1), 2))
    assert reds > 10, "the 发文机关标志 is red"
    assert abs(centre[0] - first.width * (28 + 78) / 210) < 3 * MM  # centred on the 版心
    # 发文字号 代字〔年份〕序号, above the red separator, which is above the title
    [number] = first.find("督改〔2026〕123号")
    rules = [y for y in red_rows(first, 30 * MM, 180 * MM) if y > number.y1]
    assert rules, "a red separator below the 发文字号"
    separator = rules[0]
    assert separator - number.y1 < 10 * MM
    title = first.find("关于人民路")[0]
    assert number.y1 < separator < title.y0
    # the problem table's header
    [row] = [w.y0 for w in first.words if w.text == "序号"]
    heads = [
        next(w for w in first.words if w.text == column.split()[0] and abs(w.y0 - row) < 1)
        for column in TABLE_COLUMNS
    ]
    assert [w.x0 for w in heads] == sorted(w.x0 for w in heads)  # one row, in this order
    assert title.y1 < row
    # the 序号 column numbers the problems, in order, across the pages
    numbers = [
        w.text
        for page in pages
        for w in sorted(page.words, key=lambda w: w.y0)
        if w.x1 < heads[1].x0 and w.text.isdigit() and w.y0 < 262 * MM
    ]
    assert numbers == ["1", "2", "3", "4"]
    # "— n —" below the 版心, odd at the right, even at the left
    for n, page in enumerate(pages, 1):
        digits = page_number(page, n)
        assert (digits.x0 > page.width / 2) == (n % 2 == 1)
        assert page.height - digits.y1 > 15 * MM
    # no page is only a line or two
    for page in pages:
        assert len(body_lines(page)) >= 3
    # "督查人员：…" never opens a page; the signature, the seal area and the date follow it
    for page in pages[1:]:
        top = min(body_lines(page), key=lambda line: line[0].y0)
        assert not "".join(w.text for w in top).startswith("督查人员")
    last = pages[-1]
    inspectors = last.find("督查人员")[0]
    seal = last.find("盖章处")[0]
    signed = [w for w in last.find(OFFICE) if w.y0 > inspectors.y1]
    date = last.find("2026年11月21日")[0]
    assert inspectors.y1 < seal.y0 < signed[0].y0 < date.y0
    # the receipt at the foot of the last page, below a dashed cut line
    cut = last.find("沿此线剪开")[0]
    receipt = last.find("签收回执")[0]
    assert date.y1 < cut.y0 < receipt.y0
    assert receipt.y0 > last.height / 2
    y = (cut.y0 + cut.y1) / 2
    greys = [last.px(x, y) for x in range(round(30 * MM), round(cut.x0 - 3 * MM), 1)]
    dark = [all(c < 200 for c in p) for p in greys]
    assert 0.2 < sum(dark) / len(dark) < 0.9, "a dashed line, not a solid one or none"
    for label in ("签收人：", "签收时间："):
        assert last.find(label)[0].y0 > receipt.y1


def test_markup_is_drawn_on_the_photos_copy_only(qapp, tmp_path: Path) -> None:
    plain = notice(4)
    marked = with_markup(plain)
    original = marked.problems[0].photos[0].path
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    counts = []
    for name, doc in (("plain", plain), ("marked", marked)):
        pages = read_pages(write_notice_pdf(doc, tmp_path / f"{name}.pdf"), tmp_path)
        counts.append(markup_red(pages[0].png))
    assert counts[1] > counts[0] + 40, counts  # the arrow, the ellipse and the text's red
    # the .docx: its first picture is the marked copy
    reds = []
    for name, doc in (("plain", plain), ("marked", marked)):
        document = docx.Document(str(write_notice_docx(doc, tmp_path / f"{name}.docx")))
        blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(document.part.related_parts[blob].blob)).convert("RGB")
        reds.append(markup_red(image))
    assert reds[1] > reds[0] + 500, reds
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before


def test_notice_docx_is_typed_as_an_official_document(qapp, tmp_path: Path) -> None:
    doc = with_markup(notice(4))
    document = docx.Document(str(write_notice_docx(doc, tmp_path / "n.docx")))
    paragraphs = document.paragraphs
    mark, number = paragraphs[0], paragraphs[1]
    assert mark.text == OFFICE and mark.runs[0].font.color.rgb == docx.shared.RGBColor(0xC0, 0, 0)
    assert mark.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == TITLE_FONT
    assert number.text == "督改〔2026〕123号"
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "C00000"  # the red separator under the 发文字号
    title = next(p for p in paragraphs if p.text == doc.title)
    assert title.runs[0].font.size.pt == 22 and title.paragraph_format.keep_with_next
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16  # 三号
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == BODY_FONT  # 仿宋
    heading = next(p for p in paragraphs if p.text == WORDS["problems"])
    assert heading.paragraph_format.keep_with_next
    # the deadline, the inspectors and the seal mark are held to the signature
    held = [p for p in paragraphs if p.text.startswith(("三、整改期限", "督查人员", "（盖章处）"))]
    assert len(held) == 3 and all(p.paragraph_format.keep_with_next for p in held)
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == list(TABLE_COLUMNS)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    assert [round(c.width.mm) for c in table.columns] == list(COLUMN_WIDTHS_MM)
    assert len(table.rows) == 1 + len(doc.problems)
    photos = sum(len(p.photos) for p in doc.problems)
    assert len(document.inline_shapes) == photos
    assert "".join(p.text for p in document.sections[0].footer.paragraphs) == "— 1 —"
    assert any(p.text == "签收回执" for p in paragraphs)


@pytest.fixture
def bulletin(tmp_path: Path):
    store = Store.open(tmp_path / "store")
    build(store)
    stand_in_originals(store)
    yield build_bulletin(store, NOVEMBER, as_of=AS_OF)
    store.close()


def test_bulletin_has_the_official_header_and_page_numbers(qapp, bulletin, tmp_path) -> None:
    pages = read_pages(write_bulletin_pdf(bulletin, tmp_path / "b.pdf"), tmp_path)
    first = pages[0]
    [mark] = first.find("督查通报")[:1]
    assert mark.y0 == min(w.y0 for w in first.words) and mark.y0 < 37 * MM + 30 * MM
    reds = sum(
        is_red(first.px(x, (mark.y0 + mark.y1) / 2))
        for x in range(round(mark.x0), round(mark.x1), 2)
    )
    assert reds > 5
    issue = first.find("第11期")[0]
    office = first.find("城市管理督查办公室")[0]
    rules = [y for y in red_rows(first, 30 * MM, 180 * MM) if y > issue.y1]
    assert mark.y1 < issue.y0 < office.y0 < rules[0] < first.find("2026年11月城市")[0].y0
    for n, page in enumerate(pages, 1):
        page_number(page, n)
        assert len(body_lines(page)) >= 3


def test_bulletin_docx_keeps_its_issue_line_whole(qapp, bulletin, tmp_path) -> None:
    long = replace(bulletin, title="2026年11月城市精细化管理督查通报（第11期）")
    document = docx.Document(str(write_bulletin_docx(long, tmp_path / "b.docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "督查通报" and texts[1] == "第11期"
    title = document.paragraphs[3]
    # too wide for one line of 二号 in the 156 mm 版心: it breaks before the 期号, never inside it
    assert title.text == "2026年11月城市精细化管理督查通报\n（第11期）"
    assert "".join(p.text for p in document.sections[0].footer.paragraphs) == "— 1 —"


def test_the_song_font_is_found_and_never_taken_as_the_base_font(qapp, tmp_path: Path) -> None:
    system = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
    if not system.is_file():
        pytest.skip("fonts-arphic-gbsn00lp is not installed")
    (tmp_path / "gbsn00lp.ttf").symlink_to(system)
    (tmp_path / "readme.txt").write_text("not a font")
    assert shipped_font_files(tmp_path) == []  # the 宋 font is a role of its own
    assert find_song_font([tmp_path / "readme.txt", tmp_path / "gbsn00lp.ttf"]) == (
        "AR PL SungtiL GB"
    )
    assert find_song_font([tmp_path / "readme.txt"]) is None
    assert song_font_family() == "AR PL SungtiL GB"


def test_a_long_notice_ends_with_its_signature_and_receipt_together(qapp, tmp_path) -> None:
    """Twenty problems run over pages; the last page carries the text before the signature, the
    seal area, the date and the receipt — never the receipt alone."""
    pages = read_pages(write_notice_pdf(notice(20), tmp_path / "long.pdf"), tmp_path)
    assert len(pages) >= 4
    last = pages[-1]
    for words in ("整改期限", "督查人员", "盖章处", "2026年11月21日", "沿此线剪开", "签收回执"):
        assert last.find(words), words
    for n, page in enumerate(pages, 1):
        page_number(page, n)
        assert len(body_lines(page)) >= 3
