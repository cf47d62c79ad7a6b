"""Evidence at rest is readable by its owner only: the server's data directory (database, blobs,
partial uploads, thumbnails) and the client's store (ducha.sqlite3, blobs). And a server that
listens beyond this machine without TLS says so."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.photos.blobstore import BlobStore as ClientBlobs
from local_db.store import Store
from tests.server.conftest import ROOT, Server, cli, free_port
from tests.server.raw import wait_for
from tests.testdata import PHOTOS

PHOTO = PHOTOS / "gps" / "DSCN0012.jpg"
SERVE = (sys.executable, "-m", "server.cli", "serve")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """What a shell usually has: the modes must not depend on it."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _open_to_others(root: Path) -> list[str]:
    """Every file or directory under `root` (itself included) that anyone but its owner may
    read, write or enter."""
    paths = [root, *root.rglob("*")]
    return [f"{p} {oct(_mode(p))}" for p in paths if not p.is_symlink() and _mode(p) & 0o077]


def test_the_servers_data_is_its_owners_alone(tmp_path):
    data_dir = tmp_path / "data"
    cli("init", data_dir=data_dir)
    assert _open_to_others(data_dir) == []
    # an older installation: everything world-readable; the next start tightens it
    for p in [data_dir, *data_dir.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    srv = Server(data_dir=data_dir, url=None, backend="sqlite")
    srv.units["A"] = json.loads(cli("unit", "add", "单位A", data_dir=data_dir))["id"]
    srv.add_user("insp", "inspector", "A")
    srv.start()
    try:
        s = srv.session("insp")
        data = PHOTO.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        assert s.put(f"{srv.base}/blobs/{sha}", data=data).status_code == 201
        assert s.get(f"{srv.base}/blobs/{sha}", params={"size": 128}).status_code == 200
        other = os.urandom(100_000)
        other_sha = hashlib.sha256(other).hexdigest()
        cut = s.put(
            f"{srv.base}/blobs/{other_sha}",
            data=other[:1000],
            headers={"Content-Range": f"bytes 0-999/{len(other)}"},
        )
        assert cut.status_code == 202
        assert (data_dir / "blobs" / sha[:2] / sha[2:4] / sha).is_file()
        assert list((data_dir / "thumbs").rglob("*.jpg"))
        assert list((data_dir / "blobs" / "partial").rglob(f"{other_sha}*"))
        logs = sorted(data_dir.glob("server-*.log"))  # written by the test, not the server
        opened = [p for p in _open_to_others(data_dir) if not p.startswith(str(logs[0]))]
        assert opened == []
    finally:
        srv.stop()


def test_serving_beyond_loopback_without_tls_warns(tmp_path):
    cli("init", data_dir=tmp_path)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*SERVE, "--data-dir", str(tmp_path), "--host", "0.0.0.0", "--port", str(free_port())],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "without TLS" in log.read_text(), what="the warning")
    finally:
        proc.terminate()
        proc.wait(10)
    assert "WARNING" in log.read_text()


def test_the_clients_store_is_its_users_alone(tmp_path):
    folder = tmp_path / "laptop"
    store = Store.open(folder)
    blobs = ClientBlobs(folder / "blobs")
    placed = blobs.ingest(PHOTO)
    store.close()
    assert _mode(folder) == 0o700
    assert _mode(folder / "ducha.sqlite3") == 0o600
    assert _mode(placed.path) == 0o400  # read-only, and the owner's only
    assert _open_to_others(folder) == []
    # a store made before: tightened when opened
    folder.chmod(0o755)
    (folder / "ducha.sqlite3").chmod(0o644)
    Store.open(folder).close()
    assert _mode(folder) == 0o700 and _mode(folder / "ducha.sqlite3") == 0o600
