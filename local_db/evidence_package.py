"""Writing an evidence package (ZIP) and verifying one. No Qt: the notice PDF, when there is
one, comes in as bytes (app/evidence/package_command.py renders it). The format and the checks are
in domain/evidence_package.py; this module does the file work: copying each original into the ZIP
while hashing it (read once), and reading a ZIP back without extracting it.

The verifier needs no store; it lives here, beside the writer, because both are the package's
I/O and domain/ does none.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import secrets
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.clock import OFFICE_TZ_DEFAULT, from_iso, office_zone
from domain.evidence_package import (
    AUDIT,
    CHECKSUMS,
    MANIFEST,
    MANIFEST_HASH,
    MAX_MANIFEST_BYTES,
    NOTICE_PDF,
    README,
    MemberFacts,
    Problem,
    check_package,
    checksums_text,
    listed_sizes,
    manifest_bytes,
    parse_manifest,
    sha256_line,
)
from local_db.evidence_records import Collected, EvidenceError, MissingOriginals, Original

CHUNK = 1 << 20
DateTime = tuple[int, int, int, int, int, int]
AUDIT_COLUMNS = (
    "seq",
    "at",
    "actor",
    "actor_name",
    "device_id",
    "entity",
    "entity_id",
    "action",
    "digest",
)


class PackageUnreadable(Exception):
    """The file is not a ZIP at all, or cannot be opened: nothing in it can be checked."""


def missing_originals(collected: Collected, original: Callable[[str], Path]) -> list[Original]:
    """The originals this laptop does not hold."""
    return [o for o in collected.originals if not original(o.sha256).is_file()]


def write_package(
    collected: Collected,
    out: Path,
    *,
    original: Callable[[str], Path],
    documents: Mapping[str, bytes] | None = None,
    zone: str = OFFICE_TZ_DEFAULT,
) -> Path:
    """Write the package to `out` (complete or not at all). `original(sha256)` is where the
    original's bytes are; `documents` are further files (notice.pdf); the files' times and the
    README's are wall-clock times of the office's `zone`. Raises MissingOriginals before writing
    anything, EvidenceError when a stored original is not its hash any more."""
    missing = missing_originals(collected, original)
    if missing:
        raise MissingOriginals(missing)
    manifest = dict(collected.manifest)
    files: list[dict[str, Any]] = []
    stamp = from_iso(manifest["created_at"]).astimezone(office_zone(zone))
    date_time: DateTime = (
        stamp.year,
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.part")
    try:
        with zipfile.ZipFile(temp, "w") as zf:

            def put(path: str, data: bytes, kind: str) -> None:
                info = zipfile.ZipInfo(path, date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
                sha = hashlib.sha256(data).hexdigest()
                files.append({"path": path, "kind": kind, "sha256": sha, "byte_size": len(data)})

            for item in collected.originals:
                _copy_original(zf, item, original(item.sha256), date_time)
                files.append(
                    {
                        "path": item.path,
                        "kind": "photo",
                        "sha256": item.sha256,
                        "byte_size": item.byte_size,
                    }
                )
            put(AUDIT, audit_csv(collected.audit, manifest["reference"]["persons"]), "audit")
            for name, data in (documents or {}).items():
                put(name, data, "document")
            put(
                README,
                readme_text(collected, stamp.strftime("%Y-%m-%d %H:%M"), zone).encode(),
                "readme",
            )
            put(CHECKSUMS, checksums_text(files).encode("ascii"), "checksums")
            manifest["files"] = files
            raw = manifest_bytes(manifest)
            info = zipfile.ZipInfo(MANIFEST, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, raw)
            line = sha256_line(hashlib.sha256(raw).hexdigest(), MANIFEST)
            zf.writestr(zipfile.ZipInfo(MANIFEST_HASH, date_time), line.encode("ascii"))
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out


def _copy_original(zf: zipfile.ZipFile, item: Original, source: Path, date_time: DateTime) -> None:
    """Copy bytes in as they are (stored, not compressed), hashing while copying."""
    info = zipfile.ZipInfo(item.path, date_time)
    info.compress_type = zipfile.ZIP_STORED
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as blob, zf.open(info, "w", force_zip64=True) as member:
        while chunk := blob.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            member.write(chunk)
    if digest.hexdigest() != item.sha256 or size != item.byte_size:
        raise EvidenceError(
            f"the original of {item.label} on this laptop is damaged: its bytes no longer "
            f"match SHA-256 {item.sha256}; it cannot be packaged"
        )


def audit_csv(rows: list[dict[str, Any]], persons: Mapping[str, str]) -> bytes:
    """The audit trail for people: CSV, UTF-8 with a BOM so Excel and WPS read the Chinese."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(AUDIT_COLUMNS)
    for row in rows:
        named = {**row, "actor_name": persons.get(row.get("actor") or "", "")}
        writer.writerow(["" if named.get(c) is None else named[c] for c in AUDIT_COLUMNS])
    return text.getvalue().encode("utf-8-sig")


def zone_words(zone: str) -> str:
    """How the README names the zone of its times: 北京时间, or the zone's name."""
    return "北京时间" if zone == OFFICE_TZ_DEFAULT else f"{zone} 时间"


def unit_event_lines(manifest: Mapping[str, Any], zone: str = OFFICE_TZ_DEFAULT) -> list[str]:
    """改派, 异议, 推诿 and 延期申请 of the packaged notices in words, units by name."""
    names = (manifest.get("reference") or {}).get("units") or {}

    def unit(ident: object) -> str:
        return str(names.get(str(ident), ident or "？"))

    lines = []
    for entry in manifest.get("notices", []):
        for e in entry.get("events", []):
            kind, note = e.get("kind"), e.get("note") or ""
            at = from_iso(str(e["at"])).astimezone(office_zone(zone)).strftime("%Y-%m-%d %H:%M")
            due = e.get("new_due_at")
            until = (
                from_iso(str(due)).astimezone(office_zone(zone)).strftime("%Y-%m-%d %H:%M")
                if due
                else ""
            )
            if kind == "transferred":
                text = f"改派：{unit(e.get('from_unit_id'))} → {unit(e.get('to_unit_id'))}，"
                text += f"新整改期限 {until}，原因：{note}"
            elif kind == "disputed":
                text = f"异议：{unit(e.get('from_unit_id'))}（{e.get('signer') or ''}），{note}"
            elif kind == "dispute_refused":
                text = f"驳回异议（推诿，计入{unit(e.get('from_unit_id'))}）：{note}"
            elif kind == "extension_requested":
                text = f"延期申请：{unit(e.get('from_unit_id'))}（{e.get('signer') or ''}）"
                text += f"申请延期至 {until}，理由：{note}"
            else:
                continue
            lines.append(f"  {at}  {text}")
    return lines


def readme_text(collected: Collected, created_local: str, zone: str = OFFICE_TZ_DEFAULT) -> str:
    manifest = collected.manifest
    moves = unit_event_lines(manifest, zone)
    history = ("\n改派、异议与延期申请\n" + "\n".join(moves) + "\n") if moves else ""
    subject = manifest["subject"]
    what = (
        f"整改通知 {subject['number']}（及其所依据的督查记录的全部已提交版本）"
        if subject["kind"] == "notice"
        else f"督查记录 {subject['id']}（更正链中的全部已提交版本）"
    )
    version = manifest["digest_version"]
    pdf = f"  {NOTICE_PDF:<18}整改通知书\n" if subject["kind"] == "notice" else ""
    return f"""督查证据包
==========

内容：{what}
生成：{created_local}（{zone_words(zone)}），设备 {manifest["created_by"]["device_id"]}，\
{manifest["created_by"]["software"]}
照片原件 {len(collected.originals)} 张，督查记录版本 {len(manifest["inspections"])} 个
{history}
文件
  {MANIFEST:<18}清单：全部记录（督查记录各版本、问题、照片、路长在岗核查、审核、整改通知
  {"":<18}及其事件、操作日志）
  {"":<18}及下列每个文件的 SHA-256 和字节数
  {MANIFEST_HASH:<18}清单文件本身的 SHA-256
  photos/           照片原件，逐字节未经任何改动，文件名就是其 SHA-256
  {AUDIT:<18}操作日志（本设备记录的部分）
{pdf}  {CHECKSUMS:<18}全部文件的 SHA-256 校验值
  {README:<18}本说明

如何核验
1. 用督查软件：
     ducha verify-package 本文件.zip
   全部一致时显示 VERIFIED，退出码 0；任何文件被改动、缺失或多出，任何记录与提交时的
   摘要不符，都会逐条列出（写明文件或记录），退出码 1。
2. 不用督查软件：解压后，在解压出的文件夹中运行
     sha256sum -c {MANIFEST_HASH}
     sha256sum -c {CHECKSUMS}
   每行都应显示 OK（成功）。Windows 可用 certutil -hashfile 文件名 SHA256 逐个比对。
3. 请把 {MANIFEST_HASH} 中的值与移交登记上记下的值核对。清单记有每个文件的 SHA-256，
   这一个值不变，包内任何文件都不可能被改动而不被发现。

每个督查记录版本提交时，按其记录和照片的 SHA-256 计算摘要（digest，第 {version} 版规则）
并记入操作日志；核验时从清单中的记录重新计算，必须与提交时的摘要一致。
"""


# -- verifying -------------------------------------------------------------------------------------


@dataclass
class Verification:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    manifest_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """What was checked, in one line."""
        if self.manifest is None:
            return f"{self.path.name}: no readable manifest"
        subject = self.manifest.get("subject") or {}
        what = subject.get("number") or subject.get("id")
        photos = sum(1 for f in self.manifest.get("files", []) if f.get("kind") == "photo")
        return (
            f"{subject.get('kind')} {what}: {len(self.manifest['inspections'])} inspection "
            f"version(s), {photos} original photo(s), {len(self.manifest.get('files', []))} "
            f"files; created {self.manifest.get('created_at')} on device "
            f"{(self.manifest.get('created_by') or {}).get('device_id')}"
        )


def verify_package(path: Path) -> Verification:
    """Check a package without extracting it. Raises PackageUnreadable for a file that is not
    a readable ZIP; every other problem is in the answer, each naming its file or record."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise PackageUnreadable(f"{path}: not a readable ZIP file ({error})") from error
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        names = [i.filename for i in zf.infolist()]
        last = {i.filename: i for i in infos}
        raws: dict[str, bytes | None] = {}
        for name in (MANIFEST, MANIFEST_HASH):
            if name not in last:
                raws[name] = None
                continue
            facts, data = _read(zf, last[name], MAX_MANIFEST_BYTES, keep=True)
            if facts.error:
                return Verification(path, [Problem(name, f"cannot be read ({facts.error})")])
            raws[name] = data
        result = Verification(path)
        manifest_raw = raws[MANIFEST]
        if manifest_raw is not None:
            result.manifest_sha256 = hashlib.sha256(manifest_raw).hexdigest()
        sizes: dict[str, int] = {}
        if manifest_raw is not None:
            parsed, _ = parse_manifest(manifest_raw)
            sizes = listed_sizes(parsed) if parsed else {}
        found = {
            name: _read(zf, info, sizes[name])[0] for name, info in last.items() if name in sizes
        }
        result.manifest, result.problems = check_package(
            raws[MANIFEST], raws[MANIFEST_HASH], names, found
        )
    return result


def _read(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, *, keep: bool = False
) -> tuple[MemberFacts, bytes | None]:
    """Hash a member, reading at most `limit` + 1 bytes (more means it is not the listed file)."""
    digest = hashlib.sha256()
    kept = bytearray()
    size = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(min(CHUNK, limit + 1 - size)):
                size += len(chunk)
                if size > limit:
                    return MemberFacts(
                        None, size, f"larger than the {limit} bytes the manifest lists"
                    ), None
                digest.update(chunk)
                if keep:
                    kept += chunk
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as error:
        return MemberFacts(None, size, str(error) or type(error).__name__), None
    return MemberFacts(digest.hexdigest(), size), bytes(kept) if keep else None
