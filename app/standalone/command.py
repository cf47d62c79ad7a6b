"""`ducha org import FILE… --user USERNAME --data-dir DIR [--template FILE.json]` (a laptop
without a server, set up from the organisation workbook: app/standalone/org_import.py) and
`ducha org export --data-dir DIR --out FILE.json` (its organisation with its ids, for
`ducha-server org adopt`: app/standalone/org_export.py). Prints in the user's language (the
sheets' problems in Chinese, as `ducha-server import` prints them); exit 0 done, 1 the workbook
was refused (every problem listed, nothing written), 2 bad arguments or no such store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from domain.i18n import Message
from local_db.store import STORE_FILE

CONTEXT = "org_import"


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="ducha org", description="the organisation of a laptop without a server"
    )
    parse.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    actions = parse.add_subparsers(dest="action", required=True)
    load = actions.add_parser(
        "import",
        help="set up this laptop from the organisation workbook (sheets 单位, 区域, 用户; the "
        "format of ducha-server import)",
    )
    load.add_argument("files", type=Path, nargs="+", metavar="FILE", help=".xlsx or .csv")
    load.add_argument("--data-dir", type=Path, required=True)
    load.add_argument(
        "--user", required=True, metavar="USERNAME", help="who uses this laptop (users sheet)"
    )
    load.add_argument("--template", type=Path, metavar="FILE.json", help="the office's checklist")
    load.add_argument(
        "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    out = actions.add_parser("export", help="the organisation with its ids, for a server")
    out.add_argument("--data-dir", type=Path, required=True)
    out.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    out.add_argument(
        "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    return parse


def _say(text: str, *, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


def _text(problem: str | Message) -> str:
    from app.labels import message_text

    return message_text(problem) if isinstance(problem, Message) else problem


def main(argv: list[str]) -> int:
    """`argv` as `ducha` got it: global options, then `org`, the action and its arguments."""
    at = argv.index("org")
    front, rest = argv[:at], argv[at + 1 :]
    if "--data-dir" in front:  # `ducha --data-dir DIR org …`: the action's option
        i = front.index("--data-dir")
        rest, front = [*rest, *front[i : i + 2]], front[:i] + front[i + 2 :]
    args = parser().parse_args(front + rest)
    from app.i18n import chosen_language, install_translator
    from app.logs import start_logging

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, args.lang or chosen_language())
    if args.action == "export":
        return _export(args.data_dir, args.out)
    start_logging(args.data_dir, "org import")
    return _import(args.data_dir, args.files, args.user, args.template)


def _import(data_dir: Path, files: list[Path], user: str, template: Path | None) -> int:
    from app.labels import role_label
    from app.standalone.org_import import OrgImportRefused, import_org
    from app.store_setup import open_store

    store = open_store(data_dir)
    try:
        report = import_org(store, files, user, template)
    except OrgImportRefused as refused:
        head = QCoreApplication.translate(
            "org_import", "ducha org import: refused, nothing was written ({n} problem(s)):"
        )
        _say(head.format(n=len(refused.problems)), error=True)
        for problem in refused.problems:
            _say(f"  {_text(problem)}", error=True)
        return 1
    finally:
        store.close()
    for note in report.notes:
        _say(QCoreApplication.translate("org_import", "Note: {note}").format(note=note))
    _say(
        QCoreApplication.translate(
            "org_import",
            "Set up {folder} without a server: {units} unit(s), {zones} zone(s), {people} "
            "person(s). This laptop's user: {name} ({role}).",
        ).format(
            folder=data_dir,
            units=report.units,
            zones=report.zones,
            people=report.people,
            name=report.user,
            role=role_label(report.role),
        )
    )
    if report.template:
        _say(
            QCoreApplication.translate("org_import", "Checklist installed: {template}").format(
                template=report.template
            )
        )
    _say(
        QCoreApplication.translate(
            "org_import",
            "The sheet's initial passwords are not kept on the laptop. When a server arrives: "
            "ducha org export, then ducha-server org adopt on the server.",
        )
    )
    return 0


def _export(data_dir: Path, out: Path) -> int:
    from app.standalone.org_export import export_org
    from app.store_setup import open_store

    if not (data_dir / STORE_FILE).exists():
        text = QCoreApplication.translate("org_import", "ducha org export: no store in {folder}")
        _say(text.format(folder=data_dir), error=True)
        return 2
    store = open_store(data_dir)
    try:
        counts = export_org(store, out)
    except OSError as error:
        text = QCoreApplication.translate(
            "org_import", "ducha org export: cannot write {file}: {error}"
        )
        _say(text.format(file=out, error=error), error=True)
        return 2
    finally:
        store.close()
    _say(
        QCoreApplication.translate(
            "org_import",
            "{file}: {unit} unit(s), {zone} zone(s), {person} person(s), {template} "
            "template(s), {accounts} account(s). On the server: ducha-server org adopt {file}",
        ).format(file=out, **counts)
    )
    return 0
