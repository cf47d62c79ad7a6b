"""What a template requires before an inspection can be submitted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.template import Template

_CTX = "submission"


@dataclass(frozen=True)
class Gap:
    """Something missing for submission; blocking gaps refuse it, others ask for confirmation."""

    item_code: str | None
    message: Message
    blocking: bool = True


def submission_gaps(
    template: Template,
    findings: Mapping[str, Mapping[str, Any]],
    photo_counts: Mapping[str, int],
    *,
    inspector_count: int,
) -> list[Gap]:
    """Every gap between an inspection and what its template requires.

    `findings` maps item code → finding row; `photo_counts` maps finding id → evidence photos.
    """
    gaps: list[Gap] = []
    if inspector_count < 1:
        gaps.append(
            Gap(None, Message(_CTX, QT_TRANSLATE_NOOP("submission", "No inspector is named")))
        )
    for item in template.items():
        finding = findings.get(item.code)
        if finding is None or finding.get("result") not in ("ok", "problem", "not_applicable"):
            gaps.append(
                Gap(
                    item.code,
                    Message(
                        _CTX,
                        QT_TRANSLATE_NOOP("submission", "{code} {text}: no result recorded"),
                        {"code": item.code, "text": item.text},
                    ),
                )
            )
            continue
        if finding["result"] != "problem":
            continue
        values = {"code": item.code, "text": item.text}
        if not finding.get("cases") or int(finding["cases"]) < 1:
            gaps.append(
                Gap(
                    item.code,
                    Message(
                        _CTX,
                        QT_TRANSLATE_NOOP(
                            "submission", "{code} {text}: a problem needs at least one case"
                        ),
                        values,
                    ),
                )
            )
        if not (finding.get("description") or "").strip():
            gaps.append(
                Gap(
                    item.code,
                    Message(
                        _CTX,
                        QT_TRANSLATE_NOOP("submission", "{code} {text}: describe the problem"),
                        values,
                    ),
                )
            )
        if item.photo_required and photo_counts.get(str(finding.get("id")), 0) < 1:
            gaps.append(
                Gap(
                    item.code,
                    Message(
                        _CTX,
                        QT_TRANSLATE_NOOP(
                            "submission", "{code} {text}: the item asks for photo evidence"
                        ),
                        values,
                    ),
                )
            )
    return gaps
