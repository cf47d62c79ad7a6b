"""`ducha org import` and `ducha org export` on the client's real command line (it loads Qt for
its translations, so it runs with the windows' tests)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.client.standalone_org import UNITS, ZONES, workbook

ROOT = Path(__file__).resolve().parents[2]


def ducha(*args: str) -> subprocess.CompletedProcess[str]:
    """The client's command line from this checkout (python -m: the code under test)."""
    return subprocess.run(
        [sys.executable, "-m", "app.shell.cli", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_the_command_line_imports_and_exports(tmp_path: Path) -> None:
    book = workbook(tmp_path / "org.xlsx")
    laptop = tmp_path / "laptop"
    done = ducha("org", "import", str(book), "--user", "zhaoliu", "--data-dir", str(laptop))
    assert done.returncode == 0, done.stderr
    assert "3 unit(s), 3 zone(s), 3 person(s)" in done.stdout
    assert "赵六 (Reviewer)" in done.stdout
    out = tmp_path / "org.json"
    done = ducha("org", "export", "--data-dir", str(laptop), "--out", str(out))
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "ducha-org" and document["user"] == "zhaoliu"
    assert {a["username"] for a in document["accounts"]} == {"wangwu", "zhaoliu", "boss"}
    assert len(document["rows"]["zone"]) == 3 and len(document["rows"]["org_settings"]) == 1

    bad = workbook(tmp_path / "bad.xlsx", {"单位": UNITS, "区域": [*ZONES, ["x", "路段", "无"]]})
    other = tmp_path / "other"
    done = ducha("org", "import", str(bad), "--user", "boss", "--data-dir", str(other))
    assert done.returncode == 1
    assert "refused, nothing was written" in done.stderr
    assert "工作表「区域」第 5 行，列「责任单位」" in done.stderr
    assert "Traceback" not in done.stderr
    with sqlite3.connect(other / "ducha.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
