"""A checklist template file (.xlsx/.csv as domain/template_sheet.py describes, or .json) read
and judged: `load_template_file(path) -> (body | None, problems)`.

Qt-free (the server's `ducha-server template import|publish` and the client's import preview
both use it). Never raises for a bad file: every problem is a translatable Message naming its
item (code or #row) and column where it has one. The body is None when the file could not be
read at all; otherwise it is what the file holds, even with problems (for a preview) — publish
it only when `problems` is empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.sheet_table import TableError, read_tables
from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.template import CELL_PROBLEMS, TemplateError, parse_template
from domain.template_sheet import sheet_body

MAX_JSON_BYTES = 5 << 20  # the shipped template is 30 kB
_CTX = "template_file"
JSON_SUFFIXES = (".json",)

_TABLE_ERRORS = {  # app/sheet_table.py TableError.kind → what the user reads
    "too_big": QT_TRANSLATE_NOOP("template_file", "File {file}: too large for a template"),
    "encoding": QT_TRANSLATE_NOOP(
        "template_file", "File {file}: the text is neither UTF-8 nor GBK; save it as UTF-8"
    ),
    "not_xlsx": QT_TRANSLATE_NOOP(
        "template_file", "File {file}: not a readable .xlsx workbook (damaged, or another format)"
    ),
    "old_xls": QT_TRANSLATE_NOOP(
        "template_file", "File {file}: an old .xls/.et workbook; save it as .xlsx first"
    ),
    "unknown_type": QT_TRANSLATE_NOOP(
        "template_file", "File {file}: not a template file (.xlsx, .csv or .json)"
    ),
    "encrypted": QT_TRANSLATE_NOOP(
        "template_file", "File {file}: protected by a password; save it without one"
    ),
    "empty": QT_TRANSLATE_NOOP("template_file", "File {file}: nothing in it"),
    "not_found": QT_TRANSLATE_NOOP("template_file", "File {file}: cannot be read: no such file"),
    "directory": QT_TRANSLATE_NOOP("template_file", "File {file}: cannot be read: it is a folder"),
    "not_file": QT_TRANSLATE_NOOP(
        "template_file", "File {file}: cannot be read: not a regular file"
    ),
    "permission": QT_TRANSLATE_NOOP("template_file", "File {file}: cannot be read: no permission"),
    "unreadable": QT_TRANSLATE_NOOP("template_file", "File {file}: cannot be read ({reason})"),
}
_CELL_ERRORS = {  # the kinds that name a cell: sheet, row and column
    "formula_no_value": QT_TRANSLATE_NOOP(
        "template_file",
        "File {file}, sheet {sheet}, row {row}, column {column}: a formula without a saved "
        "value; open the file in Excel or WPS, save it and import it again",
    ),
    "cell_too_long": QT_TRANSLATE_NOOP(
        "template_file",
        "File {file}, sheet {sheet}, row {row}, column {column}: a cell too long "
        "(a quote left open?)",
    ),
    "unclosed_quote": QT_TRANSLATE_NOOP(
        "template_file",
        "File {file}, sheet {sheet}, row {row}, column {column}: a quote opened and never closed",
    ),
    "control_char": QT_TRANSLATE_NOOP(
        "template_file",
        "File {file}, sheet {sheet}, row {row}, column {column}: a control character {reason}",
    ),
}


def _table_problem(path: Path, error: TableError) -> Message:
    """A TableError in words, naming the cell where it has one."""
    row = getattr(error, "row", None)
    reason = str(getattr(error, "detail", "") or "")
    if error.kind in _CELL_ERRORS and row is not None:
        return _msg(
            _CELL_ERRORS[error.kind],
            file=path.name,
            sheet=getattr(error, "sheet", None) or path.name,
            row=row,
            column=getattr(error, "column_letter", "") or "?",
            reason=reason,
        )
    text = _TABLE_ERRORS.get(error.kind, _TABLE_ERRORS["unreadable"])
    return _msg(text, file=path.name, reason=reason or error.kind)


def _msg(text: str, **values: Any) -> Message:
    return Message(_CTX, text, {"item": "", **values})


def _json_body(path: Path) -> tuple[Any, list[Message]]:
    if path.stat().st_size > MAX_JSON_BYTES:
        return None, [_msg(_TABLE_ERRORS["too_big"], file=path.name)]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [_msg(_TABLE_ERRORS["encoding"], file=path.name)]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [
            _msg(
                QT_TRANSLATE_NOOP(
                    "template_file", "File {file}: not valid JSON at line {line}, column {col}"
                ),
                file=path.name,
                line=error.lineno,
                col=error.colno,
            )
        ]
    except RecursionError:
        return None, [
            _msg(
                QT_TRANSLATE_NOOP("template_file", "File {file}: nested too deeply"), file=path.name
            )
        ]


def is_json(path: Path) -> bool:
    return path.suffix.lower() in JSON_SUFFIXES


def read_template_body(path: Path) -> tuple[Any, list[Message]]:
    """The body the file holds (not yet judged) and the problems of reading it."""
    try:
        if is_json(path):
            return _json_body(path)
        return sheet_body(read_tables(path))
    except TableError as error:
        return None, [_table_problem(path, error)]
    except OSError as error:
        return None, [
            _msg(
                QT_TRANSLATE_NOOP("template_file", "File {file}: cannot be read ({reason})"),
                file=path.name,
                reason=error.strerror or type(error).__name__,
            )
        ]


def judge(body: Any, problems: list[Message], *, sheet: bool) -> list[Message]:
    """The reading problems and then the template's own (domain/template.py). A sheet's reader
    names empty cells, missing columns and repeated codes itself, by row and column: the
    template's word for the same thing is left out."""
    try:
        parse_template(body)
    except TemplateError as error:
        own = [p for p in error.problems if not (sheet and p.text in CELL_PROBLEMS)]
        problems = problems + own
    return problems


def load_template_file(path: Path) -> tuple[dict[str, Any] | None, list[Message]]:
    """The template in the file and every problem with it (see the module docstring)."""
    body, problems = read_template_body(path)
    if body is None:
        return None, problems
    problems = judge(body, problems, sheet=not is_json(path))
    return (body if isinstance(body, dict) else None), problems
