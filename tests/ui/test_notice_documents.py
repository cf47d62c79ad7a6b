"""The rectification notice as PDF and .docx: exact, searchable Chinese (no Kangxi radicals), every
photo embedded with its watermark on a copy, proper pages, and a clear refusal without a font.

The PDFs are read back with poppler (pdftotext, pdfimages, pdftoppm), as a user's viewer or
WPS would read them; nothing of ours is mocked.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from app.documents.fonts import (
    PREFERRED_FAMILY,
    SYSTEM_FONT_FILES,
    NoChineseFont,
    document_font_family,
    find_document_font,
)
from app.documents.model import NoticeDocument, NoticePhoto, NoticeProblem
from app.documents.notice_docx import write_notice_docx
from app.documents.notice_pdf import render_notice, write_notice_pdf
from app.documents.notice_photos import PhotoNotDrawable, watermarked_photo
from app.documents.notice_wording import body_text, chinese_date, chinese_datetime
from app.photos.thumbnails import upright_image
from tests.testdata import PHOTOS

BEIJING = timezone(timedelta(hours=8))
UNIT = "城关镇人民政府"  # Noto CJK would extract it as 城关镇⼈⺠政府
CC = ("青山县城市管理局", "青山县住房和城乡建设局")
OFFICE = "青山县城市管理督查办公室"
KANGXI = re.compile("[\u2e80-\u2fdf]")
REQUIREMENTS = "1. 请立即组织力量对上述问题进行整改。\n2. 落实门前五包责任，防止问题反弹。"
PROBLEMS = [
    (
        "DL-03",
        "道路遗撒",
        "06014",
        "人民路与解放路交叉口西北角",
        "路面有渣土撒落，长约十五米，车辆碾压后扬尘明显",
        2,
        ("gps/DSCN0010.jpg", "orientation/portrait_6.jpg"),
    ),
    (
        "HW-01",
        "暴露垃圾",
        "06010",
        "人民路88号东侧绿化带内",
        "生活垃圾、建筑垃圾随意堆放，垃圾桶满溢未及时清运。",
        1,
        ("gps/DSCN0012.jpg",),
    ),
    (
        "JM-06",
        "占道经营",
        "09006",
        "建设路口农贸市场南门",
        "流动摊贩占用人行道经营水果蔬菜，影响行人通行",
        3,
        ("gps/DSCN0021.jpg", "cameras/Canon_40D.jpg", "orientation/landscape_3.jpg"),
    ),
]


def watermark(n: int) -> tuple[str, ...]:
    return (
        f"拍摄 2026-11-20 09:4{n % 10}:17",
        "GPS 43.467448, 11.885127",
        "人民路（解放路—建设路） · 城关镇人民政府",
        "督查人员：王磊、李娜",
    )


def notice(count: int = 3, provisional: bool = False) -> NoticeDocument:
    problems = []
    for n in range(count):
        code, item, gb, location, description, cases, photos = PROBLEMS[n % len(PROBLEMS)]
        problems.append(
            NoticeProblem(
                index=n + 1,
                item_code=code,
                item_text=item,
                gb_code=gb,
                location=location,
                description=description if n < len(PROBLEMS) else f"{description}（第{n + 1}处）",
                cases=cases,
                deduction=1.0,
                photos=tuple(
                    NoticePhoto(PHOTOS / photo, watermark(n), caption="整改前" if k == 0 else "")
                    for k, photo in enumerate(photos)
                ),
            )
        )
    return NoticeDocument(
        number="临7F3A9C-0012" if provisional else "督改〔2026〕第0123号",
        provisional=provisional,
        title="关于人民路（解放路—建设路）城市管理问题的整改通知",
        main_unit=UNIT,
        cc_units=CC,
        office_name=OFFICE,
        inspectors=("王磊", "李娜"),
        inspected_at=datetime(2026, 11, 20, 9, 30, tzinfo=BEIJING),
        zone_name="人民路（解放路—建设路）",
        zone_kind="责任路段",
        mode="四不两直",
        problems=tuple(problems),
        requirements=REQUIREMENTS,
        due_at=datetime(2026, 11, 25, 18, 0, tzinfo=BEIJING),
        report_to="县城市管理督查办公室（电话：0571-12345678）",
        issued_by="陈志强",
        issued_at=datetime(2026, 11, 21, 10, 0, tzinfo=BEIJING),
        extra_lines=("整改期限按工作日计算，遇法定节假日顺延。",),
    )


def photo_count(doc: NoticeDocument) -> int:
    return sum(len(p.photos) for p in doc.problems)


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
    return done.stdout


def flat(text: str) -> str:
    """Text without whitespace: wrapped lines and justification spaces are layout, not text."""
    return re.sub(r"\s+", "", text)


def pages_of(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))


@pytest.fixture
def originals() -> dict[Path, str]:
    """Every photo's hash before the test; the test checks them after."""
    paths = {PHOTOS / photo for *_, photos in PROBLEMS for photo in photos}
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def assert_untouched(originals: dict[Path, str]) -> None:
    for path, digest in originals.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path


# -- dates -----------------------------------------------------------------------------------------
def test_chinese_dates() -> None:
    assert chinese_date(datetime(2026, 11, 21, 9, 5, tzinfo=BEIJING)) == "2026年11月21日"
    assert chinese_date(datetime(2026, 3, 5, tzinfo=BEIJING)) == "2026年3月5日"
    assert chinese_datetime(datetime(2026, 3, 5, 8, 5, tzinfo=BEIJING)) == "2026年3月5日 08:05"


def test_the_count_above_the_problems_counts_the_problems_listed() -> None:
    """Seen: "发现问题5处" above 4 listed problems (it counted places). 发现问题N个 counts the
    lines listed; the places they add up to follow in brackets when there are more."""
    four = notice(4)  # cases 2, 1, 3, 2
    assert [p.cases for p in four.problems] == [2, 1, 3, 2]
    assert "发现问题4个（共8处），" in body_text(four)
    ones = replace(four, problems=tuple(replace(p, cases=1) for p in four.problems))
    assert "发现问题4个，现将" in body_text(ones)
    assert [p.index for p in ones.problems] == [1, 2, 3, 4]  # the table's 序号


# -- PDF -------------------------------------------------------------------------------------------
def test_pdf_text_is_exact_and_searchable(qapp, tmp_path: Path, originals) -> None:
    doc = notice()
    out = write_notice_pdf(doc, tmp_path / "notice.pdf")
    assert out == tmp_path / "notice.pdf" and out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == ["notice.pdf"]  # no temp file left
    raw = run("pdftotext", "-enc", "UTF-8", out, "-")
    assert not KANGXI.findall(raw), sorted(set(KANGXI.findall(raw)))
    text = flat(raw)
    assert doc.number in text
    assert doc.title in text
    assert f"{UNIT}：" in text
    for unit in CC:
        assert unit in text
    joined = raw.replace("\n", "")  # wrapped lines, but no space between the characters
    for problem in doc.problems:
        assert problem.description.rstrip("。") in joined
        assert flat(f"{problem.item_text}（{problem.item_code}）：") in text
        assert problem.gb_code in text
    assert "发现问题3个（共6处）" in text  # three problems listed, 2 + 1 + 3 places
    assert OFFICE in text
    assert "签发人：陈志强" in text
    assert "2026年11月21日" in text  # issue date
    assert flat("请于2026年11月25日 18:00前整改完毕") in text
    assert flat("整改期限：2026年11月25日 18:00 前") in text
    assert "督查人员：王磊、李娜" in text
    assert "整改要求：1.请立即组织力量对上述问题进行整改。" in text
    assert "2. 落实门前五包责任，防止问题反弹。" in raw.splitlines()  # a typed line break kept
    assert "签收回执" in text and "签收人：" in text
    assert "临时编号" not in text
    assert_untouched(originals)


def test_pdf_embeds_every_photo_and_renders(qapp, tmp_path: Path, originals) -> None:
    doc = notice()
    out = write_notice_pdf(doc, tmp_path / "notice.pdf")
    listing = run("pdfimages", "-list", out).splitlines()[2:]  # two header lines
    assert len(listing) >= photo_count(doc)
    pages = pages_of(out)
    done = subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(out), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(list(tmp_path.glob("page*.png"))) == pages
    assert_untouched(originals)


def word_boxes(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float]]]]:
    """Per page: width, height and the box of every word pdftotext finds."""
    html = run("pdftotext", "-bbox", pdf, "-")
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    pages = []
    for page in ET.fromstring(html).iter("page"):
        words = [
            tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            for w in page.iter("word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


def test_long_notice_paginates_without_cutting_or_overlapping(qapp, tmp_path: Path) -> None:
    doc = notice(20)
    out = write_notice_pdf(doc, tmp_path / "long.pdf")
    pages = pages_of(out)
    assert pages >= 3
    text = flat(run("pdftotext", "-enc", "UTF-8", out, "-"))
    assert "—1—" in text and f"—{pages}—" in text
    for problem in doc.problems:
        assert flat(problem.description.rstrip("。")) in text
    assert len(run("pdfimages", "-list", out).splitlines()[2:]) >= photo_count(doc)
    assert_inside_margins(out)
    for _width, _height, words in word_boxes(out):
        for n, (ax0, ay0, ax1, ay1) in enumerate(words):
            for bx0, by0, bx1, by1 in words[n + 1 :]:
                overlap_x = min(ax1, bx1) - max(ax0, bx0)
                overlap_y = min(ay1, by1) - max(ay0, by0)
                assert overlap_x <= 0.5 or overlap_y <= 0.5, "words drawn over each other"


def test_provisional_number_is_marked(qapp, tmp_path: Path) -> None:
    doc = notice(1, provisional=True)
    text = flat(run("pdftotext", "-enc", "UTF-8", write_notice_pdf(doc, tmp_path / "p.pdf"), "-"))
    assert "临7F3A9C-0012（临时编号）" in text
    document = docx.Document(str(write_notice_docx(doc, tmp_path / "p.docx")))
    assert any("临时编号" in p.text for p in document.paragraphs)


def assert_inside_margins(pdf: Path) -> None:
    mm = 72 / 25.4
    for width, height, words in word_boxes(pdf):
        assert words
        for x0, y0, x1, y1 in words:  # nothing cut off at an edge
            assert 20 * mm < x0 < x1 < width - 20 * mm
            assert 20 * mm < y0 < y1 < height - 15 * mm


def test_render_on_any_paged_device(qapp, tmp_path: Path) -> None:
    """The same drawing serves printers: any paged device, any resolution, even one without
    margins (a printer in full-page mode): the notice keeps its own."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    pages = render_notice(notice(), writer)
    del writer
    buffer.close()
    pdf = tmp_path / "device.pdf"
    pdf.write_bytes(bytes(buffer.data()))
    assert pages == pages_of(pdf) >= 1
    assert_inside_margins(pdf)


def test_receipt_shows_who_signed(qapp, tmp_path: Path) -> None:
    signed = replace(
        notice(1),
        acknowledged_by="张建国",
        acknowledged_at=datetime(2026, 11, 21, 15, 20, tzinfo=BEIJING),
    )
    text = flat(
        run("pdftotext", "-enc", "UTF-8", write_notice_pdf(signed, tmp_path / "a.pdf"), "-")
    )
    assert "签收人：张建国" in text
    assert "签收时间：2026年11月21日15:20" in text


# -- .docx -----------------------------------------------------------------------------------------
def docx_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_docx_holds_the_same_text_and_photos(qapp, tmp_path: Path, originals) -> None:
    doc = notice()
    out = write_notice_docx(doc, tmp_path / "notice.docx")
    assert [p.name for p in tmp_path.iterdir()] == ["notice.docx"]
    document = docx.Document(str(out))
    text = docx_text(document)
    assert not KANGXI.findall(text)
    for expected in (doc.number, doc.title, f"{UNIT}：", OFFICE, "签发人：陈志强", *CC):
        assert expected in text, expected
    for problem in doc.problems:
        assert problem.description.rstrip("。") in text
    assert "请于2026年11月25日 18:00前整改完毕" in text
    assert "整改期限：2026年11月25日 18:00 前" in text
    assert "签收回执" in text
    assert "2. 落实门前五包责任，防止问题反弹。" in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == photo_count(doc)
    # WPS and Word pick the East Asian font from w:eastAsia, with no theme font overriding it.
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert not any(key.endswith("Theme") for key in fonts.attrib)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert_untouched(originals)


# -- watermark and font ----------------------------------------------------------------------------
def test_watermark_is_drawn_on_a_copy(qapp, originals) -> None:
    photo = NoticePhoto(PHOTOS / "gps" / "DSCN0010.jpg", watermark(1))
    marked = watermarked_photo(photo, document_font_family(), max_side=800)
    plain = upright_image(photo.path, 800)
    assert (marked.width(), marked.height()) == plain.size
    # bottom-left corner: darker under the box than the photo itself
    x, y = marked.width() // 10, marked.height() - marked.height() // 20
    box = marked.pixelColor(x, y)
    under = plain.getpixel((x, y))
    assert box.red() + box.green() + box.blue() < sum(under)
    assert_untouched(originals)


def test_the_document_font_writes_chinese_extractably(qapp) -> None:
    family = document_font_family()
    assert "noto" not in family.lower() and "source han" not in family.lower()


def test_a_shipped_font_comes_first(qapp, tmp_path: Path) -> None:
    wqy = next((p for p in SYSTEM_FONT_FILES if p.is_file()), None)
    if wqy is None:
        pytest.skip("fonts-wqy-microhei is not installed")
    (tmp_path / "readme.txt").write_text("not a font")
    chosen = find_document_font([tmp_path / "readme.txt", wqy], families=[])
    assert chosen.family == PREFERRED_FAMILY and chosen.path == wqy


def test_no_chinese_font_refuses_with_a_clear_message(qapp, tmp_path: Path) -> None:
    not_a_font = tmp_path / "broken.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(NoChineseFont) as refused:
        find_document_font([not_a_font], families=["Noto Sans CJK SC"], system_files=[])
    message = str(refused.value)
    assert "fonts-wqy-microhei" in message and "resources/fonts" in message


def test_an_unreadable_or_missing_photo_writes_no_document(qapp, tmp_path: Path) -> None:
    """An official document never carries a placeholder in place of its evidence: a damaged or
    missing original stops the notice, named, and nothing is written (on the old code the PDF
    and the .docx said "照片无法读取：damaged.jpg" where the photo belonged)."""
    first = notice(1).problems[0]
    (tmp_path / "damaged.jpg").write_bytes(b"\xff\xd8 not a photo")
    for bad in ("damaged.jpg", "gone.jpg"):
        broken = replace(
            first, photos=(*first.photos, NoticePhoto(tmp_path / bad, watermark(0), name=bad))
        )
        doc = replace(notice(1), problems=(broken,))
        for write, out in ((write_notice_pdf, "b.pdf"), (write_notice_docx, "b.docx")):
            with pytest.raises(PhotoNotDrawable) as refused:
                write(doc, tmp_path / out)
            assert bad in str(refused.value)
            assert not (tmp_path / out).exists()
            assert [p.name for p in tmp_path.iterdir()] == ["damaged.jpg"]  # no temp left
