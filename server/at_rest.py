"""Evidence at rest is readable by the server's user only: umask 077 for what `init` and `serve`
create, the data directory and its folders 0700, its files 0600 (database, blobs, thumbnails,
partial uploads), and an existing data directory tightened when the server starts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077


def private_umask() -> None:
    os.umask(PRIVATE_UMASK)


def _tighten(path: Path) -> None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        return  # never follow a link out of the data directory
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o077:
        os.chmod(path, mode & ~0o077)


def tighten(data_dir: Path) -> None:
    """Create `data_dir` private, or make it so. When it was open to others (made before this
    rule, or loosened by hand) every file and folder in it is tightened (once: a walk); else its
    first level and the blob store's folders are."""
    data_dir = Path(data_dir)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    was_open = stat.S_IMODE(data_dir.stat().st_mode) & 0o077
    _tighten(data_dir)
    if was_open:
        for folder, dirs, files in os.walk(data_dir):
            for name in (*dirs, *files):
                _tighten(Path(folder) / name)
        return
    for child in data_dir.iterdir():
        _tighten(child)
    for inner in ("blobs/partial", "blobs/owners", "thumbs"):
        _tighten(data_dir / inner)
