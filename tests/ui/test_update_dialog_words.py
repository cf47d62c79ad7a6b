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


def test_an_offer_of_the_version_running_now_is_not_offered(launch, data_dir: Path):
    """Updated to the offered version, the laptop may stay offline for days before a sync drops
    the offer: meanwhile neither the status bar nor 关于/更新 offers what it already runs."""
    from app import __version__

    window = launch(data_dir, "en")
    verified_offer(window.context.store, data_dir / "updates", version=__version__)
    window.sync.refresh()
    assert not window.sync_bar.update_offer.isVisibleTo(window)
    dialog = window.open_updates()
    assert dialog.offer.text() == "The server offers no newer version (as of the last sync)."
    assert not dialog.install_button.isVisibleTo(dialog)
    dialog.close()

    verified_offer(window.context.store, data_dir / "updates", version="99.0.0")
    window.sync.refresh()
    assert window.sync_bar.update_offer.isVisibleTo(window)
    assert window.sync_bar.update_offer.text() == "New version 99.0.0 available"
