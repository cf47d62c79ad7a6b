"""Which originals this laptop should hold, and what each belongs to.

An office laptop (a reviewer's or an admin's) keeps the originals of the submitted inspections and
the notices' follow-up photos it syncs (the server sends a laptop only the rows of its user's
units), newest first, within the budget its user set (app/evidence/keep_originals.py fetches
them). The exports ask for the originals they need by SHA-256, and say which are missing with
what they belong to: the file name, the checklist item and zone of a finding, the notice of a
rectification or recheck photo.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.clock import from_iso
from local_db.store import Store

# What a photo belongs to (NeededOriginal.kind).
FINDING = "finding"  # a problem of a submitted inspection
INSPECTION = "inspection"  # the inspection as a whole
RECTIFICATION = "rectification"  # 整改回执's after-photo
RECHECK = "recheck"  # 复查's photo


@dataclass(frozen=True)
class NeededOriginal:
    sha256: str
    byte_size: int
    name: str  # the original file name, as the camera wrote it
    kind: str  # FINDING, INSPECTION, RECTIFICATION or RECHECK
    at: str  # when its owner was recorded (UTC ISO): newest first
    zone_name: str = ""
    item_code: str = ""  # of a finding's photo
    notice_number: str = ""  # of a rectification's or recheck's photo
    media_type: str = "image"  # 'video' or 'audio' for a recording


# One row per photo with its owner; the inspections' part only for submitted ones.
_OWNED = """
SELECT p.sha256, p.byte_size, p.original_name, p.media_type,
       CASE WHEN p.finding_id IS NULL THEN 'inspection' ELSE 'finding' END AS kind,
       i.started_at AS at, z.name AS zone_name, f.item_code, '' AS notice_number
FROM photo p JOIN inspection i ON i.id = p.inspection_id
LEFT JOIN finding f ON f.id = p.finding_id
LEFT JOIN zone z ON z.id = i.zone_id
WHERE i.status = 'submitted' {sha}
UNION ALL
SELECT p.sha256, p.byte_size, p.original_name, p.media_type, 'rectification',
       r.reported_at, z.name, '', n.number
FROM photo p JOIN rectification r ON r.id = p.rectification_id
JOIN notice n ON n.id = r.notice_id
LEFT JOIN inspection i ON i.id = n.inspection_id
LEFT JOIN zone z ON z.id = i.zone_id
WHERE 1 {sha}
UNION ALL
SELECT p.sha256, p.byte_size, p.original_name, p.media_type, 'recheck',
       c.at, z.name, '', n.number
FROM photo p JOIN recheck c ON c.id = p.recheck_id
JOIN notice n ON n.id = c.notice_id
LEFT JOIN inspection i ON i.id = n.inspection_id
LEFT JOIN zone z ON z.id = i.zone_id
WHERE 1 {sha}
ORDER BY at DESC, sha256
"""


def _needed(rows: Iterable[dict]) -> list[NeededOriginal]:
    """One entry per original (its newest owner), in the rows' order."""
    seen: dict[str, NeededOriginal] = {}
    for row in rows:
        if row["sha256"] in seen:
            continue
        seen[row["sha256"]] = NeededOriginal(
            sha256=row["sha256"],
            byte_size=row["byte_size"],
            name=row["original_name"],
            kind=row["kind"],
            at=row["at"],
            zone_name=row["zone_name"] or "",
            item_code=row["item_code"] or "",
            notice_number=row["notice_number"] or "",
            media_type=row["media_type"] or "image",
        )
    return list(seen.values())


def office_originals(store: Store) -> list[NeededOriginal]:
    """Every original an office laptop keeps: the submitted inspections' photos and the notices'
    follow-up photos this store holds rows of, newest first, each once."""
    return _needed(store.rows(_OWNED.format(sha="")))


def describe(store: Store, sha256s: Sequence[str]) -> list[NeededOriginal]:
    """What these originals belong to (in the order given; one not in any photo row of a
    submitted inspection or a notice is named by its hash alone)."""
    wanted = list(dict.fromkeys(sha256s))
    found: dict[str, NeededOriginal] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" * len(part))
        sql = _OWNED.format(sha=f"AND p.sha256 IN ({marks})")
        for entry in _needed(store.rows(sql, part * 3)):
            found.setdefault(entry.sha256, entry)
    return [
        found.get(sha) or _draft_photo(store, sha) or NeededOriginal(sha, 0, sha[:12], "", "")
        for sha in wanted
    ]


def _draft_photo(store: Store, sha256: str) -> NeededOriginal | None:
    rows = store.rows(
        "SELECT p.*, f.item_code, i.started_at, z.name AS zone_name FROM photo p "
        "LEFT JOIN inspection i ON i.id = p.inspection_id "
        "LEFT JOIN finding f ON f.id = p.finding_id LEFT JOIN zone z ON z.id = i.zone_id "
        "WHERE p.sha256 = ? LIMIT 1",
        [sha256],
    )
    if not rows:
        return None
    row = rows[0]
    return NeededOriginal(
        sha256=sha256,
        byte_size=row["byte_size"],
        name=row["original_name"],
        kind=FINDING if row["finding_id"] else INSPECTION,
        at=row["started_at"] or row["imported_at"],
        zone_name=row["zone_name"] or "",
        item_code=row["item_code"] or "",
        media_type=row["media_type"] or "image",
    )


def notice_originals(store: Store, notice_id: str) -> list[str]:
    """The originals a notice document shows: the photos of its findings, in its order, then
    those of its cases."""
    notice = store.row("notice", notice_id)
    if notice is None:
        raise KeyError(notice_id)
    shas: list[str] = []
    for finding_id in json.loads(notice["findings"]):
        rows = store.rows(
            "SELECT sha256 FROM photo WHERE inspection_id = ? AND finding_id = ? "
            "ORDER BY taken_at IS NULL, taken_at, imported_at, id",
            [notice["inspection_id"], finding_id],
        )
        shas.extend(r["sha256"] for r in rows)
    # the photos of its case and of the cases merged into it (问题来源)
    shas.extend(
        r["sha256"]
        for r in store.rows(
            "SELECT p.sha256 FROM photo p JOIN problem_case c ON c.id = p.case_id "
            "WHERE c.notice_id = ? ORDER BY c.received_at, c.id, coalesce(p.taken_at, "
            "p.imported_at), p.id",
            [notice_id],
        )
    )
    return list(dict.fromkeys(shas))


@dataclass(frozen=True)
class Budget:
    """How much an office laptop keeps: the last `days` days, at most `max_bytes`."""

    days: int
    max_bytes: int


def within_budget(
    originals: Sequence[NeededOriginal], budget: Budget, now: datetime
) -> tuple[list[NeededOriginal], list[NeededOriginal]]:
    """(kept, beyond): the originals of the last `days` days, taken newest first while their
    sizes add up to at most `max_bytes`; the rest are beyond. A photo that would not fit ends
    the taking (nothing older is kept in its place: the newest evidence comes first). A
    recording (video, audio) that would not fit is passed over, left to be fetched when it is
    opened, and the older originals that still fit are kept: one long video does not leave a
    reviewer without the photos behind it. `originals` are newest first (office_originals)."""
    since = now - timedelta(days=budget.days)
    kept: list[NeededOriginal] = []
    beyond: list[NeededOriginal] = []
    total = 0
    full = False
    for original in originals:
        recent = from_iso(original.at) >= since
        if full or not recent or total + original.byte_size > budget.max_bytes:
            beyond.append(original)
            full = full or (recent and original.media_type == "image")
            continue
        total += original.byte_size
        kept.append(original)
    return kept, beyond
