"""The office relays only the bundles of users within its units (review of issue 17): a relay
answers everything the bundle's user may see, so a reviewer of another unit relaying (or
replaying, any time later) an inspector's bundle would read that unit's records."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.bundle.export import export_bundle
from app.bundle.relay import relay_bundle
from app.sync.client import SyncClient
from app.sync.errors import SyncRejected
from server.db import change_log
from tests.server.conftest import PASSWORD
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS


def _last_seq(server) -> int:
    engine = server.engine()
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(change_log.c.seq))).scalar() or 0)
    finally:
        engine.dispose()


def test_a_reviewer_of_another_unit_cannot_relay_an_inspector_s_bundle(server, tmp_path):
    stem = f"{server.backend}_{tmp_path.name[-10:]}"
    server.add_user(f"rev_b_{stem}", "reviewer", "B")
    a_dir = tmp_path / "a"
    a, _ = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [PHOTOS / "gps" / "DSCN0010.jpg"])
    out = tmp_path / "stick" / "a.bundle"
    export_bundle(a, a_dir, out)
    seq = _last_seq(server)

    other = SyncClient(server.base.removesuffix("/api/v1"))
    other.login(f"rev_b_{stem}", PASSWORD, f"dev-rev-b-{stem}")
    with pytest.raises(SyncRejected) as refused:
        relay_bundle(other, out)
    assert refused.value.status == 403
    assert _last_seq(server) == seq  # nothing applied, nothing answered
    assert not out.with_name(f"{out.name}.answer").exists()

    _office, office = laptop(server, "office", tmp_path / "office")  # all units: relays it
    assert relay_bundle(office, out).is_file()
    assert _last_seq(server) > seq
    with pytest.raises(SyncRejected) as again:  # nor is the answer issued again to them
        relay_bundle(other, out)
    assert again.value.status == 403


def _audited(server, action: str) -> list[dict]:
    from server.db import audit

    engine = server.engine()
    try:
        with engine.connect() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(sa.select(audit).where(audit.c.action == action))
            ]
    finally:
        engine.dispose()


def test_who_imported_or_relayed_a_bundle_is_audited(server, tmp_path):
    import json

    from domain import bundle_format

    a_dir = tmp_path / "a"
    a, _ = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [PHOTOS / "gps" / "DSCN0012.jpg"])
    relayed, imported = tmp_path / "r.bundle", tmp_path / "i.bundle"
    export_bundle(a, a_dir, relayed)
    _office, office = laptop(server, "office", tmp_path / "office")
    relay_bundle(office, relayed)
    export_bundle(a, a_dir, imported)  # the same outbox again, another bundle
    done = server.cli("bundle", "import", str(imported), "--answer", str(tmp_path / "i.answer"))
    assert done.returncode == 0, done.stderr

    entries = {json.loads(e["detail"])["bundle_id"]: e for e in _audited(server, "bundle_import")}
    by_relay = entries[bundle_format.read_head(relayed).bundle_id]
    assert by_relay["user_name"] == "office" and by_relay["user_id"] == server.users["office"]
    assert json.loads(by_relay["detail"])["signer"] == server.users["insp_a"]
    assert by_relay["device_id"] == a.device_id
    by_cli = entries[bundle_format.read_head(imported).bundle_id]
    assert by_cli["user_name"].startswith("cli:")
