"""A laptop's saved login against the real server (issue 12, finding 6): after days offline its
access token has expired, and the sync renews it with the device's refresh credential — no
password, the new pair saved at once; a login the server no longer takes stops the sync with
its reason, for the window to word (tests/ui/server/test_refresh_ui.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from app.store_setup import open_store
from app.sync.client import SyncClient
from app.sync.credentials import load_token
from app.sync.engine import sync_once
from app.sync.errors import SyncUnauthorized
from app.sync.session import keep_login, saved_client
from local_db import inspections as ops
from local_db.store import Store
from local_db.sync_state import sync_status
from tests.server.accounts import fresh_user, ok_cli
from tests.server.conftest import PASSWORD
from tests.server.rows import pull_all
from tests.server.test_refresh import _expire_access, _refresh


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    """The headless machine's case: the login goes to the private file (same rules)."""
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


def _laptop(server, stem: str, folder: Path) -> tuple[str, str, Store]:
    """(name, server URL, store) of a laptop logged in as a fresh user, its login saved as
    the login dialog saves it, synced once."""
    name = fresh_user(server, stem)
    url = server.base.removesuffix("/api/v1")
    store = open_store(folder)
    client = SyncClient(url)
    answer = client.login(name, PASSWORD, store.device_id)
    client.close()
    keep_login(folder, url, name, answer, store.device_id)
    with store.transaction():
        store.set_meta("local_person_id", answer["user"]["id"])
    _sync(folder, url, name, store)
    return name, url, store


def _sync(folder: Path, url: str, name: str, store: Store):
    client = saved_client(folder, url, name)
    assert client is not None
    try:
        return sync_once(store, folder, client)
    finally:
        client.close()


def _draft(server, store: Store) -> dict:
    return ops.start_inspection(
        store,
        template_id=server.template_id,
        zone_id=server.zones["A"],
        mode="open",
        person_ids=[store.meta("local_person_id")],
    )


def test_back_after_two_days_offline_the_laptop_syncs_without_a_password(server, tmp_path):
    name, url, store = _laptop(server, "fieldlaptop", tmp_path)
    try:
        before = load_token(tmp_path, url, name)
        assert before is not None and before.refresh_token and before.where == "file"
        assert before.device_id == store.device_id
        draft = _draft(server, store)  # work done offline
        _expire_access(server, server.users[name])  # two days later

        report = _sync(tmp_path, url, name, store)

        assert report.accepted >= 1
        assert sync_status(store).pending_changes == 0
        office = server.session("office")
        pulled, _ = pull_all(office, server.base, limit=1000)  # every page: the server is shared
        assert draft["id"] in {c["id"] for c in pulled}
        after = load_token(tmp_path, url, name)
        assert after is not None
        assert after.token != before.token and after.refresh_token != before.refresh_token
        # the saved pair is the live one: the next sync (token expired again) renews with it
        _expire_access(server, server.users[name])
        _sync(tmp_path, url, name, store)
        # the credential it replaced is spent
        spent = _refresh(server, before.refresh_token or "", store.device_id)
        assert spent.status_code == 401
    finally:
        store.close()


def test_a_revoked_laptop_is_told_why_and_must_log_in(server, tmp_path):
    name, url, store = _laptop(server, "revokedlaptop", tmp_path)
    try:
        _draft(server, store)
        ok_cli(server, "device", "revoke", store.device_id)
        with pytest.raises(SyncUnauthorized) as refused:
            _sync(tmp_path, url, name, store)
        assert refused.value.reason == "device_revoked"
        # nothing was lost: the change waits for the next login
        assert sync_status(store).pending_changes >= 1
    finally:
        store.close()


def test_a_login_without_refresh_credential_is_told_it_expired(server, tmp_path):
    """A login saved before this version (no refresh credential) asks for the password when
    its token expires, with that reason."""
    name, url, store = _laptop(server, "oldlogin", tmp_path)
    try:
        kept = load_token(tmp_path, url, name)
        assert kept is not None
        keep_login(tmp_path, url, name, {"token": kept.token, "expires_at": None}, None)
        _expire_access(server, server.users[name])
        with pytest.raises(SyncUnauthorized) as refused:
            _sync(tmp_path, url, name, store)
        assert refused.value.reason == "token_expired"
    finally:
        store.close()


def test_logout_revokes_the_laptops_refresh_credential(server, tmp_path):
    name, url, store = _laptop(server, "loggingout", tmp_path)
    try:
        kept = load_token(tmp_path, url, name)
        assert kept is not None and kept.refresh_token
        client = saved_client(tmp_path, url, name)
        assert client is not None
        client.logout()
        client.close()
        refused = _refresh(server, kept.refresh_token, store.device_id)
        assert refused.status_code == 401, refused.text
        assert refused.json()["error"]["reason"] == "logged_out"
    finally:
        store.close()


def test_two_threads_finding_the_token_expired_renew_it_once(server, tmp_path):
    """The engine uploads and pushes on two threads; both meet the expired token. One renewal
    (a second would spend the credential twice: a theft, the chain revoked)."""
    name, url, store = _laptop(server, "twothreads", tmp_path)
    store.close()
    _expire_access(server, server.users[name])
    client = saved_client(tmp_path, url, name)
    assert client is not None
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def ask() -> None:
        try:
            with client.connection():
                start.wait(10)
                client.pull(0, 1)
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    client.close()
    assert not failures, failures
    kept = load_token(tmp_path, url, name)
    assert kept is not None and kept.token == client.token
    # the kept credential is the live one (not revoked as a replay)
    assert _refresh(server, kept.refresh_token or "", kept.device_id or "").status_code == 200


def test_a_long_lived_client_takes_over_a_pair_renewed_by_another_then_renews_it(server, tmp_path):
    """A photo fetch's client made hours ago meets a token that the sync renewed since, and
    that has expired again too: it takes the saved pair (never the spent credential it holds)
    and renews that."""
    name, url, store = _laptop(server, "longlived", tmp_path)
    store.close()
    old = saved_client(tmp_path, url, name)
    assert old is not None
    _expire_access(server, server.users[name])
    sync = saved_client(tmp_path, url, name)
    assert sync is not None
    sync.pull(0, 1)  # renews, saves the new pair
    sync.close()
    _expire_access(server, server.users[name])
    old.pull(0, 1)  # takes the saved pair over, finds it expired, renews it
    old.close()
    kept = load_token(tmp_path, url, name)
    assert kept is not None and kept.token == old.token
    assert _refresh(server, kept.refresh_token or "", kept.device_id or "").status_code == 200
