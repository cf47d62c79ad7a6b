"""`ducha export road-chiefs`: the 路长公示 board without opening the app (no display needed: Qt's
offscreen platform draws the PDF).

    ducha export road-chiefs --data-dir DIR --out FILE.pdf|.xlsx [--unit NAME] [--size a4|poster]

One line on stderr for every failure, naming what went wrong, and a non-zero exit: 2 for what
the user asked (no store, an unknown unit, a format or a folder that cannot be), 1 for what
happened while writing (no Chinese font, a disk error). Without the office's supervision phone
(监督电话) nothing is written (exit 2). A segment without a chief or phone is said on stderr
after the file is written, with exit 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.documents.road_chiefs_export import FORMATS
from app.documents.road_chiefs_model import SIZES

PROG = "ducha export road-chiefs"
SHOWN_UNITS = 12  # of the known units named when an unknown one is asked for


def add_command(kinds: argparse._SubParsersAction) -> None:
    board = kinds.add_parser(
        "road-chiefs", help="the road-chief board (路长公示) as .pdf (A4 or poster) or .xlsx"
    )
    board.add_argument("--data-dir", type=Path, required=True, dest="export_dir")
    board.add_argument("--out", type=Path, required=True, help="FILE.pdf or FILE.xlsx")
    board.add_argument("--unit", help="one responsible unit's segments (default: all)")
    board.add_argument(
        "--size", choices=SIZES, default="a4", help="a4, or poster (A2) — for the PDF"
    )


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from local_db.store import STORE_FILE

    data_dir: Path = args.export_dir
    out: Path = args.out
    if not (data_dir / STORE_FILE).is_file():
        return _fail(f"no store in {data_dir} (no {STORE_FILE} there)", 2)
    if out.suffix.lower() not in FORMATS:
        return _fail(f"{out}: the board is written as .pdf or .xlsx", 2)
    if out.suffix.lower() == ".xlsx" and args.size != "a4":
        return _fail("--size is for the PDF: the workbook prints on A4", 2)
    if not out.parent.is_dir():
        return _fail(f"cannot write {out}: the folder {out.parent} does not exist", 2)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from PySide6.QtGui import QGuiApplication

    from app.documents.fonts import NoChineseFont
    from app.documents.road_chiefs_export import NoOfficePhone, export_road_chiefs
    from local_db.org_settings import org_settings
    from local_db.road_chiefs import UnknownUnit
    from local_db.store import Store, StoreError

    try:
        store = Store.open(data_dir)
    except (StoreError, OSError) as error:
        return _fail(f"cannot open the store in {data_dir}: {error}", 1)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        today = datetime.now(ZoneInfo(org_settings(store).time_zone)).date()
        written, board = export_road_chiefs(store, out, today, unit=args.unit, size=args.size)
    except UnknownUnit as error:
        known = "、".join(error.known[:SHOWN_UNITS]) + (
            "…" if len(error.known) > SHOWN_UNITS else ""
        )
        return _fail(f"no unit named {error.name!r} in {data_dir}; units: {known or '(none)'}", 2)
    except NoOfficePhone:
        return _fail(
            "not written: the office's supervision phone (监督电话) is not set; fill it in "
            "Settings → Office settings, then export again",
            2,
        )
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror}" if error.strerror else str(error), 1)
    except NoChineseFont as error:  # its message says what to install
        return _fail(str(error), 1)
    finally:
        store.close()
        del app
    print(f"road chiefs ({len(board.rows)} segments) → {written}")
    for what, zones in (
        ("no road chief", board.missing_chiefs),
        ("no phone", board.missing_phones),
    ):
        if zones:
            print(
                f"{PROG}: {len(zones)} segment(s) with {what}: {'、'.join(zones)}", file=sys.stderr
            )
    return 0
