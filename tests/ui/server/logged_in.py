"""A laptop's store whose login the app remembers, as after the login dialog: the window opened
on it syncs by itself."""

from __future__ import annotations

from pathlib import Path

from app.store_setup import open_store
from app.sync.account import remember_login
from app.sync.client import SyncClient
from tests.server.conftest import PASSWORD


def logged_in_laptop(server, name: str, data_dir: Path) -> None:
    store = open_store(data_dir)
    url = server.base.removesuffix("/api/v1")
    client = SyncClient(url)
    remember_login(store, url, name, None, client.login(name, PASSWORD, store.device_id))
    client.close()
    store.close()
