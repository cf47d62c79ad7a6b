"""Scoring (扣分制): per-case deductions, capped per item, score floored at 0, exact decimals."""

import pytest

from domain.scoring import FindingScore, item_deduction, score_inspection
from domain.template import parse_template


def rule(code: str, per_case: float, cap: float) -> dict:
    return {
        "code": code,
        "gb_code": "06012",
        "text": code,
        "criteria": "",
        "deduction_per_case": per_case,
        "max_deduction": cap,
        "severity": "minor",
        "due_amount": 1,
        "due_unit": "days",
        "photo_required": False,
    }


TEMPLATE = parse_template(
    {
        "name": "计分",
        "version": 1,
        "full_score": 100,
        "categories": [
            {
                "code": "A",
                "name": "甲",
                "items": [
                    rule("HALF", 0.5, 2),
                    rule("FIFTH", 0.2, 2),
                    rule("TENTH", 0.1, 1),
                    rule("BIG", 30, 60),
                    rule("HUGE", 40, 60),
                ],
            }
        ],
    }
)


def test_deduction_is_per_case():
    assert item_deduction(TEMPLATE.item("HALF"), 1) == 0.5
    assert item_deduction(TEMPLATE.item("HALF"), 3) == 1.5


def test_deduction_is_capped_per_item():
    assert item_deduction(TEMPLATE.item("HALF"), 4) == 2.0
    assert item_deduction(TEMPLATE.item("HALF"), 100) == 2.0


def test_zero_cases_deduct_nothing():
    assert item_deduction(TEMPLATE.item("HALF"), 0) == 0.0


def test_negative_cases_are_refused():
    with pytest.raises(ValueError, match="-1"):
        item_deduction(TEMPLATE.item("HALF"), -1)


def test_decimal_deductions_are_exact():
    deduction = item_deduction(TEMPLATE.item("FIFTH"), 3)

    assert deduction == 0.6
    assert repr(deduction) == "0.6"
    assert 0.2 * 3 != 0.6  # what float arithmetic would have given


def test_summed_deductions_are_exact():
    score = score_inspection(
        TEMPLATE, [FindingScore("TENTH", "problem", 1), FindingScore("FIFTH", "problem", 1)]
    )

    assert 0.1 + 0.2 != 0.3
    assert score.deducted == 0.3
    assert score.score == 99.7


def test_score_is_full_minus_capped_deductions():
    score = score_inspection(
        TEMPLATE,
        [
            FindingScore("HALF", "problem", 10),  # 5 capped at 2
            FindingScore("FIFTH", "problem", 3),  # 0.6
        ],
    )

    assert (score.full, score.deducted, score.score) == (100.0, 2.6, 97.4)
    assert (score.problems, score.answered) == (2, 2)


def test_ok_and_not_applicable_deduct_nothing():
    score = score_inspection(
        TEMPLATE,
        [
            FindingScore("HALF", "ok", 5),
            FindingScore("FIFTH", "not_applicable", 5),
            FindingScore("TENTH", "problem", 2),
        ],
    )

    assert (score.deducted, score.score) == (0.2, 99.8)
    assert (score.problems, score.answered) == (1, 3)


def test_score_is_floored_at_zero():
    score = score_inspection(
        TEMPLATE,
        [FindingScore("BIG", "problem", 2), FindingScore("HUGE", "problem", 5)],  # 60 + 60
    )

    assert score.deducted == 120.0
    assert score.score == 0.0


def test_no_findings_is_the_full_score():
    score = score_inspection(TEMPLATE, [])

    assert (score.score, score.deducted, score.problems, score.answered) == (100.0, 0.0, 0, 0)


def test_shipped_template_item_rules(template_body):
    shipped = parse_template(template_body)

    assert item_deduction(shipped.item("DL-09"), 3) == 0.6  # 0.2 per case
    assert item_deduction(shipped.item("JZ-01"), 9) == 10.0  # 2 per case, cap 10
