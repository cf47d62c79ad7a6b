"""Why this laptop must log in again, in the user's words (SyncUnauthorized.reason, or the code of
a refusal such as device_bound): what the login dialog and the status bar show. The server's
own text goes to the log only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.i18n import QT_TRANSLATE_NOOP

CONTEXT = "login"
GENERAL = QT_TRANSLATE_NOOP(
    "login", "The server no longer accepts this laptop's login: log in again."
)
REASONS = {
    "device_revoked": QT_TRANSLATE_NOOP(
        "login", "An administrator revoked this laptop's login: log in again."
    ),
    "device_released": QT_TRANSLATE_NOOP(
        "login",
        "An administrator released this laptop from your account: log in again, or ask the "
        "administrator which account it now belongs to.",
    ),
    "password_changed": QT_TRANSLATE_NOOP(
        "login", "Your password was changed: log in again with the new password."
    ),
    "role_changed": QT_TRANSLATE_NOOP("login", "An administrator changed your role: log in again."),
    "units_changed": QT_TRANSLATE_NOOP(
        "login", "An administrator changed the units you look after: log in again."
    ),
    "account_disabled": QT_TRANSLATE_NOOP(
        "login", "Your account is disabled: ask an administrator to enable it."
    ),
    "logged_out": QT_TRANSLATE_NOOP("login", "This laptop was logged out: log in again."),
    "logged_in_again": QT_TRANSLATE_NOOP(
        "login", "A newer login on this laptop replaced this one: log in again."
    ),
    "reused": QT_TRANSLATE_NOOP(
        "login",
        "This laptop's login was also used elsewhere, so the server revoked it to be safe: log "
        "in again, and tell an administrator.",
    ),
    "refresh_expired": QT_TRANSLATE_NOOP(
        "login", "This laptop has not synced for a long time and its login expired: log in again."
    ),
    "refresh_device_mismatch": QT_TRANSLATE_NOOP(
        "login", "The saved login belongs to another laptop: log in again."
    ),
    "device_bound": QT_TRANSLATE_NOOP(
        "login",
        "This laptop is registered to another user: log in on your own laptop, or ask an "
        "administrator to release this one.",
    ),
    "token_revoked": QT_TRANSLATE_NOOP("login", "The server revoked this login: log in again."),
    "not_logged_in": QT_TRANSLATE_NOOP(
        "login", "This laptop is not logged in to the server: log in."
    ),
    "token_expired": QT_TRANSLATE_NOOP("login", "The login has expired: log in again."),
}


def login_needed_text(reason: str | None) -> str:
    """The sentence for `reason`; a general one for a reason this version does not know."""
    return QCoreApplication.translate(CONTEXT, REASONS.get(reason or "", GENERAL))
