"""A laptop's organisation, with its ids, for a server to adopt: `ducha org export --data-dir DIR
--out FILE.json`.

Joining a server later, without anything lost or duplicated (the whole path):

1. `ducha org export` writes this file: the units, zones, persons, templates and the office's
   settings record exactly as the store holds them (every row whole: id, rev, times), and the
   accounts the workbook named (username, person id, role, units; no password).
2. On the new server, after `ducha-server init`: `ducha-server org adopt FILE.json`
   (server/org_adopt.py) checks every row against the sync contract, then creates them WITH THE
   SAME IDS, and one account per person whose id is the person's id (so the identity checks of
   a push — notice.issued_by, notice_event.actor, review.reviewer, the inspection's team — hold
   for the laptop's own work). Each new account gets a one-time password, printed once. It is
   audited. Adopting the same file again changes nothing (rows and accounts exist by id).
3. The laptop logs in as its user (登录… or `ducha login`): its person id is its user id, and its
   outbox — the inspections, findings, photos, notices, reviews recorded alone — is pushed and
   accepted; the pull brings the same reference rows back (same ids: nothing doubled).
4. Other laptops log in and pull everything once.

Notices issued alone carry provisional numbers (there was no server to hand out official ones);
the server gives them official numbers when they arrive, as for any laptop offline. Work on the
laptop is its user's: the server takes a change only from the person it names (the team of an
inspection must include the pusher; an issuer, actor or reviewer must be the pusher), so one
laptop without a server should be used by the one person named with --user. Work recorded in
someone else's name would be refused at the join (listed under "refused by the server") — the
person would have to log in on that laptop to send it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.standalone.org_import import IMPORTED, accounts
from domain.clock import now_iso
from local_db.store import Store

FORMAT = "ducha-org"
VERSION = 1
ENTITIES = ("unit", "zone", "person", "template", "org_settings")
ORDER = {"unit": "rowid", "zone": "name", "person": "name", "template": "name, version"}


def org_document(store: Store) -> dict[str, Any]:
    """The organisation as the file holds it. KeyError-free on any store; a store that was
    never set up by `ducha org import` has no accounts (and a server would adopt no users)."""
    rows = {
        entity: store.rows(f"SELECT * FROM {entity} ORDER BY {ORDER.get(entity, 'id')}")
        for entity in ENTITIES
    }
    imported = json.loads(store.meta(IMPORTED) or "{}")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "device_id": store.device_id,
        "user": imported.get("user"),
        "rows": rows,
        "accounts": [{"username": name, **account} for name, account in accounts(store).items()],
    }


def export_org(store: Store, out: Path) -> dict[str, int]:
    """Write the file (whole or not at all); how many rows of each kind it holds."""
    document = org_document(store)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out)
    counts = {entity: len(rows) for entity, rows in document["rows"].items()}
    counts["accounts"] = len(document["accounts"])
    return counts
