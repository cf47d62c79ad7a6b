"""The 季度考核通报 and the 年度评比 as official documents (GB/T 9704, the bulletin's layout), made
from the hand-worked quarter of tests/core/test_composite.py and its year: every page rendered to
PNG (pdftoppm, kept under the test's folder to look at) and read back with pdftotext — the red
发文机关标志 and 发文字号 over the red separator, the title, the sections, the 综合排名 table's
headers and rows, the flags and 红黑榜 (and why a unit is on the 黑榜), the signature and date, the
annex on its own page with each component's table; the .docx saying the same; no document while
a component is missing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest

from app.documents.composite_docx import write_composite_docx
from app.documents.composite_model import CompositeIncomplete, build_composite
from app.documents.composite_pdf import write_composite_pdf
from domain.composite import CompositeFacts, ImportedScores, assess_composite, parse_period
from tests.core.test_composite import AS_OF, Q3, TZ, A, B, imported, quarter_facts
from tests.ui.test_official_layout import MM, page_number, read_pages, red_rows

OFFICE = "青山县城市管理督查办公室"
QUARTER_TITLE = "关于2026年第三季度城市管理综合考核情况的通报"
YEAR_TITLE = "关于2026年度城市管理综合考核评比结果的通报"
SECTIONS = ("一、考核内容", "二、考核结果", "三、流动红旗和黄旗", "四、红黑榜", "五、工作要求")
ISSUED = date(2026, 10, 8)


def recorded(found: ImportedScores) -> ImportedScores:
    """An import as the store records it: who imported it and when (UTC)."""
    return replace(found, imported_by="王考核", imported_at="2026-10-02T01:00:00.000000Z")


def quarter_doc():
    facts = quarter_facts()
    a = assess_composite(
        Q3, replace(facts, imports=[recorded(i) for i in facts.imports]), as_of=AS_OF
    )
    return build_composite(a, office_name=OFFICE, issued_on=ISSUED)


def year_doc():
    year = parse_period("2026", TZ)
    imports = tuple(
        recorded(imported(key, a, b, "2026"))
        for key, a, b in (
            ("third_party", "88", "72"),
            ("survey", "90", "65"),
            ("special", "95", "90"),
            ("professional", "85", "70"),
        )
    )
    a = assess_composite(year, quarter_facts(imports), as_of=AS_OF)
    return build_composite(a, office_name=OFFICE, issued_on=date(2027, 1, 10))


def flat(page) -> str:
    return "".join(w.text for w in page.words)


@pytest.mark.parametrize(
    ("make", "title", "number", "period", "signed"),
    [
        (quarter_doc, QUARTER_TITLE, "督考〔2026〕3号", "2026年第三季度", "2026年10月8日"),
        (year_doc, YEAR_TITLE, "督评〔2026〕1号", "2026年度", "2027年1月10日"),
    ],
    ids=["quarter", "year"],
)
def test_the_pdf_is_an_official_document_with_every_section(
    qapp, tmp_path: Path, make, title, number, period, signed
) -> None:
    doc = make()
    pages = read_pages(write_composite_pdf(doc, tmp_path / "assessment.pdf"), tmp_path)
    assert len(sorted(tmp_path.glob("assessment-*.png"))) == len(pages) >= 3
    text = "".join(flat(p) for p in pages)
    first = pages[0]
    # the red 发文机关标志 (the office) on top, the 发文字号 above the red separator, the title
    mark = first.find(OFFICE)[0]
    assert mark.y0 == min(w.y0 for w in first.words)
    [numbered] = first.find(number)
    separator = next(y for y in red_rows(first, 30 * MM, 180 * MM) if y > numbered.y1)
    title_word = first.find("关于")[0]
    assert numbered.y1 < separator < title_word.y0
    assert title in flat(first)
    assert "各责任单位：" in text
    # the body: components and weights, the sections in order
    assert "督查（30分）、问题办理（20分）" in text and "专业检查（5分）" in text
    at = [text.index(s) for s in SECTIONS]
    assert at == sorted(at)
    # the 综合排名 table: its header in one row, ranks, units, components' points, total, grade
    header = [
        w
        for w in pages_with(pages, "排名")[0].words
        if w.text in ("排名", "责任单位", "总分", "等次")
    ]
    assert [w.text for w in sorted(header, key=lambda w: w.x0)][:4] == [
        "排名",
        "责任单位",
        "总分",
        "等次",
    ]
    assert f"{period}城市管理综合考核排名" in text
    # flags and boards, and why 乙街道 is on the 黑榜
    assert f"甲镇获得{period}流动红旗" in text and "乙街道被授予黄旗" in text
    assert re.search(r"列入黑榜的单位综合得分低于80分：乙街道（\d+\.\d\d分，问题办理失", text)
    # signed and dated under the seal area, after the 附件 line
    body_last = next(p for p in pages if "盖章处" in flat(p))
    seal = body_last.find("盖章处")[0]
    date_word = body_last.find(signed)[0]
    signer = next(w for w in body_last.find(OFFICE) if w.y0 > seal.y0)
    assert seal.y0 < signer.y0 < date_word.y0
    assert f"附件：{period}城市管理综合考核各项目得分明细" in flat(body_last)
    # the annex on a page of its own, each component's table
    annex = pages.index(body_last) + 1
    assert flat(pages[annex]).startswith("附件")
    annex_text = "".join(flat(p) for p in pages[annex:])
    for n, name in enumerate(("督查", "问题办理", "视频曝光", "马路办公", "第三方评估", "民调"), 1):
        assert f"{n}.{name}（权重" in annex_text
    assert "在岗不在岗未核实" in annex_text and "按期整改率销号率" in annex_text
    assert "数据来源：third_party.xlsx，王考核于2026-10-0209:00导入。" in annex_text
    for n, page in enumerate(pages, 1):
        page_number(page, n)


def row_text(page, cell: str) -> str:
    """The words on the table row of the word `cell`, left to right."""
    [word] = page.find(cell)
    middle = (word.y0 + word.y1) / 2
    row = [w for w in page.words if w.y0 < middle < w.y1]
    return "".join(w.text for w in sorted(row, key=lambda w: w.x0))


def pages_with(pages, text: str):
    return [p for p in pages if p.find(text)]


def test_the_quarter_ranking_rows_read_as_the_domain_computed_them(qapp, tmp_path: Path) -> None:
    pages = read_pages(write_composite_pdf(quarter_doc(), tmp_path / "q.pdf"), tmp_path)
    text = "".join(flat(p) for p in pages)
    # rank, unit (with its flag), each component's points, the total, the grade — one row each
    page = pages_with(pages, "乙街道（黄旗）")[0]
    assert (
        row_text(page, "甲镇（流动红旗）")
        == "1甲镇（流动红旗）27.9020.009.909.808.508.005.004.5093.60优秀"
    )
    assert (
        row_text(page, "乙街道（黄旗）")
        == "2乙街道（黄旗）23.857.5610.009.609.007.004.753.0074.76合格"
    )
    assert "红榜总分黑榜总分甲镇93.60乙街道74.76" in text  # the 红黑榜 table
    assert "丙公司本季度未经督查，不参与排名" in text


def test_the_docx_says_the_same(qapp, tmp_path: Path) -> None:
    doc = quarter_doc()
    document = docx.Document(str(write_composite_docx(doc, tmp_path / "q.docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == OFFICE and paragraphs[1] == "督考〔2026〕3号"
    assert QUARTER_TITLE in [p.replace("\n", "") for p in paragraphs]
    for heading in SECTIONS:
        assert heading in paragraphs
    assert document.paragraphs[0].runs[0].font.color.rgb == docx.shared.RGBColor(0xC0, 0, 0)
    ranking = document.tables[0]
    assert [c.text for c in ranking.rows[0].cells][:2] == ["排名", "责任单位"]
    assert [c.text for c in ranking.rows[0].cells][-2:] == ["总分", "等次"]
    assert [c.text for c in ranking.rows[1].cells] == [
        "1", "甲镇（流动红旗）", "27.90", "20.00", "9.90", "9.80", "8.50", "8.00", "5.00", "4.50",
        "93.60", "优秀",
    ]  # fmt: skip
    assert "（盖章处）" in paragraphs and "2026年10月8日" in paragraphs
    assert "附件" in paragraphs
    assert len(document.tables) == 2 + 8  # ranking, boards, one per component
    assert document.core_properties.title == QUARTER_TITLE


def test_no_document_while_a_component_is_missing(qapp, tmp_path: Path) -> None:
    a = assess_composite(Q3, quarter_facts((imported("third_party", "85", "90"),)), as_of=AS_OF)
    with pytest.raises(CompositeIncomplete) as refused:
        build_composite(a, office_name=OFFICE, issued_on=ISSUED)
    assert refused.value.missing == ["survey", "special", "professional"]
    assert "民调、专项工作、专业检查" in str(refused.value)


def test_a_quarter_without_inspections_says_so(qapp, tmp_path: Path) -> None:
    a = assess_composite(Q3, CompositeFacts([A, B], [], []), as_of=AS_OF)
    doc = build_composite(a, office_name=OFFICE, issued_on=ISSUED)
    pages = read_pages(write_composite_pdf(doc, tmp_path / "empty.pdf"), tmp_path)
    text = "".join(flat(p) for p in pages)
    assert "本季度无经审核计入考核的督查，未排名。乙街道、甲镇本季度未经督查，不参与排名。" in text
    assert "本季度无单位符合流动红旗条件" in text and "本季度不设红黑榜" in text
    assert "排名责任单位" not in text  # no empty ranking table
