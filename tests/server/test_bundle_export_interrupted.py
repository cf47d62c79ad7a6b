"""A USB-stick export cut short (the stick full or pulled while a part is written) leaves the
laptop as it was: nothing pinned, no bundle remembered, no file of it on the stick, and the next
export and online sync carry everything (app/bundle/export.py)."""

from __future__ import annotations

import pytest

from app.bundle.export import export_bundle
from app.sync.engine import sync_once
from domain.bundle_format import part_path
from local_db import sync_state
from tests.server.laptops import laptop, submitted_with_photos
from tests.testdata import PHOTOS


def test_an_export_cut_short_leaves_the_outbox_as_it_was(server, tmp_path):
    a_dir = tmp_path / "a"
    a, a_client = laptop(server, "insp_a", a_dir)
    submitted_with_photos(a, a_dir, server, [PHOTOS / "gps" / "DSCN0021.jpg"])
    before = sync_state.outbox_batches(a)
    pending = sync_state.sync_status(a).pending_changes
    stick = tmp_path / "stick"
    out = stick / "cut.bundle"
    # the second part cannot be written (as on a stick pulled out while it is written)
    blocked = part_path(out, 2).with_name(part_path(out, 2).name + ".tmp")
    blocked.mkdir(parents=True)

    with pytest.raises(OSError):
        export_bundle(a, a_dir, out, part_size=1_500)

    assert sorted(p.name for p in stick.iterdir()) == [blocked.name]  # nothing of it left
    assert sync_state.sync_status(a).pending_changes == pending
    assert a.rows("SELECT * FROM bundle_batch") == []
    assert a.rows("SELECT * FROM bundle_export") == []
    assert [b.batch_id(a.device_id) for b in sync_state.outbox_batches(a)] == [
        b.batch_id(a.device_id) for b in before
    ]

    blocked.rmdir()
    done = export_bundle(a, a_dir, out, part_size=1_500)  # the next try writes it whole
    assert all(f.is_file() for f in done.files) and done.changes == pending
    assert sync_once(a, a_dir, a_client).accepted == pending  # and online, all of it goes
    assert sync_state.sync_status(a).pending_changes == 0
