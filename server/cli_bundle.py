"""ducha-server bundle import FILE --answer ANSWER_FILE: a laptop's USB-stick bundle applied
(server/bundle_import.py), its answer written for the laptop (`ducha bundle import`).

Exit status: 0 imported (the answer says which changes were accepted, which refused and why);
1 refused whole, nothing applied (damaged, a part missing, altered, a signature that does not
match the device's key, a revoked device, another server's bundle, already imported: then the
same answer is written again when --answer is given); 2 bad arguments or no blob store.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domain import bundle_format
from domain.bundle_format import BundleRefused
from server.bundle_import import import_bundle
from server.bundle_keys import server_private_key
from server.cli import _blobs, _refuse, _settings, _url
from server.db import make_engine
from server.logs import log


def cmd_bundle_import(args: argparse.Namespace) -> int:
    bundle = Path(args.file)
    answer_file = Path(args.answer) if args.answer else None
    if answer_file is not None and not answer_file.parent.is_dir():
        return _refuse(f"--answer: the folder {answer_file.parent} does not exist")
    blobs = _blobs(args)
    if blobs is None:
        return 2
    engine = make_engine(_url(args))
    try:
        try:
            done = import_bundle(engine, _settings(args), blobs, bundle)
        except BundleRefused as refused:
            if refused.code != "replayed" or answer_file is None:
                print(f"bundle refused ({refused.code}): {refused.message}", file=sys.stderr)
                log.warning("bundle %s refused: %s", bundle.name, refused.code)
                return 1
            print(f"bundle refused ({refused.code}): {refused.message}", file=sys.stderr)
            done = import_bundle(engine, _settings(args), blobs, bundle, reissue=True)
    finally:
        engine.dispose()
    if answer_file is not None:
        key = server_private_key(Path(args.data_dir))
        bundle_format.write_answer(answer_file, done.answer, key)
    pulled = len(done.answer["pull"]["changes"])
    if done.replayed:
        print(f"answer written again to {answer_file}: nothing applied")
        return 1
    print(
        f"bundle {done.answer['bundle_id']}: {done.accepted} change(s) accepted, "
        f"{done.rejected} refused, {done.blobs_added} original(s) added; {pulled} change(s) "
        "for the laptop" + (f"; answer: {answer_file}" if answer_file else "")
    )
    for batch in done.answer["batches"]:
        if "error" in batch:
            print(
                f"batch {batch['batch_id']} refused: {batch['error']['message']}; the rest "
                "stays on the laptop",
                file=sys.stderr,
            )
    return 0


def add_bundle_commands(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    bundle = sub.add_parser("bundle", help="USB-stick sync: a laptop's bundle")
    actions = bundle.add_subparsers(dest="action", required=True)
    p = actions.add_parser(
        "import",
        help="apply a laptop's bundle; write the answer for it",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="the bundle (its .partN files beside it)")
    p.add_argument("--answer", metavar="ANSWER_FILE", help="where to write the laptop's answer")
    common(p)
    p.add_argument("--blob-store", metavar="STORE", help="as for `serve`")
    p.set_defaults(func=cmd_bundle_import)
