"""Importing a component of the composite assessment (第三方评估, 民调, 专项工作, 专业检查) from the
file the office received: `.xlsx` or CSV with a column 单位 (the unit's name) and either one
column per component named as the office names it (第三方评估, 民调, 专项工作, 专业检查) or a
column 得分 with the component given by the user.

`read_scores` checks the whole file first: every problem is named by sheet, row and column, in
the user's language (a Message each: `render` translates it), and nothing is applied from a file
with any problem. Units of the store the file does not score are warnings: their component stays
missing (domain/composite.py). `apply_scores` then keeps one import per component for the period
(local_db/assessment_imports.py): a later import of the same period replaces the earlier one,
which its history keeps. Qt-free: the command (import_command.py) and the dialog
(import_dialog.py) use it alike.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from domain.assessment import Unit
from domain.composite import parse_period, period_key
from domain.composite_config import IMPORTED, NAMES, NAMES_ZH, CompositeConfig
from domain.i18n import QT_TRANSLATE_NOOP, Message
from local_db.assessment_imports import save_import
from local_db.store import Store
from spreadsheet.table import MAX_CELL, Sheet, TableError, header_index, read_tables

CTX = "score_import"
UNIT_HEADERS = ("单位", "单位名称", "责任单位", "被考核单位", "unit")
SCORE_HEADERS = ("得分", "分数", "分值", "score")
WARN_NAMES = 10  # unscored units named in a warning, at most

Translate = Callable[[str, str], str]


def _msg(text: str, **values: Any) -> Message:
    return Message(CTX, text, values)


def render(message: Message, translate: Translate | None = None) -> str:
    """A message in the user's language (English source without `translate`); values that are
    messages themselves (where a problem is) translated too."""
    lookup = translate or (lambda _context, text: text)
    values = {
        k: render(v, translate) if isinstance(v, Message) else v for k, v in message.values.items()
    }
    return lookup(message.context, message.text).format(**values)


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-*＊:：]", "", text).lower()


def component_of(text: str) -> str | None:
    """The component a header or a user names: its key, Chinese or English name."""
    wanted = _norm(text)
    for key in IMPORTED:
        if wanted in (_norm(key), _norm(NAMES_ZH[key]), _norm(NAMES[key])):
            return key
    return None


@dataclass
class ScorePlan:
    """What a file would import, or why nothing of it can be."""

    file_name: str
    file_sha256: str = ""
    period: str = ""  # '2026-Q3' or '2026'
    scores: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # component → unit → score
    problems: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.scores)


@dataclass(frozen=True)
class Applied:
    component: str
    row: dict[str, Any]
    replaced: dict[str, Any] | None  # the period's earlier import, now in the row's history


def _where(sheet: Sheet, row: int, column: str) -> Message:
    if sheet.is_csv:
        return _msg(QT_TRANSLATE_NOOP("score_import", "Row {row}, column {column}"), row=row,
                    column=column)  # fmt: skip
    return _msg(
        QT_TRANSLATE_NOOP("score_import", "Sheet {sheet}, row {row}, column {column}"),
        sheet=sheet.name,
        row=row,
        column=column,
    )


def _header(sheets: list[Sheet]) -> tuple[Sheet, int, list[str]] | None:
    """The first sheet with a unit column among its first rows: the sheet, the header's index
    in its rows, the header's cells."""
    units = {_norm(h) for h in UNIT_HEADERS}
    for sheet in sheets:
        index = header_index(sheet, lambda cells: int(any(_norm(c) in units for c in cells)))
        if index is not None:
            return sheet, index, sheet.rows[index][1]
    return None


def _columns(
    plan: ScorePlan, cells: list[str], component: str | None, config: CompositeConfig
) -> dict[str, int]:
    """component → the column it is read from; problems for what is missing or not counted."""
    by_component = {k: i for i, c in enumerate(cells) if (k := component_of(c)) is not None}
    score_at = next((i for i, c in enumerate(cells) if _norm(c) in map(_norm, SCORE_HEADERS)), None)
    if component is not None:
        at = by_component.get(component, score_at)
        if at is None:
            plan.problems.append(
                _msg(
                    QT_TRANSLATE_NOOP("score_import", "The file has no column 得分 or {name}."),
                    name=NAMES_ZH[component],
                )
            )
            return {}
        columns = {component: at}
    elif by_component:
        columns = dict(by_component)
    elif score_at is not None:
        plan.problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "score_import",
                    "The file has one column 得分: say which component it scores (第三方评估, "
                    "民调, 专项工作 or 专业检查).",
                )
            )
        )
        return {}
    else:
        plan.problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "score_import",
                    "The file has no score column: 得分, or one named 第三方评估, 民调, 专项工作 "
                    "or 专业检查.",
                )
            )
        )
        return {}
    for key in columns:
        if config.component(key) is None:
            plan.problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "score_import",
                        "{name} is not a component of the office's composite assessment "
                        "(单位设置 → 综合考核).",
                    ),
                    name=NAMES_ZH[key],
                )
            )
    return columns


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def read_scores(
    path: Path,
    *,
    period: str,
    component: str | None,
    units: Sequence[Unit],
    config: CompositeConfig,
    tz: str,
) -> ScorePlan:
    """Check a whole file (and the period, the component) before anything is applied."""
    plan = ScorePlan(path.name)
    try:
        plan.period = period_key(parse_period(period, tz))
    except ValueError:
        plan.problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "score_import", "{period} is not a quarter (e.g. 2026-Q3) or a year (2026)."
                ),
                period=period or "—",
            )
        )
    if component is not None and component_of(component) is None:
        plan.problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "score_import",
                    "{name} is not an imported component: 第三方评估 (third_party), 民调 "
                    "(survey), 专项工作 (special) or 专业检查 (professional).",
                ),
                name=component,
            )
        )
        return plan
    component = component_of(component) if component is not None else None
    try:
        sheets = read_tables(path)  # first: it names a missing, unreadable or too large file
        data = path.read_bytes()
    except OSError:
        plan.problems.append(
            _msg(QT_TRANSLATE_NOOP("score_import", "{file} cannot be read."), file=path.name)
        )
        return plan
    except TableError as error:
        plan.problems.append(_table_problem(error, path.name))
        return plan
    plan.file_sha256 = hashlib.sha256(data).hexdigest()
    found = _header(sheets)
    if found is None:
        plan.problems.append(
            _msg(
                QT_TRANSLATE_NOOP(
                    "score_import", "{file} has no column 单位 (the unit's name) in its first rows."
                ),
                file=path.name,
            )
        )
        return plan
    sheet, header_index, header = found
    unit_at = next(i for i, c in enumerate(header) if _norm(c) in map(_norm, UNIT_HEADERS))
    columns = _columns(plan, header, component, config)
    by_name = {u.name.strip(): u for u in units}
    seen: dict[str, int] = {}
    scores: dict[str, dict[str, Decimal]] = {key: {} for key in columns}
    for number, cells in sheet.rows[header_index + 1 :]:
        cells = cells + [""] * (len(header) - len(cells))
        name = cells[unit_at].strip()
        values = {key: cells[at] for key, at in columns.items()}
        if not name:
            if any(values.values()):
                plan.problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP("score_import", "{where}: no unit named."),
                        where=_where(sheet, number, header[unit_at]),
                    )
                )
            continue
        unit = by_name.get(name)
        if unit is None:
            plan.problems.append(
                _msg(
                    QT_TRANSLATE_NOOP("score_import", "{where}: no unit is named {name}."),
                    where=_where(sheet, number, header[unit_at]),
                    name=name,
                )
            )
            continue
        if name in seen:
            plan.problems.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "score_import", "{where}: {name} is listed twice (first on row {first})."
                    ),
                    where=_where(sheet, number, header[unit_at]),
                    name=name,
                    first=seen[name],
                )
            )
            continue
        seen[name] = number
        for key, text in values.items():
            if not text:
                continue  # not scored here: a warning below
            where = _where(sheet, number, header[columns[key]])
            value = _number(text)
            if value is None:
                plan.problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP("score_import", "{where}: '{value}' is not a number."),
                        where=where,
                        value=text,
                    )
                )
                continue
            part = config.component(key)
            full = part.full_marks if part is not None else Decimal(100)
            if not 0 <= value <= full:
                plan.problems.append(
                    _msg(
                        QT_TRANSLATE_NOOP(
                            "score_import", "{where}: {value} is outside 0 to {full} (full marks)."
                        ),
                        where=where,
                        value=text,
                        full=f"{full.normalize():f}",
                    )
                )
                continue
            scores[key][unit.id] = value
    if columns and not any(scores.values()) and not plan.problems:
        plan.problems.append(
            _msg(QT_TRANSLATE_NOOP("score_import", "{file} scores no unit."), file=path.name)
        )
    plan.scores = {key: s for key, s in scores.items() if s}
    for key, scored in plan.scores.items():
        unscored = sorted(u.name for u in units if u.id not in scored)
        if unscored:
            shown = "、".join(unscored[:WARN_NAMES]) + ("…" if len(unscored) > WARN_NAMES else "")
            plan.warnings.append(
                _msg(
                    QT_TRANSLATE_NOOP(
                        "score_import",
                        "{name}: {count} units are not scored by this file and stay missing: "
                        "{units}",
                    ),
                    name=NAMES_ZH[key],
                    count=len(unscored),
                    units=shown,
                )
            )
    return plan


def _table_problem(error: TableError, file: str) -> Message:
    """Why the file cannot be read as a table (spreadsheet/table.py), where it is known."""
    texts = {
        "too_big": QT_TRANSLATE_NOOP("score_import", "{file} is too large for a score sheet."),
        "encoding": QT_TRANSLATE_NOOP(
            "score_import",
            "{file} is neither UTF-8, GBK nor UTF-16 text: save it again as CSV UTF-8.",
        ),
        "not_xlsx": QT_TRANSLATE_NOOP("score_import", "{file} is not an .xlsx workbook."),
        "old_xls": QT_TRANSLATE_NOOP(
            "score_import", "{file} is an old .xls workbook: save it again as .xlsx or CSV."
        ),
        "encrypted": QT_TRANSLATE_NOOP(
            "score_import",
            "{file} has a password: remove it in Excel or WPS and save the workbook again.",
        ),
        "empty": QT_TRANSLATE_NOOP("score_import", "{file} is empty."),
        "not_found": QT_TRANSLATE_NOOP("score_import", "{file} is not there."),
        "directory": QT_TRANSLATE_NOOP("score_import", "{file} is a folder, not a file."),
        "not_file": QT_TRANSLATE_NOOP(
            "score_import", "{file} is not a regular file (a pipe or a device)."
        ),
        "permission": QT_TRANSLATE_NOOP("score_import", "{file} cannot be read: no permission."),
        "unreadable": QT_TRANSLATE_NOOP("score_import", "{file} cannot be read ({reason})."),
        "cell_too_long": QT_TRANSLATE_NOOP(
            "score_import",
            "{where}: the cell is longer than {cell} characters, the most a cell holds (in a "
            'CSV file, a stray quote " joins the lines after it into one cell).',
        ),
        "unclosed_quote": QT_TRANSLATE_NOOP(
            "score_import",
            '{where}: the quote " that opens the cell is never closed: the {reason} line(s) '
            "after it were read into the cell.",
        ),
        "control_char": QT_TRANSLATE_NOOP(
            "score_import",
            "{where}: the cell holds a control character ({reason}) that cannot be kept: "
            "delete it and import again.",
        ),
        "formula_no_value": QT_TRANSLATE_NOOP(
            "score_import",
            "{where}: the formula has no saved value: open the file in Excel or WPS and save it.",
        ),
    }
    text = texts.get(
        error.kind,
        QT_TRANSLATE_NOOP("score_import", "{file}: only .xlsx, .csv and .txt files are read."),
    )
    where: Message | str = file
    if error.row is not None and error.sheet is not None:
        where = _msg(
            QT_TRANSLATE_NOOP("score_import", "{file}, sheet {sheet}, row {row}, column {column}"),
            file=file,
            sheet=error.sheet,
            row=error.row,
            column=error.column_letter,
        )
    elif error.row is not None:
        where = _msg(
            QT_TRANSLATE_NOOP("score_import", "{file}, row {row}, column {column}"),
            file=file,
            row=error.row,
            column=error.column_letter,
        )
    return _msg(text, file=file, where=where, cell=MAX_CELL, reason=error.detail)


def apply_scores(store: Store, plan: ScorePlan, imported_by: str | None) -> list[Applied]:
    """Keep every component of a checked plan, in one transaction (queued for the server)."""
    if not plan.ok:
        raise ValueError("a plan with problems is never applied")
    done = []
    with store.transaction():
        for key, scores in plan.scores.items():
            row, replaced = save_import(
                store,
                key,
                plan.period,
                scores,
                file_name=plan.file_name,
                file_sha256=plan.file_sha256,
                imported_by=imported_by,
            )
            done.append(Applied(key, row, replaced))
    return done


def applied_lines(
    done: list[Applied],
    translate: Translate | None = None,
    when: Callable[[str], str] | None = None,
) -> list[str]:
    """What was imported and what it replaced, one line per component; `when` shows a stored
    UTC time in the user's zone (the UTC text without it)."""
    lines = []
    for item in done:
        scored = _msg(
            QT_TRANSLATE_NOOP(
                "score_import", "{name} {period}: {count} units imported from {file}"
            ),
            name=NAMES_ZH[item.component],
            period=item.row["period"],
            count=len(json.loads(item.row["scores"])),
            file=item.row["file_name"],
        )
        lines.append(render(scored, translate))
        if item.replaced is not None:
            replaced = _msg(
                QT_TRANSLATE_NOOP(
                    "score_import",
                    "  replacing the import of {time} from {file} (kept in its history)",
                ),
                time=(when or (lambda t: t[:19].replace("T", " ")))(
                    str(item.replaced["imported_at"])
                ),
                file=item.replaced["file_name"],
            )
            lines.append(render(replaced, translate))
    return lines
