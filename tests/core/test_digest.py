"""The submitted inspection's digest: canonical, stable, and sensitive to every covered field."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain.digest import (
    FINDING_FIELDS,
    INSPECTION_FIELDS,
    PERSON_FIELDS,
    PHOTO_FIELDS,
    canonical_content,
    inspection_digest,
)

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = {
    "inspection": {
        "id": "01960000-0000-7000-8000-000000000001",
        "template_id": "01960000-0000-7000-8000-0000000000t1",
        "template_version": 1,
        "zone_id": "01960000-0000-7000-8000-0000000000z1",
        "unit_id": "01960000-0000-7000-8000-0000000000u1",
        "mode": "unannounced",
        "started_at": "2026-03-02T01:30:00.000000Z",
        "finished_at": "2026-03-02T02:45:10.500000Z",
        "location": "人民路与解放街交叉口",
        "amends_id": None,
        "summary": "夜间暗访，发现占道经营两处",
        "device_id": "01960000-0000-7000-8000-0000000000d1",
        "created_at": "2026-03-02T01:30:00.100000Z",
        # bookkeeping, not covered
        "status": "submitted",
        "rev": 7,
        "updated_at": "2026-03-02T02:45:11.000000Z",
        "digest": None,
        "score": 98.5,
    },
    "persons": [
        {"person_id": "p-2", "lead": 1, "name": "张三", "rev": 1, "updated_at": "x"},
        {"person_id": "p-1", "lead": 0, "name": "李四", "rev": 1, "updated_at": "x"},
    ],
    "findings": [
        {
            "id": "f-1",
            "item_code": "DL-09",
            "result": "problem",
            "cases": 3,
            "deduction": 0.6,
            "description": "游商占道两处",
            "severity": "minor",
            "location": None,
            "rev": 2,
            "updated_at": "x",
        },
        {
            "id": "f-2",
            "item_code": "DL-01",
            "result": "ok",
            "cases": 0,
            "deduction": 0,
            "description": "",
            "severity": None,
            "location": "东侧",
            "rev": 1,
            "updated_at": "x",
        },
    ],
    "photos": [
        {
            "id": "ph-2",
            "sha256": "a" * 64,
            "finding_id": "f-1",
            "role": "evidence",
            "taken_at_raw": "2026:03:02 09:40:01",
            "original_name": "IMG_0002.HEIC",
            "caption": None,
            "rev": 1,
            "updated_at": "x",
        },
        {
            "id": "ph-1",
            "sha256": "b" * 64,
            "finding_id": None,
            "role": "evidence",
            "taken_at_raw": None,
            "original_name": "IMG_0001.JPG",
            "caption": "全景",
            "rev": 1,
            "updated_at": "x",
        },
    ],
}
# Pinned: the server checks this digest, so its definition must never drift silently.
EXAMPLE_DIGEST = "14c85dec706122a9e2b78aa2d2aa29d3d45ac0ebceb62b2233fbd8c2fc1364b7"

# Computes the digest of the JSON on stdin, every dict rebuilt with its keys in reverse order.
CHILD = """
import json, sys
from domain.digest import inspection_digest
def rev(d): return {k: d[k] for k in reversed(list(d))}
x = json.load(sys.stdin)
print(inspection_digest(rev(x["inspection"]), [rev(p) for p in x["persons"]],
                        [rev(f) for f in x["findings"]], [rev(p) for p in x["photos"]]))
"""


def example() -> dict:
    return copy.deepcopy(EXAMPLE)


def digest(content: dict) -> str:
    return inspection_digest(
        content["inspection"], content["persons"], content["findings"], content["photos"]
    )


def changed(value):
    if value is None:
        return "gesetzt"
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    return value + "·"


def test_example_digest_is_pinned():
    assert digest(example()) == EXAMPLE_DIGEST


@pytest.mark.parametrize("hash_seed", ["0", "1", "4242"])
def test_digest_is_the_same_in_another_process(hash_seed):
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(EXAMPLE),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )

    assert done.stdout.strip() == digest(example())


def test_digest_ignores_the_order_rows_are_given_in():
    content = example()
    reordered = example()
    for part in ("persons", "findings", "photos"):
        reordered[part].reverse()

    assert digest(reordered) == digest(content)


def test_digest_ignores_key_order():
    content = example()
    reordered = {part: copy.deepcopy(rows) for part, rows in content.items()}
    reordered["inspection"] = dict(reversed(list(content["inspection"].items())))
    reordered["findings"] = [dict(reversed(list(f.items()))) for f in content["findings"]]

    assert digest(reordered) == digest(content)


@pytest.mark.parametrize(
    ("part", "field", "as_int", "as_float"),
    [
        ("inspection", "template_version", 1, 1.0),
        ("findings", "cases", 3, 3.0),
        ("findings", "deduction", 2, 2.0),
        ("persons", "lead", 1, 1.0),
    ],
)
def test_one_and_one_point_zero_are_the_same(part, field, as_int, as_float):
    a, b = example(), example()
    target_a = a[part] if part == "inspection" else a[part][0]
    target_b = b[part] if part == "inspection" else b[part][0]
    target_a[field], target_b[field] = as_int, as_float

    assert digest(a) == digest(b)


COVERED = (
    [("inspection", f) for f in INSPECTION_FIELDS]
    + [("persons", f) for f in PERSON_FIELDS]
    + [("findings", f) for f in FINDING_FIELDS]
    + [("photos", f) for f in PHOTO_FIELDS]
)


def test_covered_fields_are_the_documented_ones():
    assert len(COVERED) == 13 + 2 + 8 + 7
    assert "status" not in INSPECTION_FIELDS
    assert "sha256" in PHOTO_FIELDS


@pytest.mark.parametrize(("part", "field"), COVERED)
def test_every_covered_field_changes_the_digest(part, field):
    content = example()
    row = content[part] if part == "inspection" else content[part][0]
    assert field in row
    row[field] = changed(row[field])

    assert digest(content) != EXAMPLE_DIGEST


@pytest.mark.parametrize(
    ("part", "field"),
    [
        ("inspection", "rev"),
        ("inspection", "updated_at"),
        ("inspection", "status"),
        ("inspection", "digest"),
        ("inspection", "score"),
        ("persons", "rev"),
        ("persons", "updated_at"),
        ("persons", "name"),
        ("findings", "rev"),
        ("findings", "updated_at"),
        ("photos", "rev"),
        ("photos", "updated_at"),
    ],
)
def test_bookkeeping_fields_do_not_change_the_digest(part, field):
    content = example()
    row = content[part] if part == "inspection" else content[part][0]
    row[field] = changed(row[field])

    assert digest(content) == EXAMPLE_DIGEST


def test_a_missing_photo_changes_the_digest():
    content = example()
    content["photos"].pop()

    assert digest(content) != EXAMPLE_DIGEST


def test_canonical_content_is_compact_utf8_json():
    content = example()
    text = canonical_content(
        content["inspection"], content["persons"], content["findings"], content["photos"]
    ).decode("utf-8")

    assert "夜间暗访" in text
    assert ", " not in text and ": " not in text
    assert json.loads(text)["digest_version"] == 1


def test_not_a_number_is_refused():
    content = example()
    content["findings"][0]["deduction"] = float("nan")

    with pytest.raises(ValueError, match="finite"):
        digest(content)


def test_an_undigestable_value_is_refused():
    content = example()
    content["inspection"]["location"] = {"lat": 1}

    with pytest.raises(TypeError):
        digest(content)
