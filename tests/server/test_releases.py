"""Installers on the county's server (issue 17): `ducha-server release add` takes only an
installer signed by a release key that ships inside the app and matching its signed manifest;
GET /releases/latest offers the newest per platform, never a withdrawn one."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.server.releases import installer


@pytest.fixture
def added(server) -> Iterator[list[str]]:
    """Release ids a test adds, withdrawn afterwards (the server is the session's)."""
    ids: list[str] = []
    yield ids
    for release_id in ids:
        server.cli("release", "withdraw", release_id)


def add(server, path, version, platform, *extra: str):
    return server.cli(
        "release", "add", str(path), "--version", version, "--platform", platform, *extra
    )


def added_id(done) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout.rsplit("(release ", 1)[1].rstrip(")\n")


def latest(server, platform: str, current: str = "0.1.0") -> dict | None:
    answer = server.session("insp_b").get(
        f"{server.base}/releases/latest", params={"platform": platform, "current": current}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["release"]


def test_release_add_refuses_what_is_not_signed_or_not_what_was_signed(server, tmp_path, added):
    unsigned = installer(tmp_path / "unsigned", "8.1.0", "windows-x64")
    unsigned.with_name(unsigned.name + ".release.json").unlink()
    done = add(server, unsigned, "8.1.0", "windows-x64")
    assert done.returncode == 2 and "no signature" in done.stderr

    tampered = installer(tmp_path / "tampered", "8.1.0", "windows-x64")
    data = bytearray(tampered.read_bytes())
    data[1000] ^= 0xFF
    tampered.write_bytes(bytes(data))
    done = add(server, tampered, "8.1.0", "windows-x64")
    assert done.returncode == 2 and "SHA-256" in done.stderr and tampered.name in done.stderr

    stranger = installer(
        tmp_path / "stranger", "8.1.0", "windows-x64", key=Ed25519PrivateKey.generate()
    )
    done = add(server, stranger, "8.1.0", "windows-x64")
    assert done.returncode == 2 and "not one of the release keys" in done.stderr

    forged = installer(tmp_path / "forged", "8.1.0", "windows-x64")
    signature = forged.with_name(forged.name + ".release.json")
    signed = json.loads(signature.read_text())
    signed["manifest"]["version"] = "8.9.0"  # the manifest changed after signing
    signature.write_text(json.dumps(signed))
    done = add(server, forged, "8.9.0", "windows-x64")
    assert done.returncode == 2 and "signature does not match" in done.stderr

    good = installer(tmp_path / "good", "8.1.0", "windows-x64")
    done = add(server, good, "8.2.0", "windows-x64")  # signed as 8.1.0
    assert done.returncode == 2 and "for version '8.1.0', not '8.2.0'" in done.stderr
    done = add(server, good, "8.1.0", "linux-x64-deb")
    assert done.returncode == 2 and "ends with .deb" in done.stderr
    done = add(server, good, "8.x", "windows-x64")
    assert done.returncode == 2 and "not a version" in done.stderr

    listed = server.cli("release", "list").stdout
    assert "8.1.0" not in listed  # nothing of the refused ones recorded
    added.append(added_id(add(server, good, "8.1.0", "windows-x64")))
    again = add(server, good, "8.1.0", "windows-x64")
    assert again.returncode == 2 and "already held" in again.stderr

    listed = server.cli("release", "list").stdout
    line = next(line for line in listed.splitlines() if added[0] in line)
    assert "windows-x64" in line and "8.1.0" in line and good.name in line
    assert server.stored(line.split()[5]) == good.read_bytes()  # the blob, content-addressed
    audit = server.cli("audit", "--action", "release_add").stdout
    assert added[0] in audit


def test_the_newest_release_per_platform_is_offered_and_a_withdrawn_one_is_not(
    server, tmp_path, added
):
    for version, platform in (
        ("8.5.0", "windows-x64"),
        ("8.10.0", "windows-x64"),  # 8.10 is newer than 8.5 (not a string order)
        ("8.7.0", "linux-x64-deb"),
    ):
        path = installer(tmp_path / version / platform, version, platform)
        added.append(added_id(add(server, path, version, platform)))

    offered = latest(server, "windows-x64")
    assert offered is not None and (offered["version"], offered["id"]) == ("8.10.0", added[1])
    assert offered["signed"]["manifest"]["sha256"] == offered["sha256"]
    assert latest(server, "windows-x64", current="8.10.0") is None  # up to date
    assert latest(server, "windows-x64", current="8.10.1") is None
    deb = latest(server, "linux-x64-deb")
    assert deb is not None and deb["version"] == "8.7.0"

    withdrawn = server.cli("release", "withdraw", "8.10.0", "--platform", "windows-x64")
    assert withdrawn.returncode == 0, withdrawn.stderr
    offered = latest(server, "windows-x64")
    assert offered is not None and offered["version"] == "8.5.0"
    file = server.session("insp_b").get(f"{server.base}/releases/{added[1]}/file")
    assert file.status_code == 404  # a withdrawn release is not downloaded either
    assert "release_withdraw" in server.cli("audit", "--action", "release_withdraw").stdout

    no_token = requests.get(
        f"{server.base}/releases/latest", params={"platform": "windows-x64"}, timeout=10
    )
    assert no_token.status_code == 401
    unknown = server.session("insp_b").get(
        f"{server.base}/releases/latest", params={"platform": "macos"}
    )
    assert unknown.status_code == 422
