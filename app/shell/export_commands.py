"""`ducha export bulletin` and `ducha export workbook`: the month's documents without opening the
app (no display needed: Qt's offscreen platform draws the PDF).

    ducha export bulletin --month 2026-11 --data-dir DIR --out 通报.pdf   (or .docx) [--issue N]
    ducha export workbook --month 2026-11 --data-dir DIR --out 工作簿.xlsx

Every failure (no store, a bad month, an output that cannot be written, no Chinese font) is
one line on stderr naming what went wrong, and a non-zero exit: 2 for what the user asked, 1
for what happened while writing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.assessment import Period, Rules
    from local_db.store import Store

PROG = "ducha export"


def add_commands(kinds: argparse._SubParsersAction) -> None:
    """Add the bulletin and workbook subcommands to `ducha export`."""
    bulletin = kinds.add_parser("bulletin", help="the month's bulletin (督查通报) as .pdf or .docx")
    bulletin.add_argument("--month", required=True, help="the month, YYYY-MM")
    bulletin.add_argument("--data-dir", type=Path, required=True, dest="export_dir")
    bulletin.add_argument("--out", type=Path, required=True, help="FILE.pdf or FILE.docx")
    bulletin.add_argument("--issue", type=int, help="the issue number (default: the month's)")
    workbook = kinds.add_parser("workbook", help="the month's workbook (.xlsx)")
    workbook.add_argument("--month", required=True, help="the month, YYYY-MM")
    workbook.add_argument("--data-dir", type=Path, required=True, dest="export_dir")
    workbook.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    from app.shell.assessment_command import add_command as add_assessment

    add_assessment(kinds)  # the quarter's and the year's composite assessment


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Run `ducha export bulletin|workbook`; returns the exit code."""
    from domain.assessment import Period
    from local_db.store import STORE_FILE

    data_dir: Path = args.export_dir
    out: Path = args.out
    try:
        Period.parse_month(args.month)  # the shape first; the office's zone once the store is open
    except ValueError as error:
        return _fail(str(error), 2)
    if not (data_dir / STORE_FILE).is_file():
        return _fail(f"no store in {data_dir} (no {STORE_FILE} there)", 2)
    wanted = (".pdf", ".docx") if args.kind == "bulletin" else (".xlsx",)
    if out.suffix.lower() not in wanted:
        return _fail(f"{out}: the {args.kind} is written as {' or '.join(wanted)}", 2)
    if not out.parent.is_dir():
        return _fail(f"cannot write {out}: the folder {out.parent} does not exist", 2)
    if getattr(args, "issue", None) is not None and args.issue < 1:
        return _fail(f"the issue number must be 1 or more, not {args.issue}", 2)

    from local_db.store import Store, StoreError

    refused: tuple[type[Exception], ...] = (ValueError, OSError)
    if args.kind == "bulletin":
        from app.documents.fonts import NoChineseFont

        refused = (*refused, NoChineseFont)
    try:
        store = Store.open(data_dir)
    except (StoreError, OSError) as error:
        return _fail(f"cannot open the store in {data_dir}: {error}", 1)
    from local_db.org_settings import org_settings

    office = org_settings(store)  # the office's synced record: its zone and rules
    period = Period.parse_month(args.month, office.time_zone)
    rules = office.rules
    try:
        if args.kind == "workbook":
            from app.documents.bulletin_export import export_workbook

            written = export_workbook(store, period, out, rules=rules)
        else:
            bulletin = _bulletin(store, period, out, args.issue, rules, getattr(args, "lang", None))
            if bulletin is None:
                return 1  # refused: the missing originals were listed
            written = bulletin
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror}" if error.strerror else str(error), 1)
    except refused as error:  # NoChineseFont's message says what to install
        return _fail(str(error), 1)
    finally:
        store.close()
    print(f"{args.month} {args.kind} → {written}")
    return 0


def _bulletin(
    store: Store, period: Period, out: Path, issue: int | None, rules: Rules, language: str | None
) -> Path | None:
    """The bulletin; its photos' originals that this laptop lacks are fetched first when it is
    logged in, else (or when a fetch fails) it is refused with the list: None."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from app.documents.bulletin_export import bulletin_originals, export_bulletin
    from app.evidence.missing_text import print_refusal
    from app.evidence.originals import OriginalsMissing, ensure_originals, login_client_factory

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        needed = bulletin_originals(store, period)
        ensure_originals(store, needed, login_client_factory(store.path.parent))
        return export_bulletin(store, period, out, issue=issue, rules=rules)
    except OriginalsMissing as error:
        print_refusal(PROG, error, language, period.tz)
        return None
    finally:
        del app
