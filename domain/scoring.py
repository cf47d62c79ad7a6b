"""Scoring (扣分制): per-case deductions capped per item (its cap, never above its weight), the
deductions of a category capped by the category's cap (分类封顶) when it has one, and the
inspection's score floored at 0. domain/template.py defines the figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from domain.template import Template, TemplateItem

K = TypeVar("K", bound=Hashable)


def _dec(value: float) -> Decimal:
    return Decimal(str(value))


def item_deduction(item: TemplateItem, cases: int) -> float:
    """Points an item takes off for `cases` cases: per case, capped by the item's maximum and
    never above its weight (分值). The category's cap is applied over a whole inspection
    (`capped_deductions`)."""
    if cases < 0:
        raise ValueError(f"cases must not be negative: {cases}")
    total = min(_dec(item.deduction_per_case) * cases, _dec(item.max_deduction))
    if item.weight > 0:
        total = min(total, _dec(item.weight))
    return float(total)


def capped_deductions(
    template: Template, problems: Sequence[tuple[K, str, Decimal]]
) -> dict[K, Decimal]:
    """Each problem's share of one inspection's deductions after the category caps.

    `problems` are (key, item code, the item's own deduction). Within a capped category the cap
    is handed out in the template's item order (then in the order given): the first problems
    keep their deduction, the one that reaches the cap keeps what is left, later ones take 0.
    An item code the template lacks keeps its deduction (it belongs to no capped category).
    """

    def order(entry: tuple[int, tuple[K, str, Decimal]]) -> tuple[int, int]:
        index, (_, code, _) = entry
        try:
            return template.position(code), index
        except KeyError:
            return -1, index

    left: dict[str, Decimal] = {}
    shares: dict[K, Decimal] = {}
    for _, (key, code, deduction) in sorted(enumerate(problems), key=order):
        try:
            category = template.category(template.item(code).category_code)
        except KeyError:
            shares[key] = deduction
            continue
        if category.max_deduction is None:
            shares[key] = deduction
            continue
        remaining = left.setdefault(category.code, _dec(category.max_deduction))
        share = min(deduction, remaining)
        left[category.code] = remaining - share
        shares[key] = share
    return shares


def category_used(
    template: Template, item_deductions: Iterable[tuple[str, Decimal]]
) -> dict[str, Decimal]:
    """Per category code: the points its problems take off, after its cap."""
    used: dict[str, Decimal] = defaultdict(Decimal)
    for code, deduction in item_deductions:
        try:
            used[template.item(code).category_code] += deduction
        except KeyError:
            continue
    for category in template.categories:
        if category.max_deduction is not None and category.code in used:
            used[category.code] = min(used[category.code], _dec(category.max_deduction))
    return dict(used)


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
    """The running score: full score minus every problem's deduction (capped per item, then per
    category), never below 0."""
    answered = 0
    problems: list[tuple[int, str, Decimal]] = []
    for finding in findings:
        answered += 1
        if finding.result != "problem":
            continue
        deduction = _dec(item_deduction(template.item(finding.item_code), finding.cases))
        problems.append((len(problems), finding.item_code, deduction))
    deducted = sum(capped_deductions(template, problems).values(), Decimal(0))
    full = _dec(template.full_score)
    return Score(
        full=float(full),
        deducted=float(deducted),
        score=float(max(full - deducted, Decimal(0))),
        problems=len(problems),
        answered=answered,
    )
