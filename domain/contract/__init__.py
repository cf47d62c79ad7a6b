"""The typed wire contract, one place for both ends (docs/architecture.md, "Sync" and "HTTP
contract (v1)").

- fields.py: ids, hashes, bounded texts and numbers, times, closed vocabularies;
- rows.py: every synced entity's row, and the change {entity, id, op, row} that carries it;
- api.py: request and answer bodies of every route, and the error body.

The server declares these on its routes, so /openapi.json is this contract. It checks every
pushed change with `invalid_changes` (one call for the whole batch: pydantic-core validates the
list, Python runs only for times, JSON texts and a few cross-field rules). A client checks what
it pulls with `invalid_pulled` and skips what fails.

Decisions:
- Unknown fields in a pushed row or a request body are refused (`extra="forbid"`), because a row
  is stored and handed out as it was sent. A client checking pulled rows ignores fields it does
  not know (a newer server's), its store keeps only the columns it has.
- Times stay the text the device sent; they are parsed to be checked, never rewritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from domain.contract.api import (
    MAX_BLOCK,
    MAX_CHANGES,
    MAX_HASHES,
    MAX_PULL,
    BlobStored,
    ErrorBody,
    ErrorDetail,
    Health,
    LoginAnswer,
    LoginRequest,
    MissingAnswer,
    MissingRequest,
    NumberBlock,
    NumbersRequest,
    PullAnswer,
    PushAnswer,
    PushEnvelope,
    PushRequest,
    PushResult,
    RefreshAnswer,
    RefreshRequest,
    UserInfo,
)
from domain.contract.fields import (
    CAMERA_TIME_PATTERN,
    SHA256_PATTERN,
    TIME_PATTERN,
    UUID_PATTERN,
    clock_bounds,
    id_list,
)
from domain.contract.rows import OWNERS, ROW_MODELS, TAGS, Change, PulledChange, Row

__all__ = [
    "MAX_BLOCK",
    "MAX_CHANGES",
    "MAX_HASHES",
    "MAX_PULL",
    "OWNERS",
    "ROW_MODELS",
    "BlobStored",
    "Change",
    "ErrorBody",
    "ErrorDetail",
    "Health",
    "LoginAnswer",
    "LoginRequest",
    "MissingAnswer",
    "MissingRequest",
    "NumberBlock",
    "NumbersRequest",
    "PullAnswer",
    "PulledChange",
    "PushAnswer",
    "PushEnvelope",
    "PushRequest",
    "PushResult",
    "RefreshAnswer",
    "RefreshRequest",
    "Row",
    "UserInfo",
    "clock_bounds",
    "error_reasons",
    "id_list",
    "invalid_changes",
    "invalid_pulled",
    "is_malformed",
]

CHANGES: TypeAdapter[list[Any]] = TypeAdapter(list[Change])
PULLED: TypeAdapter[list[Any]] = TypeAdapter(list[PulledChange])

# Error types that say the shape is wrong (400 malformed); any other says a value is (422).
_MALFORMED = frozenset(
    {
        "missing",
        "extra_forbidden",
        "json_invalid",
        "json_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
        "list_type",
        "string_type",
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "bool_type",
        "bool_parsing",
        "is_instance_of",
        "union_tag_not_found",
        "union_tag_invalid",
        "change_op",
    }
)


def is_malformed(errors: Sequence[Mapping[str, Any]]) -> bool:
    """Do these pydantic errors say the input is malformed (400) rather than invalid (422)?"""
    return any(e.get("type") in _MALFORMED for e in errors)


_PATTERNS = {
    TIME_PATTERN: "not an ISO-8601 date and time with an offset on a calendar day from 2000",
    CAMERA_TIME_PATTERN: "not an ISO-8601 date and time with an offset",
    UUID_PATTERN: "not a UUID (canonical lowercase text)",
    SHA256_PATTERN: "not a SHA-256 (64 lowercase hex digits)",
}


def _message(error: Mapping[str, Any]) -> str:
    """The words of one pydantic error, never its input (it may be large, or not even
    encodable: a lone surrogate)."""
    kind, context = error.get("type"), error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(str(context.get("pattern")), "holds a NUL character")
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        field = context.get("discriminator", "").strip("'")
        return {"op": "op is upsert or delete"}.get(field, f"{field or 'entity'} is not known")
    message = str(error.get("msg", "invalid"))
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def error_reasons(errors: Sequence[Mapping[str, Any]], limit: int = 3) -> str:
    """Words for pydantic errors: where (the field path) and what, never the input."""
    parts = []
    for error in errors[:limit]:
        where = ".".join(str(part) for part in error.get("loc", ()))
        parts.append(f"{where}: {_message(error)}" if where else _message(error))
    more = len(errors) - limit
    text = "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
    return text[:500]


def _by_change(error: ValidationError) -> dict[int, str]:
    grouped: dict[int, list[dict[str, Any]]] = {}
    for e in error.errors(include_url=False, include_input=False):
        loc = e.get("loc", ())
        if not loc or not isinstance(loc[0], int):
            continue
        rest = list(loc[1:])
        while rest and rest[0] in TAGS:  # the unions' tags: op, then entity
            rest.pop(0)
        grouped.setdefault(loc[0], []).append({**e, "loc": rest})
    return {i: error_reasons(errs) for i, errs in grouped.items()}


def invalid_changes(changes: list[Any], now: datetime | None = None) -> dict[int, str]:
    """Index → reason of every pushed change that breaks the contract (empty: none does).
    `now` is the server's clock: no time may lie more than 24 hours ahead of it."""
    try:
        CHANGES.validate_python(changes, context=clock_bounds(now) if now else None)
    except ValidationError as error:
        return _by_change(error)
    return {}


def invalid_pulled(changes: list[Any]) -> dict[int, str]:
    """Index → reason of every pulled change {seq, entity, id, op, row, received_at} that breaks
    the contract. Fields this version does not know are ignored (a newer server's)."""
    try:
        PULLED.validate_python(changes, extra="ignore")
    except ValidationError as error:
        return _by_change(error)
    return {}
