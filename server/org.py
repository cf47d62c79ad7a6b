"""The office's settings record on the server (domain/org_settings.py): where the notice number
prefix and the office's zone come from. An admin's laptop writes the record through the ordinary
push (server/permissions.py: admins only); until one exists the server's own settings
(DUCHA_OFFICE_PREFIX, DUCHA_OFFICE_TZ) stand in."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import sqlalchemy as sa

from domain.composite_config import CompositeConfig, parse_config
from domain.org_settings import ORG_SETTINGS_ID, media_limit_of
from server.db import ENTITY_TABLES
from server.settings import Settings

ENTITY = "org_settings"


class Office(NamedTuple):
    prefix: str  # of official notice numbers
    zone: str  # IANA: a notice's year is its issue time's year there


def office(conn: sa.Connection, settings: Settings) -> Office:
    """The record's prefix and zone, else the server's settings."""
    table = ENTITY_TABLES[ENTITY]
    text = conn.execute(
        sa.select(table.c.row).where(table.c.id == ORG_SETTINGS_ID)
    ).scalar_one_or_none()
    if text is None:
        return Office(settings.office_prefix, settings.office_zone)
    row = json.loads(text)
    return Office(row["notice_prefix"], row["time_zone"])


def blob_limit(conn: sa.Connection, settings: Settings) -> int:
    """The largest original an upload may bring: the office's limit for one recording (its
    record's max_media_bytes, default 2 GB), never above the server's own ceiling
    (DUCHA_MAX_BLOB_BYTES). Photos are smaller than any recording the office allows."""
    table = ENTITY_TABLES[ENTITY]
    text = conn.execute(
        sa.select(table.c.row).where(table.c.id == ORG_SETTINGS_ID)
    ).scalar_one_or_none()
    row = json.loads(text) if text is not None else None
    return min(settings.max_blob_bytes, media_limit_of(row))


def author_problem(row: dict[str, Any], user_id: str) -> str | None:
    """`updated_by` is the pushing user: stamped when the row names nobody, refused (the reason)
    when it names someone else. Every save names its own author, so an update does not keep the
    previous one."""
    named = row.get("updated_by")
    if named is None:
        row["updated_by"] = user_id
        return None
    if named != user_id:
        return f"org_settings.updated_by names {named}, but this push is by {user_id}"
    return None


def composite_config(conn: sa.Connection) -> CompositeConfig:
    """The office's composite assessment configuration (its record's `composite`, else the
    default): what an imported component's scores are checked against."""
    table = ENTITY_TABLES[ENTITY]
    text = conn.execute(
        sa.select(table.c.row).where(table.c.id == ORG_SETTINGS_ID)
    ).scalar_one_or_none()
    row = json.loads(text) if text is not None else {}
    return parse_config(row.get("composite") or "")
