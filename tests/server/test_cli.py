from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from tests.server.conftest import ROOT, cli


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_init_demo_user_add_and_verify(tmp_path):
    cli("init", "--demo", data_dir=tmp_path)
    cli("init", "--demo", data_dir=tmp_path)  # twice is harmless
    refused = _run(
        "user",
        "add",
        "nobody",
        "--role",
        "inspector",
        "--data-dir",
        str(tmp_path),
        stdin="long enough pw\n",
    )
    assert refused.returncode == 2 and "--unit" in refused.stderr
    unknown = _run(
        "user",
        "add",
        "x",
        "--role",
        "inspector",
        "--unit",
        "不存在",
        "--data-dir",
        str(tmp_path),
        stdin="long enough pw\n",
    )
    assert unknown.returncode == 2
    out = cli(
        "user",
        "add",
        "wang",
        "--role",
        "inspector",
        "--unit",
        "青山县城市管理局",
        stdin="long enough pw\n",
        data_dir=tmp_path,
    )
    assert json.loads(out)["units"]
    assert "0 problem" in cli("verify", data_dir=tmp_path)
    # a blob whose content no longer matches its name is reported
    data = b"tampered"
    sha = hashlib.sha256(b"original").hexdigest()
    path = tmp_path / "blobs" / sha[:2] / sha[2:4] / sha
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    bad = _run("verify", "--data-dir", str(tmp_path))
    assert bad.returncode == 1 and sha in bad.stdout
