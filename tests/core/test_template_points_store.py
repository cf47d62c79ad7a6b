"""Category caps wherever an inspection's deductions are totalled on the laptop: the running score,
the assessment's per-inspection deductions and the bulletin's problems (they add up to what the
inspection lost); a retired version is not offered for a new inspection, and is refused for one,
while a correction of an old inspection keeps it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.assessment import Period
from domain.clock import now_iso
from domain.i18n import Refusal
from local_db import bulletin_data
from local_db import inspections as ops
from local_db.amendments import amend_inspection
from local_db.assessment_data import inspection_facts
from local_db.reference import install_template, templates
from local_db.store import Store
from tests.core.conftest import Basics, attach_evidence, shipped_template_body


def capped_v2(store: Store) -> str:
    body = shipped_template_body()
    body["version"] = 2
    body["categories"][0]["max_deduction"] = 10  # 道路: the items carry 36 together
    return install_template(store, body)


def submitted(store: Store, basics: Basics, template_id: str) -> str:
    row = ops.start_inspection(
        store,
        template_id=template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
        started_at="2026-11-20T01:00:00.000000Z",
    )
    for code in ("DL-01", "DL-02", "DL-03", "JZ-01"):
        finding = ops.record_finding(
            store, row["id"], code, "problem", cases=20, description="见照片"
        )
        attach_evidence(store, row["id"], finding["id"], seed=code + row["id"])
    ops.mark_unanswered_ok(store, row["id"])
    ops.submit_inspection(store, row["id"], actor=basics.person_id, accept_warnings=True)
    return row["id"]


def test_caps_apply_to_the_score_the_assessment_and_the_bulletin(store, basics):
    v2 = capped_v2(store)
    capped = submitted(store, basics, v2)  # 道路 3 + 5 + 3 = 11 → 10; 建筑 JZ-01 10
    plain = submitted(store, basics, basics.template_id)  # v1: 11 + 10

    assert store.row("inspection", capped)["deducted"] == 20.0
    assert store.row("inspection", capped)["score"] == 80.0
    assert store.row("inspection", plain)["deducted"] == 21.0

    period = Period.month(2026, 11)
    facts = {f.id: f for f in inspection_facts(store, period)}
    assert facts[capped].deducted == Decimal(20)
    assert facts[plain].deducted == Decimal(21)

    problems = bulletin_data.problems(store, period)
    by_code = {p.item_code: p.deduction for p in problems if p.inspection_id == capped}
    assert by_code == {
        "DL-01": Decimal(3),
        "DL-02": Decimal(5),
        "DL-03": Decimal(2),  # what was left of the cap of 10
        "JZ-01": Decimal(10),
    }
    assert sum(p.deduction for p in problems if p.inspection_id == plain) == Decimal(21)


def test_a_retired_version_is_not_offered_nor_used_for_a_new_inspection(store, basics):
    v2 = capped_v2(store)
    old = submitted(store, basics, basics.template_id)
    store.db.execute(  # as a pulled row sets it (local_db/pulled_rows.py)
        "UPDATE template SET retired_at = ? WHERE id = ?", [now_iso(), basics.template_id]
    )

    assert [t["id"] for t in templates(store)] == [v2]
    assert {t["id"] for t in templates(store, current_only=False)} == {v2, basics.template_id}
    with pytest.raises(Refusal, match="retired"):
        ops.start_inspection(
            store,
            template_id=basics.template_id,
            zone_id=basics.zone_id,
            mode="unannounced",
            person_ids=[basics.person_id],
        )
    correction = amend_inspection(store, old, actor=basics.person_id)
    assert store.row("inspection", correction["id"])["template_version"] == 1
