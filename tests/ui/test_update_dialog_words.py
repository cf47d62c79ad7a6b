"""关于/更新 (app/updates/dialog.py) says what the user can do with what is on the laptop."""

from __future__ import annotations

from pathlib import Path

from tests.server.releases import verified_offer


def test_a_verified_installer_is_offered_to_install_even_when_logged_out(launch, data_dir: Path):
    window = launch(data_dir, "en")
    path = verified_offer(window.context.store, data_dir / "updates")
    dialog = window.open_updates()  # not logged in: nothing left to download
    assert dialog.install_button.isVisibleTo(dialog)
    assert not dialog.download_button.isVisibleTo(dialog)
    assert dialog.state.text() == (f"Downloaded and verified (size, SHA-256, signature): {path}")
    dialog.close()
