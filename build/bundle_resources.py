"""What of resources/ goes into the desktop bundle, and where: read by build/ducha.spec (the
build) and by build/windows/check_iss.py (the installer's file list), so both agree."""

from __future__ import annotations

from pathlib import Path


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) for the whole resources/ tree (templates, calendar,
    demo, translations, fonts when present), as app/resources.py finds it in a bundle:
    sys._MEIPASS/resources. Translation sources (.ts) stay out: the app loads the .qm files."""
    return [
        (str(path), str(path.parent.relative_to(root)))
        for path in sorted((root / "resources").rglob("*"))
        if path.is_file() and path.suffix != ".ts" and "__pycache__" not in path.parts
    ]
