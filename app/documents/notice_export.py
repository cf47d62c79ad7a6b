"""From the store to a NoticeDocument: what the PDF, the printer and the .docx all render.

The document is an official Chinese one whatever language the app shows, so its wording (mode,
zone kind, title) is Chinese here, not translated.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from app.documents.model import CaseOrigin, NoticeDocument, NoticePhoto, NoticeProblem
from app.documents.notice_wording import MODES_ZH, ZONE_KINDS_ZH
from app.evidence.originals import ABSENT, OriginalsMissing
from app.evidence.watermark import document_watermark_lines
from app.photos.blobstore import BlobStore
from domain.cases import SOURCE_DOCUMENT_NAMES, notice_title
from domain.clock import OFFICE_TZ_DEFAULT, from_iso, office_zone
from domain.markup import drawable
from domain.numbering import is_provisional
from local_db import inspections as ops
from local_db import photos as photo_ops
from local_db.annotations import annotations_of
from local_db.cases import case_of_notice, cases_on_notice, photos_of_cases
from local_db.kept_originals import describe
from local_db.notices import events, status
from local_db.org_settings import org_settings
from local_db.queries import inspection_header
from local_db.reference import load_template, people, units
from local_db.store import Store


def _local(iso: str, zone: str) -> datetime:
    return from_iso(iso).astimezone(office_zone(zone))


def markup_of(store: Store, photo_id: str) -> tuple[dict[str, Any], ...]:
    """Every author's drawable markup of the photo, as the viewer shows it (drawn onto the
    document's copy, never into the original)."""
    return tuple(
        shape
        for row in annotations_of(store, photo_id)
        for shape in row["shapes"]
        if drawable(shape)
    )


def build_notice_document(
    store: Store, notice_id: str, zone: str = OFFICE_TZ_DEFAULT
) -> NoticeDocument:
    """The notice as printed; its times are wall-clock times of the office's `zone`. Raises
    OriginalsMissing when an original it shows is not on this laptop (ensure_originals with
    notice_originals first)."""
    notice = store.row("notice", notice_id)
    if notice is None:
        raise KeyError(notice_id)
    unit_names = {u["id"]: u["name"] for u in units(store)}
    blobs = BlobStore(store.path.parent / "blobs")
    case = case_of_notice(store, notice)
    problems: list[NoticeProblem] = []
    missing: list[Path] = []
    if case is not None:  # a case's notice (问题来源): no visit, no checklist
        header: dict[str, Any] = {
            "zone_name": _zone_name(store, notice) or case["address"],
            "unit_name": unit_names.get(notice["unit_id"], ""),
            "inspectors": "",
        }
        template = None
        found: dict[str, Any] = {}
    else:
        inspection = inspection_header(store, notice["inspection_id"])
        assert inspection is not None
        header = dict(inspection)
        template = load_template(store, header["template_id"])
        found = {f["id"]: f for f in ops.findings(store, notice["inspection_id"]).values()}
    for index, finding_id in enumerate(json.loads(notice["findings"]), start=1):
        assert template is not None
        finding = found[finding_id]
        item = template.item(finding["item_code"])
        photos = tuple(
            NoticePhoto(
                path=blobs.path(p["sha256"]),
                watermark=tuple(document_watermark_lines(p, header)),
                caption=p["caption"] or "",
                name=p["original_name"],
                markup=markup_of(store, p["id"]),
            )
            for p in photo_ops.photos_of(store, notice["inspection_id"], finding_id)
        )
        missing.extend(p.path for p in photos if not p.path.is_file())
        problems.append(
            NoticeProblem(
                index=index,
                item_code=item.code,
                item_text=item.text,
                gb_code=item.gb_code,
                location=finding["location"] or "",
                description=finding["description"],
                cases=finding["cases"],
                deduction=finding["deduction"],
                photos=photos,
            )
        )
    # the notice's own case, then the cases merged into it (合并), each a problem with its photos
    for joined in cases_on_notice(store, notice_id):
        photos = tuple(
            NoticePhoto(
                path=blobs.path(p["sha256"]),
                watermark=tuple(document_watermark_lines(p, header)),
                caption=p["caption"] or "",
                name=p["original_name"],
                markup=markup_of(store, p["id"]),
            )
            for p in photos_of_cases(store, [joined["id"]])
        )
        missing.extend(p.path for p in photos if not p.path.is_file())
        source = SOURCE_DOCUMENT_NAMES.get(joined["source"], "")
        problems.append(
            NoticeProblem(
                index=len(problems) + 1,
                item_code="",
                item_text=f"{source}{joined['ticket_no']}",
                gb_code="",
                location=joined["address"],
                description=joined["description"],
                cases=1,
                deduction=0.0,
                photos=photos,
            )
        )
    if missing:
        raise OriginalsMissing(describe(store, [p.name for p in missing]), ABSENT)
    if case is not None:
        return _case_document(store, notice, case, header, tuple(problems), zone)
    names = {p["id"]: p["name"] for p in people(store)}
    history = events(store, notice_id)
    # after 改派 the unit addressed is the new one: its 签收, and a line saying whence it came
    acknowledged = next((e for e in reversed(history) if e["kind"] == "acknowledged"), None)
    moved = [e for e in history if e["kind"] == "transferred"]
    if (
        acknowledged is not None
        and moved
        and history.index(acknowledged) < history.index(moved[-1])
    ):
        acknowledged = None  # signed by the unit it was taken from
    org = org_settings(store)  # the office's synced record (domain/org_settings.py)
    office = org.office_name
    contact = "，".join(
        part
        for part in (
            f"地址：{org.office_address}" if org.office_address else "",
            f"电话：{org.office_phone}" if org.office_phone else "",
        )
        if part
    )
    return NoticeDocument(
        number=notice["number"],
        provisional=is_provisional(notice["number"]),
        title=f"关于{header['zone_name']}城市管理问题的整改通知",
        main_unit=unit_names[notice["unit_id"]],
        cc_units=tuple(unit_names[u] for u in json.loads(notice["cc_units"]) if u in unit_names),
        office_name=office,
        inspectors=tuple(p["name"] for p in ops.inspection_persons(store, notice["inspection_id"])),
        inspected_at=_local(header["started_at"], zone),
        zone_name=header["zone_name"],
        zone_kind=ZONE_KINDS_ZH.get(header["zone_kind"], header["zone_kind"]),
        mode=MODES_ZH.get(header["mode"], header["mode"]),
        problems=tuple(problems),
        requirements=notice["requirements"],
        due_at=status(store, notice_id).due_at.astimezone(office_zone(zone)),
        report_to=f"{office}（{contact}）" if contact else office,
        issued_by=names.get(notice["issued_by"] or "", ""),
        issued_at=_local(notice["issued_at"], zone),
        acknowledged_by=acknowledged["signer"] if acknowledged else None,
        acknowledged_at=_local(acknowledged["at"], zone) if acknowledged else None,
        extra_lines=tuple(transfer_line(e, unit_names, zone) for e in moved),
    )


def transfer_line(event: dict[str, Any], unit_names: dict[str, str], zone: str) -> str:
    """改派 on the notice itself: from which unit, when, why."""
    at = _local(event["at"], zone)
    return (
        f"本通知原由{unit_names.get(event['from_unit_id'], '')}办理，"
        f"经{at.year}年{at.month}月{at.day}日改派，现由你单位负责整改"
        + (f"（改派原因：{event['note']}）" if event.get("note") else "")
        + "。"
    )


def _zone_name(store: Store, notice: dict[str, Any]) -> str:
    zone_row = store.row("zone", notice["zone_id"]) if notice.get("zone_id") else None
    return str(zone_row["name"]) if zone_row else ""


def _case_document(
    store: Store,
    notice: dict[str, Any],
    case: dict[str, Any],
    header: dict[str, Any],
    problems: tuple[NoticeProblem, ...],
    zone: str,
) -> NoticeDocument:
    """A case's notice: titled by its source and 工单号, opening with where it came from."""
    unit_names = {u["id"]: u["name"] for u in units(store)}
    names = {p["id"]: p["name"] for p in people(store)}
    acknowledged = next(
        (e for e in events(store, notice["id"]) if e["kind"] == "acknowledged"), None
    )
    org = org_settings(store)
    office = org.office_name
    contact = "，".join(
        part
        for part in (
            f"地址：{org.office_address}" if org.office_address else "",
            f"电话：{org.office_phone}" if org.office_phone else "",
        )
        if part
    )
    received = _local(case["received_at"], zone)
    return NoticeDocument(
        number=notice["number"],
        provisional=is_provisional(notice["number"]),
        title=notice_title(case["source"], case["ticket_no"]),
        main_unit=unit_names[notice["unit_id"]],
        cc_units=tuple(unit_names[u] for u in json.loads(notice["cc_units"]) if u in unit_names),
        office_name=office,
        inspectors=(),
        inspected_at=received,
        zone_name=header["zone_name"],
        zone_kind="",
        mode="",
        problems=problems,
        requirements=notice["requirements"],
        due_at=status(store, notice["id"]).due_at.astimezone(office_zone(zone)),
        report_to=f"{office}（{contact}）" if contact else office,
        issued_by=names.get(notice["issued_by"] or "", ""),
        issued_at=_local(notice["issued_at"], zone),
        acknowledged_by=acknowledged["signer"] if acknowledged else None,
        acknowledged_at=_local(acknowledged["at"], zone) if acknowledged else None,
        case=CaseOrigin(
            source_name=SOURCE_DOCUMENT_NAMES.get(case["source"], ""),
            ticket_no=case["ticket_no"],
            received_at=received,
        ),
    )


def export_notice(store: Store, notice_id: str, out: Path, zone: str = OFFICE_TZ_DEFAULT) -> Path:
    """Write the notice as PDF or .docx, by the file's suffix; times in the office's `zone`."""
    document = build_notice_document(store, notice_id, zone)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        from app.documents.notice_pdf import write_notice_pdf

        return write_notice_pdf(document, out)
    if suffix == ".docx":
        from app.documents.notice_docx import write_notice_docx

        return write_notice_docx(document, out)
    raise ValueError(f"{out.name}: export to .pdf or .docx")
