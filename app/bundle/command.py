"""`ducha bundle export --data-dir DIR --out FILE [--part-size SIZE]` and `ducha bundle import
ANSWER_FILE --data-dir DIR`: USB-stick sync on the laptop (app/bundle/export.py, answer.py).
Prints in the user's language; exit 0 done, 1 refused (nothing applied, the reason named), 2 bad
arguments or no such store."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from local_db.store import STORE_FILE

log = logging.getLogger(__name__)
_SIZE = re.compile(r"([0-9]+)([KMG]?)B?", re.IGNORECASE)


def part_size(text: str) -> int:
    """ "2G", "700M", "100K" or bytes."""
    match = _SIZE.fullmatch(text.strip())
    if not match or int(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"not a size: {text} (e.g. 2G, 700M)")
    return int(match.group(1)) * 1024 ** " KMG".index(match.group(2).upper() or " ")


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(prog="ducha bundle", description="sync by USB stick")
    parse.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    actions = parse.add_subparsers(dest="action", required=True)
    out = actions.add_parser("export", help="write the outbox and its originals to one file")
    out.add_argument("--data-dir", type=Path, required=True)
    out.add_argument("--out", type=Path, required=True, metavar="FILE")
    out.add_argument(
        "--part-size",
        type=part_size,
        default=part_size("2G"),
        metavar="SIZE",
        help="split into FILE.part1… when larger (default 2G: a FAT32 stick takes 4G at most)",
    )
    back = actions.add_parser("import", help="apply the server's answer to a bundle")
    back.add_argument("answer", type=Path, metavar="ANSWER_FILE")
    back.add_argument("--data-dir", type=Path, required=True)
    for p in (out, back):
        p.add_argument(
            "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parse


def main(argv: list[str]) -> int:
    from app.bundle.texts import answer_text, exported_text, refusal_text
    from app.i18n import chosen_language, install_translator
    from app.logs import start_logging
    from domain.bundle_format import BundleRefused
    from local_db.store import Store

    at = argv.index("bundle")
    args = parser().parse_args(argv[:at] + argv[at + 1 :])
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, args.lang or chosen_language())
    data_dir: Path = args.data_dir
    if not (data_dir / STORE_FILE).exists():
        print(
            QCoreApplication.translate("bundle", "ducha bundle: no store in {folder}").format(
                folder=data_dir
            ),
            file=sys.stderr,
        )
        return 2
    start_logging(data_dir, f"bundle {args.action}")
    store = Store.open(data_dir)
    try:
        if args.action == "export":
            from app.bundle.export import export_bundle

            done = export_bundle(store, data_dir, args.out, part_size=args.part_size)
            print(exported_text(done))
            for file in done.files:
                print(f"→ {file}")
            return 0
        from app.bundle.answer import import_answer

        report = import_answer(store, data_dir, args.answer)
        print(answer_text(report))
        return 0
    except BundleRefused as refused:
        log.warning("bundle %s refused: %s", args.action, refused.message)
        print(f"ducha bundle: {refusal_text(refused)}", file=sys.stderr)
        return 1
    except OSError as error:
        log.warning("bundle %s failed: %s", args.action, error)
        print(
            QCoreApplication.translate(
                "bundle", "ducha bundle: the file cannot be written or read: {error}"
            ).format(error=error.strerror or type(error).__name__),
            file=sys.stderr,
        )
        return 1
    finally:
        store.close()
