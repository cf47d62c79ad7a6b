"""Rows as a client would push them (domain/wire.py shapes, digest from domain/digest.py)."""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

from domain.clock import now_iso
from domain.digest import inspection_digest
from domain.ids import new_id
from domain.wire import change


def stamp(device: str, **fields: Any) -> dict[str, Any]:
    now = now_iso()
    return {
        "id": new_id(),
        **fields,
        "created_at": now,
        "updated_at": now,
        "device_id": device,
        "rev": 1,
    }


def inspection(server, unit: str, person_id: str, device: str, findings: int = 2) -> dict:
    """{inspection, persons, findings, photos} of one draft inspection."""
    insp = stamp(
        device,
        template_id=server.template_id,
        template_version=server.template_version,
        zone_id=server.zones[unit],
        unit_id=server.units[unit],
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
    persons = [stamp(device, inspection_id=insp["id"], person_id=person_id, lead=1)]
    found = [
        stamp(
            device,
            inspection_id=insp["id"],
            item_code=f"DL-0{i + 1}",
            result="problem",
            cases=1,
            deduction=1.0,
            description="路面垃圾",
            severity=None,
            location=None,
        )
        for i in range(findings)
    ]
    return {"inspection": insp, "persons": persons, "findings": found, "photos": []}


def photo(device: str, inspection_id: str, data: bytes, finding_id: str | None = None) -> dict:
    return stamp(
        device,
        sha256=hashlib.sha256(data).hexdigest(),
        inspection_id=inspection_id,
        finding_id=finding_id,
        rectification_id=None,
        recheck_id=None,
        role="evidence",
        taken_at_raw="2026:11:21 09:00:00",
        taken_at=None,
        imported_at=now_iso(),
        original_name="IMG_0001.JPG",
        byte_size=len(data),
        caption="",
    )


def submit(bundle: dict) -> None:
    insp = bundle["inspection"]
    insp["status"] = "submitted"
    insp["finished_at"] = now_iso()
    insp["digest"] = inspection_digest(
        insp, bundle["persons"], bundle["findings"], bundle["photos"]
    )
    insp["rev"] += 1


def changes(bundle: dict) -> list[dict]:
    out = [change("inspection", bundle["inspection"])]
    for entity, key in (
        ("inspection_person", "persons"),
        ("finding", "findings"),
        ("photo", "photos"),
    ):
        out += [change(entity, r) for r in bundle[key]]
    return out


def push(session, base: str, device: str, items: list[dict], batch: str | None = None) -> dict:
    answer = session.post(
        f"{base}/sync/push",
        json={"batch_id": batch or new_id(), "device_id": device, "changes": items},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def statuses(answer: dict) -> dict[str, str]:
    return {r["id"]: r["status"] for r in answer["results"]}


def pull_all(session, base: str, cursor: int = 0, limit: int = 100) -> tuple[list[dict], int]:
    out: list[dict] = []
    while True:
        page = session.get(
            f"{base}/sync/pull", params={"cursor": cursor, "limit": limit}, timeout=30
        ).json()
        out += page["changes"]
        cursor = page["cursor"]
        if not page["more"]:
            return out, cursor


def pull_while(
    session,
    base: str,
    cursor: int,
    done: threading.Event,
    seen: list[tuple[int, str]],
    limit: int,
    pause: float,
) -> None:
    """A puller beside writers: page after page from `cursor`, every (seq, id) into `seen`, until
    `done` is set and a page after it has nothing more. `pause` is a puller's pace between polls
    when it is up to date, not a wait on a result."""
    while True:
        finished = done.is_set()
        page = session.get(
            f"{base}/sync/pull", params={"cursor": cursor, "limit": limit}, timeout=30
        ).json()
        seen.extend((c["seq"], c["id"]) for c in page["changes"])
        cursor = page["cursor"]
        if finished and not page["more"]:
            return
        if not page["more"]:
            time.sleep(pause)
