"""ducha-server template list | import FILE | publish FILE | retire NAME VERSION (issue 16).

- list: every version with its state, items and the inspections made with it.
- import FILE: read and judge a template file (.xlsx/.csv as domain/template_sheet.py describes,
  or .json) without publishing: every problem on its own line and exit 1, or a summary and
  exit 0. The version is checked against the database too (it must be above the stored ones).
- publish FILE: the same checks, then publish it as a new version: laptops receive it at
  their next sync. Audited (template_publish) under `cli:<operating-system user>`.
- retire NAME VERSION: a new inspection can no longer use that version; the inspections made
  with it keep it. Audited (template_retire).

Exit 1: the file has problems; 2: refused (no such template, the version exists).
The same functions as the admin routes (server/templates.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.template_file import load_template_file
from domain.template import parse_template
from server import audit, templates
from server.cli import _refuse, _settings, _table, _url
from server.db import make_engine, reading


def _read(path: str) -> tuple[dict[str, Any] | None, int]:
    """The file's body, or None after printing its problems (exit code 1)."""
    body, problems = load_template_file(Path(path))
    if problems or body is None:
        for problem in problems:
            print(problem)
        return None, 1
    return body, 0


def _summary(body: dict[str, Any]) -> str:
    template = parse_template(body)
    capped = sum(1 for c in template.categories if c.max_deduction is not None)
    return (
        f"{template.name} v{template.version}: {len(template.categories)} categories "
        f"({capped} capped), {template.item_count} items, full score {template.full_score:g}"
    )


def cmd_template_import(args: argparse.Namespace) -> int:
    body, code = _read(args.file)
    if body is None:
        return code
    engine = make_engine(_url(args))
    try:
        with reading(engine) as conn:
            templates.check_version(conn, parse_template(body))
    except templates.TemplateRefused as error:
        print(error.message)
        return 1
    finally:
        engine.dispose()
    print(f"{_summary(body)} — valid, not published (ducha-server template publish FILE)")
    return 0


def cmd_template_publish(args: argparse.Namespace) -> int:
    body, code = _read(args.file)
    if body is None:
        return code
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            published = templates.publish(conn, _settings(args), body, audit.cli_actor())
    except templates.TemplateRefused as error:
        for problem in error.problem_list():
            print(problem["message"])
        return _refuse(f"refused ({error.code}): {error.message}")
    finally:
        engine.dispose()
    print(f"published {_summary(body)} as {published['id']}")
    return 0


def cmd_template_retire(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    try:
        with engine.begin() as conn:
            ident = templates.find(conn, args.name, args.version)
            if ident is None:
                return _refuse(f"no template {args.name} v{args.version}")
            retired = templates.retire(conn, _settings(args), ident, audit.cli_actor())
    finally:
        engine.dispose()
    print(f"retired {args.name} v{args.version} at {retired['retired_at']}")
    return 0


def cmd_template_list(args: argparse.Namespace) -> int:
    engine = make_engine(_url(args))
    try:
        with reading(engine) as conn:
            found = templates.listing(conn)
    finally:
        engine.dispose()
    print(
        _table(
            ("name", "version", "state", "items", "inspections", "published", "id"),
            [
                (
                    t["name"],
                    str(t["version"]),
                    "retired" if t["retired_at"] else "current",
                    str(t["items"]),
                    str(t["inspections"]),
                    (t["published_at"] or "")[:16],
                    t["id"],
                )
                for t in found
            ],
        )
    )
    return 0


def add_template_commands(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    group = sub.add_parser(
        "template",
        help="checklist templates: list, import (check), publish, retire",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = group.add_subparsers(dest="action", required=True)
    p = actions.add_parser("list", help="every version: state, items, inspections")
    common(p)
    p.set_defaults(func=cmd_template_list)
    p = actions.add_parser("import", help="check a template file: every problem, exit 1 if any")
    p.add_argument("file", help=".xlsx, .csv or .json")
    common(p)
    p.set_defaults(func=cmd_template_import)
    p = actions.add_parser("publish", help="check then publish a template file as a new version")
    p.add_argument("file", help=".xlsx, .csv or .json")
    common(p)
    p.set_defaults(func=cmd_template_publish)
    p = actions.add_parser("retire", help="retire a version: no new inspection may use it")
    p.add_argument("name")
    p.add_argument("version", type=int)
    common(p)
    p.set_defaults(func=cmd_template_retire)
