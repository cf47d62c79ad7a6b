"""`ducha import cases FILE --data-dir DIR [--source …] [--photos FOLDER]`: a hotline or 随手拍
export as problem cases (app/cases/importer.py), without opening the app. Prints in the user's
language; exit 0 when the file was imported, 2 with the reasons (every problem by sheet, row and
column, or the 工单号 already imported) when nothing was."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from domain.cases import CASE_SOURCES
from local_db.store import STORE_FILE


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="ducha import cases",
        description="import a hotline or 随手拍 export (.xlsx or CSV) as problem cases",
    )
    parse.add_argument("file", type=Path, metavar="FILE.xlsx|FILE.csv")
    parse.add_argument("--data-dir", type=Path, required=True)
    parse.add_argument("--source", choices=CASE_SOURCES, default="hotline")
    parse.add_argument(
        "--photos", type=Path, metavar="FOLDER", help="where the photo files are (default: FILE's)"
    )
    parse.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    return parse


def main(argv: list[str]) -> int:
    at = argv.index("import")
    args = parser().parse_args(argv[:at] + argv[at + 2 :])
    from app.cases.importer import import_cases
    from app.cases.texts import outcome_lines
    from app.i18n import chosen_language, install_translator
    from app.logs import start_logging

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, args.lang or chosen_language())
    if not (args.data_dir / STORE_FILE).exists():
        text = QCoreApplication.translate("case_file", "ducha import cases: no store in {folder}")
        print(text.format(folder=args.data_dir), file=sys.stderr)
        return 2
    start_logging(args.data_dir, "import cases")
    outcome = import_cases(args.data_dir, args.file, source=args.source, photo_folder=args.photos)
    lines = outcome_lines(outcome)
    for line in lines:
        print(line, file=sys.stdout if outcome.ok else sys.stderr, flush=True)
    return 0 if outcome.ok else 2
