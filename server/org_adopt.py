"""A server adopts the organisation of a laptop that worked without one:

    ducha-server org adopt FILE.json --data-dir DIR [--database-url URL] [--dry-run]

FILE.json is what `ducha org export` wrote on that laptop (app/standalone/org_export.py explains
the whole join). Run it after `ducha-server init`, before the laptop logs in.

- Every row (unit, zone, person, template, the office's settings) is checked against the sync
  contract (domain/contract: the same checks as a pushed row), and every reference inside the
  file: a zone's unit, a unit's parent, an account's person and units. Every account: a
  username without spaces, a role, a person of the file.
- Rows are created WITH THE SAME IDS (and revs and times) the laptop holds, as reference data
  (every laptop pulls them). A row the server holds already under that id is left as the server
  has it (noted when it differs). A unit or zone whose name the server holds under another id,
  or a username taken by another person, refuses the whole file: the organisations disagree
  (fix the server first; nothing was written). An office settings record the server holds is
  kept.
- One account per account of the file: id = the person's id (the identity checks of a push
  compare the rows' issued_by/actor/reviewer and the inspection's team with the token's user),
  its role and units, and a one-time password printed once (argon2-hashed; nothing else keeps
  it): hand each to its person, who must choose a new one at the first login. An account
  that exists under that username and id is left alone: adopting the same file twice creates
  nothing the second time.
- All in one transaction under the write lock, audited (`org_adopt`, the file's SHA-256, the
  counts, the usernames created).

Exit status: 0 adopted (or nothing to do), 1 refused (every problem listed, nothing written),
2 the file is unreadable or not an export.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain.clock import utc_now
from domain.contract import invalid_changes
from domain.contract.fields import Id, Name, Role
from server import audit
from server.admin_users import one_time_password
from server.auth import hash_password
from server.db import ENTITY_TABLES, app_user, make_engine, user_unit
from server.seed import Seeder
from server.settings import Settings

FORMAT = "ducha-org"
VERSION = 1
ENTITIES = ("unit", "zone", "person", "template", "org_settings")
MAX_FILE = 64 << 20  # an organisation with its templates: far less
BOOKKEEPING = ("created_at", "updated_at", "device_id", "rev")


class AccountEntry(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    username: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^\S+$")]
    person_id: Id
    name: Name
    role: Role
    all_units: bool
    unit_ids: Annotated[list[Id], Field(max_length=10_000)]


class Refused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Adopted:
    created: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)  # username → one-time password
    notes: list[str] = field(default_factory=list)


def read_document(path: Path) -> dict[str, Any]:
    """The export, or ValueError saying why it is not one (bounded while reading)."""
    with path.open("rb") as f:
        data = f.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise ValueError(f"{path.name}: larger than {MAX_FILE >> 20} MB, not an organisation")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"{path.name}: not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"{path.name}: not an organisation written by `ducha org export`")
    if document.get("version") != VERSION:
        raise ValueError(f"{path.name}: export version {document.get('version')!r} unknown")
    return document


def check_document(document: dict[str, Any]) -> tuple[dict[str, list[dict]], list[AccountEntry]]:
    """Every row against the contract and every reference inside the file; Refused otherwise."""
    problems: list[str] = []
    rows_in = document.get("rows")
    if not isinstance(rows_in, dict) or set(rows_in) - set(ENTITIES):
        raise Refused([f"rows: an object of {', '.join(ENTITIES)}"])
    rows: dict[str, list[dict]] = {}
    now = utc_now()
    for entity in ENTITIES:
        found = rows_in.get(entity) or []
        if not isinstance(found, list):
            problems.append(f"rows.{entity}: not a list")
            continue
        changes = [
            {"id": r.get("id") if isinstance(r, dict) else None, "op": "upsert", "entity": entity}
            | {"row": r}
            for r in found
        ]
        for index, reason in sorted(invalid_changes(changes, now).items()):
            problems.append(f"rows.{entity}[{index}]: {reason}")
        rows[entity] = [r for r in found if isinstance(r, dict)]
    accounts: list[AccountEntry] = []
    raw_accounts = document.get("accounts") or []
    if not isinstance(raw_accounts, list):
        problems.append("accounts: not a list")
        raw_accounts = []
    for index, raw in enumerate(raw_accounts):
        try:
            accounts.append(AccountEntry.model_validate(raw))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            problems.append(f"accounts[{index}].{where}: {first['msg']}")
    if problems:
        raise Refused(problems)
    ids = {entity: {r["id"] for r in found} for entity, found in rows.items()}
    for unit in rows["unit"]:
        if unit.get("parent_id") and unit["parent_id"] not in ids["unit"]:
            problems.append(f"unit {unit['name']}: its parent is not in the file")
    for zone in rows["zone"]:
        if zone["unit_id"] not in ids["unit"]:
            problems.append(f"zone {zone['name']}: its unit {zone['unit_id']} is not in the file")
    seen: set[str] = set()
    for account in accounts:
        if account.username in seen:
            problems.append(f"account {account.username}: twice in the file")
        seen.add(account.username)
        if account.person_id not in ids["person"]:
            problems.append(f"account {account.username}: its person is not in the file")
        for unit_id in account.unit_ids:
            if unit_id not in ids["unit"]:
                problems.append(f"account {account.username}: unit {unit_id} is not in the file")
    for entity in ("unit", "zone"):  # a unit's name is unique; a zone's within its unit
        names = [_name_key(entity, r) for r in rows[entity]]
        for name in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"{entity} {name[-1]}: twice in the file")
    if problems:
        raise Refused(problems)
    return rows, accounts


def _name_key(entity: str, row: dict) -> tuple[str, ...]:
    """What must be unique of a unit (its name) or a zone (its name within its unit)."""
    name = str(row.get("name"))
    return (str(row.get("unit_id")), name) if entity == "zone" else (name,)


def _parents_first(units: list[dict]) -> list[dict]:
    placed: set[str] = set()
    ordered: list[dict] = []
    pending = list(units)
    while pending:
        ready = [u for u in pending if not u.get("parent_id") or u["parent_id"] in placed]
        if not ready:  # a cycle: the contract cannot see it, the server must not store it
            raise Refused([f"unit {u['name']}: its parents form a cycle" for u in pending])
        for unit in ready:
            pending.remove(unit)
            placed.add(unit["id"])
            ordered.append(unit)
    return ordered


def _held(conn: sa.Connection, entity: str) -> dict[str, dict]:
    table = ENTITY_TABLES[entity]
    return {i: json.loads(text) for i, text in conn.execute(sa.select(table.c.id, table.c.row))}


def _same(a: dict, b: dict) -> bool:
    strip = {*BOOKKEEPING, "published_at"}  # the shipped template: published where installed
    return {k: v for k, v in a.items() if k not in strip} == {
        k: v for k, v in b.items() if k not in strip
    }


def _plan(
    conn: sa.Connection, rows: dict[str, list[dict]], accounts: list[AccountEntry]
) -> tuple[dict[str, list[dict]], list[AccountEntry], Adopted]:
    """What is new, against what the server holds; Refused when they disagree."""
    problems: list[str] = []
    result = Adopted()
    new: dict[str, list[dict]] = {}
    for entity in ENTITIES:
        held = _held(conn, entity)
        by_name = (
            {_name_key(entity, r): i for i, r in held.items()} if entity in ("unit", "zone") else {}
        )
        new[entity] = []
        for row in rows[entity]:
            if row["id"] in held:
                result.unchanged[entity] = result.unchanged.get(entity, 0) + 1
                if not _same(held[row["id"]], row):
                    result.notes.append(f"{entity} {row.get('name', row['id'])}: kept as held")
            elif entity == "org_settings" and held:
                result.notes.append("the office's settings: the server's record is kept")
            elif _name_key(entity, row) in by_name:
                problems.append(
                    f"{entity} {row['name']}: the server holds it under another id "
                    f"({by_name[_name_key(entity, row)]})"
                )
            else:
                new[entity].append(row)
    people = _held(conn, "person")
    users = {r.username: r.id for r in conn.execute(sa.select(app_user.c.id, app_user.c.username))}
    by_id = {i: u for u, i in users.items()}
    fresh: list[AccountEntry] = []
    for account in accounts:
        if users.get(account.username) == account.person_id:
            result.unchanged["account"] = result.unchanged.get("account", 0) + 1
        elif account.username in users:
            problems.append(f"account {account.username}: the username belongs to another person")
        elif account.person_id in by_id:
            problems.append(
                f"account {account.username}: its person has the account {by_id[account.person_id]}"
            )
        elif account.person_id in people and people[account.person_id].get("name") != account.name:
            problems.append(  # the account would become that other person
                f"account {account.username}: the server holds its person as "
                f"{people[account.person_id].get('name')}, not {account.name}"
            )
        else:
            fresh.append(account)
    if problems:
        raise Refused(problems)
    return new, fresh, result


def adopt(
    engine: sa.Engine, settings: Settings, document: dict[str, Any], digest: str, dry_run: bool
) -> Adopted:
    rows, accounts = check_document(document)
    with engine.connect() as conn:  # a first look, so a refused file costs no hashing
        _, fresh, _ = _plan(conn, rows, accounts)
        conn.rollback()
    passwords = {a.username: one_time_password() for a in fresh}
    hashes = {name: hash_password(p) for name, p in passwords.items()}  # before the write lock
    with engine.connect() as conn, conn.begin() as transaction:
        seeder = Seeder(conn, settings)  # the write lock
        new, fresh, result = _plan(conn, rows, accounts)  # again: the database may have moved
        for entity in ENTITIES:
            ordered = _parents_first(new[entity]) if entity == "unit" else new[entity]
            for row in ordered:
                seeder.add(entity, dict(row))  # the laptop's row whole: id, rev, times
            result.created[entity] = len(ordered)
        for account in fresh:
            password = passwords.get(account.username) or one_time_password()
            conn.execute(
                sa.insert(app_user).values(
                    id=account.person_id,
                    username=account.username,
                    name=account.name,
                    role=account.role,
                    password_hash=hashes.get(account.username) or hash_password(password),
                    all_units=account.all_units,
                    must_change_password=True,  # asked for a new one at the first login
                )
            )
            for unit_id in dict.fromkeys(account.unit_ids):
                link = {"user_id": account.person_id, "unit_id": unit_id}
                conn.execute(sa.insert(user_unit).values(**link))
            result.passwords[account.username] = password
        result.created["account"] = len(fresh)
        audit.record(
            conn,
            "org_adopt",
            entity="org",
            entity_id=str(document.get("device_id") or "")[:200] or None,
            detail={
                "sha256": digest,
                "created": result.created,
                "unchanged": result.unchanged,
                "accounts": sorted(result.passwords),
                "dry_run": dry_run,
            },
            **audit.cli_actor(),
        )
        if dry_run:
            transaction.rollback()
            result.passwords = {}
    return result


def run(args: Any) -> int:
    """`ducha-server org adopt` (args from server.cli)."""
    from server.db import default_url

    path = Path(args.file)
    try:
        document = read_document(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, ValueError) as error:
        print(f"org adopt: {error}", file=sys.stderr)
        return 2
    url = args.database_url or default_url(args.data_dir)
    engine = make_engine(url)
    try:
        result = adopt(
            engine,
            Settings(data_dir=Path(args.data_dir), database_url=url),
            document,
            digest,
            args.dry_run,
        )
    except Refused as refused:
        print(
            f"org adopt: refused, nothing written ({len(refused.problems)} problem(s)):",
            file=sys.stderr,
        )
        for problem in refused.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    for note in result.notes:
        print(f"note: {note}")
    created = ", ".join(f"{n} {k}" for k, n in result.created.items())
    kept = ", ".join(f"{n} {k}" for k, n in result.unchanged.items()) or "nothing"
    head = "would create" if args.dry_run else "created"
    print(f"{head}: {created}; already held: {kept}")
    if result.passwords:
        print("one-time passwords (shown once; hand each to its person, who changes it):")
        for username, password in result.passwords.items():
            print(f"  {username}\t{password}")
    return 0
