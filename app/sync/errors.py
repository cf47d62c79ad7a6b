"""Why a sync stopped, in words a user can act on. Nothing unconfirmed is ever marked sent."""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; str() is the message for the user."""


class SyncUnauthorized(SyncError):
    """No token, a bad or expired one, or wrong credentials: log in again. `reason`: why, when
    the server said (app/sync/login_reasons.py words it): a refused refresh credential's reason
    (device_revoked, password_changed, reused, …), refresh_expired, device_mismatch,
    account_disabled, token_revoked, token_expired, no_refresh (nothing to renew the login with),
    or None (not logged in, wrong password)."""

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


class SyncUnreachable(SyncError):
    """The server could not be reached or did not answer; try again later."""


class SyncRejected(SyncError):
    """The server refused the request itself (400/403/409/413/422)."""

    def __init__(self, message: str, *, status: int, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class SyncServerError(SyncError):
    """The server failed (5xx) or answered something that does not match the contract."""


class SyncCancelled(SyncError):
    """The user cancelled; what was confirmed so far is kept, the rest stays pending."""


class SyncLocalError(SyncError):
    """Something on this computer prevents sending (e.g. a photo's original file is missing)."""
