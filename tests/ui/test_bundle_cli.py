"""`ducha bundle export|import` on the client's real command line (Qt for its translations): the
refusals a user reads. The round trip with a server: tests/server/test_bundles.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def ducha(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.shell.cli", "--lang", lang, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_the_bundle_commands_refuse_by_name_and_write_nothing(data_dir: Path, tmp_path: Path):
    out = tmp_path / "stick" / "a.bundle"
    done = ducha("bundle", "export", "--data-dir", str(data_dir), "--out", str(out))
    assert done.returncode == 1
    assert "has not synced online since it logged in" in done.stderr
    assert not out.exists()

    cut = tmp_path / "cut.answer"
    cut.write_bytes(b"PK\x03\x04")
    done = ducha("bundle", "import", str(cut), "--data-dir", str(data_dir))
    assert done.returncode == 1 and "cut.answer: damaged or incomplete" in done.stderr

    done = ducha("bundle", "import", str(cut), "--data-dir", str(tmp_path / "none"))
    assert done.returncode == 2 and "no store in" in done.stderr
    done = ducha(
        "bundle", "export", "--data-dir", str(data_dir), "--out", str(out), "--part-size", "x"
    )
    assert done.returncode == 2 and "not a size" in done.stderr
