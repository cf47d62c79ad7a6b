"""Installers the server offers its laptops (issue 17): add, list, withdraw, and the newest one
for a platform (GET /api/v1/releases/latest, server/routes_releases.py).

`add` trusts nothing it is given: the FILE.release.json must be signed by a release key that
ships inside the app (resources/release_keys, domain/release.py), name this file, this version
and this platform, and match the file's size and SHA-256; only then is the file stored as a
blob (content-addressed, disk or S3: server/blobs.py) and recorded, audited as `release_add`.
A withdrawn release (`release_withdraw`) is no longer offered; its row and blob stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso
from domain.ids import new_id
from domain.release import (
    MAX_MANIFEST_BYTES,
    PLATFORMS,
    ReleaseRefused,
    SignedRelease,
    check_platform_name,
    is_newer,
    parse_signed,
    trusted_keys,
    verify_file,
    version_key,
)
from server import audit
from server.blobs import BlobStorage
from server.db import release


def signature_path(installer: Path) -> Path:
    """Where the signer writes an installer's signed manifest: FILE.release.json beside it."""
    return installer.with_name(installer.name + ".release.json")


def add(
    conn: sa.Connection,
    blobs: BlobStorage,
    installer: Path,
    version: str,
    platform: str,
    signature: Path | None,
    actor: dict[str, Any],
) -> dict[str, Any]:
    """Check, store and record an installer; ReleaseRefused (nothing recorded) when it is not
    acceptable. The blob may stay when the database refuses afterwards: it is content-addressed
    and offered by no row."""
    try:
        version_key(version)
    except ValueError as error:
        raise ReleaseRefused("bad_version", str(error)) from None
    check_platform_name(platform, installer.name)
    signature = signature or signature_path(installer)
    try:
        with signature.open("rb") as f:  # parse_signed refuses what exceeds the bound
            text = f.read(MAX_MANIFEST_BYTES + 1)
    except OSError:
        raise ReleaseRefused(
            "unsigned", f"{installer.name}: no signature ({signature.name} not found)"
        ) from None
    signed = parse_signed(text, signature.name)
    manifest = verify_file(installer, signed, trusted_keys())
    for field, given in (
        ("file_name", installer.name),
        ("version", version),
        ("platform", platform),
    ):
        if getattr(manifest, field) != given:
            raise ReleaseRefused(
                "signature_mismatch",
                f"{installer.name}: the signature is for {field} {getattr(manifest, field)!r}, "
                f"not {given!r}",
            )
    taken = conn.execute(
        sa.select(release.c.id).where(release.c.platform == platform, release.c.version == version)
    ).first()
    if taken is not None:
        raise ReleaseRefused(
            "version_exists", f"{platform} {version} is already held (release {taken.id})"
        )
    blobs.add_verified(installer, manifest.sha256)
    row = {
        "id": new_id(),
        "platform": platform,
        "version": version,
        "sha256": manifest.sha256,
        "size": manifest.size,
        "file_name": manifest.file_name,
        "signature": signed.model_dump_json(),
        "added_by": actor.get("user_name") or "unknown",
        "added_at": now_iso(),
        "withdrawn_at": None,
        "withdrawn_by": None,
    }
    conn.execute(sa.insert(release).values(row))
    audit.record(
        conn,
        "release_add",
        entity="release",
        entity_id=row["id"],
        detail={
            "platform": platform,
            "version": version,
            "sha256": manifest.sha256,
            "key_id": manifest.key_id,
        },
        **actor,
    )
    return row


def listing(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every release, by platform and newest version first."""
    rows = [dict(r._mapping) for r in conn.execute(sa.select(release))]
    rows.sort(key=lambda r: version_key(r["version"]), reverse=True)
    rows.sort(key=lambda r: r["platform"])
    return rows


def find(conn: sa.Connection, key: str, platform: str | None = None) -> dict[str, Any]:
    """A release by id, or by version (with its platform when several hold that version)."""
    query = sa.select(release).where(sa.or_(release.c.id == key, release.c.version == key))
    if platform:
        query = query.where(release.c.platform == platform)
    rows = [dict(r._mapping) for r in conn.execute(query)]
    if not rows:
        raise ReleaseRefused(
            "not_found", f"no release {key}" + (f" for {platform}" if platform else "")
        )
    if len(rows) > 1:
        raise ReleaseRefused("ambiguous", f"several platforms hold {key}: name one with --platform")
    return rows[0]


def withdraw(
    conn: sa.Connection, key: str, platform: str | None, actor: dict[str, Any]
) -> dict[str, Any]:
    """No longer offer a release (audited `release_withdraw`); already withdrawn: unchanged."""
    row = find(conn, key, platform)
    if row["withdrawn_at"] is not None:
        return row
    row["withdrawn_at"], row["withdrawn_by"] = now_iso(), actor.get("user_name") or "unknown"
    conn.execute(
        sa.update(release)
        .where(release.c.id == row["id"])
        .values(withdrawn_at=row["withdrawn_at"], withdrawn_by=row["withdrawn_by"])
    )
    audit.record(
        conn,
        "release_withdraw",
        entity="release",
        entity_id=row["id"],
        detail={"platform": row["platform"], "version": row["version"]},
        **actor,
    )
    return row


def offer(row: dict[str, Any]) -> dict[str, Any]:
    """What a laptop is told of a release (domain/release.py ReleaseOffer)."""
    return {
        "id": row["id"],
        "version": row["version"],
        "platform": row["platform"],
        "file_name": row["file_name"],
        "size": row["size"],
        "sha256": row["sha256"],
        "added_at": row["added_at"],
        "signed": SignedRelease.model_validate_json(row["signature"]).model_dump(),
    }


def latest(conn: sa.Connection, platform: str, current: str | None) -> dict[str, Any] | None:
    """The newest release of a platform not withdrawn, when newer than `current` (or any)."""
    if platform not in PLATFORMS:
        return None
    rows = [
        dict(r._mapping)
        for r in conn.execute(
            sa.select(release).where(
                release.c.platform == platform, release.c.withdrawn_at.is_(None)
            )
        )
    ]
    if not rows:
        return None
    newest = max(rows, key=lambda r: version_key(r["version"]))
    if current and not is_newer(newest["version"], current):
        return None
    return offer(newest)


def held(conn: sa.Connection, release_id: str) -> dict[str, Any] | None:
    """A release a laptop may download (not withdrawn), by id."""
    row = conn.execute(
        sa.select(release).where(release.c.id == release_id, release.c.withdrawn_at.is_(None))
    ).first()
    return None if row is None else dict(row._mapping)
