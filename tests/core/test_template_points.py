"""Item weights (分值) and category caps (分类封顶): checked by validation, used by scoring."""

from decimal import Decimal

import pytest

from domain.scoring import FindingScore, capped_deductions, item_deduction, score_inspection
from domain.template import TemplateError, parse_template, problem_subject


def item(code: str, per_case: float = 1, **changes) -> dict:
    raw = {
        "code": code,
        "gb_code": "06012",
        "text": code,
        "criteria": "",
        "deduction_per_case": per_case,
        "severity": "minor",
        "due_amount": 1,
        "due_unit": "days",
        "photo_required": False,
    }
    raw.update(changes)
    return raw


def body(*categories: dict, full_score: float = 100) -> dict:
    return {"name": "分值", "version": 1, "full_score": full_score, "categories": list(categories)}


def category(code: str, *items: dict, cap: float | None = None) -> dict:
    raw: dict = {"code": code, "name": f"类{code}", "items": list(items)}
    if cap is not None:
        raw["max_deduction"] = cap
    return raw


def problems(raw: dict) -> list[str]:
    with pytest.raises(TemplateError) as error:
        parse_template(raw)
    return [str(p) for p in error.value.problems]


def test_weight_defaults_to_the_cap_and_the_cap_to_the_weight():
    template = parse_template(
        body(category("A", item("A-1", max_deduction=3), item("A-2", weight=4)))
    )

    assert (template.item("A-1").weight, template.item("A-1").max_deduction) == (3.0, 3.0)
    assert (template.item("A-2").weight, template.item("A-2").max_deduction) == (4.0, 4.0)
    assert template.categories[0].max_deduction is None


def test_shipped_template_weights_are_its_caps(template_body):
    template = parse_template(template_body)

    assert all(i.weight == i.max_deduction for i in template.items())


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"weight": 0, "max_deduction": 1}, "Item A-1: the weight (分值) must be a number above 0"),
        ({"weight": "5"}, "Item A-1: the weight (分值) must be a number above 0"),
        ({"weight": 2, "max_deduction": 3}, "Item A-1: the cap 3.0 exceeds the item's weight 2.0"),
        ({"weight": 120}, "Item A-1: the weight 120.0 exceeds the full score 100.0"),
        ({"weight": 0.5}, "Item A-1: deduction per case 1.0 exceeds the cap 0.5"),
    ],
)
def test_bad_weights_are_named_by_item(changes, expected):
    assert problems(body(category("A", item("A-1", **changes)))) == [expected]


def test_bad_category_caps_are_named_by_category():
    raw = body(
        category("A", item("A-1", weight=5), cap=0),
        category("B", item("B-1", weight=5), item("B-2", weight=5), cap=12),
        category("C", item("C-1", weight=100), cap=120),
    )

    found = problems(raw)

    assert found == [
        "Category 类A: the cap must be a number above 0",
        "Category 类B: the cap 12.0 exceeds the 10.0 points its items carry together",
        "Category 类C: the cap 120.0 exceeds the full score 100.0",
        "Category 类C: the cap 120.0 exceeds the 100.0 points its items carry together",
    ]
    with pytest.raises(TemplateError) as error:
        parse_template(raw)
    assert [problem_subject(p) for p in error.value.problems] == ["类A", "类B", "类C", "类C"]


def test_caps_on_every_category_must_share_out_the_full_score():
    raw = body(
        category("A", item("A-1", weight=30), item("A-2", weight=30), cap=40),
        category("B", item("B-1", weight=50), cap=50),
    )

    assert problems(raw) == [
        "Every category has a cap: the caps add up to 90.0, not the full score 100.0"
    ]
    raw["categories"][1]["items"][0]["weight"] = 60
    raw["categories"][1]["max_deduction"] = 60
    assert parse_template(raw).categories[1].max_deduction == 60.0


def test_caps_on_some_categories_need_no_sum():
    template = parse_template(
        body(category("A", item("A-1", weight=5), cap=5), category("B", item("B-1", weight=5)))
    )

    assert [c.max_deduction for c in template.categories] == [5.0, None]


def test_every_problem_is_reported_together_with_item_problems():
    raw = body(
        category("A", item("A-1", weight=-1), item("A-2", weight=5), cap=200),
        category("B", item("B-1", weight=5, severity="fatal")),
    )

    subjects = []
    with pytest.raises(TemplateError) as error:
        parse_template(raw)
    subjects = [problem_subject(p) for p in error.value.problems]
    assert subjects == ["A-1", "B-1", "类A"]  # 类A: above the full score; its sum not judged


WEIGHTED = parse_template(
    body(
        category(
            "A",
            item("A-1", per_case=2, weight=6),
            item("A-2", per_case=3, weight=9),
            cap=10,
        ),
        category("B", item("B-1", per_case=5, weight=40, max_deduction=20)),
    )
)


def test_item_deduction_never_exceeds_its_weight():
    assert item_deduction(WEIGHTED.item("A-1"), 10) == 6.0
    assert item_deduction(WEIGHTED.item("B-1"), 10) == 20.0  # its cap, below its weight


def test_a_category_takes_off_no_more_than_its_cap():
    score = score_inspection(
        WEIGHTED,
        [
            FindingScore("A-1", "problem", 3),  # 6
            FindingScore("A-2", "problem", 2),  # 6 → 4 left of the cap 10
            FindingScore("B-1", "problem", 1),  # 5, uncapped category
        ],
    )

    assert (score.deducted, score.score, score.problems) == (15.0, 85.0, 3)


def test_below_the_cap_the_category_takes_off_everything():
    score = score_inspection(
        WEIGHTED, [FindingScore("A-1", "problem", 1), FindingScore("A-2", "problem", 1)]
    )

    assert score.deducted == 5.0


def test_the_cap_is_handed_out_in_template_order():
    shares = capped_deductions(
        WEIGHTED,
        [("second", "A-2", Decimal(9)), ("first", "A-1", Decimal(6)), ("other", "B-1", Decimal(5))],
    )

    assert shares == {"first": Decimal(6), "second": Decimal(4), "other": Decimal(5)}


def test_a_v1_template_scores_as_before(template_body):
    template = parse_template(template_body)
    findings = [FindingScore(i.code, "problem", 99) for i in template.items()]

    score = score_inspection(template, findings)

    assert score.deducted == sum(i.max_deduction for i in template.items())
    assert score.score == 0
