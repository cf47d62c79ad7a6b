"""Checklist templates (考核细则): their structure and validation.

A template body is JSON: categories → items. Validation collects every problem, each naming the
item (or category) it is about, so whoever edits a template file can fix it in one pass.

Points (扣分制: an inspection starts at `full_score` and loses points per problem found):

- item `deduction_per_case` (每处扣分): what one case of the problem takes off.
- item `max_deduction` (单项上限): the most the item's cases together take off in one inspection.
- item `weight` (分值): the points the item carries. An item's deduction never exceeds it. Optional:
  it defaults to the item's `max_deduction` (so every version-1 body stays valid and scores as
  before), and `max_deduction` defaults to the weight when only the weight is given. When both are
  given the cap may not exceed the weight (the cap could never be reached).
- category `max_deduction` (分类封顶): the deductions of the category's items together never
  exceed it in one inspection. Optional: without it a category takes off what its items do.
- the inspection's score is `full_score` minus the deductions, never below 0.

Checks on those figures, each naming its item or category:

- weights, caps and deductions per case are numbers above 0; a deduction per case is at most
  the item's cap; an item's cap is at most its weight; a weight is at most the full score;
- a category cap is at most the full score, and at most the sum of its items' weights (a cap
  above what its items carry could never be reached);
- when EVERY category has a cap, the caps share the full score out (分类分值): they add up to
  exactly `full_score`. (Without caps on all categories no sum is required: a version-1 body's
  items carry more than the full score together, and the score stops at 0.)
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.vocab import SEVERITIES
from domain.workcalendar import DUE_UNITS

_CTX = "template"
# What a sheet's reader (domain/template_sheet.py) names itself, by row and column: a cell left
# empty, a column missing, a code used twice. It drops these from parse_template's problems.
MISSING = QT_TRANSLATE_NOOP("template", "Item {item}: missing '{field}'")
EMPTY = QT_TRANSLATE_NOOP("template", "Item {item}: '{field}' is empty")
DUPLICATE = QT_TRANSLATE_NOOP("template", "Item {item}: duplicate code")
CELL_PROBLEMS = frozenset({MISSING, EMPTY, DUPLICATE})
_GB_CODE = re.compile(r"^\d{5}$")
_ITEM_FIELDS = (
    "code",
    "gb_code",
    "text",
    "criteria",
    "deduction_per_case",
    "severity",
    "due_amount",
    "due_unit",
    "photo_required",
)


@dataclass(frozen=True)
class TemplateItem:
    code: str
    gb_code: str
    text: str
    criteria: str
    deduction_per_case: float
    max_deduction: float
    severity: str
    due_amount: float
    due_unit: str
    photo_required: bool
    category_code: str
    category_name: str
    weight: float = 0.0  # 0: not given in the body (parse_template sets it to max_deduction)


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    items: tuple[TemplateItem, ...]
    max_deduction: float | None = None  # 分类封顶; None: the category is not capped

    @property
    def weight(self) -> float:
        """The points the category's items carry together."""
        return float(sum(Decimal(str(i.weight)) for i in self.items))


@dataclass(frozen=True)
class Template:
    name: str
    version: int
    full_score: float
    categories: tuple[Category, ...]

    def items(self) -> Iterator[TemplateItem]:
        for category in self.categories:
            yield from category.items

    @cached_property
    def _by_code(self) -> dict[str, TemplateItem]:
        return {item.code: item for item in self.items()}

    @cached_property
    def _categories_by_code(self) -> dict[str, Category]:
        return {category.code: category for category in self.categories}

    def item(self, code: str) -> TemplateItem:
        return self._by_code[code]

    def category(self, code: str) -> Category:
        return self._categories_by_code[code]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {code: index for index, code in enumerate(self._by_code)}

    def position(self, code: str) -> int:
        """The item's place in the template's order (KeyError for an unknown code)."""
        return self._positions[code]

    @property
    def item_count(self) -> int:
        return sum(len(c.items) for c in self.categories)


def template_id(name: str, version: int) -> str:
    """The same id on every device and the server for one template version (a shipped file
    installed in two places must not become two rows)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ducha:template:{name}:v{version}"))


class TemplateError(ValueError):
    """A template that cannot be used; `problems` names every bad item."""

    def __init__(self, problems: list[Message]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _msg(text: str, **values: Any) -> Message:
    return Message(_CTX, text, values)


def _number(value: Any) -> float | None:
    """The value as a finite number, else None (NaN compares false with every bound)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        return None
    return number if math.isfinite(number) else None


def _check_item(raw: Any, where: str, problems: list[Message]) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        problems.append(
            _msg(QT_TRANSLATE_NOOP("template", "{where}: an item must be an object"), where=where)
        )
        return None
    code = raw.get("code")
    name = f"{code}" if isinstance(code, str) and code else where
    for key in _ITEM_FIELDS:
        if key not in raw:
            problems.append(_msg(MISSING, item=name, field=key))
    for key in ("code", "text"):
        if key in raw and not (isinstance(raw[key], str) and raw[key].strip()):
            problems.append(_msg(EMPTY, item=name, field=key))
    if "gb_code" in raw and not (
        isinstance(raw["gb_code"], str) and _GB_CODE.match(raw["gb_code"])
    ):
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template", "Item {item}: GB/T 47678.5 code {value!r} is not 5 digits"
                ),
                item=name,
                value=raw["gb_code"],
            )
        )
    if "max_deduction" not in raw and "weight" not in raw:
        problems.append(_msg(MISSING, item=name, field="max_deduction"))
    per_case = _number(raw.get("deduction_per_case"))
    cap = _number(raw.get("max_deduction"))
    weight = _number(raw.get("weight"))
    if "deduction_per_case" in raw and (per_case is None or per_case <= 0):
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template", "Item {item}: deduction per case must be a number above 0"
                ),
                item=name,
            )
        )
    if "max_deduction" in raw and (cap is None or cap <= 0):
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP("template", "Item {item}: the cap must be a number above 0"),
                item=name,
            )
        )
    if "weight" in raw and (weight is None or weight <= 0):
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template", "Item {item}: the weight (分值) must be a number above 0"
                ),
                item=name,
            )
        )
    if "max_deduction" not in raw and weight and weight > 0:
        cap = weight  # only the weight given: the item's cap is its weight
    if per_case and cap and 0 < cap < per_case:
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template", "Item {item}: deduction per case {per_case} exceeds the cap {cap}"
                ),
                item=name,
                per_case=per_case,
                cap=cap,
            )
        )
    if cap and weight and 0 < weight < cap:
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template", "Item {item}: the cap {cap} exceeds the item's weight {weight}"
                ),
                item=name,
                cap=cap,
                weight=weight,
            )
        )
    if "severity" in raw and raw["severity"] not in SEVERITIES:
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP("template", "Item {item}: unknown severity {value!r}"),
                item=name,
                value=raw["severity"],
            )
        )
    if "due_unit" in raw and raw["due_unit"] not in DUE_UNITS:
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "template",
                    "Item {item}: unknown time-limit unit {value!r} "
                    "(work_hours, work_days, hours or days)",
                ),
                item=name,
                value=raw["due_unit"],
            )
        )
    amount = _number(raw.get("due_amount"))
    if "due_amount" in raw and (amount is None or amount <= 0):
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP("template", "Item {item}: the time limit must be above 0"),
                item=name,
            )
        )
    elif amount and raw.get("due_unit") in ("work_days", "days") and amount != int(amount):
        problems.append(
            _msg(QT_TRANSLATE_NOOP("template", "Item {item}: days must be whole"), item=name)
        )
    if "photo_required" in raw and not isinstance(raw["photo_required"], bool):
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP("template", "Item {item}: photo_required must be true or false"),
                item=name,
            )
        )
    return raw


def problem_subject(problem: Message) -> str:
    """What a validation problem is about: its item code, else its category, else '' (the
    template as a whole)."""
    for key in ("item", "category"):
        value = problem.values.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def _item_points(raw: dict[str, Any]) -> tuple[float, float]:
    """(max_deduction, weight) of a checked item, each defaulting to the other."""
    cap = float(raw["max_deduction"] if "max_deduction" in raw else raw["weight"])
    weight = float(raw["weight"]) if "weight" in raw else cap
    return cap, weight


def _check_points(
    full_score: float | None,
    categories: list[Category],
    caps_given: list[bool],
    complete: list[bool],
    problems: list[Message],
) -> None:
    """The weight and cap checks that need the whole template (see the module docstring)."""
    if full_score is None or full_score <= 0:
        return
    for category, whole in zip(categories, complete, strict=True):
        for item in category.items:
            if item.weight > full_score:
                problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "template",
                            "Item {item}: the weight {weight} exceeds the full score {full_score}",
                        ),
                        item=item.code,
                        weight=item.weight,
                        full_score=full_score,
                    )
                )
        cap = category.max_deduction
        if cap is None:
            continue
        if cap > full_score:
            problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "template",
                        "Category {category}: the cap {cap} exceeds the full score {full_score}",
                    ),
                    category=category.name or category.code,
                    cap=cap,
                    full_score=full_score,
                )
            )
        if whole and category.items and cap > category.weight:
            problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "template",
                        "Category {category}: the cap {cap} exceeds the {weight} points "
                        "its items carry together",
                    ),
                    category=category.name or category.code,
                    cap=cap,
                    weight=category.weight,
                )
            )
    caps = [c.max_deduction for c in categories]
    if categories and all(caps_given) and None not in caps:
        total = sum(Decimal(str(cap)) for cap in caps)
        if total != Decimal(str(full_score)):
            problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "template",
                        "Every category has a cap: the caps add up to {total}, "
                        "not the full score {full_score}",
                    ),
                    total=float(total),
                    full_score=full_score,
                )
            )


def parse_template(body: Any) -> Template:
    """Validate a template body and build the Template; raise TemplateError naming every problem."""
    problems: list[Message] = []
    if not isinstance(body, dict):
        raise TemplateError(
            [_msg(QT_TRANSLATE_NOOP("template", "A template must be a JSON object"))]
        )
    name = body.get("name")
    if not (isinstance(name, str) and name.strip()):
        problems.append(_msg(QT_TRANSLATE_NOOP("template", "The template has no name")))
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(
            _msg(QT_TRANSLATE_NOOP("template", "The template version must be a whole number ≥ 1"))
        )
    full_score = _number(body.get("full_score", 100))
    if full_score is None or full_score <= 0:
        problems.append(
            _msg(QT_TRANSLATE_NOOP("template", "The full score must be a number above 0"))
        )
    raw_categories = body.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        problems.append(_msg(QT_TRANSLATE_NOOP("template", "The template has no categories")))
        raw_categories = []

    seen_codes: set[str] = set()
    categories: list[Category] = []
    caps_given: list[bool] = []
    complete: list[bool] = []
    for c_index, raw_cat in enumerate(raw_categories, start=1):
        if not isinstance(raw_cat, dict) or not isinstance(raw_cat.get("items"), list):
            problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "template", "Category {index}: it needs a name and a list of items"
                    ),
                    index=c_index,
                )
            )
            continue
        cat_code = str(raw_cat.get("code") or c_index)
        cat_name = str(raw_cat.get("name") or "")
        if not cat_name:
            problems.append(
                _msg(QT_TRANSLATE_NOOP("template", "Category {index} has no name"), index=c_index)
            )
        cat_cap: float | None = None
        if raw_cat.get("max_deduction") is not None:
            cat_cap = _number(raw_cat["max_deduction"])
            if cat_cap is None or cat_cap <= 0:
                problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "template", "Category {category}: the cap must be a number above 0"
                        ),
                        category=cat_name or cat_code,
                    )
                )
                cat_cap = None
        caps_given.append(raw_cat.get("max_deduction") is not None)
        items: list[TemplateItem] = []
        for i_index, raw_item in enumerate(raw_cat["items"], start=1):
            before = len(problems)
            raw = _check_item(raw_item, f"{cat_name or c_index} #{i_index}", problems)
            if raw is None:
                continue
            code = raw.get("code")
            if isinstance(code, str) and code in seen_codes:
                problems.append(_msg(DUPLICATE, item=code))
            elif isinstance(code, str):
                seen_codes.add(code)
            if len(problems) > before:
                continue
            cap, weight = _item_points(raw)
            items.append(
                TemplateItem(
                    code=raw["code"],
                    gb_code=raw["gb_code"],
                    text=raw["text"],
                    criteria=raw["criteria"],
                    deduction_per_case=float(raw["deduction_per_case"]),
                    max_deduction=cap,
                    severity=raw["severity"],
                    due_amount=raw["due_amount"],
                    due_unit=raw["due_unit"],
                    photo_required=raw["photo_required"],
                    category_code=cat_code,
                    category_name=cat_name,
                    weight=weight,
                )
            )
        categories.append(Category(cat_code, cat_name, tuple(items), cat_cap))
        complete.append(len(items) == len(raw_cat["items"]))
    _check_points(full_score, categories, caps_given, complete, problems)
    if not problems and not seen_codes:
        problems.append(_msg(QT_TRANSLATE_NOOP("template", "The template has no items")))
    if problems:
        raise TemplateError(problems)
    return Template(
        name=str(name),
        version=int(version or 0),
        full_score=float(full_score or 100),
        categories=tuple(categories),
    )
