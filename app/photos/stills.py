"""A still grabbed from a video: the frame at an offset, decoded from the original with PyAV,
kept as a derived photo (JPEG) of the same owner that names its video and the offset. The video's
original is only read. No Qt: the viewer runs this as a job (app/evidence/media_panel.py).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.photos.blobstore import BlobStore
from app.photos.importer import import_one
from app.photos.media import frame_at
from domain.clock import from_iso, to_iso
from local_db.photos import attach_photo
from local_db.store import Store

QUALITY = 95


def still_name(video_name: str, offset_ms: int) -> str:
    """VID_0001.mp4 at 83.25 s → VID_0001_01-23.250.jpg"""
    minutes, rest = divmod(max(0, offset_ms), 60_000)
    return f"{Path(video_name).stem}_{minutes:02d}-{rest // 1000:02d}.{rest % 1000:03d}.jpg"


def grab_still(data_dir: Path, video: dict[str, Any], offset_ms: int) -> dict[str, Any]:
    """Decode the frame of `video` (a photo row of media_type video) at `offset_ms`, keep it as
    a photo of the same inspection (and finding), and return the new row. Runs on its own
    connection (a worker thread). Raises PhotoRefused for an undecodable original, ValueError
    or InspectionLocked when the owner no longer takes photos."""
    if video.get("media_type") != "video":
        raise ValueError("a still is grabbed from a video")
    if video.get("inspection_id") is None:
        raise ValueError("stills are grabbed from an inspection's video")
    blobs = BlobStore(data_dir / "blobs")
    original = blobs.path(str(video["sha256"]))
    picture = frame_at(original, offset_ms / 1000)
    blobs.tmp.mkdir(parents=True, exist_ok=True)
    folder = blobs.tmp / f"still-{secrets.token_hex(8)}"
    folder.mkdir(mode=0o700)
    temp = folder / still_name(str(video.get("original_name") or "video"), offset_ms)
    try:
        picture.save(temp, "JPEG", quality=QUALITY)
        taken = video.get("taken_at")
        moment = to_iso(from_iso(taken) + timedelta(milliseconds=offset_ms)) if taken else None

        def attach(store: Store, meta: dict[str, Any]) -> tuple[dict[str, Any], bool]:
            derived = {
                **meta,
                "source_photo_id": video["id"],
                "source_offset_ms": int(offset_ms),
                "taken_at": moment,
                "taken_at_raw": None,
                "taken_at_source": video.get("taken_at_source") if moment else "none",
                "gps_lat": video.get("gps_lat"),
                "gps_lon": video.get("gps_lon"),
                "camera": video.get("camera"),
            }
            return attach_photo(
                store,
                derived,
                inspection_id=str(video["inspection_id"]),
                finding_id=video.get("finding_id"),
                role=str(video.get("role") or "evidence"),
            )

        store = Store.open(data_dir)
        try:
            return import_one(
                store,
                data_dir,
                temp,
                inspection_id=str(video["inspection_id"]),
                finding_id=video.get("finding_id"),
                attach=attach,
            )
        finally:
            store.close()
    finally:
        temp.unlink(missing_ok=True)
        folder.rmdir()
