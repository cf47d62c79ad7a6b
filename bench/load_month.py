"""A month of one laptop's work, as the sync engine would push it (bench/load.py).

Rows take the wire shapes the app's outbox holds (domain/wire.py, domain/contract): per
inspection a draft, its inspector, one finding per checklist item (a few of them problems, each
with one photo), the submitted inspection with its digest (domain/digest.py), and a notice on
it. They are written as an outbox would hold them (draft first, submitted later) and cut into
batches by the engine's own coalescing (local_db.sync_state._coalesce: ≤ 250 rows, the latest
snapshot of each, parents first, base_rev set). The photos are files of random bytes (their
size is a flag): each laptop's are its own (content addressed, so no two laptops share one).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.clock import now_iso
from domain.digest import inspection_digest
from domain.ids import new_id
from domain.numbering import provisional_number
from domain.wire import BATCH_LIMIT
from local_db.sync_state import _coalesce

PROBLEMS = 3  # problem findings per inspection, one photo each


@dataclass
class Laptop:
    """Who a simulated laptop is (filled in at login) and the month it will push."""

    username: str
    device_id: str
    unit_id: str
    zone_id: str
    person_id: str = ""
    batches: list[list[dict[str, Any]]] = field(default_factory=list)
    photos: list[tuple[str, Path]] = field(default_factory=list)  # sha256, file
    changes: int = 0
    photo_bytes: int = 0


def _stamp(device: str, **fields: Any) -> dict[str, Any]:
    now = now_iso()
    return {
        "id": new_id(),
        **fields,
        "created_at": now,
        "updated_at": now,
        "device_id": device,
        "rev": 1,
    }


def build_month(
    laptop: Laptop,
    template: tuple[str, int, list[str]],
    changes: int,
    photo_size: int,
    folder: Path,
    seed: int,
) -> None:
    """Fill `laptop.batches` with about `changes` rows (whole inspections) and write its photos
    (`photo_size` bytes each) into `folder`."""
    template_id, version, codes = template
    rng = random.Random(seed)
    device = laptop.device_id
    outbox: list[tuple[int, str, str, str, str]] = []  # seq, entity, id, op, row (JSON)

    def add(entity: str, row: dict[str, Any]) -> None:
        outbox.append((len(outbox) + 1, entity, row["id"], "upsert", json.dumps(row)))

    distinct = 3 + len(codes) + PROBLEMS  # rows of one inspection (draft and submitted: one)
    rows = 0
    n = 0
    while rows + distinct <= max(changes, distinct):
        n += 1
        insp = _stamp(
            device,
            template_id=template_id,
            template_version=version,
            zone_id=laptop.zone_id,
            unit_id=laptop.unit_id,
            mode="unannounced",
            started_at=now_iso(),
            finished_at=None,
            location=None,
            status="draft",
            amends_id=None,
            digest=None,
            summary="",
            score=None,
            deducted=0,
            problem_count=0,
        )
        add("inspection", insp)
        persons = [_stamp(device, inspection_id=insp["id"], person_id=laptop.person_id, lead=1)]
        add("inspection_person", persons[0])
        problems = set(rng.sample(range(len(codes)), PROBLEMS))
        findings = []
        for i, code in enumerate(codes):
            problem = i in problems
            finding = _stamp(
                device,
                inspection_id=insp["id"],
                item_code=code,
                result="problem" if problem else "ok",
                cases=1 if problem else 0,
                deduction=1.0 if problem else 0.0,
                description=f"第{n}次督查：{code} 发现问题，现场拍照取证" if problem else "",
                severity=None,
                location=None,
            )
            findings.append(finding)
            add("finding", finding)
        photos = []
        for finding in (f for f in findings if f["result"] == "problem"):
            data = b"\xff\xd8\xff\xe0" + rng.randbytes(photo_size - 4)
            sha = hashlib.sha256(data).hexdigest()
            path = folder / sha
            path.write_bytes(data)
            laptop.photos.append((sha, path))
            laptop.photo_bytes += len(data)
            photo = _stamp(
                device,
                sha256=sha,
                inspection_id=insp["id"],
                finding_id=finding["id"],
                rectification_id=None,
                recheck_id=None,
                role="evidence",
                taken_at_raw="2026:11:21 09:00:00",
                taken_at=None,
                imported_at=now_iso(),
                original_name=f"IMG_{len(laptop.photos):04d}.JPG",
                byte_size=len(data),
                caption="",
            )
            photos.append(photo)
            add("photo", photo)
        submitted = {
            **insp,
            "status": "submitted",
            "finished_at": now_iso(),
            "rev": 2,
        }
        submitted["digest"] = inspection_digest(submitted, persons, findings, photos)
        add("inspection", submitted)
        notice = _stamp(
            device,
            number=provisional_number(device, n),
            number_kind="provisional",
            unit_id=laptop.unit_id,
            zone_id=laptop.zone_id,
            inspection_id=insp["id"],
            findings="[]",
            requirements="限期清理",
            issued_by=laptop.person_id,
            issued_at=now_iso(),
            due_at="2026-12-31T02:00:00.000000Z",
            cc_units="[]",
        )
        add("notice", notice)
        rows += distinct
    start = 0
    while start < len(outbox):
        batch = _coalesce(outbox[start:], BATCH_LIMIT)
        assert batch is not None
        laptop.batches.append(batch.changes)
        laptop.changes += len(batch.changes)
        start = batch.last_seq  # seqs are 1-based positions
