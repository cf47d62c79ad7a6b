"""The monthly bulletin (督查通报) as PDF and .docx, from the hand-worked November 2026 store
(tests/core/fixture_month.py): the title, every ranked unit with its score as printed, exact
searchable Chinese (no Kangxi radicals), tables that repeat their header on a new page, typical
photos watermarked over a copy, no document at all when a photo's original is not on this
laptop (never a placeholder), and the office's 点评 section in the .docx. Read back with poppler
and python-docx.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from app.documents.bulletin_docx import write_bulletin_docx
from app.documents.bulletin_export import build_bulletin, export_bulletin
from app.documents.bulletin_model import RankRow
from app.documents.bulletin_pdf import write_bulletin_pdf
from app.photos.blobstore import BlobStore
from domain.assessment import GRADES_ZH, Period, Rules, points
from local_db.assessment_data import assess_period
from local_db.inspections import (
    mark_unanswered_ok,
    record_finding,
    start_inspection,
    submit_inspection,
)
from local_db.org_settings import org_settings, save_org_settings
from local_db.photos import attach_photo
from local_db.reviews import record_review
from local_db.store import Store
from tests.core.fixture_month import AS_OF, build, stand_in_originals
from tests.testdata import PHOTOS

NOVEMBER = Period.month(2026, 11)
TITLE = "2026年11月城市精细化管理督查通报（第11期）"
KANGXI = re.compile("[\u2e80-\u2fdf]")
PHOTO = PHOTOS / "gps" / "DSCN0010.jpg"
PHOTO_UNIT = "县住房和城乡建设局"


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
    return done.stdout


def flat(text: str) -> str:
    """Text without whitespace: wrapped lines and table cells are layout, not text."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    raw = run("pdftotext", "-enc", "UTF-8", *pages, pdf, "-")
    assert not KANGXI.findall(raw), sorted(set(KANGXI.findall(raw)))
    return raw


def pages_of(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))


def photographed_inspection(store: Store) -> None:
    """One more unit, visited on 25 November with a real photo of its problem (the original in
    the blob store, as an import leaves it), accepted."""
    template_id = store.rows("SELECT id FROM template LIMIT 1")[0]["id"]
    inspector = store.rows("SELECT id FROM person WHERE role = 'inspector'")[0]["id"]
    unit = store.save("unit", {"name": PHOTO_UNIT, "kind": "department"})["id"]
    zone = store.save(
        "zone", {"name": "人民路（解放路—建设路）", "kind": "road_segment", "unit_id": unit}
    )["id"]
    inspection = start_inspection(
        store,
        template_id=template_id,
        zone_id=zone,
        mode="covert",
        person_ids=[inspector],
        started_at="2026-11-25T02:00:00.000000Z",
    )["id"]
    finding = record_finding(
        store,
        inspection,
        "DL-01",
        "problem",
        cases=2,
        description="路面有渣土撒落，长约十五米",
        location="人民路与解放路交叉口西北角",
    )
    stored = BlobStore(store.path.parent / "blobs").ingest(PHOTO)
    meta = {
        "sha256": stored.sha256,
        "byte_size": stored.byte_size,
        "original_name": PHOTO.name,
        "format": "JPEG",
        "taken_at_raw": "2026:11:25 10:00:00",
        "taken_at": "2026-11-25T02:00:00.000000Z",
    }
    attach_photo(store, meta, inspection_id=inspection, finding_id=finding["id"])
    mark_unanswered_ok(store, inspection)
    submit_inspection(store, inspection, actor=inspector, accept_warnings=True)
    record_review(store, inspection, "accepted", reviewer=inspector, at="2026-11-26T02:00:00Z")


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "store")
    build(opened)
    stand_in_originals(opened)  # the typical photos' originals are on this laptop
    yield opened
    opened.close()


def test_pdf_holds_the_title_and_every_ranked_unit_and_score(qapp, store, tmp_path) -> None:
    out = export_bulletin(store, NOVEMBER, tmp_path / "通报.pdf", as_of=AS_OF)
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["通报.pdf"]  # no temp left
    text = flat(pdf_text(out))
    assert TITLE in text
    assessment = assess_period(store, NOVEMBER, as_of=AS_OF)
    assert len(assessment.ranked) == 6
    for unit in assessment.ranked:
        # a table row reads rank, unit, score, grade in order
        row = f"{unit.rank}{unit.unit_name}{points(unit.score)}{GRADES_ZH[unit.grade]}"
        assert row in text, row
    assert "1城关镇人民政府95.00优秀" in text and "2东城街道办事处94.00优秀" in text
    assert "6青山环卫有限公司56.50不合格" in text
    assert "流动红旗" in text and "黄旗" in text
    assert "本月未检查单位：县水利局（不参与排名）" in text
    assert "督查通报第11期城市管理督查办公室2026年12月5日" in text  # masthead
    assert "检查点位6个，发现问题16个" in text
    assert "按期整改2份，超期整改0份，逾期未整改5份，已销号2份" in text
    assert "另有1次督查尚待审核" in text
    # the office's lines, cited (tests/core/test_assessment.py: B, not A, holds the 流动红旗)
    assert "本月东城街道办事处获得流动红旗；青山环卫有限公司被授予黄旗" in text
    assert "返工率不高于20%的单位中排名最前者，黄旗授予排名最后且得分低于80分的单位" in text
    for heading in ("一、总体情况", "二、考核排名", "三、红黑榜", "四、存在问题", "五、进步单位"):
        assert heading in text
    # coverage (app/documents/coverage_section.py): D's zone last visited 20 Oct
    assert "六、督查覆盖情况" in text
    assert "本月应督查责任区域7个，已督查6个，覆盖率85.7%；未督查1个。" in text
    assert "县水利局责任区（41天）" in text
    # every typical photo is drawn: no placeholder, no note about missing originals
    assert "照片原件" not in text and "未能附图" not in text and "占位" not in text
    assert len(run("pdfimages", "-list", out).splitlines()[2:]) >= 10
    assert "七、工作要求" in text and "督查点评" not in text  # 点评: the .docx leaves room
    assert re.search(r"城市管理督查办公室2026年12月5日—\d+—$", text)  # signed last


def test_pdf_pages_render_inside_the_margins(qapp, store, tmp_path) -> None:
    out = export_bulletin(store, NOVEMBER, tmp_path / "b.pdf", as_of=AS_OF)
    pages = pages_of(out)
    done = subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(list(tmp_path.glob("page*.png"))) == pages
    assert f"—{pages}—" in flat(pdf_text(out))
    mm = 72 / 25.4
    html = run("pdftotext", "-bbox", out, "-")
    for page in re.findall(r"<page (.*?)</page>", html, re.S):
        width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)"', page)[:2])
        for box in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page
        ):
            x0, y0, x1, y1 = (float(v) for v in box)
            assert 20 * mm < x0 < x1 < width - 20 * mm
            assert 15 * mm < y0 < y1 < height - 15 * mm


def test_a_long_ranking_repeats_its_header_on_the_next_page(qapp, store, tmp_path) -> None:
    doc = build_bulletin(store, NOVEMBER, as_of=AS_OF)
    rows = tuple(
        RankRow(n, f"第{n}测试单位", f"{100 - n * 0.5:.2f}", "良好", "50.0%", "60.0%", None, None)
        for n in range(1, 61)
    )
    out = write_bulletin_pdf(replace(doc, ranking=rows), tmp_path / "long.pdf")
    header = "排名责任单位得分等次按期整改率销号率"
    with_header = [
        p
        for p in range(1, pages_of(out) + 1)
        if header in flat(pdf_text(out, p)) and "备注" in pdf_text(out, p)
    ]
    assert len(with_header) >= 2, with_header
    text = flat(pdf_text(out))
    for row in rows:
        assert f"{row.rank}{row.unit}{row.score}" in text  # no row cut between pages


def test_typical_photos_are_embedded_watermarked_and_untouched(qapp, store, tmp_path) -> None:
    before = hashlib.sha256(PHOTO.read_bytes()).hexdigest()
    photographed_inspection(store)
    doc = build_bulletin(store, NOVEMBER, as_of=AS_OF)
    section = next(s for s in doc.sections if s.unit == PHOTO_UNIT)
    assert [p.path is not None for p in section.photos] == [True]
    assert "拍摄于 2026-11-25 10:00:00" in section.photos[0].watermark
    assert section.problems[0].location == "人民路与解放路交叉口西北角"
    pdf = write_bulletin_pdf(doc, tmp_path / "b.pdf")
    shown = sum(len(s.photos) for s in doc.sections)  # every typical photo, this one among them
    assert len(run("pdfimages", "-list", pdf).splitlines()[2:]) == shown == 11
    text = flat(pdf_text(pdf))
    assert "暗访" in text  # the modes the month's visits were made in
    assert flat("人民路（解放路—建设路），道路不洁（DL-01）：人民路与解放路交叉口西北角") in text
    word = docx.Document(str(write_bulletin_docx(doc, tmp_path / "b.docx")))
    assert len(word.inline_shapes) == shown
    assert hashlib.sha256(PHOTO.read_bytes()).hexdigest() == before


def docx_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_docx_holds_the_same_and_a_commentary_section(qapp, store, tmp_path) -> None:
    out = export_bulletin(store, NOVEMBER, tmp_path / "通报.docx", as_of=AS_OF)
    document = docx.Document(str(out))
    text = docx_text(document)
    assert not KANGXI.findall(text)
    assert TITLE in [p.text.replace("\n", "") for p in document.paragraphs]  # 期号 on its own line
    ranking = document.tables[0]
    assert [c.text for c in ranking.rows[0].cells] == [
        "排名",
        "责任单位",
        "得分",
        "等次",
        "按期整改率",
        "销号率",
        "备注",
    ]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert ranking.rows[0]._tr.trPr.find(f"{w}tblHeader") is not None  # repeats on each page
    printed = [[c.text for c in row.cells][:3] for row in ranking.rows[1:]]
    assessment = assess_period(store, NOVEMBER, as_of=AS_OF)
    assert printed == [[str(u.rank), u.unit_name, points(u.score)] for u in assessment.ranked]
    paragraphs = [p.text for p in document.paragraphs]
    commentary = paragraphs.index("七、督查点评")  # after 六、督查覆盖情况
    assert paragraphs[commentary + 1] == "（此处由督查办填写本月点评。）"
    assert paragraphs[commentary + 2] == "八、工作要求"
    assert "城市管理督查办公室" in paragraphs[-2] and paragraphs[-1] == "2026年12月5日"
    assert document.core_properties.title == TITLE


def test_configured_title_pattern_and_issue(qapp, store, tmp_path) -> None:
    office = replace(
        org_settings(store),
        bulletin_title="青山县{year}年第{issue}期城市管理督查通报（{month}月）",
        office_name="青山县城市管理督查办公室",
    )
    with store.transaction():
        save_org_settings(store, office, None)
    doc = build_bulletin(store, NOVEMBER, as_of=AS_OF, issue=23)
    assert doc.title == "青山县2026年第23期城市管理督查通报（11月）"
    text = flat(pdf_text(write_bulletin_pdf(doc, tmp_path / "b.pdf")))
    assert "第23期" in text and doc.title in text and "青山县城市管理督查办公室" in text
    with store.transaction():  # not through the editor, which refuses it
        save_org_settings(store, replace(office, bulletin_title="{year}年{unknown}通报"), None)
    with pytest.raises(ValueError, match="unknown"):
        build_bulletin(store, NOVEMBER, as_of=AS_OF)


def test_an_empty_month_still_makes_a_bulletin(qapp, store, tmp_path) -> None:
    doc = build_bulletin(store, Period.month(2026, 9), as_of=AS_OF)
    assert doc.ranking == () and doc.sections == ()
    text = flat(pdf_text(write_bulletin_pdf(doc, tmp_path / "empty.pdf")))
    assert "2026年9月城市精细化管理督查通报（第9期）" in text
    assert "本月无经审核计入考核的督查，未排名。" in text
    assert "本月经审核的督查未发现问题。" in text


def test_a_quarter_speaks_of_the_quarter(qapp, store, tmp_path) -> None:
    doc = build_bulletin(store, Period.quarter(2026, 4), as_of=AS_OF)
    assert doc.title == "2026年第4季度城市精细化管理督查通报（第4期）"
    text = flat(pdf_text(write_bulletin_pdf(doc, tmp_path / "q.pdf")))
    assert "本季度共开展督查" in text and "本月" not in text
    assert "各单位得分为本季度各次督查得分的平均值" in text


def test_the_offices_rules_are_applied(qapp, store, tmp_path) -> None:
    rules = Rules(overdue_penalty=Decimal(2), excellent_from=Decimal(95))
    doc = build_bulletin(store, NOVEMBER, as_of=AS_OF, rules=rules)
    expected = assess_period(store, NOVEMBER, as_of=AS_OF, rules=rules)
    assert [(r.unit, r.score, r.grade) for r in doc.ranking] == [
        (u.unit_name, points(u.score), GRADES_ZH[u.grade]) for u in expected.ranked
    ]
    assert ("城关镇人民政府", "95.00") in [(r.unit, r.score) for r in doc.ranking]  # none late
    assert "（逾期未整改或超期整改）的整改通知书每件扣2分" in doc.penalty_rules
    assert doc.grade_rules.startswith("95分及以上为优秀")


def test_a_missing_original_refuses_the_bulletin_and_writes_nothing(qapp, store, tmp_path) -> None:
    """An official document never carries a placeholder: with one typical photo's original gone
    from this laptop, neither the PDF nor the .docx is written, and the refusal names the file
    and the problem it belongs to. (On the old code the PDF was written with a grey box saying
    "照片原件不在本机".)"""
    from app.evidence.originals import OriginalsMissing

    blobs = BlobStore(store.path.parent / "blobs")
    shown = build_bulletin(store, NOVEMBER, as_of=AS_OF).sections[0].photos[0]
    shown.path.unlink()
    for suffix in (".pdf", ".docx"):
        out = tmp_path / f"通报{suffix}"
        with pytest.raises(OriginalsMissing) as refused:
            export_bulletin(store, NOVEMBER, out, as_of=AS_OF)
        assert [o.name for o in refused.value.missing] == [shown.name]
        assert refused.value.missing[0].item_code and refused.value.missing[0].zone_name
        assert not out.exists()
    assert not blobs.has(shown.path.name)
