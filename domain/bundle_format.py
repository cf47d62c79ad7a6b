"""The USB-stick bundle's file format (issue 17), read and written by the laptop (app/bundle/) and
the server (server/bundle_import.py). No Qt, no database.

A bundle is a ZIP file:

- `manifest.json`: format, bundle id (random), the server's epoch (server/epoch.py) the laptop
  last synced with, user, device, created_at, the laptop's pull cursor, the batches (push bodies
  exactly as app/sync/engine.py would push them: same batch ids) and the originals it carries,
  and every member with its SHA-256 and size;
- `manifest.sig`: the detached Ed25519 signature (base64) over manifest.json's bytes, made with
  the device's key (its public half registered with the server at an online sync);
- the members: `batches/NNNN.json` and `blobs/<sha256>`.

Split (`part_size`): FILE holds only the manifest and its signature; the members are in a ZIP
cut into FILE.part1 … FILE.partN, each named in the manifest with its size and SHA-256.

Reading checks the structure, every part and every member before anything is applied; every
refusal is a BundleRefused naming the file or member and why (`code`). The answer file the
server writes back is a ZIP too: `answer.json` and `answer.sig` (the server's Ed25519 signature).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

FORMAT = 1
KIND = "ducha-bundle"
ANSWER_KIND = "ducha-bundle-answer"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
ANSWER = "answer.json"
ANSWER_SIGNATURE = "answer.sig"
CHUNK = 1024 * 1024
MAX_MANIFEST = 64 * 1024 * 1024  # a month's outbox is a few MB of JSON
MAX_ANSWER = 512 * 1024 * 1024
MAX_SIGNATURE = 200  # base64 of a 64-byte Ed25519 signature is 88 characters
_MEMBER = re.compile(r"(batches/[0-9]{4,6}\.json|blobs/[0-9a-f]{64})")
_ID = re.compile(r"[0-9A-Za-z._:-]{1,200}")

Progress = Callable[[str, int, int], None]


class BundleRefused(Exception):
    """A bundle (or an answer) refused as a whole, nothing of it applied. `code`: damaged,
    missing_part, tampered, bad_signature, unknown_device, revoked, other_server, replayed,
    other_laptop, stale, not_ready, too_large; the message names the file or member (English:
    the server's and the log's language; the laptop words its own from the code)."""

    def __init__(self, code: str, message: str, name: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.name = name  # the file or member concerned, "" when none


@dataclass(frozen=True)
class Member:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Head:
    """What a bundle's manifest says, with the bytes that were signed."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def user_id(self) -> str:
        return str(self.manifest["user_id"])

    @property
    def device_id(self) -> str:
        return str(self.manifest["device_id"])


# -- keys ----------------------------------------------------------------------------------------
def new_private_key() -> bytes:
    """A new Ed25519 private key (its 32 raw bytes)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(private: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify(public: bytes, data: bytes, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int | None = None) -> bytes | None:
    """The bytes of a base64 text (of `size` bytes when given), None when it is not one."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    return data if size is None or len(data) == size else None


def new_bundle_id() -> str:
    return secrets.token_hex(16)


def part_path(path: Path, index: int) -> Path:
    return path.with_name(f"{path.name}.part{index}")


# -- writing -------------------------------------------------------------------------------------
def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_bundle(
    out: Path,
    manifest: dict[str, Any],
    batches: list[dict[str, Any]],
    blobs: list[tuple[str, Path]],
    private_key: bytes,
    *,
    part_size: int | None = None,
    on_progress: Progress | None = None,
) -> list[Path]:
    """Write the bundle (`manifest` without its members and parts, which are added here) and
    return the files written (FILE, then its parts). Written under temporary names and moved in
    place last, so a bundle cut short by a full stick never looks whole."""
    progress = on_progress or (lambda _phase, _done, _total: None)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    members: list[dict[str, Any]] = []
    written: list[Path] = []
    try:
        with zipfile.ZipFile(payload, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
            for index, body in enumerate(batches, 1):
                data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
                name = f"batches/{index:04d}.json"
                z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
                members.append(
                    {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                )
            for done, (sha, path) in enumerate(blobs, 1):
                name = f"blobs/{sha}"
                z.write(path, name)  # stored: photos and video do not compress
                members.append({"name": name, "sha256": sha, "size": path.stat().st_size})
                progress("bundle", done, len(blobs))
        manifest = {**manifest, "members": members}
        size = payload.stat().st_size
        if part_size is not None and size > part_size:
            manifest["parts"] = _split(payload, out, part_size, written)
            payload.unlink()
            payload = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
            mode: Literal["w", "a"] = "w"
        else:
            mode = "a"
        data = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
        with zipfile.ZipFile(payload, mode, zipfile.ZIP_DEFLATED, allowZip64=True) as z:
            z.writestr(MANIFEST, data)
            z.writestr(SIGNATURE, b64(sign(private_key, data)))
        for part in written:
            part.rename(part.with_name(part.name.removesuffix(".tmp")))
        payload.replace(out)
    except BaseException:
        payload.unlink(missing_ok=True)
        for part in written:
            part.unlink(missing_ok=True)
        raise
    return [out, *(p.with_name(p.name.removesuffix(".tmp")) for p in written)]


def _split(payload: Path, out: Path, part_size: int, written: list[Path]) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    with payload.open("rb") as source:
        index = 0
        while True:
            index += 1
            target = part_path(out, index).with_name(part_path(out, index).name + ".tmp")
            digest = hashlib.sha256()
            size = 0
            with target.open("wb") as f:
                written.append(target)
                while size < part_size:
                    chunk = source.read(min(CHUNK, part_size - size))
                    if not chunk:
                        break
                    f.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            if size == 0:
                target.unlink()
                written.pop()
                break
            parts.append({"index": index, "sha256": digest.hexdigest(), "size": size})
            if size < part_size:
                break
    return parts


# -- reading -------------------------------------------------------------------------------------
def _read_signature(z: zipfile.ZipFile, name: str) -> bytes | None:
    """A signature member's 64 bytes, None when malformed; never inflated beyond its bound (the
    member is read before anything is verified: a deflated gigabyte must not reach memory)."""
    if z.getinfo(name).file_size > MAX_SIGNATURE:
        return None
    with z.open(name) as f:
        return unb64(f.read(MAX_SIGNATURE + 1).decode("ascii", "replace"), 64)


def _damaged(path: Path, why: str) -> BundleRefused:
    return BundleRefused("damaged", f"{path.name}: {why}; nothing was applied", path.name)


def read_head(path: Path) -> Head:
    """The manifest and its signature, the structure checked (not yet the signature, the parts
    or the members: `extract`)."""
    if not path.is_file():
        raise BundleRefused("missing_part", f"{path.name}: no such file", path.name)
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if MANIFEST not in names or SIGNATURE not in names:
                raise _damaged(path, "not a Ducha bundle (no manifest)")
            if z.getinfo(MANIFEST).file_size > MAX_MANIFEST:
                raise _damaged(path, "its manifest is too large")
            data = z.read(MANIFEST)
            signature = _read_signature(z, SIGNATURE)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise _damaged(
            path, f"not a readable bundle (truncated or damaged: {type(error).__name__})"
        ) from None
    if signature is None:
        raise _damaged(path, "its signature is malformed")
    try:
        manifest = json.loads(data)
    except ValueError:
        raise _damaged(path, "its manifest is not JSON") from None
    _check_manifest(path, manifest)
    return Head(manifest, data, signature)


def _check_manifest(path: Path, manifest: object) -> None:
    """The fields a reader relies on, with their types and bounds."""
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise _damaged(path, "not a Ducha bundle")
    if manifest.get("format") != FORMAT:
        raise _damaged(path, f"bundle format {manifest.get('format')!r} is not {FORMAT}")
    for name in ("bundle_id", "user_id", "device_id", "server_epoch", "created_at"):
        value = manifest.get(name)
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise _damaged(path, f"its manifest's {name} is missing or malformed")
    cursor = manifest.get("cursor")
    if not isinstance(cursor, int) or isinstance(cursor, bool) or not 0 <= cursor < 2**63:
        raise _damaged(path, "its manifest's cursor is malformed")
    members = manifest.get("members")
    if not isinstance(members, list):
        raise _damaged(path, "its manifest lists no members")
    seen = set()
    for member in members:
        if (
            not (
                isinstance(member, dict)
                and isinstance(member.get("name"), str)
                and _MEMBER.fullmatch(member["name"])
                and isinstance(member.get("sha256"), str)
                and re.fullmatch(r"[0-9a-f]{64}", member["sha256"])
                and isinstance(member.get("size"), int)
                and 0 <= member["size"] < 2**40
            )
            or member["name"] in seen
        ):
            raise _damaged(path, "its manifest lists a malformed member")
        if member["name"].startswith("blobs/") and member["name"][6:] != member["sha256"]:
            raise _damaged(path, f"member {member['name']} is not named by its SHA-256")
        seen.add(member["name"])
    parts = manifest.get("parts")
    if parts is not None and not (
        isinstance(parts, list)
        and all(
            isinstance(p, dict)
            and p.get("index") == i
            and isinstance(p.get("sha256"), str)
            and isinstance(p.get("size"), int)
            for i, p in enumerate(parts, 1)
        )
    ):
        raise _damaged(path, "its manifest lists malformed parts")


def members_of(head: Head) -> list[Member]:
    return [Member(m["name"], m["sha256"], m["size"]) for m in head.manifest["members"]]


def _join_parts(path: Path, parts: list[dict[str, Any]], target: Path) -> None:
    """Check every part (present, its size and SHA-256) and join them into `target`."""
    for part in parts:
        file = part_path(path, part["index"])
        if not file.is_file():
            raise BundleRefused(
                "missing_part", f"{file.name}: this part of the bundle is missing", file.name
            )
        if file.stat().st_size != part["size"] or _hash_file(file) != part["sha256"]:
            raise BundleRefused(
                "tampered", f"{file.name}: this part is damaged or altered", file.name
            )
    with target.open("wb") as out:
        for part in parts:
            with part_path(path, part["index"]).open("rb") as f:
                shutil.copyfileobj(f, out, CHUNK)


def extract(path: Path, head: Head, workdir: Path) -> dict[str, Path]:
    """Every member of the bundle checked (its size and SHA-256 as the manifest says, nothing
    more, nothing less) and written to `workdir`: {member name: file}."""
    payload = path
    if head.manifest.get("parts"):
        payload = workdir / "payload.zip"
        _join_parts(path, head.manifest["parts"], payload)
    wanted = {m.name: m for m in members_of(head)}
    files: dict[str, Path] = {}
    try:
        with zipfile.ZipFile(payload) as z:
            present = set(z.namelist()) - {MANIFEST, SIGNATURE}
            extra = present - set(wanted)
            if extra:
                name = sorted(extra)[0]
                raise BundleRefused("tampered", f"{path.name}: {name} is not in the manifest", name)
            for member in wanted.values():
                if member.name not in present:
                    raise BundleRefused(
                        "tampered", f"{path.name}: {member.name} is missing", member.name
                    )
                target = workdir / member.name.replace("/", "_")
                digest = hashlib.sha256()
                size = 0
                with z.open(member.name) as source, target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        if size > member.size:
                            break
                        digest.update(chunk)
                        out.write(chunk)
                if size != member.size or digest.hexdigest() != member.sha256:
                    raise BundleRefused(
                        "tampered",
                        f"{path.name}: {member.name} differs from its manifest (altered)",
                        member.name,
                    )
                files[member.name] = target
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise _damaged(path, f"truncated or damaged ({type(error).__name__})") from None
    return files


def read_batches(files: dict[str, Path]) -> list[dict[str, Any]]:
    """The push bodies, in order (members already checked by `extract`)."""
    names = sorted(n for n in files if n.startswith("batches/"))
    bodies = []
    for name in names:
        try:
            bodies.append(json.loads(files[name].read_bytes()))
        except (ValueError, RecursionError):  # signed as it is, but no batch
            raise BundleRefused(
                "damaged", f"{name}: not a batch (not JSON); nothing was applied", name
            ) from None
    return bodies


def check_sizes(head: Head, batch_limit: int, blob_limit: int, total_limit: int) -> None:
    """Every member within what the reader takes (a batch as an online push, an original as an
    upload, all of them together), before anything is inflated: BundleRefused("too_large")."""
    total = 0
    for member in members_of(head):
        limit = batch_limit if member.name.startswith("batches/") else blob_limit
        if member.size > limit:
            raise BundleRefused(
                "too_large",
                f"{member.name}: {member.size} bytes, more than this server takes ({limit}); "
                "nothing was applied",
                member.name,
            )
        total += member.size
    if total > total_limit:
        raise BundleRefused(
            "too_large",
            f"the bundle's members hold {total} bytes, more than this server takes "
            f"({total_limit}, DUCHA_MAX_BUNDLE_BYTES); nothing was applied",
        )


# -- the answer ----------------------------------------------------------------------------------
def write_answer(out: Path, answer: dict[str, Any], private_key: bytes) -> None:
    data = json.dumps(answer, ensure_ascii=False, sort_keys=True).encode()
    temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(ANSWER, data)
            z.writestr(ANSWER_SIGNATURE, b64(sign(private_key, data)))
        temp.replace(out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_answer(path: Path, server_key: bytes | None) -> dict[str, Any]:
    """The answer, its signature checked against the server's key; a laptop that does not know
    the key (None) refuses it: an unsigned answer is never taken."""
    try:
        with zipfile.ZipFile(path) as z:
            if z.getinfo(ANSWER).file_size > MAX_ANSWER:
                raise _damaged(path, "the answer is too large")
            data = z.read(ANSWER)
            signature = _read_signature(z, ANSWER_SIGNATURE)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        raise _damaged(path, "not a readable answer file (truncated or damaged)") from None
    if server_key is None or signature is None or not verify(server_key, data, signature):
        raise BundleRefused(
            "bad_signature", f"{path.name}: not signed by the server (altered?)", path.name
        )
    try:
        answer = json.loads(data)
    except ValueError:
        raise _damaged(path, "the answer is not JSON") from None
    if not isinstance(answer, dict) or answer.get("kind") != ANSWER_KIND:
        raise _damaged(path, "not an answer to a Ducha bundle")
    return answer


def blob_shas(head: Head) -> Iterable[str]:
    return (m.sha256 for m in members_of(head) if m.name.startswith("blobs/"))
