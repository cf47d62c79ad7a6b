"""ducha-server: init, user add, unit add, import, serve, verify."""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import sys
from pathlib import Path

import sqlalchemy as sa

from domain.clock import now_iso
from server.at_rest import private_umask, tighten
from server.auth import ROLES, hash_password
from server.blobs import BlobStore
from server.db import ENTITY_TABLES, app_user, default_url, make_engine, upgrade, user_unit
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


def cmd_user_add(args: argparse.Namespace) -> int:
    if args.role not in ROLES:
        print(f"role is one of {', '.join(ROLES)}", file=sys.stderr)
        return 2
    if not args.all_units and not args.unit:
        print("a user needs --unit UNIT (one or more) or --all-units", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        print("the password (read from stdin) needs at least 8 characters", file=sys.stderr)
        return 2
    engine = make_engine(_url(args))
    with engine.begin() as conn:
        seeder = Seeder(conn, _settings(args))
        units = []
        for key in args.unit or []:
            unit = seeder.unit_id(key)
            if unit is None:
                print(f"no unit {key!r}", file=sys.stderr)
                return 2
            units.append(unit)
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
                failed_logins=0,
                locked_until=None,
                all_units=bool(args.all_units),
            )
        )
        for unit in dict.fromkeys(units):
            conn.execute(sa.insert(user_unit).values(user_id=person["id"], unit_id=unit))
    engine.dispose()
    print(json.dumps({"id": person["id"], "username": args.name, "units": units}))
    return 0


def cmd_unit_add(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    with engine.begin() as conn:
        seeder = Seeder(conn, _settings(args))
        unit = seeder.unit(args.name, args.kind)
        zones = {z: seeder.zone(z, unit) for z in args.zone or []}
    engine.dispose()
    print(json.dumps({"id": unit, "zones": zones}, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from server.importer import run

    return run(args)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app, version
    from server.limits import Limits, http_protocol

    private_umask()
    if not _loopback(args.host) and not args.tls_cert:
        warning = (
            f"WARNING: serving on {args.host}:{args.port} without TLS: passwords, tokens and "
            "photos cross the network readable by anyone on the way. Put the server behind "
            "nginx with TLS (README, Production) or pass --tls-cert and --tls-key."
        )
        print(warning, file=sys.stderr, flush=True)
        logging.getLogger("ducha.server").warning(warning)
    limits = Limits()
    app = create_app(args.data_dir, _url(args))
    scheme = "https" if args.tls_cert else "http"
    log.info("ducha-server %s starting: %s://%s:%s", version(), scheme, args.host, args.port)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        http=http_protocol(limits),
        timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.max_connections,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        log_level=args.log_level,
        log_config=None,  # uvicorn's loggers go to ours: the log file and standard error
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
