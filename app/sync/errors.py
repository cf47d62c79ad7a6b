"""Why a sync stopped, in words a user can act on. Nothing unconfirmed is ever marked sent.

Each error carries two texts: `message`, what happened in words (a domain.i18n.Message, English
source text marked for translation: the client shows it in the user's language with
app.labels.message_text; str() is the English), and `detail`, the technical account (which call,
which status, the library's own text) that goes only to the log and to the "details" part of
what the user sees. A photo is named by its file name, never by its SHA-256.
"""

from __future__ import annotations

from domain.i18n import QT_TRANSLATE_NOOP, Message

CONTEXT = "sync"


def sync_message(text: str, **values: object) -> Message:
    """A message of the sync context; `text` must be a literal wrapped in QT_TRANSLATE_NOOP."""
    return Message(CONTEXT, text, dict(values))


class SyncError(Exception):
    """Base of every sync failure; str() is the message for the user (English source)."""

    def __init__(self, message: str | Message, *, detail: str = "") -> None:
        self.message = message if isinstance(message, Message) else Message(CONTEXT, message)
        self.detail = detail or str(self.message)
        super().__init__(str(self.message))


class SyncUnauthorized(SyncError):
    """No token, a bad or expired one, or wrong credentials: log in again. `reason`: why, when
    the server said (app/sync/login_reasons.py words it): a refused refresh credential's reason
    (device_revoked, password_changed, reused, …), refresh_expired, device_mismatch,
    account_disabled, token_revoked, token_expired, no_refresh (nothing to renew the login with),
    or None (not logged in, wrong password)."""

    def __init__(
        self, message: str | Message, *, reason: str | None = None, detail: str = ""
    ) -> None:
        super().__init__(message, detail=detail)
        self.reason = reason


class SyncUnreachable(SyncError):
    """The server could not be reached or did not answer; try again later."""


class SyncRejected(SyncError):
    """The server refused the request itself (400/403/409/413/422)."""

    def __init__(
        self, message: str | Message, *, status: int, code: str | None = None, detail: str = ""
    ) -> None:
        super().__init__(message, detail=detail)
        self.status = status
        self.code = code


class SyncServerError(SyncError):
    """The server failed (5xx) or answered something that does not match the contract."""


class SyncCancelled(SyncError):
    """The user cancelled; what was confirmed so far is kept, the rest stays pending."""


class SyncLocalError(SyncError):
    """Something on this computer prevents sending (e.g. a photo's original file is missing)."""


# The messages the client's failures say (app/sync/client.py); the detail names the call.
UNREACHABLE = QT_TRANSLATE_NOOP(
    "sync", "The server cannot be reached; the work waits and goes out at the next sync."
)
NO_ANSWER = QT_TRANSLATE_NOOP(
    "sync",
    "The server did not answer in time; the work waits and goes out at the next sync.",
)
UNTRUSTED = QT_TRANSLATE_NOOP(
    "sync",
    "The server's certificate is not trusted: check the server address and its certificate "
    "in the settings.",
)
BUSY = QT_TRANSLATE_NOOP(
    "sync",
    "The server is busy or being restarted and did not take the work after several tries; "
    "it waits and goes out at the next sync.",
)
SERVER_FAILED = QT_TRANSLATE_NOOP(
    "sync",
    "The server had a problem and did not take the work; it waits and goes out at the next "
    "sync. Tell the office if this stays.",
)
BAD_ANSWER = QT_TRANSLATE_NOOP(
    "sync",
    "The server's answer could not be read; nothing was marked sent and the work goes out at "
    "the next sync. Tell the office if this stays.",
)
REFUSED = QT_TRANSLATE_NOOP(
    "sync",
    "The server refused the request; the work stays on this laptop. The details say why; tell "
    "the office if this stays.",
)
REFUSED_TOO_LARGE = QT_TRANSLATE_NOOP(
    "sync",
    "The server refused the request as larger than it accepts; the work stays on this laptop. "
    "Tell the office.",
)
REFUSED_FORBIDDEN = QT_TRANSLATE_NOOP(
    "sync",
    "The server refused the request: this account may not do it (its role or units); the "
    "work stays on this laptop.",
)
REFUSED_INVALID = QT_TRANSLATE_NOOP(
    "sync",
    "The server did not accept what this laptop sent: this version of Ducha may not match the "
    "server's. The work stays on this laptop; update Ducha or tell the office.",
)
# the request-level refusals (server/errors.py codes) said in words of their own
REFUSALS = {
    "too_large": REFUSED_TOO_LARGE,
    "too_many": REFUSED_TOO_LARGE,
    "forbidden": REFUSED_FORBIDDEN,
    "invalid": REFUSED_INVALID,
    "malformed": REFUSED_INVALID,
}
LOGIN_NEEDED = QT_TRANSLATE_NOOP("sync", "The login has expired or is not valid: log in again.")
NOT_LOGGED_IN = QT_TRANSLATE_NOOP("sync", "Not logged in to a server: log in first.")
WRONG_LOGIN = QT_TRANSLATE_NOOP("sync", "Wrong user name or password for {user}.")
PHOTO_DAMAGED = QT_TRANSLATE_NOOP(
    "sync",
    "Photo {name}: the server found its bytes differ from the original's fingerprint; the "
    "copy on this laptop may be damaged. Nothing after it was sent.",
)
PHOTO_MISSING = QT_TRANSLATE_NOOP(
    "sync",
    "Photo {name}: its original file is missing from this laptop, so it cannot be sent; "
    "nothing after it was sent either.",
)
CANCELLED = QT_TRANSLATE_NOOP("sync", "Sync cancelled; what was not sent waits for the next sync.")
