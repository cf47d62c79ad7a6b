"""The `ducha` command as a user runs it: a real process."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from app import __version__


def ducha(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ducha", path=str(Path(sys.executable).parent))
    assert exe, "the ducha entry point is installed in the environment"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)


def test_version() -> None:
    done = ducha("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"ducha {__version__}"


def test_demo_fills_a_fresh_store_once(tmp_path: Path) -> None:
    done = ducha("demo", "--data-dir", str(tmp_path), "--today", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert "29 zones" in done.stdout
    with sqlite3.connect(tmp_path / "ducha.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM inspection").fetchone()[0] > 40
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = ducha("demo", "--data-dir", str(tmp_path))
    assert again.returncode == 2
    assert "already holds" in again.stderr
    # Each run logged its start in the data folder's log.
    log = (tmp_path / "logs" / "ducha.log").read_text(encoding="utf-8")
    assert log.count(f"ducha {__version__} started (demo); data folder {tmp_path.resolve()}") == 2
