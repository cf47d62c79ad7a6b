"""An imported component of the composite assessment (domain/composite.py): 第三方评估, 民调,
专项工作 or 专业检查 scored per unit for a quarter or a year, from a file the office received.

One synced row per (component, period), entity `assessment_import`. Its id is derived from the
pair (`import_id`), so two laptops importing the same period offline write the same row and
meet as an ordinary conflict instead of leaving two; a later import of the period is an update
of that row whose `history` keeps every import it replaced (who, when, which file, its digest).

Pure rules: no I/O. The contract (domain/contract/rows.py) checks a row's texts with the checks
below; the server checks the unit ids and the scores against the office's configuration
(server/push_checks.py), the laptop writes it with local_db/assessment_imports.py.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.clock import OFFICE_TZ_DEFAULT
from domain.composite import parse_period, period_key
from domain.composite_config import IMPORTED, MAX_POINTS
from domain.ids import stable_id

ENTITY = "assessment_import"
MAX_UNITS = 5_000  # units one import scores, at most
MAX_HISTORY = 200  # earlier imports a row remembers, at most
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
HISTORY_FIELDS = ("imported_by", "imported_at", "file_name", "file_sha256")


def import_id(component: str, period: str) -> str:
    """The one row of a component's period, the same on every laptop."""
    return stable_id(ENTITY, component, period)


def check_component(value: str) -> str:
    if value not in IMPORTED:
        raise ValueError(f"an imported component is one of {', '.join(IMPORTED)}")
    return value


def check_period(value: str) -> str:
    """A quarter '2026-Q3' or a year '2026', written exactly so (the row's id is made of it)."""
    period = parse_period(value, OFFICE_TZ_DEFAULT)
    if period_key(period) != value:
        raise ValueError(f"a period is written YYYY-Qn or YYYY, not {value!r}")
    return value


def score_value(value: object) -> Decimal:
    """A score as JSON holds it: a finite number 0..MAX_POINTS (ValueError otherwise)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("a score is a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError("a score is a number") from None
    if not number.is_finite() or not 0 <= number <= MAX_POINTS:
        raise ValueError(f"a score lies between 0 and {MAX_POINTS}")
    return number


def parse_scores(text: str) -> dict[str, Decimal]:
    """unit id → score of a row's `scores` text; ValueError naming what is wrong."""
    try:
        data = json.loads(text)
    except ValueError:
        raise ValueError("scores: not JSON text") from None
    if not isinstance(data, dict) or len(data) > MAX_UNITS:
        raise ValueError(f"scores: a JSON object of at most {MAX_UNITS} unit ids and numbers")
    scores = {}
    for unit_id, value in data.items():
        if not _UUID.fullmatch(unit_id):
            raise ValueError("scores: each key is a unit id")
        scores[unit_id] = score_value(value)
    return scores


def check_scores(text: str) -> str:
    parse_scores(text)
    return text


def scores_text(scores: dict[str, Decimal]) -> str:
    plain = {
        k: int(v) if v == v.to_integral_value() else float(v) for k, v in sorted(scores.items())
    }
    return json.dumps(plain, separators=(",", ":"))


def parse_history(text: str) -> list[dict[str, Any]]:
    """The earlier imports a row replaced, oldest first: {imported_by, imported_at, file_name,
    file_sha256} each; ValueError naming what is wrong."""
    try:
        data = json.loads(text)
    except ValueError:
        raise ValueError("history: not JSON text") from None
    if not isinstance(data, list) or len(data) > MAX_HISTORY:
        raise ValueError(f"history: a JSON list of at most {MAX_HISTORY} earlier imports")
    for entry in data:
        if not isinstance(entry, dict) or set(entry) != set(HISTORY_FIELDS):
            raise ValueError(f"history: each entry has exactly {', '.join(HISTORY_FIELDS)}")
        by, at, name, sha = (entry[k] for k in HISTORY_FIELDS)
        if by is not None and not (isinstance(by, str) and _UUID.fullmatch(by)):
            raise ValueError("history: imported_by is a person id or null")
        if not isinstance(at, str) or not 0 < len(at) <= 40:
            raise ValueError("history: imported_at is a time")
        if not isinstance(name, str) or len(name) > 255:
            raise ValueError("history: file_name is a text of at most 255 characters")
        if not isinstance(sha, str) or not _SHA.fullmatch(sha):
            raise ValueError("history: file_sha256 is 64 lowercase hex digits")
    return data


def check_history(text: str) -> str:
    parse_history(text)
    return text


def history_after(held: dict[str, Any] | None) -> str:
    """The history of an import replacing the `held` row (None: the period's first import):
    the held row's own history, then the held import itself. The oldest entries go first when
    more than MAX_HISTORY would be kept."""
    if held is None:
        return "[]"
    earlier = parse_history(held.get("history") or "[]")
    earlier.append({k: held.get(k) for k in HISTORY_FIELDS})
    return json.dumps(earlier[-MAX_HISTORY:], ensure_ascii=False, separators=(",", ":"))
