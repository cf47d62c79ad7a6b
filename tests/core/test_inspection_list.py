"""The inspections list: newest first, filters, search taken literally, keyset paging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import to_iso
from local_db import inspections
from local_db.queries import InspectionFilter, list_inspections, resolve_inspection_id
from tests.core.test_inspection_flow import start

# -- the list ------------------------------------------------------------------------------------

T0 = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def at(days: float) -> str:
    return to_iso(T0 + timedelta(days=days))


@dataclass
class Town:
    units: dict
    zones: dict
    people: dict
    made: dict


@pytest.fixture
def town(store, basics):
    """Two units, three zones, three inspectors and four inspections A–D a day apart."""
    sanitation = store.save("unit", {"name": "环境卫生管理所", "kind": "department"})
    west = store.save("zone", {"name": "城西网格", "kind": "grid", "unit_id": basics.unit_id})
    park = store.save(
        "zone",
        {"name": "滨河公园", "kind": "site", "unit_id": sanitation["id"], "chief_name": "赵园长"},
    )
    li = store.save("person", {"name": "李明", "role": "inspector"})
    wang = store.save("person", {"name": "王芳", "role": "inspector"})
    zhang = basics.person_id

    def make(zone, people, days, summary=""):
        row = start(store, basics, zone_id=zone, person_ids=people, started_at=at(days))
        if summary:
            inspections.update_inspection(store, row["id"], summary=summary)
        return row["id"]

    made = {
        "A": make(basics.zone_id, [zhang], 0, summary="夜查占道经营"),
        "B": make(west["id"], [li["id"]], 1),
        "C": make(park["id"], [wang["id"], zhang], 2, summary="暗访公园"),
        "D": make(park["id"], [li["id"]], 3),
    }
    inspections.mark_unanswered_ok(store, made["D"])
    inspections.submit_inspection(store, made["D"], actor=None)
    return Town(
        units={"town": basics.unit_id, "sanitation": sanitation["id"]},
        zones={"road": basics.zone_id, "west": west["id"], "park": park["id"]},
        people={"zhang": zhang, "li": li["id"], "wang": wang["id"]},
        made=made,
    )


def names(store, town, flt, **kwargs):
    by_id = {v: k for k, v in town.made.items()}
    return "".join(by_id[r["id"]] for r in list_inspections(store, flt, **kwargs))


def test_the_list_is_newest_first(store, town):
    assert names(store, town, InspectionFilter()) == "DCBA"


def test_a_list_row_carries_its_names(store, town):
    rows = {r["id"]: r for r in list_inspections(store, InspectionFilter())}
    c = rows[town.made["C"]]

    assert (c["zone_name"], c["unit_name"], c["inspectors"]) == (
        "滨河公园",
        "环境卫生管理所",
        "王芳、张督查",
    )
    assert (c["status"], c["score"], c["summary"]) == ("draft", 100.0, "暗访公园")


def test_filter_by_zone(store, town):
    assert names(store, town, InspectionFilter(zone_id=town.zones["park"])) == "DC"
    assert names(store, town, InspectionFilter(zone_id=town.zones["west"])) == "B"


def test_filter_by_unit(store, town):
    assert names(store, town, InspectionFilter(unit_id=town.units["town"])) == "BA"
    assert names(store, town, InspectionFilter(unit_id=town.units["sanitation"])) == "DC"


def test_filter_by_status(store, town):
    assert names(store, town, InspectionFilter(status="submitted")) == "D"
    assert names(store, town, InspectionFilter(status="draft")) == "CBA"


def test_filter_by_date_range_from_inclusive_before_exclusive(store, town):
    flt = InspectionFilter(started_from=at(1), started_before=at(3))

    assert names(store, town, flt) == "CB"
    assert names(store, town, InspectionFilter(started_from=at(2.5))) == "D"
    assert names(store, town, InspectionFilter(started_before=at(0.5))) == "A"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("滨河", "DC"),  # zone name
        ("网格", "B"),  # zone name
        ("环境卫生", "DC"),  # unit name
        ("城关镇", "BA"),  # unit name
        ("赵园长", "DC"),  # zone chief
        ("王芳", "C"),  # inspector
        ("李明", "DB"),  # inspector
        ("张督查", "CA"),  # inspector, lead or not
        ("占道", "A"),  # summary
        ("  暗访公园 ", "C"),  # summary, spaces trimmed
        ("不存在", ""),
    ],
)
def test_text_matches_zone_unit_inspector_or_summary(store, town, text, expected):
    assert names(store, town, InspectionFilter(text=text)) == expected


@pytest.mark.parametrize("typed", ["%", "_", "占%", "\\"])
def test_wildcards_typed_in_the_search_are_taken_literally(store, town, typed):
    assert names(store, town, InspectionFilter(text=typed)) == ""


def test_filters_combine(store, town):
    flt = InspectionFilter(text="张督查", zone_id=town.zones["park"], status="draft")

    assert names(store, town, flt) == "C"


def test_text_matches_the_unit_named_on_the_row_after_its_zone_moved(store, town):
    store.save("zone", {"id": town.zones["west"], "unit_id": town.units["sanitation"]})
    row_b = next(
        r for r in list_inspections(store, InspectionFilter()) if r["id"] == town.made["B"]
    )
    assert row_b["unit_name"] == "城关镇人民政府"  # the unit responsible when it was inspected

    assert names(store, town, InspectionFilter(text="城关镇")) == "BA"
    assert names(store, town, InspectionFilter(unit_id=town.units["town"])) == "BA"
    assert names(store, town, InspectionFilter(text="环境卫生")) == "DC"


# -- keyset paging -------------------------------------------------------------------------------


@pytest.fixture
def thirty(store, basics):
    """30 inspections over 10 start times (3 share each), made out of time order."""
    west = store.save("zone", {"name": "城西网格", "kind": "grid", "unit_id": basics.unit_id})
    made = []
    for k in range(30):
        zone = basics.zone_id if k % 2 else west["id"]
        row = start(store, basics, zone_id=zone, started_at=at((k * 7 % 10) / 24))
        made.append(row)
    return made


def all_pages(store, flt, size):
    pages, after = [], None
    while True:
        page = list_inspections(store, flt, after=after, limit=size)
        if not page:
            return pages
        pages.append(page)
        after = (page[-1]["started_at"], page[-1]["id"])


def test_pages_of_7_cover_30_rows_once_newest_first(store, thirty):
    pages = all_pages(store, InspectionFilter(), 7)

    assert [len(p) for p in pages] == [7, 7, 7, 7, 2]
    seen = [r["id"] for page in pages for r in page]
    expected = sorted(thirty, key=lambda r: (r["started_at"], r["id"]), reverse=True)
    assert seen == [r["id"] for r in expected]
    assert len(set(seen)) == 30


def test_the_first_page_matches_the_head_of_the_whole_list(store, thirty):
    whole = list_inspections(store, InspectionFilter(), limit=100)

    assert list_inspections(store, InspectionFilter(), limit=7) == whole[:7]
    assert len(whole) == 30


def test_paging_keeps_the_filter(store, basics, thirty):
    pages = all_pages(store, InspectionFilter(zone_id=basics.zone_id), 7)

    assert [len(p) for p in pages] == [7, 7, 1]
    seen = [r["id"] for page in pages for r in page]
    expected = [
        r["id"]
        for r in sorted(thirty, key=lambda r: (r["started_at"], r["id"]), reverse=True)
        if r["zone_id"] == basics.zone_id
    ]
    assert seen == expected


# -- finding one by its id ------------------------------------------------------------------------


def test_an_inspection_is_found_by_its_id_or_a_unique_prefix_of_8_or_more(store, basics):
    version = store.row("template", basics.template_id)["version"]
    for inspection_id in (
        "0199abcd-0001-7000-8000-000000000001",
        "0199abcd-0002-7000-8000-000000000002",
        "0288ffff-0003-7000-8000-000000000003",
    ):
        store.save(
            "inspection",
            {
                "id": inspection_id,
                "template_id": basics.template_id,
                "template_version": version,
                "zone_id": basics.zone_id,
                "unit_id": basics.unit_id,
                "mode": "open",
                "started_at": at(0),
            },
        )

    def found(given):
        return resolve_inspection_id(store, given)

    assert found("0199abcd-0001-7000-8000-000000000001") == "0199abcd-0001-7000-8000-000000000001"
    assert found("0199abcd-0002") == "0199abcd-0002-7000-8000-000000000002"
    assert found("0288ffff") == "0288ffff-0003-7000-8000-000000000003"
    assert found("0288fff") is None  # unique, but shorter than 8
    assert found("0199abcd") is None  # two start so
    assert found("0199abcd-0009") is None
