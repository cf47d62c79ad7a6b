"""The admin API client (docs: ADMIN_API, /api/v1/admin/…): units, zones, users and their
devices, templates. No Qt. It rides on the sync client (app/sync/client.py): the same transport,
retries, bearer token and refresh-credential renewal, the same base URL; nothing here opens a
connection of its own.

A refusal of the server ({error: {code, message, problems?}} with 400/403/404/409/413/422)
becomes an `AdminRefused` carrying the code (app/admin/texts.py words it) and, for a template,
every problem the server named; the other failures are the sync client's own (SyncUnreachable,
SyncUnauthorized, SyncServerError).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from pydantic import BaseModel

from app.sync import errors as words
from app.sync.client import SyncClient
from app.sync.errors import SyncRejected, SyncServerError
from domain.admin_wire import (
    DeviceList,
    NewUserAnswer,
    PasswordReset,
    Revoked,
    TemplateInfo,
    TemplateList,
    UnitInfo,
    UnitList,
    UserInfo,
    UserList,
    ZoneInfo,
    ZoneList,
)

ADMIN = "/admin"
REFUSED_STATUSES = (400, 403, 404, 409, 413, 422)


@dataclass(frozen=True)
class Problem:
    """One problem the server found in a template: the item (or category) it names."""

    item: str
    message: str


class AdminRefused(SyncRejected):
    """The server refused an admin call; `code` says why (name_taken, parent_cycle, …) and
    `problems` lists what it found in a template."""

    def __init__(
        self, *, status: int, code: str | None, detail: str, problems: list[Problem]
    ) -> None:
        super().__init__(words.REFUSED, status=status, code=code, detail=detail)
        self.problems = problems

    def __str__(self) -> str:  # for the log: which call, the status and the server's words
        return self.detail


def _problems(error: dict[str, Any], answer: dict[str, Any]) -> list[Problem]:
    found = error.get("problems", answer.get("problems"))
    if not isinstance(found, list):
        return []
    problems = []
    for entry in found[:1000]:
        if isinstance(entry, dict):
            problems.append(Problem(str(entry.get("item") or ""), str(entry.get("message") or "")))
        elif isinstance(entry, str):
            problems.append(Problem("", entry))
    return problems


class AdminApi:
    """The admin calls, over a logged-in SyncClient (which this object closes)."""

    def __init__(self, client: SyncClient) -> None:
        self.client = client

    def close(self) -> None:
        self.client.close()

    # -- plumbing ------------------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        what: str,
        model: type[BaseModel],
        *,
        retry: bool = True,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """One admin call: the answer's JSON object, or AdminRefused with the server's code.
        `retry`: a read or a PATCH (the same twice is once) may be sent again; a POST that
        creates may not."""
        response = self.client._request(
            method,
            ADMIN + path,
            what,
            ok=(200, 201, *REFUSED_STATUSES),
            retry=retry,
            **kwargs,
        )
        if response.status_code in REFUSED_STATUSES:
            raise self._refused(what, response)
        return self.client._check(self.client._json(response, what), model, what)

    @staticmethod
    def _refused(what: str, response: requests.Response) -> AdminRefused:
        answer: dict[str, Any] = {}
        try:
            parsed = response.json()
            answer = parsed if isinstance(parsed, dict) else {}
        except ValueError:
            pass
        error = answer.get("error") if isinstance(answer.get("error"), dict) else {}
        assert isinstance(error, dict)
        code = error.get("code")
        message = error.get("message") or response.reason or ""
        return AdminRefused(
            status=response.status_code,
            code=code if isinstance(code, str) else None,
            detail=f"{what}: the server answered {response.status_code} ({message})",
            problems=_problems(error, answer),
        )

    # -- units ---------------------------------------------------------------------------------
    def units(self) -> list[dict[str, Any]]:
        what = "reading the units"
        return self._call("GET", "/units", what, UnitList)["units"]

    def add_unit(self, name: str, kind: str, parent_id: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"name": name, "kind": kind}
        if parent_id:
            body["parent_id"] = parent_id
        return self._call("POST", "/units", f"adding unit {name}", UnitInfo, retry=False, json=body)

    def edit_unit(self, unit_id: str, **changes: Any) -> dict[str, Any]:
        """Any of name, kind, parent_id (None: no parent), active."""
        return self._call(
            "PATCH", f"/units/{unit_id}", f"changing unit {unit_id}", UnitInfo, json=changes
        )

    # -- zones ---------------------------------------------------------------------------------
    def zones(self) -> list[dict[str, Any]]:
        what = "reading the zones"
        return self._call("GET", "/zones", what, ZoneList)["zones"]

    def add_zone(self, fields: dict[str, Any]) -> dict[str, Any]:
        """name, kind, unit_id, chief_name?, chief_phone?, geometry? (GeoJSON text)."""
        what = f"adding zone {fields.get('name')}"
        return self._call("POST", "/zones", what, ZoneInfo, retry=False, json=fields)

    def edit_zone(self, zone_id: str, **changes: Any) -> dict[str, Any]:
        return self._call(
            "PATCH", f"/zones/{zone_id}", f"changing zone {zone_id}", ZoneInfo, json=changes
        )

    # -- users ---------------------------------------------------------------------------------
    def users(self) -> list[dict[str, Any]]:
        what = "reading the users"
        return self._call("GET", "/users", what, UserList)["users"]

    def add_user(
        self, username: str, name: str, role: str, units: list[str], all_units: bool
    ) -> dict[str, Any]:
        """{user, one_time_password}."""
        body = {
            "username": username,
            "name": name,
            "role": role,
            "units": units,
            "all_units": all_units,
        }
        return self._call(
            "POST", "/users", f"adding user {username}", NewUserAnswer, retry=False, json=body
        )

    def edit_user(self, user_id: str, **changes: Any) -> dict[str, Any]:
        """Any of name, role, units, all_units, enabled."""
        return self._call(
            "PATCH", f"/users/{user_id}", f"changing user {user_id}", UserInfo, json=changes
        )

    def reset_password(self, user_id: str) -> str:
        what = f"resetting the password of user {user_id}"
        answer = self._call(
            "POST", f"/users/{user_id}/reset-password", what, PasswordReset, retry=False
        )
        password = answer.get("one_time_password")
        if not isinstance(password, str) or not password:
            raise SyncServerError(
                words.BAD_ANSWER, detail=f"{what}: the answer carries no one-time password"
            )
        return password

    def devices(self, user_id: str) -> list[dict[str, Any]]:
        what = f"reading the devices of user {user_id}"
        return self._call("GET", f"/users/{user_id}/devices", what, DeviceList)["devices"]

    def revoke_device(self, user_id: str, device_id: str) -> int:
        what = f"revoking device {device_id} of user {user_id}"
        answer = self._call("POST", f"/users/{user_id}/devices/{device_id}/revoke", what, Revoked)
        revoked = answer.get("revoked")
        return revoked if isinstance(revoked, int) else 0

    # -- templates -----------------------------------------------------------------------------
    def templates(self) -> list[dict[str, Any]]:
        what = "reading the templates"
        return self._call("GET", "/templates", what, TemplateList)["templates"]

    def publish_template(self, body: dict[str, Any]) -> dict[str, Any]:
        what = f"publishing template {body.get('name')} v{body.get('version')}"
        return self._call(
            "POST", "/templates", what, TemplateInfo, retry=False, json={"body": body}
        )

    def retire_template(self, template_id: str) -> dict[str, Any]:
        what = f"retiring template {template_id}"
        return self._call("POST", f"/templates/{template_id}/retire", what, TemplateInfo)


def change_password(client: SyncClient, old_password: str, new_password: str) -> None:
    """POST /auth/change-password with the client's (fresh) token: after a login whose answer
    said must_change_password. AdminRefused when the server refuses the new password."""
    what = "changing the password"
    response = client._request(
        "POST",
        "/auth/change-password",
        what,
        ok=(200, 204, *REFUSED_STATUSES),
        retry=False,
        json={"old_password": old_password, "new_password": new_password},
    )
    if response.status_code in REFUSED_STATUSES:
        raise AdminApi._refused(what, response)
