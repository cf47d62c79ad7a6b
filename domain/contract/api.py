"""Request and answer bodies of the HTTP API v1 (docs/architecture.md, "HTTP contract (v1)").

Request bodies refuse unknown fields (a misspelt field is an error, not silently ignored);
answers may grow fields (a client reads what it knows). Errors answer ErrorBody with a fitting
status: 400 malformed (not JSON, a field missing or of the wrong type), 401 no or bad token,
403 role or jurisdiction, 409 lifecycle conflict, 413 too large, 422 invalid (well formed, but a
value out of its range, vocabulary or pattern), 429 locked out.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from domain.contract.fields import (
    MAX_SIGNED_64,
    DeviceTime,
    Id,
    Role,
    Sha256,
    Token,
    integral,
    text,
)
from domain.contract.rows import Change, Entity, PulledChange

MAX_CHANGES = 1000  # per push (server Settings.max_changes; more is 413)
MAX_HASHES = 5_000  # per blobs/missing call (server/limits.py DUCHA_MAX_MISSING, the same default)
MAX_PULL = 1000  # changes per pull page
MAX_BLOCK = 1000  # notice numbers per reserved block

REQUEST = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)
ANSWER = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    model_config = ANSWER

    code: str = Field(description="machine-readable: malformed, invalid, unauthorized, …")
    message: str = Field(description="what went wrong, in words")
    reason: str | None = Field(
        None,
        description="a refused refresh credential (`refresh_revoked`): why it was revoked — "
        "logged_out, password_changed, role_changed, units_changed, account_disabled, "
        "device_released, device_revoked, reused, logged_in_again, revoked",
    )


class ErrorBody(BaseModel):
    """Every error answer."""

    model_config = ANSWER

    error: ErrorDetail


class Health(BaseModel):
    """GET /health, no login: 200 when the database and the blob store both answer, else 503
    with the same body naming which does not (no paths, hosts or messages)."""

    model_config = ANSWER

    status: Literal["ok", "error"]
    version: str
    database: Literal["ok", "error"] = "ok"
    blobs: Literal["ok", "error"] = "ok"


# -- auth ----------------------------------------------------------------------------------------
class LoginRequest(BaseModel):
    model_config = REQUEST

    username: Annotated[str, text(200, 1)]
    password: Annotated[str, text(1024, 1)]
    device_id: Annotated[str, text(200)] | None = Field(
        None, description="the laptop's device id (its tokens are bound to it)"
    )


class UserInfo(BaseModel):
    model_config = ANSWER

    id: Id
    username: str
    name: str
    role: Role
    all_units: bool
    units: list[Id]


class LoginAnswer(BaseModel):
    model_config = ANSWER

    token: str
    expires_at: str = Field(description="UTC ISO-8601")
    user: UserInfo
    refresh_token: str | None = Field(
        None,
        description="for a login with a device_id: the device's refresh credential, exchanged "
        "at /auth/refresh for a new token without the password (absent from servers before it)",
    )
    refresh_expires_at: str | None = Field(
        None, description="UTC ISO-8601; each use of the credential extends it"
    )
    must_change_password: bool = Field(
        False,
        description="the password is a one-time password: every call but /auth/change-password "
        "and /auth/logout answers 403 `must_change_password` until it is changed",
    )


class RefreshRequest(BaseModel):
    """A new access token for the device's refresh credential. The credential is rotated: the
    answer carries its successor, and the one sent stops working (sent again later, it revokes
    the device's chain: a stolen copy)."""

    model_config = REQUEST

    refresh_token: Annotated[str, text(200, 1)]
    device_id: Annotated[str, text(200, 1)] = Field(
        description="the device the credential was issued for (another is refused)"
    )


class RefreshAnswer(BaseModel):
    model_config = ANSWER

    token: str
    expires_at: str = Field(description="UTC ISO-8601")
    refresh_token: str = Field(description="the successor of the credential sent: keep it")
    refresh_expires_at: str = Field(description="UTC ISO-8601")
    user: UserInfo


# -- blobs ---------------------------------------------------------------------------------------
class MissingRequest(BaseModel):
    model_config = REQUEST

    sha256: Annotated[list[Sha256], Field(max_length=MAX_HASHES)]


class MissingAnswer(BaseModel):
    """`missing`: the hashes asked whose blob the server does not hold whole (v1). `offsets`
    (added beside it, backwards compatible): for each missing hash, how many bytes of a partial
    upload the server holds, 0 when none; the same figure `HEAD /blobs/{sha256}` answers in
    Upload-Offset. A client resumes with `PUT` and `Content-Range` from there without a HEAD per
    blob; a 409 answer (the upload moved on meanwhile) says where to resume."""

    model_config = ANSWER

    missing: list[Sha256]
    offsets: dict[Sha256, Annotated[int, Field(ge=0)]] | None = Field(
        None, description="always answered by this server (absent from servers before it)"
    )


class BlobStored(BaseModel):
    model_config = ANSWER

    sha256: Sha256
    size: Annotated[int, Field(ge=0)] = Field(description="bytes the server holds")
    complete: bool


# -- sync ----------------------------------------------------------------------------------------
class _PushEnvelope(BaseModel):
    model_config = REQUEST

    batch_id: Token = Field(
        description="derived from the outbox range: the same batch sent again gets the same "
        "answer and changes nothing"
    )
    device_id: Token
    client_time: DeviceTime | None = Field(
        None,
        description="the device's clock when it sent the batch: the server compares it with its "
        "own at receipt and flags a skew beyond its allowance (absent: no flag)",
    )


class PushEnvelope(_PushEnvelope):
    """What the server checks of a push before its changes: a change that breaks the contract
    is rejected on its own (in `results`), never the whole batch."""

    changes: list[Any]


class PushRequest(_PushEnvelope):
    """A batch of changes, parents first (domain/wire.py ENTITIES)."""

    changes: Annotated[list[Change], Field(max_length=MAX_CHANGES)] = Field(
        description=f"at most {MAX_CHANGES} (more: 413); each is accepted or rejected on its own"
    )


class Version(BaseModel):
    """One side of a concurrent edit: an operation on a row."""

    model_config = ANSWER

    op: Literal["upsert", "delete"]
    row: dict[str, Any] = Field(description="the row as it was written (or deleted)")


class PushResult(BaseModel):
    model_config = ANSWER

    id: str | None = Field(description="the change's id (null when the change had none)")
    entity: Entity | None = None
    status: Literal["accepted", "rejected"]
    code: str | None = Field(
        None,
        description="why rejected: invalid (breaks the contract), reference (names a row that "
        "does not exist or that the writer cannot see, or is still named by another), "
        "forbidden, locked, lifecycle, number, blob_missing, digest_mismatch, zone_retired (a new "
        "inspection in a retired zone or a zone of a retired unit)",
    )
    reason: str | None = None
    number: str | None = Field(None, description="the official number the server gave a notice")
    conflict: bool | None = Field(None, description="a concurrent edit: the loser was kept")
    conflict_id: str | None = Field(None, description="the conflict kept (GET /conflicts)")
    lost: bool | None = Field(
        None, description="this change lost a concurrent edit: `winning` is the version kept"
    )
    kept: Literal["server"] | None = Field(None, description="the server's version won")
    winning: Version | None = Field(None, description="the version that won, when this lost")
    unchanged: bool | None = None


class PushAnswer(BaseModel):
    model_config = ANSWER

    batch_id: str
    results: list[PushResult]
    server_time: str
    clock_skew_seconds: float | None = None
    clock_skew: bool = False
    replayed: bool | None = Field(None, description="the batch was seen before: its answer")


class PullAnswer(BaseModel):
    model_config = ANSWER

    changes: list[PulledChange]
    cursor: Annotated[int, Field(ge=0, le=MAX_SIGNED_64)]
    more: bool
    epoch: str | None = Field(
        None,
        description="this database's lineage: it changes when the server is restored from a "
        "backup; a laptop seeing a new one pulls again from restored_seq (server/epoch.py)",
    )
    restored_seq: Annotated[int, Field(ge=0, le=MAX_SIGNED_64)] | None = Field(
        None, description="the last seq the restored backup held (absent: never restored)"
    )


MAX_HELD = 5_000  # rows per sync/held call


class HeldKey(BaseModel):
    model_config = REQUEST

    entity: Entity
    id: Id


class HeldRequest(BaseModel):
    """POST /sync/held: which rev the server holds of each of these rows (after a restore, a
    laptop asks about the rows it sent: server/epoch.py)."""

    model_config = REQUEST

    rows: Annotated[list[HeldKey], Field(max_length=MAX_HELD)]


HeldWritten = tuple[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=200)]]


class HeldAnswer(BaseModel):
    """`revs`, in the order asked: the rev the server holds, null when it holds no such row or
    the row is not yours to see (the same answer: existence is not revealed)."""

    model_config = ANSWER

    revs: list[Annotated[int, Field(ge=0, le=MAX_SIGNED_64)] | None]
    # [updated_at, device_id] of each version held (null alike): two devices' concurrent edits
    # can carry the same rev; absent from servers before it
    written: (
        list[
            Annotated[
                list[Annotated[str, Field(max_length=200)]], Field(min_length=2, max_length=2)
            ]
            | None
        ]
        | None
    ) = None


class NumbersRequest(BaseModel):
    model_config = REQUEST

    device_id: Token
    request_id: Token | None = Field(
        None,
        description="chosen by the device and kept until it has the answer: the same request "
        "sent again (its answer was lost) gets the same block",
    )
    year: Annotated[int, Field(ge=2000, le=2100), BeforeValidator(integral)]
    count: Annotated[int, Field(ge=1, le=MAX_BLOCK), BeforeValidator(integral)]


class NumberBlock(BaseModel):
    model_config = ANSWER

    prefix: str
    year: int
    first: int
    last: int
    first_number: str
    last_number: str


class LoggedOut(BaseModel):
    model_config = ANSWER

    status: Literal["logged_out"]


class AuditEntry(BaseModel):
    """One line of the append-only audit log: who (from the token), from which device and
    address, did what to which row, when; never a row's content, a password or a token."""

    model_config = ANSWER

    seq: int
    at: str
    user_id: str | None = None
    user_name: str | None = None
    device_id: str | None = None
    address: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    action: str
    detail: dict[str, Any] = Field(default_factory=dict)


class AuditPage(BaseModel):
    model_config = ANSWER

    entries: list[AuditEntry]
    cursor: Annotated[int, Field(ge=0, le=MAX_SIGNED_64)]
    more: bool


# -- conflicts (server/conflicts.py) -------------------------------------------------------------
ConflictKind = Literal[
    "concurrent_edit", "edit_vs_delete", "second_rectification", "refused_submission"
]
Take = Literal["losing", "winning"]


class ConflictSide(Version):
    user_id: str | None = Field(None, description="who wrote this version (null: unknown)")
    device_id: str | None = Field(None, description="from which laptop")


class ConflictEntry(BaseModel):
    """A concurrent edit: the version that lost, kept, beside the one that won."""

    model_config = ANSWER

    id: str
    seq: int
    entity: Entity
    entity_id: str
    kind: ConflictKind
    unit_id: str | None = Field(None, description="the unit the row falls under")
    at: str = Field(description="when the server decided (UTC ISO-8601)")
    losing: ConflictSide
    winning: ConflictSide
    resolved_at: str | None = None
    resolved_by: str | None = Field(None, description="the user who resolved it")
    resolution: Take | None = Field(None, description="which version the office took")


class ConflictPage(BaseModel):
    model_config = ANSWER

    conflicts: list[ConflictEntry]
    cursor: Annotated[int, Field(ge=0, le=MAX_SIGNED_64)]
    more: bool


class ResolveRequest(BaseModel):
    """Take the losing version (written as a new edit every laptop pulls) or the winning one
    (kept as it is); either way the resolution is recorded and audited."""

    model_config = REQUEST

    take: Take
