"""Why this laptop must log in again, in the user's words (SyncUnauthorized.reason, or the code of
a refusal such as device_bound): what the login dialog and the status bar show. The server's
own text goes to the log only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("login", text)


def login_needed_text(reason: str | None) -> str:
    """The sentence for `reason`; a general one for a reason this version does not know."""
    if reason == "device_revoked":
        return _tr("An administrator revoked this laptop's login: log in again.")
    if reason == "device_released":
        return _tr(
            "An administrator released this laptop from your account: log in again, "
            "or ask the administrator which account it now belongs to."
        )
    if reason == "password_changed":
        return _tr("Your password was changed: log in again with the new password.")
    if reason == "role_changed":
        return _tr("An administrator changed your role: log in again.")
    if reason == "units_changed":
        return _tr("An administrator changed the units you look after: log in again.")
    if reason == "account_disabled":
        return _tr("Your account is disabled: ask an administrator to enable it.")
    if reason == "logged_out":
        return _tr("This laptop was logged out: log in again.")
    if reason == "logged_in_again":
        return _tr("A newer login on this laptop replaced this one: log in again.")
    if reason == "reused":
        return _tr(
            "This laptop's login was also used elsewhere, so the server revoked it to be safe: "
            "log in again, and tell an administrator."
        )
    if reason == "refresh_expired":
        return _tr(
            "This laptop has not synced for a long time and its login expired: log in again."
        )
    if reason == "refresh_device_mismatch":
        return _tr("The saved login belongs to another laptop: log in again.")
    if reason == "device_bound":
        return _tr(
            "This laptop is registered to another user: log in on your own laptop, or ask an "
            "administrator to release this one."
        )
    if reason == "token_revoked":
        return _tr("The server revoked this login: log in again.")
    if reason == "not_logged_in":
        return _tr("This laptop is not logged in to the server: log in.")
    if reason == "token_expired":
        return _tr("The login has expired: log in again.")
    return _tr("The server no longer accepts this laptop's login: log in again.")
