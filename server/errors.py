"""Errors answer {error: {code, message}} with a fitting status."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


async def read_json(request: Request, limit: int) -> Any:
    """The request's JSON body (400 when malformed, 413 when larger than `limit` bytes)."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(413, "too_large", f"the body exceeds {limit} bytes")
    raw = await request.body()
    if len(raw) > limit:
        raise ApiError(413, "too_large", f"the body exceeds {limit} bytes")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "malformed", f"the body is not JSON: {exc}") from None


def need_object(value: Any, *keys: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ApiError(400, "malformed", "the body must be a JSON object")
    for key in keys:
        if key not in value:
            raise ApiError(400, "malformed", f"the body lacks {key!r}")
    return value
