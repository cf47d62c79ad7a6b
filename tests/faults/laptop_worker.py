"""A laptop in a process of its own for the kill -9 rounds (tests/faults/run.py): it edits,
imports photos and syncs in a loop, printing one line a step, until it is killed.

    python -m tests.faults.laptop_worker DATA_DIR BASE_URL TEMPLATE_ID ZONE_ID SEED
"""

from __future__ import annotations

import sys
from pathlib import Path
from random import Random

from app.store_setup import open_store
from app.sync.engine import sync_once
from app.sync.errors import SyncError
from tests.faults.run import client_for, edit, test_photos


class _Server:  # what edit() reads of the server
    def __init__(self, template_id: str, zone_id: str) -> None:
        self.template_id = template_id
        self.zones = {"A": zone_id}


def main(argv: list[str]) -> int:
    folder, base, template_id, zone_id, seed = argv
    data_dir = Path(folder)
    rng = Random(int(seed))
    photos = test_photos()
    server = _Server(template_id, zone_id)
    store = open_store(data_dir)
    client = client_for(store, base)

    def step(what: str) -> None:
        print(what, flush=True)

    while True:
        for _ in range(rng.randint(1, 3)):
            step(edit(store, data_dir, server, rng, photos))  # type: ignore[arg-type]
        step("sync")
        try:
            sync_once(store, data_dir, client, on_progress=lambda phase, _d, _t: step(phase))
        except SyncError as error:
            step(f"failed {error}")
        step("synced")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
