"""Sync under faults, the long run (issue 12): the real engine and client against a real server
process (SQLite) through the fault proxy of tests/faults/proxy.py.

1. At least --faults injected faults (dropped before and after the server, resets both ways,
   truncated answers, answers held past the client's timeout, 502/503 with and without
   Retry-After, 429), with edits and new photos from the shared test photos between the syncs;
   then clean syncs, and server and laptop compared row by row and blob by blob.
2. The same number of syncs with the same kind of edits and no faults, in the same process:
   the time with faults over the time without.
3. kill -9 of a laptop process --client-kills times during edits and syncs; then a clean sync,
   PRAGMA integrity_check and the comparison.
4. kill -9 of the server --server-kills times during pushes and uploads; then a clean sync, the
   comparison and `ducha-server verify`.

Prints faults by kind, syncs, rows and blobs compared, the messages the user read, and times.

    ./dev bench sync_faults [--faults N] [--client-kills N] [--server-kills N] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faults import run  # noqa: E402
from tests.server.conftest import prepared_server  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--faults", type=int, default=1000)
    parser.add_argument("--client-kills", type=int, default=50)
    parser.add_argument("--server-kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rate", type=float, default=0.35, help="share of requests faulted")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ducha-faults-") as tmp:
        folder = Path(tmp)
        server = prepared_server(folder / "server", None, "sqlite")
        try:
            if args.faults:  # 0: the kill rounds only
                faulty = run.faulty_syncs(
                    server, folder / "faulty", faults=args.faults, seed=args.seed, rate=args.rate
                )
                print("faults:", json.dumps(faulty.report(), ensure_ascii=False, indent=1))
                clean = run.clean_syncs(
                    server, folder / "clean", syncs=faulty.syncs, seed=args.seed, user="insp_a2"
                )
                print(
                    f"time: {faulty.seconds:.1f} s with faults, {clean:.1f} s without "
                    f"({faulty.syncs} syncs each): ratio {faulty.seconds / clean:.2f}",
                    flush=True,
                )
            laptop = run.kill_laptop_rounds(
                server, folder / "killed", kills=args.client_kills, seed=args.seed
            )
            print(
                "laptop kills:",
                json.dumps(laptop.report(), ensure_ascii=False, indent=1),
                flush=True,
            )
            killed = run.kill_server_rounds(
                server, folder / "server-killed", kills=args.server_kills, seed=args.seed
            )
            print("server kills:", json.dumps(killed.report(), ensure_ascii=False, indent=1))
            print("verify:", run.verify_server(server).strip())
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
