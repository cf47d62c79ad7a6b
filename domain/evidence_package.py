"""The evidence package (证据包): what the office hands over when a unit disputes a deduction.

A ZIP holding the original photos bit-exact, the records as they are in the store, the audit
trail, the notice PDF, and a manifest that names every file with its SHA-256 and size. This
module is the format and the checks, pure: it neither reads the ZIP nor the store (the I/O is in
local_db/evidence_package.py), so any tool that can list and hash the files can verify with it.

Layout (FORMAT_VERSION 1):

    manifest.json     the records of every inspection version packaged (rows as stored, digest
                      recorded at submit and recomputed), photos (row, file, owner item, EXIF
                      time and GPS), its 马路办公 duty check (or null; not in the digest),
                      notices with their events, reviews, the audit rows, and
                      "files": path, kind, SHA-256 and byte size of every other file but one
    manifest.sha256   `<sha256>  manifest.json` (sha256sum format): the one value that anchors
                      the whole package; write it on the handover record
    photos/<sha256>.<ext>   each original, exactly its bytes, once however many rows use it
    audit.csv         the audit trail of every packaged entity (UTF-8 with BOM, for Excel/WPS)
    notice.pdf        the notice (a notice's package only)
    SHA256SUMS        sha256sum lines of every listed file (for `sha256sum -c` without ducha)
    README.txt        how to verify, in Chinese
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.digest import DIGEST_VERSION, inspection_digest

FORMAT = "ducha-evidence-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_HASH = "manifest.sha256"
CHECKSUMS = "SHA256SUMS"
README = "README.txt"
AUDIT = "audit.csv"
NOTICE_PDF = "notice.pdf"
PHOTO_DIR = "photos/"
MAX_MANIFEST_BYTES = 64 << 20  # far above any real manifest; a bigger one is not read

_SHA256 = re.compile(r"[0-9a-f]{64}")
_EXT = re.compile(r"[a-z0-9]{1,5}")
_FORMAT_EXT = {"JPEG": "jpg", "PNG": "png", "HEIF": "heic", "TIFF": "tif", "WEBP": "webp"}


@dataclass(frozen=True)
class Problem:
    """One reason a package does not verify, naming the file or record it is about."""

    where: str
    what: str
    about: str = ""  # what the file is, e.g. a photo's original name and its item

    def __str__(self) -> str:
        about = f" ({self.about})" if self.about else ""
        return f"{self.where}{about}: {self.what}"


@dataclass(frozen=True)
class MemberFacts:
    """What the verifier found for one file in the ZIP: its hash and size, or why it could not
    be read (a broken CRC, a file larger than the manifest says)."""

    sha256: str | None
    byte_size: int
    error: str | None = None


def photo_path(sha256: str, original_name: str | None, fmt: str | None) -> str:
    """photos/<sha256>.<ext>, the extension from the original name (else the format)."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 in lower-case hex: {sha256!r}")
    ext = (original_name or "").rpartition(".")[2].lower() if "." in (original_name or "") else ""
    if not _EXT.fullmatch(ext):
        ext = _FORMAT_EXT.get((fmt or "").upper(), "bin")
    return f"{PHOTO_DIR}{sha256}.{ext}"


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The manifest as written: sorted keys, Chinese as it is, one field per line."""
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def sha256_line(sha256: str, path: str) -> str:
    """One line as `sha256sum` writes and `sha256sum -c` reads it."""
    return f"{sha256}  {path}\n"


def checksums_text(files: Iterable[Mapping[str, Any]]) -> str:
    return "".join(sha256_line(f["sha256"], f["path"]) for f in files)


def recorded_manifest_hash(raw: bytes) -> str | None:
    """The hash in manifest.sha256, or None when the file does not hold one for manifest.json."""
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    found = re.fullmatch(r"([0-9a-f]{64}) [ *]?manifest\.json", text)
    return found.group(1) if found else None


def parse_manifest(raw: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The manifest as a dict, or the problems that stop reading it."""
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return None, [Problem(MANIFEST, f"is not readable JSON ({error})")]
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return None, [Problem(MANIFEST, f"is not a manifest of a {FORMAT}")]
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        return None, [
            Problem(
                MANIFEST, f"format version {version!r}: this ducha reads up to {FORMAT_VERSION}"
            )
        ]
    if not isinstance(manifest.get("files"), list) or not isinstance(
        manifest.get("inspections"), list
    ):
        return None, [Problem(MANIFEST, "lacks its list of files or of inspections")]
    return manifest, []


def listed_sizes(manifest: Mapping[str, Any]) -> dict[str, int]:
    """Path → byte size of every file the manifest lists (what the verifier may read, and how
    much of it: a file bigger than listed is not read past its listed size)."""
    sizes: dict[str, int] = {}
    for entry in manifest.get("files", []):
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            size = entry.get("byte_size")
            sizes[entry["path"]] = size if isinstance(size, int) and size >= 0 else 0
    return sizes


def check_package(
    manifest_raw: bytes | None,
    hash_raw: bytes | None,
    names: list[str],
    facts: Mapping[str, MemberFacts],
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Every problem of a package, given the bytes of its manifest and of manifest.sha256, the
    names in the ZIP (in order, duplicates kept) and the facts found for the listed files."""
    problems = [
        Problem(name, f"appears {count} times in the ZIP")
        for name, count in Counter(names).items()
        if count > 1
    ]
    if manifest_raw is None:
        return None, [*problems, Problem(MANIFEST, "is missing: nothing can be checked")]
    actual = hashlib.sha256(manifest_raw).hexdigest()
    if hash_raw is None:
        problems.append(Problem(MANIFEST_HASH, "is missing: the manifest itself is unchecked"))
    else:
        recorded = recorded_manifest_hash(hash_raw)
        if recorded is None:
            problems.append(Problem(MANIFEST_HASH, "does not hold a SHA-256 for manifest.json"))
        elif recorded != actual:
            problems.append(
                Problem(
                    MANIFEST,
                    f"its SHA-256 is {actual}, but {MANIFEST_HASH} records {recorded}: "
                    "the manifest was changed",
                )
            )
    manifest, unreadable = parse_manifest(manifest_raw)
    if manifest is None:
        return None, problems + unreadable
    try:
        problems += _check_files(manifest, names, facts)
        problems += _check_records(manifest)
    except (AttributeError, KeyError, TypeError, ValueError) as error:  # a hand-made manifest
        problems.append(Problem(MANIFEST, f"is malformed ({type(error).__name__}: {error})"))
    return manifest, problems


def _check_files(
    manifest: Mapping[str, Any], names: list[str], facts: Mapping[str, MemberFacts]
) -> list[Problem]:
    problems: list[Problem] = []
    listed: dict[str, dict[str, Any]] = {}
    for entry in manifest["files"]:
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str):
            problems.append(Problem(MANIFEST, f"a file entry without a path: {entry!r}"))
            continue
        if path in listed or path in (MANIFEST, MANIFEST_HASH):
            problems.append(Problem(path, "is listed more than once in the manifest"))
        listed[path] = entry
    present = set(names)
    labels = _photo_labels(manifest)
    for path, entry in listed.items():
        about = labels.get(path, "")
        if path not in present:
            problems.append(Problem(path, "is missing from the package", about))
            continue
        found = facts.get(path)
        if found is None or found.error:
            reason = found.error if found else "was not read"
            problems.append(Problem(path, f"cannot be read from the ZIP ({reason})", about))
            continue
        if found.byte_size != entry.get("byte_size"):
            problems.append(
                Problem(
                    path,
                    f"is {found.byte_size} bytes, the manifest says {entry.get('byte_size')}: "
                    "the file was changed",
                    about,
                )
            )
        if found.sha256 != entry.get("sha256"):
            problems.append(
                Problem(
                    path,
                    f"its SHA-256 is {found.sha256}, the manifest says {entry.get('sha256')}: "
                    "the file was changed",
                    about,
                )
            )
        if entry.get("kind") == "photo" and not path.startswith(
            f"{PHOTO_DIR}{entry.get('sha256')}."
        ):
            problems.append(Problem(path, "a photo's file name must be its SHA-256", about))
    for name in dict.fromkeys(names):
        if name.endswith("/") or name in (MANIFEST, MANIFEST_HASH) or name in listed:
            continue  # a folder entry holds no data
        problems.append(Problem(name, "is in the package but not in the manifest (added)"))
    return problems


def _photo_labels(manifest: Mapping[str, Any]) -> dict[str, str]:
    """Photo file → the original's name and where it is evidence, for messages."""
    labels: dict[str, list[str]] = {}
    for number, version in enumerate(manifest["inspections"], start=1):
        for photo in version.get("photos", []) if isinstance(version, dict) else []:
            item = f"item {photo.get('item_code')}, " if photo.get("item_code") else ""
            text = f"{photo.get('original_name')}, {item}inspection version {number}"
            labels.setdefault(str(photo.get("file")), []).append(text)
    for entry in manifest.get("notices", []):
        for photo in entry.get("photos", []) if isinstance(entry, dict) else []:
            text = f"{photo.get('original_name')}, {photo.get('role')} photo of the notice"
            labels.setdefault(str(photo.get("file")), []).append(text)
    return {path: "; ".join(texts) for path, texts in labels.items()}


def _check_photo(
    where: str, photo: Mapping[str, Any], files: Mapping[str, Mapping[str, Any]]
) -> list[Problem]:
    entry = files.get(photo.get("file") or "")
    if entry is None or entry.get("kind") != "photo":
        return [Problem(where, f"its original {photo.get('file')!r} is not listed as a photo")]
    problems = []
    if entry.get("sha256") != photo.get("sha256"):
        problems.append(Problem(where, f"points at {photo.get('file')}, another original"))
    if entry.get("byte_size") != photo.get("byte_size"):
        problems.append(
            Problem(
                where,
                f"records {photo.get('byte_size')} bytes, its original has "
                f"{entry.get('byte_size')}",
            )
        )
    return problems


def _check_records(manifest: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    files = {f["path"]: f for f in manifest["files"] if isinstance(f, dict) and "path" in f}
    if manifest.get("digest_version") != DIGEST_VERSION:
        problems.append(
            Problem(
                MANIFEST,
                f"digests of version {manifest.get('digest_version')!r} cannot be recomputed "
                f"by this ducha (version {DIGEST_VERSION})",
            )
        )
    versions: dict[str, Mapping[str, Any]] = {}
    previous: str | None = None
    for number, version in enumerate(manifest["inspections"], start=1):
        try:
            row = version["inspection"]
            where = f"inspection {row['id']} (version {number})"
            recomputed = inspection_digest(
                row, version["persons"], version["findings"], version["photos"]
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problems.append(Problem(f"inspection version {number}", f"is incomplete ({error})"))
            continue
        versions[row["id"]] = version
        if row.get("status") != "submitted":
            problems.append(Problem(where, "is not a submitted inspection"))
        if recomputed != row.get("digest"):
            problems.append(
                Problem(
                    where,
                    f"its records give the digest {recomputed}, but {row.get('digest')} was "
                    "recorded at submit: the records were changed",
                )
            )
        elif version.get("recomputed_digest") != recomputed:
            problems.append(Problem(where, "the manifest's recomputed digest is wrong"))
        if number > 1 and row.get("amends_id") != previous:
            problems.append(Problem(where, "does not amend the version before it"))
        previous = row["id"]
        finding_ids = {f.get("id") for f in version["findings"]}
        for photo in version["photos"]:
            pwhere = f"photo {photo.get('id')} ({photo.get('original_name')}) of {where}"
            problems += _check_photo(pwhere, photo, files)
            if photo.get("inspection_id") != row["id"] or (
                photo.get("finding_id") is not None and photo["finding_id"] not in finding_ids
            ):
                problems.append(Problem(pwhere, "belongs to another inspection or finding"))
        problems += _check_duty(where, row, version)
    problems += _check_notices(manifest, versions, files)
    problems += _check_audit(manifest, versions)
    subject = manifest.get("subject") or {}
    packaged = versions if subject.get("kind") == "inspection" else _notice_ids(manifest)
    if subject.get("id") not in packaged:
        problems.append(Problem(MANIFEST, f"the packaged {subject.get('kind')} is not in it"))
    return problems


def _check_duty(where: str, row: Mapping[str, Any], version: Mapping[str, Any]) -> list[Problem]:
    """马路办公: a version's duty check (absent in packages made before it existed) is of this
    inspection and its zone, and its photo one of this version's. Not covered by the digest."""
    duty = version.get("duty_check")
    if duty is None:
        return []
    dwhere = f"duty check of {where}"
    if not isinstance(duty, Mapping):
        return [Problem(dwhere, "is not a record")]
    if duty.get("inspection_id") != row["id"] or duty.get("zone_id") != row.get("zone_id"):
        return [Problem(dwhere, "belongs to another inspection or zone")]
    photo_ids = {p.get("id") for p in version["photos"]}
    if duty.get("photo_id") is not None and duty["photo_id"] not in photo_ids:
        return [Problem(dwhere, "names a photo that is not in this version")]
    return []


def _notice_ids(manifest: Mapping[str, Any]) -> set[Any]:
    return {
        (n.get("notice") or {}).get("id")
        for n in manifest.get("notices", [])
        if isinstance(n, dict)
    }


def _check_notices(
    manifest: Mapping[str, Any],
    versions: Mapping[str, Mapping[str, Any]],
    files: Mapping[str, Mapping[str, Any]],
) -> list[Problem]:
    problems: list[Problem] = []
    for entry in manifest.get("notices", []):
        try:
            notice = entry["notice"]
            where = f"notice {notice['number']}"
            finding_ids = json.loads(notice["findings"])
        except (KeyError, TypeError, ValueError) as error:
            problems.append(Problem("notice", f"is incomplete ({error})"))
            continue
        cases = entry.get("cases", [])  # its case and merged ones (问题来源, domain/cases.py)
        if notice.get("case_id") is not None:
            if notice.get("case_id") not in {(c.get("case") or {}).get("id") for c in cases}:
                problems.append(Problem(where, "its case is not in the package"))
        else:
            version = versions.get(notice.get("inspection_id"))
            if version is None:
                problems.append(Problem(where, "its inspection is not in the package"))
                continue
            known = {f.get("id") for f in version["findings"]}
            if any(f not in known for f in finding_ids):
                problems.append(Problem(where, "names problems its inspection does not have"))
        for photo in entry.get("photos", []):
            pwhere = f"photo {photo.get('id')} ({photo.get('original_name')}) of {where}"
            problems += _check_photo(pwhere, photo, files)
        for case in cases:
            ticket = (case.get("case") or {}).get("ticket_no")
            for photo in case.get("photos", []):
                pwhere = f"photo {photo.get('id')} ({photo.get('original_name')}) of case {ticket}"
                problems += _check_photo(pwhere, photo, files)
    return problems


def _check_audit(
    manifest: Mapping[str, Any], versions: Mapping[str, Mapping[str, Any]]
) -> list[Problem]:
    """The digest the audit trail recorded at submit must be the one the inspection carries."""
    problems = []
    for row in manifest.get("audit", []):
        if not isinstance(row, dict) or row.get("action") != "submitted":
            continue
        version = versions.get(str(row.get("entity_id")))
        sealed = version["inspection"].get("digest") if version is not None else None
        if version is not None and row.get("digest") != sealed:
            problems.append(
                Problem(
                    f"audit row {row.get('seq')}",
                    f"recorded the digest {row.get('digest')} at submit of inspection "
                    f"{row.get('entity_id')}, which carries {sealed}",
                )
            )
    return problems
