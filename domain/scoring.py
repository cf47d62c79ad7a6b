"""Scoring (扣分制): per-case deductions capped per item, the inspection's score floored at 0."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.template import Template, TemplateItem


def _dec(value: float) -> Decimal:
    return Decimal(str(value))


def item_deduction(item: TemplateItem, cases: int) -> float:
    """Points an item takes off for `cases` cases: per case, capped by the item's maximum."""
    if cases < 0:
        raise ValueError(f"cases must not be negative: {cases}")
    total = min(_dec(item.deduction_per_case) * cases, _dec(item.max_deduction))
    return float(total)


@dataclass(frozen=True)
class FindingScore:
    item_code: str
    result: str
    cases: int


@dataclass(frozen=True)
class Score:
    full: float
    deducted: float
    score: float
    problems: int
    answered: int


def score_inspection(template: Template, findings: Iterable[FindingScore]) -> Score:
    """The running score: full score minus every problem's capped deduction, never below 0."""
    deducted = Decimal(0)
    problems = answered = 0
    for finding in findings:
        answered += 1
        if finding.result != "problem":
            continue
        problems += 1
        deducted += _dec(item_deduction(template.item(finding.item_code), finding.cases))
    full = _dec(template.full_score)
    return Score(
        full=float(full),
        deducted=float(deducted),
        score=float(max(full - deducted, Decimal(0))),
        problems=problems,
        answered=answered,
    )
