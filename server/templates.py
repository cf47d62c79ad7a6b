"""Checklist templates on the server: list, publish a new version, retire one (issue 16).

One piece, two doors: the admin routes (server/routes_templates.py) and `ducha-server template
list|import|publish|retire` (server/cli_templates.py) call these functions. A published version
is a `template` row written through the server's own writer (server/seed.py Seeder: the row and
its change_log entry), so every laptop receives it at its next pull; retiring rewrites the row
with `retired_at` (a new rev, pulled alike). Inspections keep the version they were made with:
a retired version stays, only a NEW inspection on it is refused (server/push_checks.py,
`template_retired`). Every write is audited (template_publish, template_retire) in the same
transaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from domain.clock import now_iso
from domain.contract import error_reasons
from domain.contract.rows import TemplateRow
from domain.i18n import Message
from domain.template import Template, TemplateError, parse_template, problem_subject, template_id
from server import audit
from server.db import ENTITY_TABLES
from server.seed import Seeder, new_row
from server.settings import Settings

MAX_BODY_CHARS = 1_000_000  # domain/contract/rows.py TemplateRow.body


class TemplateRefused(Exception):
    """A publish or retire refused: `code` (template_invalid, version_exists, not_found) is the
    client's key; `problems` names every problem of an invalid body."""

    def __init__(self, code: str, message: str, problems: list[Message] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.problems = problems or []

    def problem_list(self) -> list[dict[str, str]]:
        """The problems as the API answers them: [{item, message}] (English)."""
        return [{"item": problem_subject(p), "message": str(p)} for p in self.problems]


def _rows(conn: sa.Connection) -> list[dict[str, Any]]:
    table = ENTITY_TABLES["template"]
    return [json.loads(text) for (text,) in conn.execute(sa.select(table.c.row))]


def _inspection_counts(conn: sa.Connection) -> dict[str, int]:
    """Inspections per template id (every version of every inspection row)."""
    table = ENTITY_TABLES["inspection"]
    if conn.dialect.name == "postgresql":
        key: Any = sa.cast(table.c.row, sa.JSON)["template_id"].as_string()
    else:
        key = sa.func.json_extract(table.c.row, "$.template_id")
    counts: dict[str, int] = defaultdict(int)
    for template, count in conn.execute(sa.select(key, sa.func.count()).group_by(key)):
        if template is not None:
            counts[str(template)] += int(count)
    return counts


def info(row: dict[str, Any], inspections: int) -> dict[str, Any]:
    """TemplateInfo (domain/admin_wire.py) of a template row."""
    try:
        items = parse_template(json.loads(row["body"])).item_count
    except (ValueError, TypeError, TemplateError):
        items = 0
    return {
        "id": row["id"],
        "name": row["name"],
        "version": int(row["version"]),
        "published_at": row.get("published_at"),
        "retired_at": row.get("retired_at"),
        "items": items,
        "inspections": inspections,
    }


def listing(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every template version, by name then newest version first."""
    counts = _inspection_counts(conn)
    rows = sorted(_rows(conn), key=lambda r: (r["name"], -int(r["version"])))
    return [info(r, counts.get(r["id"], 0)) for r in rows]


def check(body: Any) -> Template:
    """The body as a Template (TemplateRefused template_invalid naming every problem)."""
    try:
        template = parse_template(body)
    except TemplateError as error:
        raise TemplateRefused(
            "template_invalid", "the template has problems", error.problems
        ) from None
    text = json.dumps(body, ensure_ascii=False)
    if len(text) > MAX_BODY_CHARS:
        raise TemplateRefused(
            "template_invalid", f"the template is larger than {MAX_BODY_CHARS} characters"
        )
    row = new_row(
        id=template_id(template.name, template.version),
        name=template.name,
        version=template.version,
        published_at=None,
        retired_at=None,
        body=text,
    )
    try:  # the row every laptop checks when it pulls it (domain/contract/rows.py)
        TemplateRow.model_validate(row)
    except ValidationError as error:
        reasons = error_reasons(error.errors(include_url=False, include_input=False), limit=10)
        raise TemplateRefused(
            "template_invalid", f"the template row is invalid: {reasons}"
        ) from None
    return template


def check_version(conn: sa.Connection, template: Template) -> None:
    """TemplateRefused version_exists unless the version is above every stored one of its name."""
    same_name = [r for r in _rows(conn) if r["name"] == template.name]
    highest = max((int(r["version"]) for r in same_name), default=0)
    if template.version <= highest:
        raise TemplateRefused(
            "version_exists",
            f"{template.name} has version {highest} already: publish version {highest + 1} "
            "or above",
        )


def publish(
    conn: sa.Connection, settings: Settings, body: Any, actor: dict[str, Any]
) -> dict[str, Any]:
    """Publish `body` as a new version: valid, and its version above every stored version of
    its name (TemplateRefused otherwise). Returns its TemplateInfo."""
    template = check(body)
    seeder = Seeder(conn, settings)  # takes the write lock: two publishes see each other
    check_version(conn, template)
    row = new_row(
        id=template_id(template.name, template.version),
        name=template.name,
        version=template.version,
        published_at=now_iso(),
        retired_at=None,
        body=json.dumps(body, ensure_ascii=False),
    )
    if seeder.push.get("template", row["id"]) is not None:  # the same id, e.g. deleted name
        raise TemplateRefused("version_exists", f"{template.name} v{template.version} exists")
    seeder.add("template", row)
    audit.record(
        conn,
        "template_publish",
        entity="template",
        entity_id=row["id"],
        detail={
            "name": template.name,
            "version": template.version,
            "items": template.item_count,
            "body_chars": len(row["body"]),
        },
        **actor,
    )
    return info(row, 0)


def find(conn: sa.Connection, name: str, version: int) -> str | None:
    return next(
        (r["id"] for r in _rows(conn) if r["name"] == name and int(r["version"]) == version),
        None,
    )


def retire(
    conn: sa.Connection, settings: Settings, ident: str, actor: dict[str, Any]
) -> dict[str, Any]:
    """Mark a version retired (a new inspection may no longer use it; the ones made with it
    keep it). Retiring a retired version changes nothing. TemplateRefused not_found."""
    seeder = Seeder(conn, settings)
    stored = seeder.push.get("template", ident)
    if stored is None:
        raise TemplateRefused("not_found", f"no template {ident}")
    row = dict(stored.row)
    counts = _inspection_counts(conn)
    if row.get("retired_at"):
        return info(row, counts.get(ident, 0))
    now = now_iso()
    row.update(retired_at=now, updated_at=now, device_id="server", rev=int(row["rev"]) + 1)
    seeder.push.write("template", row, None, exists=True)
    audit.record(
        conn,
        "template_retire",
        entity="template",
        entity_id=ident,
        detail={"name": row["name"], "version": int(row["version"])},
        **actor,
    )
    return info(row, counts.get(ident, 0))
