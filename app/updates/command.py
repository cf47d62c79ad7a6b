"""`ducha update check --data-dir DIR` (ask the server this laptop logged in to whether it
offers a newer installer) and `ducha update download --data-dir DIR` (download the offered one
into DIR/updates/, resuming a part left by an earlier try, and verify it). Prints in the user's
language. Exit 0 done (check: whether or not one is offered; download: verified), 1 the server
could not be asked or the installer was refused (deleted), 2 no such store, not logged in, or
nothing on offer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from local_db.store import STORE_FILE


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(prog="ducha update", description="updates from the server")
    parse.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    actions = parse.add_subparsers(dest="action", required=True)
    for name, text in (
        ("check", "ask the server whether it offers a newer version"),
        ("download", "download the offered version and verify it"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("--data-dir", type=Path, required=True)
        action.add_argument(
            "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parse


def _say(text: str, *, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


def main(argv: list[str]) -> int:
    """`argv` as `ducha` got it: global options, then `update`, the action and its arguments."""
    at = argv.index("update")
    front, rest = argv[:at], argv[at + 1 :]
    if "--data-dir" in front:  # `ducha --data-dir DIR update …`
        i = front.index("--data-dir")
        rest, front = [*rest, *front[i : i + 2]], front[:i] + front[i + 2 :]
    args = parser().parse_args(front + rest)
    from app.i18n import chosen_language, install_translator
    from app.logs import start_logging

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, args.lang or chosen_language())
    if not (args.data_dir / STORE_FILE).exists():
        _say(
            QCoreApplication.translate("updates", "ducha update: no store in {folder}").format(
                folder=args.data_dir
            ),
            error=True,
        )
        return 2
    start_logging(args.data_dir, f"update {args.action}")
    return _run(args.action, args.data_dir)


def _run(action: str, data_dir: Path) -> int:
    from app.evidence.originals import login_client_factory
    from app.labels import message_text, refusal_text
    from app.store_setup import open_store
    from app.sync.errors import SyncError
    from app.updates.core import CONTEXT, NO_OFFER, UpdateRefused, check, current_platform, download
    from domain.i18n import Message, Refusal
    from local_db import updates

    make = login_client_factory(data_dir)
    if make is None:
        _say(
            QCoreApplication.translate(
                "updates", "ducha update: this laptop is not logged in to a server"
            ),
            error=True,
        )
        return 2
    store = open_store(data_dir)
    client = make()
    try:
        if action == "check":
            offer = check(store, client)
            if current_platform() is None:
                _say(
                    QCoreApplication.translate(
                        "updates", "No updates are offered for this operating system."
                    )
                )
            elif offer is None:
                _say(
                    QCoreApplication.translate(
                        "updates", "Up to date: the server offers no newer version."
                    )
                )
            else:
                _say(
                    QCoreApplication.translate(
                        "updates", "New version {version} available: {file}, {size} bytes."
                    ).format(version=offer.version, file=offer.file_name, size=offer.size)
                )
            return 0
        if updates.current(store) is None:
            _say(message_text(Message(CONTEXT, NO_OFFER)), error=True)
            return 2
        path = download(store, data_dir, client)
        _say(
            QCoreApplication.translate(
                "updates", "Downloaded and verified (size, SHA-256, signature): {path}"
            ).format(path=path)
        )
        return 0
    except UpdateRefused as refused:
        _say(message_text(refused.message), error=True)
        return 1
    except (SyncError, Refusal) as error:
        _say(
            QCoreApplication.translate("updates", "ducha update: {why}").format(
                why=refusal_text(error)
            ),
            error=True,
        )
        return 1
    finally:
        client.close()
        store.close()
