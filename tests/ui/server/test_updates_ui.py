"""Updates from the county's server on real windows and on the real command line (issue 17):
the sync learns of a newer version, the status bar says so, 关于/更新 downloads it off the GUI
thread and shows it verified; `ducha update check|download` do the same headless."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.updates.core import current_platform, folder
from tests.server.conftest import PASSWORD, ROOT
from tests.server.releases import installer
from tests.ui.server.logged_in import logged_in_laptop


@pytest.fixture
def added(server) -> Iterator[list[str]]:
    ids: list[str] = []
    yield ids
    for release_id in ids:
        server.cli("release", "withdraw", release_id)


def offer(server, tmp_path: Path, version: str, added: list[str]) -> Path:
    platform = current_platform()
    assert platform is not None
    path = installer(tmp_path / "release", version, platform, size=2_500_000)
    done = server.cli("release", "add", str(path), "--version", version, "--platform", platform)
    assert done.returncode == 0, done.stderr
    added.append(done.stdout.rsplit("(release ", 1)[1].rstrip(")\n"))
    return path


def test_the_offer_shows_and_downloads_off_the_gui_thread(qtbot, launch, server, tmp_path, added):
    path = offer(server, tmp_path, "9.8.0", added)
    data_dir = tmp_path / "laptop"
    logged_in_laptop(server, "insp_a", data_dir)

    window = launch(data_dir, "en")  # logged in: it syncs by itself and learns of 9.8.0
    bar = window.sync_bar.update_offer
    qtbot.waitUntil(bar.isVisible, timeout=30000)
    assert bar.text() == "New version 9.8.0 available"

    dialog = window.open_updates()
    assert dialog.offer.text().startswith(f"New version 9.8.0 available: {path.name} (2.4 MB)")
    assert dialog.state.text() == "Not downloaded yet."
    assert not dialog.install_button.isVisible()
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    # the click returned at once: the download runs in a job, its outcome comes by signal
    assert dialog.job is not None and not dialog.download_button.isEnabled()
    assert dialog.state.text().startswith("Downloading")
    target = folder(data_dir) / path.name
    qtbot.waitUntil(lambda: dialog.install_button.isVisible(), timeout=30000)
    assert dialog.state.text() == (f"Downloaded and verified (size, SHA-256, signature): {target}")
    assert target.read_bytes() == path.read_bytes()
    assert dialog.folder_button.isVisible() and not dialog.download_button.isVisible()
    dialog.close()


def test_update_check_and_download_on_the_command_line(server, tmp_path, added):
    path = offer(server, tmp_path, "9.9.0", added)
    laptop = tmp_path / "laptop"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }

    def ducha(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "app.shell.cli", "--lang", "en", *args]
        return subprocess.run(
            command, input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
        )

    url = server.base.removesuffix("/api/v1")
    nothing = ducha("update", "check", "--data-dir", str(laptop))
    assert nothing.returncode == 2 and "no store in" in nothing.stderr
    done = ducha(
        "login",
        "--data-dir",
        str(laptop),
        "--server",
        url,
        "--user",
        "insp_a",
        stdin=PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr
    early = ducha("update", "download", "--data-dir", str(laptop))
    assert early.returncode == 2 and "No update is on offer: sync first." in early.stderr

    check = ducha("update", "check", "--data-dir", str(laptop))
    assert check.returncode == 0, check.stderr
    assert f"New version 9.9.0 available: {path.name}, 2500000 bytes." in check.stdout
    fetched = ducha("update", "download", "--data-dir", str(laptop))
    assert fetched.returncode == 0, fetched.stderr
    target = laptop / "updates" / path.name
    assert f"Downloaded and verified (size, SHA-256, signature): {target}" in fetched.stdout
    assert target.read_bytes() == path.read_bytes()

    server.cli("release", "withdraw", added.pop())
    after = ducha("update", "check", "--data-dir", str(laptop))
    assert after.returncode == 0 and "Up to date" in after.stdout
