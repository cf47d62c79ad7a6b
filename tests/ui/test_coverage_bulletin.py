"""The bulletin's coverage section on the hand-worked November of tests/core/fixture_month.py:
the figures, the unvisited zone with the days since its last visit, and the commitment of the
month's visit plan when the office's laptop has received it (local_db/plan_assignments.py)."""

from __future__ import annotations

from pathlib import Path

import docx

from app.documents.bulletin_export import build_bulletin, export_bulletin
from app.documents.coverage_section import commitment_line, coverage_lines
from domain.assessment import Period
from local_db.plan_assignments import keep_commitments, plan_commitment
from local_db.store import Store
from tests.core.fixture_month import AS_OF, build, stand_in_originals

NOVEMBER = Period.month(2026, 11)
COMMITMENT = "0f" * 32
WEEK = "1e" * 32


def test_the_coverage_section_and_the_plans_commitment(qapp, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store")
    try:
        build(store)
        stand_in_originals(store)
        without = build_bulletin(store, NOVEMBER, as_of=AS_OF)
        assert without.coverage is not None and commitment_line(without) == ""
        keep_commitments(
            store,
            [
                {"period": "2026-11", "seed_commitment": COMMITMENT},
                {"period": "2026-W47", "seed_commitment": WEEK},  # Monday 16 November
                {"period": "2026-W50", "seed_commitment": "ff" * 32},  # Monday 7 December
                {"period": "2026-12", "seed_commitment": "ee" * 32},
            ],
        )
        assert plan_commitment(store, NOVEMBER) == f"{COMMITMENT}、{WEEK}"
        doc = build_bulletin(store, NOVEMBER, as_of=AS_OF)
        assert coverage_lines(doc) == ["本月应督查责任区域7个，已督查6个，覆盖率85.7%；未督查1个。"]
        assert ("县水利局", "1", "0", "县水利局责任区（41天）") in doc.coverage.rows
        assert f"SHA-256承诺值为{COMMITMENT}、{WEEK}；" in commitment_line(doc)
        out = export_bulletin(store, NOVEMBER, tmp_path / "通报.docx", as_of=AS_OF)
    finally:
        store.close()
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    at = paragraphs.index("六、督查覆盖情况")
    assert paragraphs[at + 1] == "本月应督查责任区域7个，已督查6个，覆盖率85.7%；未督查1个。"
    assert COMMITMENT in paragraphs[at + 2]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "责任单位"
                 and t.rows[0].cells[-1].text == "未督查区域（距上次督查天数）")  # fmt: skip
    cells = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert cells["县水利局"] == ["县水利局", "1", "0", "县水利局责任区（41天）"]
    assert cells["城关镇人民政府"] == ["城关镇人民政府", "1", "1", "—"]
