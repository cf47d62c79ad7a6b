"""Errors answer {error: {code, message}} with a fitting status (domain/contract/api.py):
400 malformed, 401, 403, 409 lifecycle, 413 too large, 422 invalid, 429 locked out."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from domain.contract import error_reasons, is_malformed

Model = TypeVar("Model", bound=BaseModel)


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.reason = reason  # ErrorDetail.reason: why a refresh credential was revoked


def body(code: str, message: str, reason: str | None = None) -> dict[str, Any]:
    error = {"code": code, "message": message}
    if reason is not None:
        error["reason"] = reason
    return {"error": error}


def invalid(errors: list[Any]) -> ApiError:
    """The answer to pydantic errors: 400 when the shape is wrong, else 422. The message names
    fields and what is wrong with them, never the input."""
    if is_malformed(errors):
        return ApiError(400, "malformed", error_reasons(errors))
    return ApiError(422, "invalid", error_reasons(errors))


def parse(model: type[Model], value: Any) -> Model:
    """`value` (parsed JSON) as the contract's `model`, or ApiError 400/422."""
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise invalid(error.errors(include_url=False, include_input=False)) from None


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
        raise ApiError(400, "malformed", f"the body is not JSON: {exc}"[:200]) from None
    except RecursionError:
        raise ApiError(400, "malformed", "the body nests too deep") from None
