"""The laptop's account on a server: what a successful login leaves behind, and what the sync
and the photo fetches read back. One place for the login dialog and `ducha login`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from app.bundle.keys import REGISTERED
from app.settings import CA_CERT, SERVER, USERNAME
from app.settings_qt import qsettings, read, write
from app.sync.session import keep_login
from local_db.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Account:
    server: str  # "" when this laptop never logged in
    username: str
    ca_cert: str | None


def account(settings: QSettings | None = None) -> Account:
    """The server and user this laptop logged in to last, and the server's CA certificate."""
    return Account(
        server=read(SERVER, settings),
        username=read(USERNAME, settings),
        ca_cert=read(CA_CERT, settings) or None,
    )


def remember_login(
    store: Store,
    server: str,
    username: str,
    ca_cert: str | None,
    answer: dict[str, Any],
    settings: QSettings | None = None,
) -> str:
    """After the server accepted a login: keep its token and the device's refresh credential
    (the system keyring, or a private file), make the server's person this laptop's user, and
    remember the server, the user and the certificate. The password is not kept anywhere.
    Returns where the token went: "keyring" or "file"."""
    server = server.strip().rstrip("/")
    where = keep_login(store.path.parent, server, username, answer, store.device_id)
    with store.transaction():  # from now on the laptop's user is the server's person
        store.set_meta("local_person_id", answer["user"]["id"])
        store.set_meta(REGISTERED, "")  # the bundle key registered again at the next sync
    settings = settings if settings is not None else qsettings()
    write(SERVER, server, settings)
    write(USERNAME, username, settings)
    write(CA_CERT, (ca_cert or "").strip(), settings)
    settings.sync()
    log.info("logged in to %s as %s; token kept in the %s", server, username, where)
    return where
