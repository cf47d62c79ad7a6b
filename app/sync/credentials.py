"""Where the login token is kept: the system keyring, or (where none exists, e.g. a Linux machine
without a desktop session) a file in the data folder readable only by the user. `where` tells the
UI which, so it can show a visible note for "file". The password is never stored.

The secret kept is JSON {"token", "expires_at", "refresh_token", "refresh_expires_at",
"device_id"} under service "ducha", key "<server URL>|<user>": the short access token, and the
device's long-lived refresh credential that renews it without the password (app/sync/session.py),
with the device id it was issued for. Both go to the same place, by the same rules, and so does
the device's USB-stick bundle signing key (app/bundle/keys.py, key "bundle-key|<device id>").
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.errors

SERVICE = "ducha"
FALLBACK_FILE = "credentials.json"


class CredentialError(Exception):
    """The keyring exists but refused (locked, access denied); the message says so."""


@dataclass(frozen=True)
class StoredToken:
    token: str
    expires_at: str | None
    where: str  # "keyring" | "file"
    refresh_token: str | None = None
    refresh_expires_at: str | None = None
    device_id: str | None = None  # the device the refresh credential was issued for

    @classmethod
    def of(cls, value: dict, where: str) -> StoredToken:
        def text(name: str) -> str | None:
            found = value.get(name)
            return found if isinstance(found, str) and found else None

        return cls(
            str(value["token"]),
            text("expires_at"),
            where,
            text("refresh_token"),
            text("refresh_expires_at"),
            text("device_id"),
        )


def key(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}|{username}"


def _no_keyring() -> bool:
    return isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)


def save_token(
    data_dir: Path,
    server_url: str,
    username: str,
    token: str,
    expires_at: str | None = None,
    *,
    refresh_token: str | None = None,
    refresh_expires_at: str | None = None,
    device_id: str | None = None,
) -> str:
    """Keep the token (and the device's refresh credential, when the server gave one); returns
    where it went: "keyring" or "file"."""
    secret = json.dumps(
        {
            "token": token,
            "expires_at": expires_at,
            "refresh_token": refresh_token,
            "refresh_expires_at": refresh_expires_at,
            "device_id": device_id,
        }
    )
    return save_secret(data_dir, key(server_url, username), secret)


def save_secret(data_dir: Path, name: str, secret: str) -> str:
    """Keep `secret` (JSON text) under `name` by the rules above; "keyring" or "file"."""
    if not _no_keyring():
        try:
            keyring.set_password(SERVICE, name, secret)
            _file_drop(data_dir, name)  # an older fallback copy must not linger
            return "keyring"
        except keyring.errors.NoKeyringError:
            pass
        except keyring.errors.KeyringError as error:
            raise CredentialError(f"the system keyring refused the login: {error}") from error
    entries = _file_read(data_dir)
    entries[name] = json.loads(secret)
    _file_write(data_dir, entries)
    return "file"


def load_secret(data_dir: Path, name: str) -> tuple[dict, str] | None:
    """(the JSON kept under `name`, where) or None."""
    if not _no_keyring():
        try:
            secret = keyring.get_password(SERVICE, name)
        except keyring.errors.NoKeyringError:
            secret = None
        except keyring.errors.KeyringError as error:
            raise CredentialError(f"the system keyring cannot be read: {error}") from error
        if secret:
            return json.loads(secret), "keyring"
    value = _file_read(data_dir).get(name)
    if not value:
        return None
    return value, "file"


def load_token(data_dir: Path, server_url: str, username: str) -> StoredToken | None:
    found = load_secret(data_dir, key(server_url, username))
    return None if found is None else StoredToken.of(*found)


def forget_token(data_dir: Path, server_url: str, username: str) -> None:
    """Log out: remove the token wherever it is kept."""
    forget_secret(data_dir, key(server_url, username))


def forget_secret(data_dir: Path, name: str) -> None:
    if not _no_keyring():
        try:
            keyring.delete_password(SERVICE, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError:
            pass
    _file_drop(data_dir, name)


def storage_kind() -> str:
    """Where a token would go on this machine now: "keyring" or "file" (for the settings note)."""
    return "file" if _no_keyring() else "keyring"


# -- the fallback file ---------------------------------------------------------------------------
def fallback_path(data_dir: Path) -> Path:
    return data_dir / FALLBACK_FILE


def _file_read(data_dir: Path) -> dict[str, dict]:
    path = fallback_path(data_dir)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, OSError):
        return {}  # a damaged file: the user logs in again


def _file_write(data_dir: Path, entries: dict[str, dict]) -> None:
    """Write whole, mode 0600 from the first byte, then move in place."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = fallback_path(data_dir)
    temp = data_dir / f".{FALLBACK_FILE}.{secrets.token_hex(8)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # whatever the umask
            os.write(fd, json.dumps(entries, ensure_ascii=False).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _file_drop(data_dir: Path, name: str) -> None:
    entries = _file_read(data_dir)
    if name in entries:
        del entries[name]
        if entries:
            _file_write(data_dir, entries)
        else:
            fallback_path(data_dir).unlink(missing_ok=True)
