"""Raw checks of the bundled data files: the default checklist template and the demo org."""

import json
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TEMPLATE = RESOURCES / "templates" / "city_fine_management_v1.json"
ORG = RESOURCES / "demo" / "org.json"

# Every GB/T 47678.5 code the office's field notes list for city management (the checklist covers
# each).
GB_CODES = {
    "01001", "01037", "01054", "01077",
    "02001", "02017", "02021",
    "03001", "03005", "03006", "03007", "03008",
    "04001", "04002", "04008", "04013",
    "06001", "06007", "06010", "06011", "06012", "06013", "06014", "06017", "06020", "06027",
    "06029", "06034", "06036", "06040", "06041", "06042", "06045", "06051",
    "07001", "07003", "07006", "07007",
    "08002", "08003", "08004", "08005", "08007", "08011", "08012", "08016",
    "09001", "09005", "09006", "09009", "09010", "09011", "09012", "09021",
    "10001", "10002",
}  # fmt: skip

CATEGORIES = ["道路", "建筑", "车辆", "绿植", "环卫", "市政", "亮灯", "水系"]
ITEM_FIELDS = {
    "code", "gb_code", "text", "criteria", "deduction_per_case", "max_deduction",
    "severity", "due_amount", "due_unit", "photo_required",
}  # fmt: skip
SEVERITIES = {"minor", "major", "severe"}
DUE_UNITS = {"work_hours", "work_days", "hours", "days"}
UNIT_KINDS = {"department", "town", "street_office", "company"}
ZONE_KINDS = {"road_segment", "grid", "site"}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def items_of(template):
    return [(cat, item) for cat in template["categories"] for item in cat["items"]]


@pytest.fixture(scope="module")
def template():
    return load(TEMPLATE)


@pytest.fixture(scope="module")
def org():
    return load(ORG)


def test_template_header(template):
    assert template["name"] == "城市精细化管理督查考核细则"
    assert template["version"] == 1
    assert template["full_score"] == 100
    assert template["description"]


def test_template_categories_in_order(template):
    assert [c["name"] for c in template["categories"]] == CATEGORIES
    codes = [c["code"] for c in template["categories"]]
    assert len(set(codes)) == len(codes)
    assert all(code.isascii() and code.isupper() for code in codes)
    assert all(len(c["items"]) >= 4 for c in template["categories"])


def test_template_item_count_and_unique_codes(template):
    codes = [item["code"] for _, item in items_of(template)]
    assert len(codes) >= 40
    assert len(set(codes)) == len(codes)


def test_template_item_code_matches_category(template):
    for cat, item in items_of(template):
        prefix, _, number = item["code"].partition("-")
        assert prefix == cat["code"], item["code"]
        assert len(number) == 2 and number.isdigit(), item["code"]


def test_template_gb_codes(template):
    for _, item in items_of(template):
        gb = item["gb_code"]
        assert isinstance(gb, str) and len(gb) == 5 and gb.isdigit(), item["code"]
        assert gb in GB_CODES, (item["code"], gb)


def test_template_item_fields(template):
    for _, item in items_of(template):
        code = item["code"]
        assert set(item) == ITEM_FIELDS, code
        assert isinstance(item["text"], str) and item["text"], code
        assert isinstance(item["criteria"], str) and item["criteria"], code
        ded, cap = item["deduction_per_case"], item["max_deduction"]
        assert type(ded) in (int, float) and type(cap) in (int, float), code
        assert 0.2 <= ded <= 2, code
        assert 1 <= cap <= 10, code
        assert ded <= cap, code
        assert item["severity"] in SEVERITIES, code
        assert type(item["due_amount"]) is int and item["due_amount"] > 0, code
        assert item["due_unit"] in DUE_UNITS, code
        assert type(item["photo_required"]) is bool, code


def test_template_exercises_all_values(template):
    items = [item for _, item in items_of(template)]
    assert {i["severity"] for i in items} == SEVERITIES
    assert {i["due_unit"] for i in items} == DUE_UNITS


def test_org_units(org):
    units = org["units"]
    assert len(units) >= 5
    keys = [u["key"] for u in units]
    names = [u["name"] for u in units]
    assert len(set(keys)) == len(keys)
    assert len(set(names)) == len(names)
    for unit in units:
        assert unit["kind"] in UNIT_KINDS, unit["key"]
        assert unit["parent"] is None or unit["parent"] in keys, unit["key"]


def test_org_zones(org):
    keys = {u["key"] for u in org["units"]}
    zones = org["zones"]
    assert len(zones) >= 20
    names = [z["name"] for z in zones]
    assert len(set(names)) == len(names)
    for zone in zones:
        assert zone["kind"] in ZONE_KINDS, zone["name"]
        assert zone["unit"] in keys, zone["name"]
        assert zone["chief_name"], zone["name"]
        assert zone["chief_phone"], zone["name"]


def test_org_office_and_people(org):
    assert org["office"]["name"] and org["office"]["short"]
    roles = [p["role"] for p in org["people"]]
    assert set(roles) <= {"inspector", "reviewer"}
    assert "inspector" in roles and "reviewer" in roles
    assert all(p["name"] and p["phone"] for p in org["people"])
