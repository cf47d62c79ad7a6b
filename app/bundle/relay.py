"""导入外业数据包…: an office laptop, online, relays a field laptop's USB-stick bundle to the server
(POST /bundles) and saves the answer next to it, for the stick's way back. Qt-free: the menu runs
it on a worker thread."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import BinaryIO, cast

from app.sync.client import SyncClient
from domain import bundle_format
from domain.bundle_format import BundleRefused


class _Joined(io.RawIOBase):
    """The bundle's files read one after the other, never whole in memory."""

    def __init__(self, files: list[Path]) -> None:
        super().__init__()
        self.files = files
        self.sizes = [f.stat().st_size for f in files]
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = offset if whence == io.SEEK_SET else self.position + offset
        return self.position

    def read(self, size: int = -1) -> bytes:
        size = sum(self.sizes) - self.position if size < 0 else size
        start = 0
        for file, length in zip(self.files, self.sizes, strict=True):
            if self.position < start + length:
                with file.open("rb") as f:
                    f.seek(self.position - start)
                    data = f.read(min(size, start + length - self.position))
                self.position += len(data)
                return data
            start += length
        return b""


def answer_path(bundle: Path) -> Path:
    """Where the answer goes: beside the bundle, FILE.answer."""
    return bundle.with_name(f"{bundle.name}.answer")


def relay_bundle(client: SyncClient, bundle: Path, cancel: threading.Event | None = None) -> Path:
    """Send the bundle at `bundle` (and its parts) and write the answer beside it; BundleRefused
    when a part is missing here or the server refused the bundle whole (its reason)."""
    head = bundle_format.read_head(bundle)
    files = [bundle]
    for part in head.manifest.get("parts") or []:
        path = bundle_format.part_path(bundle, int(part["index"]))
        if not path.is_file():
            raise BundleRefused(
                "missing_part", f"{path.name}: this part of the bundle is missing", path.name
            )
        files.append(path)
    joined = _Joined(files)
    answer, error = client.relay_bundle(cast(BinaryIO, joined), joined.sizes, cancel)
    if answer is None:
        code = str(error.get("reason") or "damaged")
        raise BundleRefused(code, str(error.get("message") or ""), bundle.name)
    out = answer_path(bundle)
    temp = out.with_name(f".{out.name}.tmp")
    temp.write_bytes(answer)
    temp.replace(out)
    return out
