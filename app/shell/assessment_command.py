"""`ducha export assessment`: the quarter's 季度考核通报 or the year's 年度评比 (.pdf, .docx) or its
workbook (.xlsx) without opening the app.

    ducha export assessment --quarter 2026-Q3 --data-dir DIR --out 季度考核通报.pdf
    ducha export assessment --year 2026 --data-dir DIR --out 年度评比.xlsx

Like the month's exports (export_commands.py): one line on stderr naming what went wrong and exit
2 for what the user asked (a bad period, a suffix we do not write, components not yet imported),
1 for what happened while writing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.shell.export_commands import _fail

IMPORT_HINT = "import them first: ducha import assessment FILE --data-dir {dir}"


def add_command(kinds: argparse._SubParsersAction) -> None:
    command = kinds.add_parser(
        "assessment",
        help="the quarter's 季度考核通报 or the year's 年度评比 as .pdf or .docx, or its .xlsx",
    )
    period = command.add_mutually_exclusive_group(required=True)
    period.add_argument("--quarter", help="the quarter, YYYY-Qn")
    period.add_argument("--year", help="the year, YYYY")
    command.add_argument("--data-dir", type=Path, required=True, dest="export_dir")
    command.add_argument("--out", type=Path, required=True, help="FILE.pdf, FILE.docx or FILE.xlsx")


def _period_text(args: argparse.Namespace) -> str | None:
    """The period as typed, when it has the asked shape (a quarter YYYY-Qn, a year YYYY)."""
    text = (args.quarter if args.quarter is not None else args.year).strip().upper()
    quarter = args.quarter is not None
    if quarter and ("-Q" not in text):
        return None
    if not quarter and "-Q" in text:
        return None
    return text


def run(args: argparse.Namespace) -> int:
    """Run `ducha export assessment`; the exit code."""
    from app.documents.composite_export import SUFFIXES
    from domain.composite import parse_period
    from local_db.store import STORE_FILE

    data_dir: Path = args.export_dir
    out: Path = args.out
    asked = args.quarter if args.quarter is not None else args.year
    text = _period_text(args)
    try:
        if text is None:
            raise ValueError
        parse_period(text, "UTC")  # the shape first; the office's zone once the store is open
    except ValueError:
        shape = "a quarter (YYYY-Qn)" if args.quarter is not None else "a year (YYYY)"
        return _fail(f"not {shape}: {asked!r}", 2)
    if not (data_dir / STORE_FILE).is_file():
        return _fail(f"no store in {data_dir} (no {STORE_FILE} there)", 2)
    if out.suffix.lower() not in SUFFIXES:
        return _fail(f"{out}: the assessment is written as {', '.join(SUFFIXES)}", 2)
    if not out.parent.is_dir():
        return _fail(f"cannot write {out}: the folder {out.parent} does not exist", 2)

    from local_db.store import Store, StoreError

    try:
        store = Store.open(data_dir)
    except (StoreError, OSError) as error:
        return _fail(f"cannot open the store in {data_dir}: {error}", 1)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from app.documents.composite_export import (
        CompositeIncomplete,
        assess_composite_store,
        write_composite,
    )
    from app.documents.fonts import NoChineseFont
    from domain.composite_config import NAMES_ZH
    from local_db.org_settings import org_settings

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        office = org_settings(store)
        period = parse_period(text, office.time_zone)
        a = assess_composite_store(store, period)
        written = write_composite(a, out, office_name=office.office_name)
    except CompositeIncomplete as error:
        names = ", ".join(f"{k} ({NAMES_ZH.get(k, k)})" for k in error.missing)
        hint = IMPORT_HINT.format(dir=data_dir)
        return _fail(f"{text}: components not yet imported: {names}; {hint}", 2)
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror}" if error.strerror else str(error), 1)
    except (ValueError, NoChineseFont) as error:
        return _fail(str(error), 1)
    finally:
        store.close()
        del app
    print(f"{text} assessment → {written}")
    return 0
