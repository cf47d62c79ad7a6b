"""The login token: the system keyring where there is one, else a file only the user can read."""

from __future__ import annotations

import stat
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from app.sync import credentials

URL = "https://ducha.example.gov.cn/"
USER = "zhang"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend of the library's own interface, holding secrets in memory."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def restore_keyring():
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def test_without_a_keyring_the_token_goes_to_a_file_only_the_user_can_read(
    tmp_path: Path, restore_keyring
):
    keyring.set_keyring(keyring.backends.fail.Keyring())  # what a headless Linux machine has

    where = credentials.save_token(tmp_path, URL, USER, "tok-1", "2099-01-01T00:00:00Z")

    assert where == "file" == credentials.storage_kind()
    path = credentials.fallback_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "tok-1" in path.read_text(encoding="utf-8")
    loaded = credentials.load_token(tmp_path, URL, USER)
    assert loaded == credentials.StoredToken("tok-1", "2099-01-01T00:00:00Z", "file")
    assert credentials.load_token(tmp_path, URL, "li") is None

    credentials.forget_token(tmp_path, URL, USER)

    assert credentials.load_token(tmp_path, URL, USER) is None
    assert not path.exists()


def test_with_a_keyring_the_token_goes_there_and_no_file_is_written(
    tmp_path: Path, restore_keyring
):
    backend = MemoryKeyring()
    keyring.set_keyring(backend)

    where = credentials.save_token(tmp_path, URL, USER, "tok-2")

    assert where == "keyring" == credentials.storage_kind()
    assert list(backend.secrets) == [("ducha", "https://ducha.example.gov.cn|zhang")]
    assert not credentials.fallback_path(tmp_path).exists()
    assert credentials.load_token(tmp_path, URL, USER).where == "keyring"
    credentials.forget_token(tmp_path, URL, USER)
    assert backend.secrets == {}


def test_a_token_kept_in_the_file_earlier_moves_to_the_keyring(tmp_path: Path, restore_keyring):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    credentials.save_token(tmp_path, URL, USER, "old")
    keyring.set_keyring(MemoryKeyring())

    assert credentials.load_token(tmp_path, URL, USER).where == "file"  # still found
    credentials.save_token(tmp_path, URL, USER, "new")

    assert credentials.load_token(tmp_path, URL, USER) == credentials.StoredToken(
        "new", None, "keyring"
    )
    assert not credentials.fallback_path(tmp_path).exists()
