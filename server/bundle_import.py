"""Importing a laptop's USB-stick bundle (issue 17): `ducha-server bundle import` and the office's
relay (POST /bundles). The same checks and answers as an online sync, through the same code.

Before anything is applied: the structure, the manifest's signature against the key the device
registered (server/bundle_keys.py; a revoked key, a disabled account or a device now bound to
another user refuse it), the server's identity (the bundle names the epoch the laptop last synced
with: another server's, or this one's before a restore, is refused), the bundle id (the same
bundle again is refused as already imported, changing nothing, though its answer can be issued
again), every part and member by size and SHA-256.

Then the originals go into the blob store by `add_uploaded` (hashed again, recorded as the user's
uploads, as a PUT would), and each batch through server/sync.py `push` as the device's registered
user (never anyone the bundle's rows name): a batch the server already holds (the same changes
sent online) answers its remembered results and changes nothing. The answer holds each batch's
results, what the user may see from the bundle's cursor (server/sync.py `pull`, same rules) with
the epoch, and is signed with the server's key.
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from domain import bundle_format
from domain.bundle_format import BundleRefused, Head
from domain.clock import now_iso
from server import audit, epoch, org, sync
from server.auth import User, load_user
from server.blobs import BlobStorage
from server.db import bundle_import, device, device_key, reading
from server.errors import ApiError
from server.limits import Limits
from server.settings import Settings

log = logging.getLogger("ducha.server.bundle")
PULL_PAGE = 1000


@dataclass(frozen=True)
class Imported:
    answer: dict[str, Any]
    replayed: bool  # the bundle had been imported before: nothing applied, the answer again
    accepted: int
    rejected: int
    blobs_added: int


def _signer(conn: sa.Connection, head: Head) -> User:
    """The user the bundle's device key was registered for, checked; the signature verified."""
    k = device_key.c
    key = conn.execute(sa.select(device_key).where(k.device_id == head.device_id)).first()
    if key is None or key.user_id != head.user_id:
        raise BundleRefused(
            "unknown_device",
            f"device {head.device_id} has no signing key registered for this user on this "
            "server: the laptop must sync online once first",
        )
    if key.revoked_at is not None:
        raise BundleRefused(
            "revoked",
            f"device {head.device_id}'s key was revoked ({key.revoked_reason}) on "
            f"{key.revoked_at}: its bundles are refused",
        )
    public = bundle_format.unb64(key.public_key, 32)
    if public is None or not bundle_format.verify(public, head.manifest_bytes, head.signature):
        raise BundleRefused(
            "bad_signature", "the manifest's signature does not match the device's key (forged?)"
        )
    owner = conn.execute(
        sa.select(device.c.user_id).where(device.c.id == head.device_id)
    ).scalar_one_or_none()
    user = load_user(conn, head.user_id)
    if owner != head.user_id or user is None:
        raise BundleRefused("revoked", f"device {head.device_id} is no longer bound to this user")
    if not user.enabled:
        raise BundleRefused("revoked", f"the account of {user.username} is disabled")
    return replace(user, device_id=head.device_id, address="bundle")


def _covers(office: User, user: User) -> bool:
    """Whether `office` sees every unit `user` works in (what the answer to a bundle holds)."""
    return office.all_units or (not user.all_units and user.units <= office.units)


def _pull(engine: sa.Engine, user: User, cursor: int, lineage: dict[str, object]) -> dict:
    """Everything `user` may see above `cursor`, as the pages of an online pull joined."""
    changes: list[Any] = []
    at = cursor
    while True:
        page = json.loads(sync.pull(engine, user, at, PULL_PAGE))
        changes += page["changes"]
        at = page["cursor"]
        if not page["more"]:
            break
    return {
        "from_cursor": cursor,
        "changes": changes,
        "cursor": at,
        "epoch": lineage["epoch"],
        "restored_seq": lineage["restored_seq"],
    }


def import_bundle(
    engine: sa.Engine,
    settings: Settings,
    blobs: BlobStorage,
    path: Path,
    *,
    reissue: bool = False,
    relayed_by: User | None = None,
) -> Imported:
    """Check and apply the bundle at `path` (BundleRefused: nothing applied). A bundle imported
    before raises BundleRefused("replayed") unless `reissue`, which answers it again (from the
    remembered batch results) and applies nothing. `relayed_by`: the office user relaying it,
    who must see every unit of the bundle's user (the answer holds all they may see): else
    ApiError 403, nothing applied or answered."""
    head = bundle_format.read_head(path)
    with reading(engine) as conn:
        user = _signer(conn, head)
        if relayed_by is not None and not _covers(relayed_by, user):
            raise ApiError(
                403,
                "forbidden",
                f"{user.username} works in units that are not all yours: their bundle is "
                "relayed by an office user of their units",
            )
        lineage = epoch.read(conn)
        held = conn.execute(
            sa.select(bundle_import).where(
                bundle_import.c.bundle_id == head.bundle_id,
                bundle_import.c.device_id == head.device_id,  # the id is the laptop's own
            )
        ).first()
        blob_limit = org.blob_limit(conn, settings)
    if head.manifest["server_epoch"] != lineage["epoch"]:
        raise BundleRefused(
            "other_server",
            "this bundle is for another server (or for this one before it was restored from a "
            "backup): the laptop must sync online, or export again after syncing",
        )
    if held is not None and not reissue:
        raise BundleRefused(
            "replayed",
            f"bundle {head.bundle_id} was imported on {held.imported_at}: nothing was applied "
            "again",
        )
    bundle_format.check_sizes(head, settings.max_json_bytes, blob_limit, Limits().max_bundle_bytes)
    settings_dir = Path(settings.data_dir)
    with tempfile.TemporaryDirectory(prefix="bundle-", dir=settings_dir) as work:
        files = bundle_format.extract(path, head, Path(work))
        bodies = bundle_format.read_batches(files)
        for body in bodies:
            if not isinstance(body, dict) or body.get("device_id") != head.device_id:
                raise BundleRefused("tampered", "a batch names another device than the manifest")
        if held is not None:  # answered again from the remembered results: nothing applied
            sent = set(json.loads(held.batch_ids))
            bodies = [b for b in bodies if b.get("batch_id") in sent]
        added = 0
        if held is None:
            for sha in bundle_format.blob_shas(head):
                try:
                    added += blobs.add_uploaded(files[f"blobs/{sha}"], sha, user.id)
                except ValueError:  # changed on this disk since `extract` checked it
                    raise BundleRefused(
                        "tampered", f"blobs/{sha} changed while stored", f"blobs/{sha}"
                    ) from None
        batches, accepted, rejected = _push_all(engine, settings, blobs, user, bodies)
    if held is None:
        # the same bundle imported at the same moment (the relay and the command): both pushes
        # answered alike (by batch id); the second record is not needed
        with contextlib.suppress(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(
                sa.insert(bundle_import).values(
                    bundle_id=head.bundle_id,
                    user_id=user.id,
                    device_id=head.device_id,
                    imported_at=now_iso(),
                    batch_ids=json.dumps([b["batch_id"] for b in batches if "answer" in b]),
                    blobs=added,
                )
            )
            # who brought it (the office user relaying it, or the command's operating-system
            # user); the changes themselves are audited under the signer by the push
            audit.record(
                conn,
                "bundle_import",
                **({"user": relayed_by} if relayed_by is not None else audit.cli_actor()),
                device_id=head.device_id,
                entity="bundle",
                entity_id=head.bundle_id,
                detail={
                    "bundle_id": head.bundle_id,
                    "signer": user.id,
                    "accepted": accepted,
                    "rejected": rejected,
                    "blobs": added,
                },
            )
    answer = {
        "kind": bundle_format.ANSWER_KIND,
        "format": bundle_format.FORMAT,
        "bundle_id": head.bundle_id,
        "user_id": user.id,
        "device_id": head.device_id,
        "answered_at": now_iso(),
        "replayed": held is not None,
        "batches": batches,
        "blobs": sorted(bundle_format.blob_shas(head)),
        "pull": _pull(engine, user, head.manifest["cursor"], lineage),
    }
    log.info(
        "bundle %s of user %s device %s: %d accepted, %d refused, %d originals added%s",
        head.bundle_id,
        user.id,
        head.device_id,
        accepted,
        rejected,
        added,
        " (answered again)" if held is not None else "",
    )
    return Imported(answer, held is not None, accepted, rejected, added)


def _push_all(
    engine: sa.Engine, settings: Settings, blobs: BlobStorage, user: User, bodies: list[Any]
) -> tuple[list[dict[str, Any]], int, int]:
    """Each batch through the online push, in order; one the server refuses whole (403, 413)
    stops the rest (later batches build on it): they stay pending on the laptop."""
    batches: list[dict[str, Any]] = []
    accepted = rejected = 0
    for body in bodies:
        entry: dict[str, Any] = {"batch_id": body.get("batch_id")}
        try:
            answer = sync.push(engine, settings, blobs, user, body)
        except ApiError as error:
            entry["error"] = {"code": error.code, "message": error.message}
            batches.append(entry)
            break
        entry["answer"] = answer
        for result in answer["results"]:
            if result.get("status") == "accepted":
                accepted += 1
            else:
                rejected += 1
        batches.append(entry)
    return batches, accepted, rejected
