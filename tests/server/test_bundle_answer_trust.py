"""An answer file is applied only when signed by the server the laptop registered with (review
of issue 17): a laptop that lost the server's key from its store refuses every answer rather
than take an unsigned one (which could mark its changes sent that never reached the server)."""

from __future__ import annotations

import zipfile

import pytest

from app.bundle import keys
from app.bundle.answer import import_answer
from app.bundle.export import export_bundle
from domain import bundle_format
from domain.bundle_format import BundleRefused
from local_db.sync_state import sync_status
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS


def test_an_answer_is_refused_when_the_laptop_holds_no_server_key(server, tmp_path):
    a_dir = tmp_path / "a"
    a, _ = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [PHOTOS / "gps" / "DSCN0010.jpg"])
    out, answer = tmp_path / "a.bundle", tmp_path / "a.answer"
    export_bundle(a, a_dir, out)
    assert server.cli("bundle", "import", str(out), "--answer", str(answer)).returncode == 0
    with zipfile.ZipFile(answer) as z:  # the same answer, its signature garbage
        data = z.read(bundle_format.ANSWER)
    with zipfile.ZipFile(answer, "w") as z:
        z.writestr(bundle_format.ANSWER, data)
        z.writestr(bundle_format.ANSWER_SIGNATURE, "not a signature")
    with a.transaction():
        a.set_meta(keys.SERVER_KEY, "")
    pending = sync_status(a).pending_changes
    with pytest.raises(BundleRefused) as refused:
        import_answer(a, a_dir, answer)
    assert refused.value.code == "bad_signature"
    assert sync_status(a).pending_changes == pending > 0
