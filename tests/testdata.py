"""Where the shared test photos are: DUCHA_TESTDATA; else shared/testdata/photos beside the
checkout (as CI lays it out) or beside the repository a local clone was made from (a fresh clone
in /tmp); else the workplace's /work/shared. They are used in place, never copied into the
project."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
WORKPLACE = Path("/work/shared/testdata/photos")


def _origin() -> Path | None:
    """The folder this checkout was cloned from, when that was a local path."""
    try:
        url = subprocess.run(
            ["git", "-C", str(CHECKOUT), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url else None
    return path.resolve() if path is not None and path.is_dir() else None


def _find() -> Path:
    override = os.environ.get("DUCHA_TESTDATA")
    if override:
        return Path(override)
    origin = _origin()
    for start in (CHECKOUT, origin):
        for folder in start.parents if start else ():
            candidate = folder / "shared" / "testdata" / "photos"
            if candidate.is_dir():
                return candidate
    if WORKPLACE.is_dir():
        return WORKPLACE
    raise RuntimeError(
        "shared/testdata/photos not found beside the checkout (or the repository it was cloned "
        "from); set DUCHA_TESTDATA to its path"
    )


PHOTOS = _find()
