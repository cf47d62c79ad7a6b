"""An update offered by the county's server reaches a laptop (issue 17): the laptop learns of it
at its sync, downloads it from the server, resuming after an interruption, and verifies it; an
installer changed in the server's blob store is refused and deleted on the laptop. The real
server in a real process, its blobs on disk (SQLite, PostgreSQL) and in S3."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

import pytest

from app.sync.engine import sync_once
from app.sync.errors import SyncCancelled
from app.updates.core import UpdateRefused, current_platform, download, folder
from local_db import updates
from tests.server.laptops import laptop
from tests.server.releases import installer

MIB = 1 << 20


@pytest.fixture
def server(store_server):
    return store_server


@pytest.fixture
def added(server) -> Iterator[list[str]]:
    ids: list[str] = []
    yield ids
    for release_id in ids:
        server.cli("release", "withdraw", release_id)


def add(server, path, version: str, platform: str) -> str:
    done = server.cli(
        "release",
        "add",
        str(path),
        "--version",
        version,
        "--platform",
        platform,
        "--blob-store",
        server.blob_store,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.rsplit("(release ", 1)[1].rstrip(")\n")


def test_a_laptop_learns_of_an_update_downloads_it_resuming_and_verifies_it(
    server, tmp_path, added
):
    platform = current_platform()
    assert platform == "linux-x64-tar"  # a checkout on Linux: not installed under /opt/apps
    path = installer(tmp_path / "release", "9.5.0", platform, size=3 * MIB + 12_345)
    added.append(add(server, path, "9.5.0", platform))
    data_dir = tmp_path / "laptop"

    store, client = laptop(server, "insp_a", data_dir)  # its first sync learns of it
    offer = updates.current(store)
    assert offer is not None and (offer.version, offer.state) == ("9.5.0", "offered")
    assert offer.file_name == path.name

    cancel = threading.Event()  # the connection drops after the first MiB
    with pytest.raises(SyncCancelled):
        download(store, data_dir, client, cancel=cancel, on_bytes=lambda n, _: cancel.set())
    part = folder(data_dir) / f"{path.name}.part"
    left = part.stat().st_size
    assert 0 < left < path.stat().st_size
    assert not (folder(data_dir) / path.name).exists()

    seen: list[int] = []
    done = download(store, data_dir, client, on_bytes=lambda n, total: seen.append(n))
    assert seen[0] > left  # resumed where it stopped, not from the start
    assert done == folder(data_dir) / path.name and done.read_bytes() == path.read_bytes()
    assert not part.exists()
    offer = updates.current(store)
    assert offer is not None and (offer.state, offer.path) == ("verified", str(done))

    report = sync_once(store, data_dir, client)  # offered again: the download stays verified
    assert report.update_offered == "9.5.0"
    assert updates.current(store).state == "verified"  # type: ignore[union-attr]
    store.close()
    client.close()


def test_an_installer_changed_on_the_server_is_refused_and_deleted(server, tmp_path, added):
    platform = "linux-x64-tar"
    path = installer(tmp_path / "release", "9.6.0", platform, size=500_000)
    added.append(add(server, path, "9.6.0", platform))
    data = bytearray(path.read_bytes())
    data[250_000] ^= 0x01  # one bit, behind the server's back
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    server.tamper(sha, bytes(data))
    try:
        _refused_and_deleted(server, tmp_path, path, added)
    finally:  # the session's server is shared: its blob store verifies clean again
        server.tamper(sha, path.read_bytes())


def _refused_and_deleted(server, tmp_path, path, added) -> None:
    data_dir = tmp_path / "laptop"
    store, client = laptop(server, "insp_b", data_dir)
    assert updates.current(store).version == "9.6.0"  # type: ignore[union-attr]

    with pytest.raises(UpdateRefused) as refused:
        download(store, data_dir, client)

    assert str(refused.value) == (
        f"Installer check failed: {path.name}: its SHA-256 is not the one that was signed."
    )
    assert list(folder(data_dir).iterdir()) == []  # nothing of it kept
    offer = updates.current(store)
    assert offer is not None and (offer.state, offer.refusal) == ("refused", "sha_mismatch")

    server.cli("release", "withdraw", added[0])  # withdrawn: no longer offered
    sync_once(store, data_dir, client)
    assert updates.current(store) is None
    store.close()
    client.close()
