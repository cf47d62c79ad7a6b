"""ducha-server: init, user (add, list, disable, enable, set-password, set-role, set-units),
device (list, revoke, unbind: server/cli_devices.py), plan (draw, reveal, verify, show:
server/cli_plans.py), unit add, import, audit, serve, verify.

Exit status: 0 done (also when nothing needed changing: the message says so), 1 a check found
problems (verify) or an import was refused, 2 refused: bad arguments, an unknown user, unit or
device, a short password. Admin actions are written to the audit log (server/audit.py) under
`cli:<operating-system user>`; a change of password, role, units or enabled state revokes the
user's tokens and refresh credentials."""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from domain.clock import from_iso, now_iso
from server import audit
from server.at_rest import private_umask, tighten
from server.auth import ROLES, hash_password, revoke_tokens
from server.blobs import BlobStore
from server.db import (
    ENTITY_TABLES,
    app_user,
    default_url,
    device,
    make_engine,
    reading,
    token,
    upgrade,
    user_unit,
)
from server.logs import log, start_logging
from server.seed import Seeder
from server.settings import Settings


def _url(args: argparse.Namespace) -> str:
    return args.database_url or default_url(args.data_dir)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(data_dir=Path(args.data_dir), database_url=_url(args))


def cmd_init(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    private_umask()  # the database and everything below: the server's user only
    tighten(data_dir)
    BlobStore(data_dir / "blobs").prepare()
    upgrade(_url(args))
    engine = make_engine(_url(args))
    with engine.begin() as conn:
        seeder = Seeder(conn, _settings(args))
        seeder.template()
        if args.demo:
            seeder.demo()
    engine.dispose()
    print(f"initialised {data_dir}" + (" with the demo organisation" if args.demo else ""))
    return 0


def _refuse(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _read_password() -> str | None:
    password = sys.stdin.readline().rstrip("\r\n")
    return password if len(password) >= 8 else None


def _unit_ids(seeder: Seeder, keys: list[str]) -> list[str] | str:
    """The ids of units given by id or name, or the first key that names none."""
    units = []
    for key in keys:
        unit = seeder.unit_id(key)
        if unit is None:
            return key
        units.append(unit)
    return list(dict.fromkeys(units))


def cmd_user_add(args: argparse.Namespace) -> int:
    if args.role not in ROLES:
        return _refuse(f"role is one of {', '.join(ROLES)}")
    if not args.all_units and not args.unit:
        return _refuse("a user needs --unit UNIT (one or more) or --all-units")
    password = _read_password()
    if password is None:
        return _refuse("the password (read from stdin) needs at least 8 characters")
    engine = make_engine(_url(args))
    with engine.begin() as conn:
        seeder = Seeder(conn, _settings(args))
        units = _unit_ids(seeder, args.unit or [])
        if isinstance(units, str):
            return _refuse(f"no unit {units!r}")
        if conn.execute(sa.select(app_user.c.id).where(app_user.c.username == args.name)).first():
            print(f"a user {args.name!r} exists already", file=sys.stderr)
            return 2
        from server.seed import new_row

        display = args.display_name or args.name
        existing = seeder.find("person", name=display)
        if existing:  # the person is known (demo, import): the account attaches to them
            person = {"id": existing}
        else:
            person = new_row(name=display, phone=None, role=args.role)
            seeder.add("person", person)
        conn.execute(
            sa.insert(app_user).values(
                id=person["id"],
                username=args.name,
                name=args.display_name or args.name,
                role=args.role,
                password_hash=hash_password(password),
                all_units=bool(args.all_units),
            )
        )
        for unit in units:
            conn.execute(sa.insert(user_unit).values(user_id=person["id"], unit_id=unit))
        audit.record(
            conn,
            "user_add",
            entity="app_user",
            entity_id=person["id"],
            detail={
                "username": args.name,
                "role": args.role,
                "units": len(units),
                "all_units": bool(args.all_units),
            },
            **audit.cli_actor(),
        )
    engine.dispose()
    print(json.dumps({"id": person["id"], "username": args.name, "units": units}))
    return 0


def _user_row(conn: sa.Connection, name: str) -> sa.Row | None:
    return conn.execute(sa.select(app_user).where(app_user.c.username == name)).first()


def _change_user(
    args: argparse.Namespace,
    action: str,
    change: Callable[[sa.Connection, sa.Row], tuple[str, dict] | str],
) -> int:
    """Run `change` on the user named args.name in one transaction with its audit entry.
    `change` answers (what to print, the audit detail), or a refusal message (exit 2)."""
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            row = _user_row(conn, args.name)
            if row is None:
                return _refuse(f"no user {args.name!r} (see: ducha-server user list)")
            outcome = change(conn, row)
            if isinstance(outcome, str):
                return _refuse(outcome)
            message, detail = outcome
            audit.record(
                conn,
                action,
                entity="app_user",
                entity_id=row.id,
                detail={"username": row.username, **detail},
                **audit.cli_actor(),
            )
    finally:
        engine.dispose()
    print(message)
    return 0


def _revoked(conn: sa.Connection, user_id: str, reason: str) -> str:
    count = revoke_tokens(conn, user_id, reason)
    return f"{count} token(s) revoked"


def cmd_user_list(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    unit_table = ENTITY_TABLES["unit"]
    with reading(engine) as conn:
        unit_names = {
            i: json.loads(r).get("name", i)
            for i, r in conn.execute(sa.select(unit_table.c.id, unit_table.c.row))
        }
        held: dict[str, list[str]] = {}
        for user_id, unit_id in conn.execute(sa.select(user_unit.c.user_id, user_unit.c.unit_id)):
            held.setdefault(user_id, []).append(unit_names.get(unit_id, unit_id))
        devices: dict[str, int] = {
            user_id: count
            for user_id, count in conn.execute(
                sa.select(device.c.user_id, sa.func.count()).group_by(device.c.user_id)
            )
        }
        live: dict[str, int] = {
            user_id: count
            for user_id, count in conn.execute(
                sa.select(token.c.user_id, sa.func.count())
                .where(token.c.revoked_at.is_(None), token.c.expires_at > now_iso())
                .group_by(token.c.user_id)
            )
        }
        users = conn.execute(sa.select(app_user).order_by(app_user.c.username)).all()
    engine.dispose()
    head = ("username", "name", "role", "state", "devices", "tokens", "units")
    lines = [
        (
            u.username,
            u.name,
            u.role,
            "enabled" if u.enabled else "disabled",
            str(devices.get(u.id, 0)),
            str(live.get(u.id, 0)),
            "all" if u.all_units else "、".join(sorted(held.get(u.id, []))) or "-",
        )
        for u in users
    ]
    print(_table(head, lines))
    return 0


def _table(head: tuple[str, ...], lines: Sequence[tuple[str, ...]]) -> str:
    widths = [max([len(h)] + [len(line[i]) for line in lines]) for i, h in enumerate(head)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [head, *lines]
    )


def cmd_user_enabled(args: argparse.Namespace) -> int:
    enable = args.action == "enable"

    def change(conn: sa.Connection, row: sa.Row) -> tuple[str, dict]:
        if bool(row.enabled) == enable:
            return f"{row.username} is already {'enabled' if enable else 'disabled'}", {
                "changed": False
            }
        conn.execute(sa.update(app_user).where(app_user.c.id == row.id).values(enabled=enable))
        if enable:
            return f"enabled {row.username}", {}
        return f"disabled {row.username}; {_revoked(conn, row.id, 'account disabled')}", {}

    return _change_user(args, f"user_{args.action}", change)


def cmd_user_set_password(args: argparse.Namespace) -> int:
    password = _read_password()
    if password is None:
        return _refuse("the new password (read from stdin) needs at least 8 characters")
    digest = hash_password(password)  # before the transaction: argon2 is slow on purpose

    def change(conn: sa.Connection, row: sa.Row) -> tuple[str, dict]:
        conn.execute(
            sa.update(app_user).where(app_user.c.id == row.id).values(password_hash=digest)
        )
        revoked = _revoked(conn, row.id, "password changed")
        return f"new password for {row.username}; {revoked}", {}

    return _change_user(args, "user_set_password", change)


def cmd_user_set_role(args: argparse.Namespace) -> int:
    def change(conn: sa.Connection, row: sa.Row) -> tuple[str, dict]:
        if row.role == args.role:
            return f"{row.username} is already {args.role}", {"changed": False}
        conn.execute(sa.update(app_user).where(app_user.c.id == row.id).values(role=args.role))
        revoked = _revoked(conn, row.id, "role changed")
        return f"{row.username}: {row.role} → {args.role}; {revoked}", {
            "from": row.role,
            "to": args.role,
        }

    return _change_user(args, "user_set_role", change)


def cmd_user_set_units(args: argparse.Namespace) -> int:
    if not args.all_units and not args.unit:
        return _refuse("set-units needs --unit UNIT (one or more) or --all-units")

    def change(conn: sa.Connection, row: sa.Row) -> tuple[str, dict] | str:
        seeder = Seeder(conn, _settings(args))
        units = _unit_ids(seeder, args.unit or [])
        if isinstance(units, str):
            return f"no unit {units!r}"
        uu = user_unit.c
        before = set(conn.execute(sa.select(uu.unit_id).where(uu.user_id == row.id)).scalars())
        if bool(row.all_units) == bool(args.all_units) and before == set(units):
            return f"{row.username} has these units already", {"changed": False}
        conn.execute(sa.delete(user_unit).where(uu.user_id == row.id))
        for unit in units:
            conn.execute(sa.insert(user_unit).values(user_id=row.id, unit_id=unit))
        conn.execute(
            sa.update(app_user)
            .where(app_user.c.id == row.id)
            .values(all_units=bool(args.all_units))
        )
        revoked = _revoked(conn, row.id, "units changed")
        what = "all units" if args.all_units else f"{len(units)} unit(s)"
        return f"{row.username} now sees {what}; {revoked}", {
            "units": len(units),
            "all_units": bool(args.all_units),
        }

    return _change_user(args, "user_set_units", change)


def _since(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return from_iso(text)
    except ValueError:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)  # no zone given: UTC


def cmd_audit(args: argparse.Namespace) -> int:
    try:
        since = _since(args.since)
    except ValueError:
        return _refuse(f"--since {args.since!r} is not an ISO-8601 time (2026-11-21T08:00Z)")
    engine = make_engine(_url(args))
    with reading(engine) as conn:
        page = audit.read(
            conn,
            user=args.user,
            entity=args.entity,
            entity_id=args.entity_id,
            action=args.action,
            since=since,
            limit=args.limit,
            newest=True,
        )
    engine.dispose()
    print(audit.table(page["entries"]))
    return 0


def cmd_unit_add(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    with engine.begin() as conn:
        seeder = Seeder(conn, _settings(args))
        unit = seeder.unit(args.name, args.kind)
        zones = {z: seeder.zone(z, unit) for z in args.zone or []}
        audit.record(
            conn,
            "unit_add",
            entity="unit",
            entity_id=unit,
            detail={"name": args.name, "zones": len(zones)},
            **audit.cli_actor(),
        )
    engine.dispose()
    print(json.dumps({"id": unit, "zones": zones}, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from server.importer import run

    code = run(args)
    if not args.dry_run:
        engine = make_engine(_url(args))
        try:
            audit.record_now(
                engine,
                "import",
                detail={
                    "files": "、".join(Path(f).name for f in args.files),
                    "result": "ok" if code == 0 else "refused",
                },
                **audit.cli_actor(),
            )
        finally:
            engine.dispose()
    return code


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    from server import serve
    from server.app import version

    refusal = serve.refuse_workers(_url(args), args.workers)
    if refusal:
        return _refuse(refusal)
    private_umask()
    if not _loopback(args.host) and not args.tls_cert:
        warning = (
            f"WARNING: serving on {args.host}:{args.port} without TLS: passwords, tokens and "
            "photos cross the network readable by anyone on the way. Put the server behind "
            "nginx with TLS (README, Production) or pass --tls-cert and --tls-key."
        )
        print(warning, file=sys.stderr, flush=True)
        logging.getLogger("ducha.server").warning(warning)
    scheme = "https" if args.tls_cert else "http"
    log.info(
        "ducha-server %s starting: %s://%s:%s, %d process(es)",
        version(),
        scheme,
        args.host,
        args.port,
        args.workers,
    )
    serve.run(
        args.data_dir,
        _url(args),
        host=args.host,
        port=args.port,
        workers=args.workers,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        log_level=args.log_level,
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from domain.digest import inspection_digest

    problems = 0
    blobs = BlobStore(Path(args.data_dir) / "blobs")
    for sha, problem in blobs.verify():
        print(f"blob {sha}: {problem}")
        problems += 1
    users, files, size = blobs.partials()  # blobs/partial/<user>/: not blobs, not checked
    if files:
        print(f"partial uploads (they expire): {files} file(s), {size} bytes, {users} user(s)")
    engine = make_engine(_url(args))
    tables = ENTITY_TABLES
    with engine.connect() as conn:

        def rows(entity: str, inspection_id: str) -> list[dict]:
            t = tables[entity]
            query = sa.select(t.c.row).where(t.c.inspection_id == inspection_id)
            return [json.loads(r) for (r,) in conn.execute(query)]

        insp = tables["inspection"]
        for (text,) in conn.execute(sa.select(insp.c.row).where(insp.c.status == "submitted")):
            row = json.loads(text)
            photos = rows("photo", row["id"])
            digest = inspection_digest(
                row, rows("inspection_person", row["id"]), rows("finding", row["id"]), photos
            )
            if digest != row.get("digest"):
                print(f"inspection {row['id']}: digest {row.get('digest')} != recomputed {digest}")
                problems += 1
            for photo in photos:
                if not blobs.has(photo["sha256"]):
                    print(f"inspection {row['id']}: photo {photo['id']} lacks its blob")
                    problems += 1
    engine.dispose()
    print(f"verified at {now_iso()}: {problems} problem(s)")
    return 1 if problems else 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ducha-server", description="Ducha central server")
    sub = top.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", required=True)
        p.add_argument("--database-url", help="default: SQLite in the data directory")

    p = sub.add_parser("init", help="create or upgrade the database, load the template")
    common(p)
    p.add_argument("--demo", action="store_true", help="also load the demo organisation")
    p.set_defaults(func=cmd_init)

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    p = user.add_parser("add", help="add a user; the password is read from stdin")
    p.add_argument("name", help="the login name")
    p.add_argument("--display-name")
    p.add_argument("--role", required=True, choices=ROLES)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--unit", action="append", help="a unit id or name (repeatable)")
    group.add_argument("--all-units", action="store_true")
    common(p)
    p.set_defaults(func=cmd_user_add)

    p = user.add_parser("list", help="list users: role, state, devices, live tokens, units")
    common(p)
    p.set_defaults(func=cmd_user_list)
    for action, text in (
        ("disable", "disable a user: no login, its tokens revoked"),
        ("enable", "enable a disabled user again"),
    ):
        p = user.add_parser(action, help=text)
        p.add_argument("name", help="the login name")
        common(p)
        p.set_defaults(func=cmd_user_enabled)
    p = user.add_parser("set-password", help="a new password, read from stdin; tokens revoked")
    p.add_argument("name", help="the login name")
    common(p)
    p.set_defaults(func=cmd_user_set_password)
    p = user.add_parser("set-role", help="change a user's role; tokens revoked")
    p.add_argument("name", help="the login name")
    p.add_argument("role", choices=ROLES)
    common(p)
    p.set_defaults(func=cmd_user_set_role)
    p = user.add_parser("set-units", help="replace a user's units; tokens revoked")
    p.add_argument("name", help="the login name")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--unit", action="append", help="a unit id or name (repeatable)")
    group.add_argument("--all-units", action="store_true")
    common(p)
    p.set_defaults(func=cmd_user_set_units)

    from server.cli_devices import add_device_commands

    add_device_commands(sub, common)
    from server.cli_plans import add_plan_commands

    add_plan_commands(sub, common)

    p = sub.add_parser("audit", help="print the audit log (newest --limit entries, oldest first)")
    p.add_argument("--user", help="a user id or login name (cli:NAME for the command line)")
    p.add_argument("--entity", help="e.g. inspection, notice, app_user")
    p.add_argument("--entity-id")
    p.add_argument("--action", help="e.g. login_failed, upsert, rejected, refused, user_disable")
    p.add_argument("--since", help="an ISO-8601 time (UTC when it names no zone)")
    p.add_argument("--limit", type=int, default=100)
    common(p)
    p.set_defaults(func=cmd_audit)

    unit = sub.add_parser("unit", help="manage units").add_subparsers(dest="action", required=True)
    p = unit.add_parser("add", help="add a unit (and zones of it)")
    p.add_argument("name")
    p.add_argument("--kind", default="department")
    p.add_argument("--zone", action="append", help="a zone name (repeatable)")
    common(p)
    p.set_defaults(func=cmd_unit_add)

    from server import importer

    p = sub.add_parser(
        "import",
        help="import units, zones and users from a spreadsheet (.xlsx or CSV)",
        description=importer.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=".xlsx or .csv (several: one import)")
    p.add_argument(
        "--kind", choices=importer.KINDS, help="what a CSV holds (default: from its header)"
    )
    p.add_argument("--encoding", help="of a CSV (default: UTF-8 with or without BOM, else GBK)")
    p.add_argument(
        "--skip-existing-users",
        action="store_true",
        help="skip (with a note) users whose username exists, instead of refusing the file",
    )
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    common(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("serve", help="run the HTTP API")
    common(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--log-level", default="warning")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (PostgreSQL only for more than 1; see server/serve.py)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("verify", help="re-hash every blob and submitted inspection digest")
    common(p)
    p.set_defaults(func=cmd_verify)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    start_logging(args.data_dir, stderr=args.command == "serve")
    command = " ".join(filter(None, (args.command, getattr(args, "action", None))))
    log.info("ducha-server %s started; data directory %s", command, Path(args.data_dir).resolve())
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
