"""ducha-server: init, user (add, list, disable, enable, set-password, reset-password,
set-role, set-units), device (list, revoke, unbind: server/cli_devices.py), plan (draw, reveal,
verify, show: server/cli_plans.py), unit (add, rename, retire) and zone (add, edit, retire):
server/cli_org.py, template (server/cli_templates.py), release (add, list, withdraw:
server/cli_releases.py), import, org adopt (server/org_adopt.py),
audit, serve [--workers N] (server/serve.py), verify, backup (server/backup.py), restore
(server/restore.py), bundle import (a laptop's USB-stick bundle: server/cli_bundle.py).

The user, unit and zone commands call the same functions as the admin routes
(server/admin_users.py, server/admin_org.py).

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
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from domain.admin_wire import NewUser, UserChange
from domain.clock import from_iso, now_iso
from domain.contract import error_reasons
from server import admin_users, audit
from server.at_rest import private_umask, tighten
from server.auth import ROLES, hash_password
from server.blobs import BlobStorage, StoreUnavailable, open_store
from server.db import (
    DATABASE_URL_ENV,
    ENTITY_TABLES,
    app_user,
    device,
    make_engine,
    reading,
    resolve_url,
    token,
    upgrade,
    user_unit,
)
from server.errors import ApiError
from server.logs import log, start_logging
from server.seed import Seeder
from server.settings import Settings


def _url(args: argparse.Namespace) -> str:
    return resolve_url(args.database_url, args.data_dir)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(data_dir=Path(args.data_dir), database_url=_url(args))


def _store_spec(args: argparse.Namespace) -> str:
    """--blob-store, else DUCHA_BLOB_STORE, else the local disk."""
    given = getattr(args, "blob_store", None)
    return given if given is not None else os.environ.get("DUCHA_BLOB_STORE", "")


def _blobs(args: argparse.Namespace, *, prepare: bool = True) -> BlobStorage | None:
    """The configured blob store, prepared (else only checked); None (the reason printed) when
    it cannot be used."""
    try:
        blobs = open_store(Path(args.data_dir), _store_spec(args))
        if prepare:
            blobs.prepare()
        else:
            blobs.check()
    except StoreUnavailable as error:
        print(error, file=sys.stderr)
        return None
    return blobs


def cmd_init(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    private_umask()  # the database and everything below: the server's user only
    tighten(data_dir)
    if _blobs(args) is None:
        return 2
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


def run_admin(args: argparse.Namespace, work: Callable[[sa.Connection], str]) -> int:
    """Run `work` (a server/admin_*.py function: the same as the admin routes) in one
    transaction and print what it answers; a refusal (ApiError, a value out of the contract)
    is printed to standard error, exit 2, nothing written."""
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            message = work(conn)
    except ApiError as refused:
        return _refuse(refused.message)
    except ValidationError as error:
        return _refuse(error_reasons(error.errors(include_url=False, include_input=False)))
    finally:
        engine.dispose()
    print(message)
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    if args.role not in ROLES:
        return _refuse(f"role is one of {', '.join(ROLES)}")
    if not args.all_units and not args.unit:
        return _refuse("a user needs --unit UNIT (one or more) or --all-units")
    if args.one_time_password:
        digest = None
    else:
        password = _read_password()
        if password is None:
            return _refuse("the password (read from stdin) needs at least 8 characters")
        digest = hash_password(password)

    def work(conn: sa.Connection) -> str:
        units = _unit_ids(Seeder(conn, _settings(args)), args.unit or [])
        if isinstance(units, str):
            raise ApiError(422, "unknown_unit", f"no unit {units!r}")
        asked = NewUser.model_validate(
            {
                "username": args.name,
                "name": args.display_name or args.name,
                "role": args.role,
                "units": units,
                "all_units": bool(args.all_units),
            }
        )
        added = admin_users.add_user(
            conn, _settings(args), asked, audit.cli_actor(), password_hash=digest
        )
        out = {"id": added["user"]["id"], "username": args.name, "units": units}
        if added["one_time_password"]:
            out["one_time_password"] = added["one_time_password"]
        return json.dumps(out, ensure_ascii=False)

    return run_admin(args, work)


def _change_user(
    args: argparse.Namespace, action: str, change: dict[str, Any], words: Callable[[dict], str]
) -> int:
    """Apply `change` (UserChange fields) to the user named args.name, audited as `action`;
    prints `words(detail)`, or that nothing needed changing."""

    def work(conn: sa.Connection) -> str:
        row = admin_users.user_by_name(conn, args.name)
        asked = UserChange.model_validate(change)
        detail = admin_users.update_user(conn, row.id, asked, audit.cli_actor(), action)
        if not detail["changed"]:
            return f"{row.username}: nothing to change"
        revoked = detail.get("tokens_revoked")
        tail = "" if revoked is None else f"; {revoked} token(s) revoked"
        return f"{row.username}: {words(detail)}{tail}"

    return run_admin(args, work)


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
    return _change_user(
        args, f"user_{args.action}", {"enabled": enable}, lambda _: f"{args.action}d"
    )


def cmd_user_set_password(args: argparse.Namespace) -> int:
    password = _read_password()
    if password is None:
        return _refuse("the new password (read from stdin) needs at least 8 characters")
    digest = hash_password(password)  # before the transaction: argon2 is slow on purpose

    def work(conn: sa.Connection) -> str:
        row = admin_users.user_by_name(conn, args.name)
        revoked = admin_users.set_password(
            conn, row.id, digest, audit.cli_actor(), one_time=False, action="user_set_password"
        )
        return f"new password for {row.username}; {revoked} token(s) revoked"

    return run_admin(args, work)


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    """A one-time password, printed once: the user must change it at the next login."""

    def work(conn: sa.Connection) -> str:
        row = admin_users.user_by_name(conn, args.name)
        otp = admin_users.reset_password(conn, row.id, audit.cli_actor())
        return f"one-time password for {row.username} (shown once; tokens revoked): {otp}"

    return run_admin(args, work)


def cmd_user_set_role(args: argparse.Namespace) -> int:
    return _change_user(
        args,
        "user_set_role",
        {"role": args.role},
        lambda d: f"{d.get('from')} → {d.get('to')}",
    )


def cmd_user_set_units(args: argparse.Namespace) -> int:
    if not args.all_units and not args.unit:
        return _refuse("set-units needs --unit UNIT (one or more) or --all-units")
    engine = make_engine(_url(args))
    with engine.begin() as conn:
        units = _unit_ids(Seeder(conn, _settings(args)), args.unit or [])
    engine.dispose()
    if isinstance(units, str):
        return _refuse(f"no unit {units!r}")
    what = "all units" if args.all_units else f"{len(units)} unit(s)"
    return _change_user(
        args,
        "user_set_units",
        {"units": units, "all_units": bool(args.all_units)},
        lambda _: f"now sees {what}",
    )


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
    if _blobs(args, prepare=False) is None:  # a store that cannot be used: said, exit 2
        return 2
    if args.blob_store is not None:  # for every process this one starts, the same store
        os.environ["DUCHA_BLOB_STORE"] = args.blob_store
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
    blobs = _blobs(args, prepare=False)  # verify changes nothing
    if blobs is None:
        return 2
    print(f"blob store: {blobs.describe()}")
    try:
        for sha, problem in blobs.verify():
            print(f"blob {sha}: {problem}")
            problems += 1
    except ApiError as error:  # the store stopped answering midway
        print(f"blob store {blobs.describe()}: {error.message}", file=sys.stderr)
        return 2
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


def cmd_backup(args: argparse.Namespace) -> int:
    from server.backup import take

    out = Path(args.out)
    if not out.parent.is_dir():
        return _refuse(f"--out: the folder {out.parent} does not exist")
    if out.is_dir():
        return _refuse(f"--out: {out} is a folder; name the backup file")
    private_umask()
    blobs = _blobs(args, prepare=False)  # read only: shas and open_blob
    if blobs is None:
        return 2
    engine = make_engine(_url(args))
    try:
        result = take(engine, blobs, out)
    finally:
        engine.dispose()
    m = result.manifest
    print(
        f"backup {out}: revision {m['schema_revision']}, change_log up to seq "
        f"{m['change_log_max_seq']}, {sum(m['rows'].values())} rows in {len(m['rows'])} "
        f"tables, {m['blobs']} blobs, snapshot at {m['taken_at']}"
    )
    for sha in result.bad_blobs:
        print(f"blob {sha}: content differs from its name: left out", file=sys.stderr)
    for sha in result.missing_blobs:
        print(f"blob {sha}: named by a photo but not held", file=sys.stderr)
    log.info("backup written: %s", out.name)
    return 1 if result.bad_blobs or result.missing_blobs else 0


def cmd_restore(args: argparse.Namespace) -> int:
    from server.restore import RestoreRefused, restore

    private_umask()

    def store() -> BlobStorage:
        blobs = open_store(Path(args.data_dir), _store_spec(args))  # StoreUnavailable: said
        blobs.prepare()
        return blobs

    try:
        done = restore(
            Path(args.file), Path(args.data_dir), _url(args), store, number_gap=args.number_gap
        )
    except RestoreRefused as refused:
        print(f"restore refused: {refused}", file=sys.stderr)
        return 1
    except StoreUnavailable as error:
        print(error, file=sys.stderr)
        return 2
    tighten(Path(args.data_dir))
    m = done.manifest
    print(
        f"restored {sum(done.rows.values())} rows in {len(done.rows)} tables and "
        f"{done.blobs_added} blobs from the backup of {m['taken_at']} (change_log up to seq "
        f"{m['change_log_max_seq']}); new epoch: laptops that synced after the backup pull "
        "again from that seq"
    )
    log.info("restored from %s; change_log up to %s", Path(args.file).name, m["change_log_max_seq"])
    return cmd_verify(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ducha-server", description="Ducha central server")
    sub = top.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", required=True)
        p.add_argument(
            "--database-url",
            help=f"default: ${DATABASE_URL_ENV}, else SQLite in the data directory",
        )

    def store_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--blob-store",
            metavar="STORE",
            help="where blobs are: 'disk' (data-dir/blobs, the default) or "
            "s3://BUCKET?endpoint=URL (credentials from AWS_ACCESS_KEY_ID, "
            "AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION); default: $DUCHA_BLOB_STORE",
        )

    p = sub.add_parser("init", help="create or upgrade the database, load the template")
    common(p)
    store_option(p)
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
    p.add_argument(
        "--one-time-password",
        action="store_true",
        help="no password from stdin: make a one-time password, print it once; the user "
        "changes it at the first login",
    )
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
    p = user.add_parser(
        "reset-password",
        help="a one-time password, printed once; tokens revoked; the user must change it",
    )
    p.add_argument("name", help="the login name")
    common(p)
    p.set_defaults(func=cmd_user_reset_password)
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
    from server.cli_bundle import add_bundle_commands

    add_bundle_commands(sub, common)
    from server.cli_plans import add_plan_commands

    add_plan_commands(sub, common)
    from server.cli_templates import add_template_commands

    add_template_commands(sub, common)
    from server.cli_releases import add_release_commands

    add_release_commands(sub, common, store_option)

    p = sub.add_parser("audit", help="print the audit log (newest --limit entries, oldest first)")
    p.add_argument("--user", help="a user id or login name (cli:NAME for the command line)")
    p.add_argument("--entity", help="e.g. inspection, notice, app_user")
    p.add_argument("--entity-id")
    p.add_argument("--action", help="e.g. login_failed, upsert, rejected, refused, user_disable")
    p.add_argument("--since", help="an ISO-8601 time (UTC when it names no zone)")
    p.add_argument("--limit", type=int, default=100)
    common(p)
    p.set_defaults(func=cmd_audit)

    from server.cli_org import add_org_commands

    org = add_org_commands(sub, common)

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

    from server import org_adopt

    p = org.add_parser(
        "adopt",
        help="create the organisation of `ducha org export`'s FILE.json with its ids",
        description=org_adopt.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    common(p)
    p.set_defaults(func=org_adopt.run)

    p = sub.add_parser("serve", help="run the HTTP API")
    common(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--log-level", default="warning")
    store_option(p)
    p.add_argument(
        "--workers",
        type=int,
        default=os.environ.get("DUCHA_WORKERS") or "1",  # a string: argparse checks it as given
        help="server processes (default: $DUCHA_WORKERS, else 1); more than 1 on PostgreSQL "
        "only (server/serve.py)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "backup",
        help="a consistent online backup (database and blobs, with a manifest) to one tar file",
        description=__import__("server.backup").backup.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    common(p)
    store_option(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="restore a backup onto a new data directory and empty database, then verify",
        description=__import__("server.restore").restore.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="a file written by `ducha-server backup`")
    p.add_argument(
        "--number-gap",
        type=int,
        default=1000,
        help="notice numbers skipped per prefix and year, for blocks laptops reserved after "
        "the backup (default 1000)",
    )
    common(p)
    store_option(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("verify", help="re-hash every blob and submitted inspection digest")
    common(p)
    store_option(p)
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
