"""A pull that a bad row cannot stop: what the laptop cannot apply is set aside in `quarantine`,
shown and logged (without its row), the rest is applied, and a fixed version clears it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from local_db import inspections, sync_state
from local_db.store import Store
from tests.core.conftest import install_basics


@pytest.fixture
def other(tmp_path: Path):
    opened = Store.open(tmp_path / "other")
    yield opened
    opened.close()


def _pulled(store: Store, entities: tuple[str, ...]) -> list[dict]:
    out, seq = [], 0
    for entity in entities:
        for row in store.rows(f"SELECT * FROM {entity} ORDER BY rowid"):
            seq += 1
            out.append({"seq": seq, "entity": entity, "id": row["id"], "op": "upsert", "row": row})
    return out


@pytest.fixture
def world(other: Store) -> list[dict]:
    """Reference data and a draft inspection with three findings, as the server sends them."""
    basics = install_basics(other)
    row = inspections.start_inspection(
        other,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )
    for code in ("DL-01", "DL-02", "DL-09"):
        inspections.record_finding(other, row["id"], code, "problem", cases=1)
    return _pulled(
        other,
        ("person", "unit", "zone", "template", "inspection", "inspection_person", "finding"),
    )


def test_a_row_that_raises_is_set_aside_and_the_rest_applies(store, world, caplog):
    poisoned = next(c for c in world if c["entity"] == "finding")
    poisoned["row"] = {**poisoned["row"], "cases": 2**70, "description": "秘密内容"}
    malformed = {"seq": 999, "entity": "spaceship", "id": "x", "op": "upsert", "row": {}}
    with caplog.at_level(logging.WARNING, logger="local_db.sync_state"):
        applied = sync_state.apply_pulled(store, [*world, malformed], new_cursor=9)

    assert applied.quarantined == 2
    assert applied.applied == len(world) - 1
    assert store.row("finding", poisoned["id"]) is None
    assert sync_state.cursor(store) == 9
    held = {q["entity_id"]: q for q in sync_state.quarantined(store)}
    assert set(held) == {poisoned["id"], "x"}
    assert "breaks the contract" in held[poisoned["id"]]["reason"]  # domain.contract: cases
    assert held[poisoned["id"]]["seq"] == poisoned["seq"]
    assert sync_state.sync_status(store).quarantined == 2
    assert poisoned["id"] in caplog.text and "秘密内容" not in caplog.text  # no row body

    fixed = {**poisoned, "seq": 20, "row": {**poisoned["row"], "cases": 2, "rev": 2}}
    again = sync_state.apply_pulled(store, [fixed], new_cursor=20)
    assert again.quarantined == 0
    assert store.row("finding", poisoned["id"])["cases"] == 2
    assert [q["entity_id"] for q in sync_state.quarantined(store)] == ["x"]


def test_children_of_a_row_set_aside_are_set_aside_too(store, world):
    inspection = next(c for c in world if c["entity"] == "inspection")
    inspection["row"] = {**inspection["row"], "zone_id": None}  # no store may hold it
    children = [c for c in world if c["entity"] in ("inspection_person", "finding")]

    applied = sync_state.apply_pulled(store, world, new_cursor=3, final=False)

    assert applied.quarantined == 1 + len(children)
    held = {q["entity_id"]: q["reason"] for q in sync_state.quarantined(store)}
    assert "zone_id" in held[inspection["id"]]  # the contract says what is wrong
    assert all(inspection["id"] in held[c["id"]] for c in children)
    assert store.rows("SELECT id FROM finding") == []
    assert len(store.rows("SELECT id FROM zone")) == 1  # the rest arrived
    assert store.rows("SELECT * FROM conflict") == []  # a bad row is not a concurrent edit

    # the server repairs the inspection only: its children set aside here come back with it
    zone_id = next(c["id"] for c in world if c["entity"] == "zone")
    repaired = {**inspection["row"], "zone_id": zone_id, "rev": 2}
    good = sync_state.apply_pulled(
        store, [{**inspection, "seq": 200, "row": repaired}], new_cursor=4
    )
    assert good.quarantined == 0 and sync_state.quarantined(store) == []
    assert len(store.rows("SELECT id FROM finding")) == 3
