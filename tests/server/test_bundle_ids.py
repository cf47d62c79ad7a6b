"""A bundle id is the laptop's own (review of issue 17): another laptop that saw a bundle on a
shared stick and signed a bundle of its own under the same id cannot make the first one look
already imported (refused as a replay, its changes never applied)."""

from __future__ import annotations

import json
import zipfile

from app.bundle import keys
from app.bundle.export import export_bundle
from domain import bundle_format
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS


def _same_id(out, other_id: str, private: bytes) -> None:
    """The bundle at `out` under `other_id`, signed again with its own laptop's key."""
    head = bundle_format.read_head(out)
    manifest = json.dumps({**head.manifest, "bundle_id": other_id}, sort_keys=True).encode()
    with zipfile.ZipFile(out) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(out, "w") as z:
        for name, data in items:
            if name == bundle_format.MANIFEST:
                data = manifest
            elif name == bundle_format.SIGNATURE:
                data = bundle_format.b64(bundle_format.sign(private, manifest)).encode()
            z.writestr(name, data)


def test_another_laptop_cannot_take_a_bundle_s_id_first(server, tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a, _ = laptop(server, "insp_a", a_dir)
    b, _ = laptop(server, "insp_a2", b_dir)
    submitted_with_photos(a, a_dir, server, [PHOTOS / "gps" / "DSCN0010.jpg"], description="A")
    submitted_with_photos(b, b_dir, server, [PHOTOS / "gps" / "DSCN0012.jpg"], description="B")
    victim, squatter = tmp_path / "a.bundle", tmp_path / "b.bundle"
    done = export_bundle(a, a_dir, victim)
    export_bundle(b, b_dir, squatter)
    b_key = keys.private_key(b_dir, b.device_id)
    assert b_key is not None
    _same_id(squatter, bundle_format.read_head(victim).bundle_id, b_key)

    first = server.cli("bundle", "import", str(squatter), "--answer", str(tmp_path / "b.ans"))
    assert first.returncode == 0, first.stderr
    taken = server.cli("bundle", "import", str(victim), "--answer", str(tmp_path / "a.ans"))
    assert taken.returncode == 0, taken.stderr
    assert f"{done.changes} change(s) accepted" in taken.stdout
