"""`ducha`: the desktop client, and its headless commands."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from app import __version__
from app.settings import APPLICATION, ORGANIZATION

log = logging.getLogger("ducha")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ducha", description="Ducha (督查) field supervision")
    parser.add_argument("--version", action="version", version=f"ducha {__version__}")
    parser.add_argument("--data-dir", type=Path, help="the store's folder (default: app data)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", help="fill a fresh store with demo data")
    demo.add_argument("--data-dir", type=Path, required=True, dest="demo_dir")
    demo.add_argument("--today", type=date.fromisoformat, help="pretend today is YYYY-MM-DD")
    login = commands.add_parser("login", help="log in to a server (password on standard input)")
    login.add_argument("--data-dir", type=Path, required=True, dest="login_dir")
    login.add_argument("--server", required=True, help="e.g. http://127.0.0.1:8765")
    login.add_argument("--user", required=True)
    login.add_argument("--ca-cert", help="the CA certificate of an intranet server")
    export = commands.add_parser("export", help="write a document without opening the app")
    kinds = export.add_subparsers(dest="kind", required=True)
    from app.shell.export_commands import add_commands as add_month_exports

    add_month_exports(kinds)  # bulletin, workbook
    from app.shell.road_chiefs_command import add_command as add_road_chiefs

    add_road_chiefs(kinds)  # 路长公示
    notice = kinds.add_parser("notice", help="a rectification notice as .pdf or .docx")
    notice.add_argument("number", help="the notice number, e.g. 督改〔2026〕第0123号")
    notice.add_argument("--data-dir", type=Path, required=True, dest="export_dir")
    notice.add_argument("--out", type=Path, required=True, help="FILE.pdf or FILE.docx")
    package = kinds.add_parser("package", help="an evidence package (.zip): originals, records")
    subject = package.add_mutually_exclusive_group(required=True)
    subject.add_argument("--inspection", metavar="ID", help="an inspection (its whole chain)")
    subject.add_argument("--notice", metavar="NUMBER", help="a notice and its inspection")
    package.add_argument("--data-dir", type=Path, required=True, dest="export_dir")
    package.add_argument("--out", type=Path, required=True, help="FILE.zip")
    add = commands.add_parser(
        "import",
        help="import photos, video and audio onto a draft inspection (as the editor); "
        "`ducha import cases FILE --data-dir DIR`: a hotline or 随手拍 export as cases; "
        "`ducha import assessment FILE --data-dir DIR --period 2026-Q3 [--component KEY]`: "
        "an assessment component's scores",
    )
    add.add_argument("--data-dir", type=Path, required=True, dest="import_dir")
    add.add_argument("--inspection", required=True, metavar="ID", help="the draft inspection")
    add.add_argument("--item", metavar="CODE", help="the checklist item the files are evidence of")
    add.add_argument("files", type=Path, nargs="+", metavar="FILE|FOLDER")
    verify = commands.add_parser("verify-package", help="check an evidence package (.zip)")
    verify.add_argument("package_file", type=Path, metavar="FILE.zip")
    plan = commands.add_parser(
        "verify-plan", help="check a published visit plan against its revealed seed"
    )
    plan.add_argument("plan_file", type=Path, metavar="FILE.json", nargs="?")
    plan.add_argument("--period", help="the plan of a month YYYY-MM or week YYYY-Www …")
    plan.add_argument("--data-dir", type=Path, dest="plan_dir", help="… as this store holds it")
    commands.add_parser(  # parsed by app/standalone/command.py (dispatched before this parser)
        "org",
        help="a laptop without a server: `ducha org import FILE --user USERNAME --data-dir DIR "
        "[--template FILE.json]`; `ducha org export --data-dir DIR --out FILE.json`",
    )
    commands.add_parser(  # parsed by app/updates/command.py (dispatched before this parser)
        "update",
        help="updates from the server: `ducha update check --data-dir DIR`; "
        "`ducha update download --data-dir DIR`",
    )
    commands.add_parser(  # parsed by app/bundle/command.py (dispatched before this parser)
        "bundle",
        help="sync by USB stick: `ducha bundle export --data-dir DIR --out FILE "
        "[--part-size 2G]`; `ducha bundle import ANSWER_FILE --data-dir DIR`",
    )
    # Hidden (not in --help): the bundle's proof that it plays a video (build/build.sh).
    play = commands.add_parser("check-playback")
    play.add_argument("--data-dir", type=Path, required=True, dest="play_dir")
    play.add_argument("--photo", metavar="ID", help="the video (default: the newest imported)")
    play.add_argument("--colour", type=_rgb, metavar="R,G,B", help="what the frame must show")
    commands.metavar = "{" + ",".join(n for n in commands.choices if n != "check-playback") + "}"
    return parser


def _rgb(text: str) -> tuple[int, int, int]:
    try:
        red, green, blue = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not R,G,B: {text}") from None
    return red, green, blue


def _start_log(args: argparse.Namespace) -> None:
    """A headless command with a data folder logs there (an export only into an existing one)."""
    from app.logs import start_logging

    data_dir = getattr(args, "demo_dir", None) or getattr(args, "login_dir", None)
    if getattr(args, "import_dir", None) is not None and args.import_dir.is_dir():
        data_dir = args.import_dir
    if data_dir is None and getattr(args, "export_dir", None) is not None:
        data_dir = args.export_dir if args.export_dir.is_dir() else None
    if data_dir is not None:
        kind = getattr(args, "kind", None)
        start_logging(data_dir, f"{args.command} {kind}" if kind else args.command)


def _command_at(argv: list[str]) -> str | None:
    """The command word after the global options (--lang L, --data-dir DIR)."""
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        at += 2 if argv[at] in ("--lang", "--data-dir") else 1
    return argv[at] if at < len(argv) else None


def _import_assessment(argv: list[str]) -> int | None:
    """`ducha [--lang L] import assessment FILE …` (an imported component of the composite
    assessment, app/assessment/import_command.py); None for any other command line."""
    at = 0
    while at < len(argv) and argv[at].startswith("-"):  # the global options before a command
        at += 2 if argv[at] in ("--lang", "--data-dir") else 1
    if argv[at : at + 2] != ["import", "assessment"]:
        return None
    from app.assessment.import_command import add_arguments, import_assessment_command
    from app.logs import start_logging

    parser = argparse.ArgumentParser(prog="ducha import assessment")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    add_arguments(parser)
    args = parser.parse_args(argv[:at] + argv[at + 2 :])
    if args.import_dir.is_dir():
        start_logging(args.import_dir, "import assessment")
    return import_assessment_command(
        args.import_dir, args.file, args.period, args.component, args.lang
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `ducha import cases FILE …` (issue 15): a parser of its own
    if "import" in argv and argv[argv.index("import") + 1 :][:1] == ["cases"]:
        from app.cases.import_command import main as import_cases

        return import_cases(argv)
    if _command_at(argv) == "bundle":  # `ducha bundle export|import …`: sync by USB stick
        from app.bundle.command import main as bundle_command

        return bundle_command(argv)
    if _command_at(argv) == "org":  # `ducha org import|export …`: a laptop without a server
        from app.standalone.command import main as org_command

        return org_command(argv)
    if _command_at(argv) == "update":  # `ducha update check|download …` (app/updates/command.py)
        from app.updates.command import main as update_command

        return update_command(argv)
    assessment = _import_assessment(argv)
    if assessment is not None:
        return assessment
    args = _parser().parse_args(argv)
    if args.command is not None:
        _start_log(args)
    if args.command == "demo":
        return _demo(args.demo_dir, args.today)
    if args.command == "login":
        return _login(args.login_dir, args.server, args.user, args.ca_cert)
    if args.command == "import":
        from app.evidence.import_command import import_command

        return import_command(args.import_dir, args.inspection, args.item, args.files, args.lang)
    if args.command == "check-playback":
        from app.evidence.playback_check import check_playback

        return check_playback(args.play_dir, args.photo, args.colour)
    if args.command == "verify-package":
        from app.evidence.package_command import verify_command

        return verify_command(args.package_file)
    if args.command == "verify-plan":
        from app.shell.plan_command import verify_plan_command

        return verify_plan_command(args.plan_file, args.period, args.plan_dir)
    if args.command == "export" and args.kind == "package":
        from app.evidence.package_command import export_command

        return export_command(
            args.export_dir, args.inspection, args.notice, args.out, language=args.lang
        )
    if args.command == "export" and args.kind == "assessment":
        from app.shell.assessment_command import run as run_assessment_export

        return run_assessment_export(args)
    if args.command == "export" and args.kind == "road-chiefs":
        from app.shell.road_chiefs_command import run as run_road_chiefs

        return run_road_chiefs(args)
    if args.command == "export" and args.kind in ("bulletin", "workbook"):
        from app.shell.export_commands import run as run_month_export

        return run_month_export(args)
    if args.command == "export":
        return _export_notice(args.export_dir, args.number, args.out, args.lang)
    return _gui(args)


def _login(data_dir: Path, server: str, user: str, ca_cert: str | None) -> int:
    """Headless login: keeps the token (keyring, or a private file), never the password."""
    from app.sync.account import remember_login
    from app.sync.client import SyncClient
    from app.sync.errors import SyncError
    from local_db.store import Store

    password = sys.stdin.readline().rstrip("\n")
    store = Store.open(data_dir)
    client = SyncClient(server.rstrip("/"), ca_cert=ca_cert)
    try:
        answer = client.login(user, password, store.device_id)
    except SyncError as error:
        log.warning("login to %s as %s failed: %s", server, user, error)
        print(f"ducha login: {error}", file=sys.stderr)
        store.close()
        return 1
    finally:
        client.close()
    if answer.get("must_change_password"):  # its token opens nothing but a password change
        log.warning("login to %s as %s: a one-time password, not kept", server, user)
        print(
            f"ducha login: {user} has a one-time password: choose your own first in the "
            "app's Log in… window (ducha), then log in here with it; nothing was kept",
            file=sys.stderr,
        )
        store.close()
        return 1
    try:
        where = remember_login(store, server, user, ca_cert, answer)
    finally:
        store.close()
    print(f"logged in to {server} as {user}; token kept in the {where}")
    return 0


def _export_notice(data_dir: Path, number: str, out: Path, language: str | None = None) -> int:
    """Headless: no window, no display needed (Qt's offscreen platform draws the PDF). The
    originals it shows that this laptop lacks are fetched first when it is logged in; else (or
    when a fetch fails) it refuses, naming each missing photo, and writes nothing."""
    if not (data_dir / "ducha.sqlite3").exists():
        print(f"ducha export: no store in {data_dir}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from app.documents.fonts import NoChineseFont
    from app.documents.notice_export import export_notice
    from app.evidence.missing_text import print_refusal
    from app.evidence.originals import OriginalsMissing, ensure_originals, login_client_factory
    from app.store_setup import open_store
    from local_db.kept_originals import notice_originals
    from local_db.notices import notice_by_number
    from local_db.org_settings import org_settings

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    store = open_store(data_dir)
    try:
        notice = notice_by_number(store, number)
        if notice is None:
            print(f"ducha export: no notice numbered {number} in {data_dir}", file=sys.stderr)
            return 2
        zone = org_settings(store).time_zone
        try:
            needed = notice_originals(store, notice["id"])
            ensure_originals(store, needed, login_client_factory(data_dir))
            written = export_notice(store, notice["id"], out, zone)
        except OriginalsMissing as error:
            print_refusal("ducha export", error, language, zone)
            return 1
        except (NoChineseFont, ValueError, OSError) as error:
            print(f"ducha export: {error}", file=sys.stderr)
            return 1
    finally:
        store.close()
    del app
    print(f"{number} → {written}")
    return 0


def _demo(data_dir: Path, today: date | None) -> int:
    from app.demo.fill import DemoError, fill_demo

    try:
        summary = fill_demo(data_dir, today=today)
    except DemoError as error:
        log.warning("demo refused: %s", error)
        print(f"ducha demo: {error}", file=sys.stderr)
        return 2
    print(
        f"Demo store in {data_dir}: {summary.units} units, {summary.zones} zones, "
        f"{summary.people} people, {summary.inspections} inspections "
        f"({summary.submitted} submitted, {summary.drafts} drafts), {summary.problems} problems, "
        f"{summary.notices} notices."
    )
    return 0


def _gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.logs import log_folder, start_logging
    from app.shell.startup import default_data_dir, open_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    data_dir = args.data_dir or default_data_dir()
    try:
        log_path = start_logging(data_dir, "gui")
        window = open_main_window(app, data_dir, args.lang)
    except Exception as error:  # the user must see that the app cannot start, and where to look
        log.exception("Ducha could not start")
        where = log_folder(data_dir)
        print(f"ducha: could not start: {error} (the log is in {where})", file=sys.stderr)
        QMessageBox.critical(
            None,
            "Ducha",
            QCoreApplication.translate(
                "startup", "Ducha could not start. The details were written to the log in {path}."
            ).format(path=where),
        )
        return 1
    window.show()
    code = app.exec()
    log.info("ducha closed (exit code %s); log %s", code, log_path)
    return code


if __name__ == "__main__":
    sys.exit(main())
