"""Fixtures for the Qt-free core tests: a real store file per test and the reference data a story
needs (the shipped checklist template, a unit, a zone, an inspector)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from local_db.reference import install_template
from local_db.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_TEMPLATE = ROOT / "resources" / "templates" / "city_fine_management_v1.json"


def shipped_template_body() -> dict:
    """A fresh copy of the shipped template body (callers may change it)."""
    return json.loads(SHIPPED_TEMPLATE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Basics:
    template_id: str
    unit_id: str
    zone_id: str
    person_id: str


def install_basics(store: Store) -> Basics:
    """The shipped template, one unit, one zone of that unit and one inspector."""
    template_id = install_template(store, shipped_template_body())
    unit = store.save("unit", {"name": "城关镇人民政府", "kind": "town"})
    zone = store.save(
        "zone",
        {
            "name": "人民路（解放街—东环路）",
            "kind": "road_segment",
            "unit_id": unit["id"],
            "chief_name": "王路长",
        },
    )
    person = store.save("person", {"name": "张督查", "role": "inspector"})
    return Basics(template_id, unit["id"], zone["id"], person["id"])


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def template_body() -> dict:
    return shipped_template_body()


@pytest.fixture
def basics(store: Store) -> Basics:
    return install_basics(store)


@pytest.fixture
def draft_inspection(store: Store, basics: Basics) -> dict:
    """A started (draft) inspection of the basics' zone, with its one inspector."""
    from local_db.inspections import start_inspection

    return start_inspection(
        store,
        template_id=basics.template_id,
        zone_id=basics.zone_id,
        mode="unannounced",
        person_ids=[basics.person_id],
    )


def attach_evidence(store: Store, inspection_id: str, finding_id: str | None, seed: str = "1"):
    """A photo row as the importer writes it (the blob itself is not needed by the store)."""
    import hashlib

    from local_db.photos import attach_photo

    meta = {
        "sha256": hashlib.sha256(seed.encode()).hexdigest(),
        "byte_size": 1234,
        "original_name": f"IMG_{seed}.jpg",
        "format": "JPEG",
        "width": 4000,
        "height": 3000,
        "orientation": 1,
        "taken_at_raw": "2026:11:20 10:00:00",
        "taken_at": "2026-11-20T02:00:00.000000Z",
    }
    row, _ = attach_photo(store, meta, inspection_id=inspection_id, finding_id=finding_id)
    return row
