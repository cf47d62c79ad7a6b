"""Where the shared test photos are: ../shared/testdata/photos beside the checkout (as CI lays
it out), or DUCHA_TESTDATA. They are used in place, never copied into the project."""

from __future__ import annotations

import os
from pathlib import Path


def _find() -> Path:
    override = os.environ.get("DUCHA_TESTDATA")
    if override:
        return Path(override)
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "testdata" / "photos"
        if candidate.is_dir():
            return candidate
    raise RuntimeError(
        "shared/testdata/photos not found beside the checkout; set DUCHA_TESTDATA to its path"
    )


PHOTOS = _find()
