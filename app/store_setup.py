"""Opening a data folder's store the way the app does, without Qt: the headless commands, the
server tests' laptops and the benchmarks open it here too (app/shell/startup.py adds the window).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.photos.blobstore import BlobStore
from app.resources import resource_path
from local_db.reference import install_template
from local_db.store import Store

# The checklist shipped in resources/ (城市精细化管理督查考核细则), installed in every store.
SHIPPED_TEMPLATE = ("templates", "city_fine_management_v1.json")


def shipped_template_body() -> dict[str, Any]:
    """The shipped checklist's body. Raises OSError or ValueError when it cannot be read."""
    return json.loads(resource_path(*SHIPPED_TEMPLATE).read_text(encoding="utf-8"))


def open_store(data_dir: Path) -> Store:
    """Open (and migrate) the store and make sure the shipped checklist is installed."""
    store = Store.open(data_dir)
    # A killed import leaves only unfinished copies in blobs/tmp: clear the old ones.
    BlobStore(data_dir / "blobs").purge_temp(min_age=600)
    install_template(store, shipped_template_body(), shipped=True)
    return store
