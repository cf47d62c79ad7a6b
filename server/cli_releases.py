"""ducha-server release add | list | withdraw: the installers laptops update from (issue 17,
server/releases.py).

- add FILE --version V --platform P [--signature FILE.release.json]: checks the signed manifest
  (default: FILE.release.json beside the file, written by build/sign_release.py) against the
  release keys that ship inside the app, then stores the file as a blob and records it.
  Refused (exit 2, why on stderr, nothing recorded): unsigned, signed by an unknown key, a
  signature that does not match, a manifest for another file, version or platform, a bad
  version, a version already held.
- list: every release (platform, version, size, SHA-256, added, withdrawn).
- withdraw ID|VERSION [--platform P]: no longer offered to laptops.

Audited (`release_add`, `release_withdraw`) under `cli:<operating-system user>`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domain.release import PLATFORMS, ReleaseRefused
from server import audit, releases
from server.cli import _blobs, _refuse, _table, _url
from server.db import make_engine, reading


def cmd_release_add(args: argparse.Namespace) -> int:
    installer = Path(args.file)
    if not installer.is_file():
        return _refuse(f"{installer}: no such file")
    blobs = _blobs(args)
    if blobs is None:
        return 2
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            row = releases.add(
                conn,
                blobs,
                installer,
                args.version,
                args.platform,
                Path(args.signature) if args.signature else None,
                audit.cli_actor(),
            )
    except ReleaseRefused as refused:
        return _refuse(f"refused: {refused.message}")
    finally:
        engine.dispose()
    print(
        f"added {row['platform']} {row['version']}: {row['file_name']}, {row['size']} bytes, "
        f"sha256 {row['sha256']} (release {row['id']})"
    )
    return 0


def cmd_release_list(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    with reading(engine) as conn:
        rows = releases.listing(conn)
    engine.dispose()
    head = (
        "id",
        "platform",
        "version",
        "file",
        "size",
        "sha256",
        "added_at",
        "added_by",
        "withdrawn",
    )
    print(
        _table(
            head,
            [
                (
                    r["id"],
                    r["platform"],
                    r["version"],
                    r["file_name"],
                    str(r["size"]),
                    r["sha256"],
                    r["added_at"],
                    r["added_by"],
                    r["withdrawn_at"] or "-",
                )
                for r in rows
            ],
        )
    )
    return 0


def cmd_release_withdraw(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            row = releases.withdraw(conn, args.release, args.platform, audit.cli_actor())
    except ReleaseRefused as refused:
        return _refuse(refused.message)
    finally:
        engine.dispose()
    print(f"withdrawn {row['platform']} {row['version']} (release {row['id']}): no longer offered")
    return 0


def add_release_commands(
    sub: Any, common: Callable[[argparse.ArgumentParser], None], store_option: Callable[..., None]
) -> None:
    release = sub.add_parser("release", help="installers laptops update from").add_subparsers(
        dest="action", required=True
    )
    p = release.add_parser("add", help="check a signed installer, store and offer it")
    p.add_argument("file")
    p.add_argument("--version", required=True)
    p.add_argument("--platform", required=True, choices=sorted(PLATFORMS))
    p.add_argument("--signature", help="the signed manifest (default: FILE.release.json)")
    common(p)
    store_option(p)
    p.set_defaults(func=cmd_release_add)
    p = release.add_parser("list", help="every release held")
    common(p)
    p.set_defaults(func=cmd_release_list)
    p = release.add_parser("withdraw", help="no longer offer a release")
    p.add_argument("release", help="its id or version")
    p.add_argument("--platform", choices=sorted(PLATFORMS))
    common(p)
    p.set_defaults(func=cmd_release_withdraw)
