"""From the store to the quarter's or the year's composite documents: the 季度考核通报 / 年度评比
(PDF or .docx, composite_pdf / composite_docx) and the workbook (.xlsx, composite_workbook).

The figures are local_db/composite_data's, under the office's configuration
(local_db/composite_settings) and rules; nothing is written while an imported component is
missing (CompositeIncomplete names them).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.documents.composite_model import CompositeIncomplete, build_composite
from domain.assessment import Period, Rules
from domain.clock import utc_now
from domain.composite import CompositeAssessment
from domain.composite_config import CompositeConfig
from local_db.composite_data import assess_composite_period
from local_db.composite_settings import composite_config
from local_db.org_settings import org_settings
from local_db.store import Store

SUFFIXES = (".pdf", ".docx", ".xlsx")

__all__ = ["SUFFIXES", "CompositeIncomplete", "assess_composite_store", "export_composite"]


def assess_composite_store(
    store: Store,
    period: Period,
    *,
    as_of: datetime | None = None,
    config: CompositeConfig | None = None,
    rules: Rules | None = None,
) -> CompositeAssessment:
    """The period's composite assessment under the office's configuration and rules."""
    return assess_composite_period(
        store,
        period,
        config=config if config is not None else composite_config(store),
        rules=rules if rules is not None else org_settings(store).rules,
        as_of=as_of,
    )


def write_composite(
    a: CompositeAssessment, out: Path, *, office_name: str, number: str | None = None
) -> Path:
    """Write a complete assessment's document (by `out`'s suffix). Raises CompositeIncomplete,
    ValueError for another suffix, NoChineseFont or OSError."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{out.name}: the assessment is written as .pdf, .docx or .xlsx")
    if not a.complete:
        raise CompositeIncomplete(a.missing)
    if suffix == ".xlsx":
        from app.documents.composite_workbook import (
            CompositeData,
            workbook_title,
            write_composite_workbook,
        )

        return write_composite_workbook(CompositeData(workbook_title(a), a, office_name), out)
    doc = build_composite(
        a,
        office_name=office_name,
        issued_on=a.as_of.astimezone(a.period.zone).date(),
        number=number,
    )
    if suffix == ".pdf":
        from app.documents.composite_pdf import write_composite_pdf

        return write_composite_pdf(doc, out)
    from app.documents.composite_docx import write_composite_docx

    return write_composite_docx(doc, out)


def export_composite(
    store: Store,
    period: Period,
    out: Path,
    *,
    as_of: datetime | None = None,
    config: CompositeConfig | None = None,
    rules: Rules | None = None,
) -> Path:
    """The period's 通报 / 评比 (.pdf, .docx) or workbook (.xlsx) at `out`."""
    a = assess_composite_store(store, period, as_of=as_of or utc_now(), config=config, rules=rules)
    return write_composite(a, out, office_name=org_settings(store).office_name)
