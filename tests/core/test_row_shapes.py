"""One description of each row: the wire contract's models (domain/contract/rows.py) are the
row shapes, and the laptop's store holds exactly their fields — a column added on one side only
fails here, before a pull or a push meets it."""

from __future__ import annotations

from typing import get_args

import pytest

from domain.contract import ROW_MODELS
from domain.contract.rows import Entity
from domain.wire import ENTITIES
from local_db.store import Store


def test_every_synced_entity_has_a_model() -> None:
    assert set(ROW_MODELS) == set(ENTITIES)
    # the contract's Literal spells the same names out for the type checker, in the same order
    assert get_args(Entity) == ENTITIES


@pytest.mark.parametrize("entity", sorted(ROW_MODELS))
def test_the_store_holds_exactly_the_contracts_fields(store: Store, entity: str) -> None:
    columns = {r[1] for r in store.db.execute(f"PRAGMA table_info({entity})")}
    assert columns == set(ROW_MODELS[entity].model_fields)


@pytest.mark.parametrize("entity", sorted(ROW_MODELS))
def test_a_field_the_store_requires_the_contract_requires(store: Store, entity: str) -> None:
    required_here = {
        r[1]
        for r in store.db.execute(f"PRAGMA table_info({entity})")
        if r[3] and r[4] is None and not r[5]  # NOT NULL, no default, not the key
    }
    fields = ROW_MODELS[entity].model_fields
    assert {name for name in required_here if not fields[name].is_required()} == set()
