"""Import the server's answer to a USB-stick bundle (issue 17): what was accepted is marked, what
was refused kept with its reason, the official numbers written, and the changes the server sent
applied, by the very functions an online sync uses (app/sync/engine.py apply_push_answer,
pull_changes). Qt-free: the menu runs it on a worker thread.

Online and USB sync mix: a batch answered online since the export (or by an earlier import of the
same answer) is skipped; only the changes above the laptop's cursor are applied, and only from the
same server lineage (epoch). An answer for another laptop, or for a bundle this laptop did not
write, is refused whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.bundle import keys
from app.sync.engine import (
    PULL_LIMIT,
    SERVER_EPOCH,
    SyncReport,
    apply_push_answer,
    check_push_answer,
    pull_changes,
)
from app.sync.errors import SyncError
from domain import bundle_format
from domain.bundle_format import BundleRefused, Progress
from domain.clock import now_iso
from local_db import sync_state
from local_db.store import Store


@dataclass
class AnswerReport:
    sync: SyncReport = field(default_factory=SyncReport)
    already_answered: int = 0  # batches answered online (or by this answer) before
    # why the server refused a batch: its error ({"code", "message"}: the server's English)
    refused_batches: list[dict[str, str]] = field(default_factory=list)
    pulled_skipped: str | None = None  # why the server's changes were not applied (else None)
    refusals: list[dict[str, Any]] = field(default_factory=list)  # sync_state.rejections


def import_answer(
    store: Store, data_dir: Path, path: Path, *, on_progress: Progress | None = None
) -> AnswerReport:
    """Apply the answer file at `path` (BundleRefused, nothing applied: damaged, not signed by
    the server this laptop registered with, for another laptop, or not matching the outbox)."""
    progress = on_progress or (lambda _phase, _done, _total: None)
    answer = bundle_format.read_answer(path, keys.server_key(store))
    if answer.get("device_id") != store.device_id or answer.get("user_id") != store.meta(
        "local_person_id"
    ):
        raise BundleRefused(
            "other_laptop", f"{path.name}: an answer for another laptop or user", path.name
        )
    exported = store.db.execute(
        "SELECT bundle_id FROM bundle_export WHERE bundle_id = ?", [str(answer.get("bundle_id"))]
    ).fetchone()
    if exported is None:
        raise BundleRefused(
            "other_laptop", f"{path.name}: not an answer to a bundle of this laptop", path.name
        )
    report = AnswerReport()
    todo = []
    try:
        for entry in answer["batches"]:
            if "answer" not in entry:
                error = entry.get("error") or {}
                report.refused_batches.append(
                    {"code": str(error.get("code", "")), "message": str(error.get("message", ""))}
                )
                continue
            batch = sync_state.pinned_batch(store, str(entry["batch_id"]))
            if batch is None:
                report.already_answered += 1
                continue
            check_push_answer(batch, entry["answer"])
            todo.append((batch, entry["answer"]))
    except (SyncError, KeyError, TypeError) as error:
        raise BundleRefused(
            "stale",
            f"{path.name}: the answer does not match this laptop's outbox ({error})",
            path.name,
        ) from None
    for done, (batch, pushed) in enumerate(todo, 1):
        apply_push_answer(store, batch, pushed, report.sync)
        progress("push", done, len(todo))
    sync_state.confirm_blobs(store, [str(s) for s in answer.get("blobs", [])])
    _apply_pulled(store, answer["pull"], report, progress)
    with store.transaction():
        store.db.execute(
            "UPDATE bundle_export SET answered_at = ? WHERE bundle_id = ?",
            [now_iso(), answer["bundle_id"]],
        )
    report.refusals = sync_state.rejections(store)
    return report


def _apply_pulled(
    store: Store, pull: dict[str, Any], report: AnswerReport, progress: Progress
) -> None:
    """The server's changes above this laptop's cursor, as pages of an online pull."""
    if pull.get("epoch") != store.meta(SERVER_EPOCH):
        report.pulled_skipped = "the server was restored from a backup since: sync online"
        return
    start = sync_state.cursor(store)
    if start < int(pull["from_cursor"]):
        report.pulled_skipped = "this laptop's records are older than the answer's: sync online"
        return
    changes: list[dict[str, Any]] = pull["changes"]
    last = int(pull["cursor"])

    def fetch(asked: int, limit: int) -> dict[str, Any]:
        above = [c for c in changes if int(c["seq"]) > asked]
        page = above[:limit]
        more = len(above) > limit
        cursor = int(page[-1]["seq"]) if more else max(asked, last)
        return {"changes": page, "cursor": cursor, "more": more, "epoch": pull["epoch"]}

    pull_changes(store, fetch, report.sync, progress, None, PULL_LIMIT)
