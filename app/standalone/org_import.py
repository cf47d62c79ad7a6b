"""A laptop without a server, set up from the organisation workbook: `ducha org import FILE
--user USERNAME --data-dir DIR [--template FILE.json]`.

The same workbook `ducha-server import` reads (sheets 单位, 区域, 用户; server/importer.py's
docstring describes it), read by the same reader (server/import_sheets.py) and checked by the same
rules (domain/org_sheet.py): all or nothing, every problem named by sheet, row and column, and
nothing written when any is found. What is written, in one transaction:

- units, zones (with their road chiefs) and one person per user row, with stable ids
  (domain/ids.stable_id "org", kind, name — a person by username), so that the same workbook
  gives the same ids on every laptop and on the server that adopts them later;
- the shipped checklist (always installed) and, with --template, a JSON template of the office's;
- the office's settings record (defaults) unless the store holds one;
- the accounts of the sheet (username, role, units; never a password: the initial passwords in
  the sheet are not kept) as the store's meta `org_accounts`, for `ducha org export`;
- this laptop's user: the person of --user (an admin or reviewer gets the office screens).

None of it enters the outbox: it is reference data, as if pulled from a server. A server learns
it only when it adopts the laptop's export (app/standalone/org_export.py, server/org_adopt.py),
and then the outbox pushes the laptop's own work. Importing the same workbook again updates the
same rows (accounts already set up are kept as they are, with a note).

A store that has synced with a server, or holds another organisation (the demo's), is refused:
its organisation comes from elsewhere. The name the app asked for when it first started on the
empty store (a person queued for a server) gives way to the workbook's person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.template_file import read_template_body
from domain import org_sheet
from domain.clock import now_iso
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.ids import stable_id
from domain.org_settings import from_office
from domain.template import TemplateError, parse_template
from local_db.org_settings import org_settings, save_org_settings
from local_db.reference import install_template
from local_db.store import Store
from local_db.sync_state import CURSOR
from server.import_sheets import ImportFailed, read_files

CONTEXT = "org_import"
ACCOUNTS = "org_accounts"  # meta: {username: {person_id, name, role, all_units, unit_ids}}
IMPORTED = "org_import"  # meta: {at, files, user}: this store's organisation came from a workbook


def org_id(kind: str, key: str) -> str:
    """The id of a unit or zone (by name) or a person (by username) set up from a workbook: the
    same on every laptop and, after adoption, on the server."""
    return stable_id("org", kind, key)


def _msg(text: str, **values: Any) -> Message:
    return Message(CONTEXT, text, values)


class OrgImportRefused(Exception):
    """Nothing was written; `problems` says every reason (the sheets' own words — Chinese, as
    `ducha-server import` prints them — or translatable Messages)."""

    def __init__(self, problems: list[str | Message]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class OrgImportReport:
    units: int = 0
    zones: int = 0
    people: int = 0
    template: str | None = None  # the office's template installed, "name v1"
    user: str = ""  # the laptop's user: name
    role: str = ""
    notes: list[str] = field(default_factory=list)


def accounts(store: Store) -> dict[str, dict[str, Any]]:
    """The accounts the workbook named (username → person, role, units)."""
    return dict(json.loads(store.meta(ACCOUNTS) or "{}"))


def _read_template(path: Path) -> tuple[dict[str, Any] | None, list[str | Message]]:
    if path.suffix.lower() != ".json":
        return None, [
            _msg(
                QT_TRANSLATE_NOOP(
                    "org_import", "{file}: a template is read from a .json file here (not a sheet)"
                ),
                file=path.name,
            )
        ]
    # read as the admin's template import reads it: size bounded, a problem named in words
    # (line and column), never Python's own text
    body, unread = read_template_body(path)
    if unread:
        return None, list(unread)
    try:
        parse_template(body)
    except TemplateError as error:
        head = _msg(
            QT_TRANSLATE_NOOP("org_import", "{file}: not a usable template ({n} problem(s)):"),
            file=path.name,
            n=len(error.problems),
        )
        return None, [head, *error.problems]  # each problem names its item, translatable
    return body, []


def _known(store: Store) -> org_sheet.Known:
    def by_name(entity: str) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for row in store.rows(f"SELECT * FROM {entity} ORDER BY id"):
            out.setdefault(str(row.get("name") or "").strip(), []).append(row)
        return out

    units = by_name("unit")
    return org_sheet.Known(
        units=units,
        zones=by_name("zone"),
        unit_parent={r["id"]: r.get("parent_id") for rows in units.values() for r in rows},
        usernames=set(accounts(store)),
    )


def _refusal(store: Store) -> Message | None:
    """Why this store cannot take a workbook's organisation, or None."""
    if int(store.meta(CURSOR) or 0) > 0:
        return _msg(
            QT_TRANSLATE_NOOP(
                "org_import",
                "this store syncs with a server: its organisation comes from the server "
                "(use a new data folder for a laptop without a server)",
            )
        )
    if store.meta(IMPORTED) is None and (store.count("unit") or store.count("zone")):
        return _msg(
            QT_TRANSLATE_NOOP(
                "org_import",
                "this store already holds an organisation (the demo's, or one synced): use a "
                "new data folder",
            )
        )
    return None


def import_org(
    store: Store, paths: list[Path], username: str, template: Path | None = None
) -> OrgImportReport:
    """Check everything, then write it all in one transaction; OrgImportRefused: nothing
    written. `store` is open (app/store_setup.open_store: the shipped checklist installed)."""
    problems: list[str | Message] = []
    refused = _refusal(store)
    if refused is not None:
        raise OrgImportRefused([refused])
    body: dict[str, Any] | None = None
    if template is not None:
        body, found = _read_template(template)
        problems += found
    try:
        sheets, notes = read_files(paths)
    except ImportFailed as failed:
        raise OrgImportRefused([*problems, *(str(p) for p in failed.problems)]) from None
    known = _known(store)
    again = bool(known.usernames)  # the same workbook a second time: accounts kept
    plan, found_problems = org_sheet.check(sheets, known, skip_existing_users=again)
    problems += [str(p) for p in found_problems]
    held = accounts(store)
    planned = {u.username: u for u in plan.users}
    if not problems and username not in planned and username not in held:
        names = "、".join(list(held) + [u for u in planned if u not in held])
        problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "org_import",
                    "--user {user}: no such username in the users sheet (it has: {names})",
                ),
                user=username,
                names=names or "—",
            )
        )
    if problems:
        raise OrgImportRefused(problems)
    report = OrgImportReport(notes=[*notes, *plan.notes])
    with store.transaction():
        _forget_first_run_person(store)
        _write(store, plan, known, held, report)
        if body is not None:
            install_template(store, body, shipped=True)  # reference data: adopted at join
            report.template = f"{body.get('name')} v{body.get('version')}"
        if not org_settings(store).held:
            save_org_settings(store, from_office({}), None, outbox=False)
        me = accounts(store)[username]
        store.set_meta("local_person_id", me["person_id"])
        store.set_meta(
            IMPORTED,
            json.dumps(
                {"at": now_iso(), "files": [p.name for p in paths], "user": username},
                ensure_ascii=False,
            ),
        )
        report.user, report.role = me["name"], me["role"]
    return report


def _forget_first_run_person(store: Store) -> None:
    """The app started on the empty store before the import asked for a name and made a person
    of it (app/shell/startup.py), queued for a server: the workbook's person replaces it. Only
    while nothing refers to it (there were no zones: nothing could be recorded) and nothing else
    waits in the outbox."""
    if store.meta(IMPORTED) is not None:
        return
    person_id = store.meta("local_person_id")
    waiting = store.rows("SELECT entity, entity_id FROM outbox")
    if person_id is None or any(
        (w["entity"], w["entity_id"]) != ("person", person_id) for w in waiting
    ):
        return
    if store.count("inspection_person", person_id=person_id):
        return
    store.db.execute("DELETE FROM outbox WHERE entity = 'person' AND entity_id = ?", [person_id])
    store.db.execute("DELETE FROM person WHERE id = ?", [person_id])


def _write(
    store: Store,
    plan: org_sheet.Plan,
    known: org_sheet.Known,
    held: dict[str, dict[str, Any]],
    report: OrgImportReport,
) -> None:
    unit_ids = {name: rows[0]["id"] for name, rows in known.units.items() if len(rows) == 1}
    for unit in plan.units:  # a parent is on an earlier row or held already
        row: dict[str, Any] = {
            "id": unit_ids.get(unit.name) or org_id("unit", unit.name),
            "name": unit.name,
            "kind": unit.kind,
        }
        if unit.parent_given or unit.name not in unit_ids:
            row["parent_id"] = unit_ids[unit.parent] if unit.parent else None
        unit_ids[unit.name] = store.save("unit", row, outbox=False)["id"]
        report.units += 1
    zone_ids = {name: rows[0]["id"] for name, rows in known.zones.items() if len(rows) == 1}
    for zone in plan.zones:
        found = zone.name in zone_ids
        row = {
            "id": zone_ids.get(zone.name) or org_id("zone", zone.name),
            "name": zone.name,
            "kind": zone.kind,
            "unit_id": unit_ids[zone.unit],
            **({} if found else {"chief_name": None, "chief_phone": None, "active": 1}),
            **zone.chief,
        }
        store.save("zone", row, outbox=False)
        report.zones += 1
    for user in plan.users:
        if user.skip:
            continue
        person_id = org_id("person", user.username)
        store.save(
            "person",
            {"id": person_id, "name": user.name, "phone": None, "role": user.role},
            outbox=False,
        )
        held[user.username] = {
            "person_id": person_id,
            "name": user.name,
            "role": user.role,
            "all_units": user.all_units,
            "unit_ids": [unit_ids[name] for name in user.units],
        }
        report.people += 1
    store.set_meta(ACCOUNTS, json.dumps(held, ensure_ascii=False))
